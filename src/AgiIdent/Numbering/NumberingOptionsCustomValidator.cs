using AgiIdent.Settings;

namespace AgiIdent.Numbering;

/// <summary>The checks of <see cref="NumberingOptions"/> an attribute cannot say: a country libphonenumber knows, an area code of digits.</summary>
internal sealed class NumberingOptionsCustomValidator : SettingsValidator<NumberingOptions>
{
    /// <inheritdoc />
    protected override void Check(NumberingOptions options, List<string> errors)
    {
        if (!NumberingPlan.TryFor(options.Country, out _))
        {
            errors.Add($"AgiIdent:Numbering:Country: '{options.Country}' is not a region libphonenumber knows; write an ISO 3166 code (UA, PL, DE, US, ...) or E164");
        }

        if (options.AreaCode is { Length: > 0 } area && (!area.All(char.IsAsciiDigit) || area.Length > 5))
        {
            errors.Add($"AgiIdent:Numbering:AreaCode: '{area}' is not an area code; write its digits, e.g. 44 or 044");
        }

    }
}
