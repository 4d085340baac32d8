using AgiIdent.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AgiIdent.Sync;

/// <summary>Registers the daemon's background sync.</summary>
public static class SyncRegistration
{
    /// <summary>
    /// Adds <see cref="SyncService"/> and its <see cref="SyncStatus"/> (the <see cref="ISyncHealth"/> of health and
    /// metrics) when <see cref="SyncOptions.IntervalSeconds"/> asks for syncs in the daemon; with 0 (the default)
    /// nothing, and syncing is left to <c>agiident sync</c>.
    /// </summary>
    public static IHostApplicationBuilder AddSync(this IHostApplicationBuilder builder, SyncOptions settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.IntervalSeconds > 0)
        {
            builder.Services.AddSingleton(new SyncStatus(settings.IntervalSeconds));
            builder.Services.AddSingleton<ISyncHealth>(static services => services.GetRequiredService<SyncStatus>());
            builder.Services.AddHostedService<SyncService>();
        }

        return builder;
    }
}
