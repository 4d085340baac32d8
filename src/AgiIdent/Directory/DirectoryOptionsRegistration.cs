using AgiIdent.Directory.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgiIdent.Directory;

/// <summary>Binds and validates the directory's sections, <c>AgiIdent:Directory</c> and <c>AgiIdent:Import</c>.</summary>
public static class DirectoryOptionsRegistration
{
    /// <summary>
    /// Adds <see cref="DirectoryOptions"/> (with <c>ConnectionStrings:Directory</c>) and <see cref="ImportOptions"/>,
    /// each checked by its generated and its cross-field validator when the host starts.
    /// <paramref name="stateDirectory"/> is where the default cache file goes.
    /// </summary>
    public static IServiceCollection AddDirectoryOptions(this IServiceCollection services, IConfiguration configuration, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<DirectoryOptions, DirectoryOptionsValidator>()
            .Bind(configuration.GetSection(DirectoryOptions.Section))
            .Configure(options => BindOutside(options, configuration, stateDirectory));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DirectoryOptions>, DirectoryOptionsCustomValidator>());
        services.AddOptionsWithValidateOnStart<ImportOptions, ImportOptionsValidator>()
            .Bind(configuration.GetSection(ImportOptions.Section));
        return services;
    }

    /// <summary>What the directory reads from outside its section: the connection string, and the state folder.</summary>
    internal static void BindOutside(DirectoryOptions options, IConfiguration configuration, string stateDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        options.ConnectionString = configuration.GetConnectionString("Directory");
        options.StateDirectory = stateDirectory;
    }
}
