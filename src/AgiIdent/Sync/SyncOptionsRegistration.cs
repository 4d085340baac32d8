using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgiIdent.Sync;

/// <summary>Binds and validates <c>AgiIdent:Sync</c>.</summary>
public static class SyncOptionsRegistration
{
    /// <summary>Adds <see cref="SyncOptions"/>, checked by its generated and its cross-field validator when the host starts.</summary>
    public static IServiceCollection AddSyncOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<SyncOptions, SyncOptionsValidator>()
            .Bind(configuration.GetSection(SyncOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncOptions>, SyncOptionsCustomValidator>());
        return services;
    }
}
