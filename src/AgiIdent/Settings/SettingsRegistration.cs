using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgiIdent.Settings;

/// <summary>Registers an options class the way dotnet/extensions registers its resilience options.</summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/>, checked when the host starts
    /// (<c>ValidateOnStart</c>) by its generated validator, then by its cross-field one.
    /// </summary>
    public static OptionsBuilder<TOptions> AddSettings<
        TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TGenerated,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TCrossField>(
        this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TGenerated : class, IValidateOptions<TOptions>
        where TCrossField : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptionsWithValidateOnStart<TOptions, TGenerated>().Bind(configuration.GetSection(section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TCrossField>());
        return options;
    }
}
