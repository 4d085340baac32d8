using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgiIdent.Display;

/// <summary>Binds and validates <c>AgiIdent:Display</c>.</summary>
public static class DisplayOptionsRegistration
{
    /// <summary>Adds <see cref="DisplayOptions"/>, checked by its generated and its cross-field validator when the host starts.</summary>
    public static IServiceCollection AddDisplayOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<DisplayOptions, DisplayOptionsValidator>()
            .Bind(configuration.GetSection(DisplayOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DisplayOptions>, DisplayOptionsCustomValidator>());
        return services;
    }
}
