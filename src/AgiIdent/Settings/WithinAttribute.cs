using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AgiIdent.Settings;

/// <summary>
/// A whole-number setting between <see cref="Minimum"/> and <see cref="Maximum"/>; an unset nullable one passes. The
/// message names the key (the class's <see cref="SettingsSectionAttribute"/> and the property), the value and what is
/// allowed: <c>AgiIdent:MaxSessions: 0 is out of range; allowed 1..100000</c>. The options validator source generator
/// of Microsoft.Extensions.Options calls it with the options object as the context's instance and the property's name
/// as its member name.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class WithinAttribute(int minimum, int maximum) : ValidationAttribute
{
    /// <summary>The least value allowed.</summary>
    public int Minimum { get; } = minimum;

    /// <summary>The greatest value allowed; <see cref="int.MaxValue"/> reads "and up".</summary>
    public int Maximum { get; } = maximum;

    /// <summary>What follows the allowed range in the message, e.g. <c> milliseconds</c> or <c> (objects per request)</c>.</summary>
    public string Unit { get; set; } = string.Empty;

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is not int number || (number >= Minimum && number <= Maximum))
        {
            return ValidationResult.Success;
        }

        var allowed = Maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{Minimum} and up")
            : string.Create(CultureInfo.InvariantCulture, $"{Minimum}..{Maximum}");
        var key = SettingsSectionAttribute.KeyOf(validationContext.ObjectType, validationContext.MemberName);
        return new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"{key}: {number} is out of range; allowed {allowed}{Unit}"));
    }
}
