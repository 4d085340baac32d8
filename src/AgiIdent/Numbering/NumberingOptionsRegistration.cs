using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgiIdent.Numbering;

/// <summary>Binds and validates <c>AgiIdent:Numbering</c>.</summary>
public static class NumberingOptionsRegistration
{
    /// <summary>Adds <see cref="NumberingOptions"/>, checked by its generated and its cross-field validator when the host starts.</summary>
    public static IServiceCollection AddNumberingOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<NumberingOptions, NumberingOptionsValidator>()
            .Bind(configuration.GetSection(NumberingOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NumberingOptions>, NumberingOptionsCustomValidator>());
        return services;
    }
}
