using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgiIdent.Rules;

/// <summary>Binds and validates <c>AgiIdent:Rules</c>.</summary>
public static class RulesOptionsRegistration
{
    /// <summary>Adds <see cref="RulesOptions"/>, compiled by <see cref="RulesOptionsValidator"/> when the host starts.</summary>
    public static IServiceCollection AddRulesOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<RulesOptions, RulesOptionsValidator>()
            .Bind(configuration.GetSection(RulesOptions.Section));
        return services;
    }
}
