using AgiIdent.Directory;
using AgiIdent.Directory.Postgres;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Rules;
using AgiIdent.Settings;
using AgiIdent.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgiIdent.Hosting;

/// <summary>Builds the configuration (appsettings.json, an optional file, environment) and binds it strictly.</summary>
public static class AgiIdentConfiguration
{
    /// <summary>
    /// The sources, lowest priority first: <c>appsettings.json</c> beside the executable, the file given with
    /// <c>--config</c> (without it, <c>$AGIIDENT_CONFIG</c> or the installed <c>/etc/agiident/appsettings.json</c>:
    /// <see cref="AgiIdentPaths.DefaultSettingsFile"/>), the secret files of <see cref="AgiIdentPaths.Credentials"/>,
    /// then environment variables (<c>AgiIdent__Listen</c>, <c>ConnectionStrings__Directory</c>).
    /// </summary>
    public static IConfigurationRoot Build(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        if (string.IsNullOrEmpty(configFile) && AgiIdentPaths.DefaultSettingsFile() is { } installed)
        {
            builder.AddJsonFile(installed, optional: false, reloadOnChange: false);
        }

        if (!string.IsNullOrEmpty(configFile))
        {
            var path = Path.GetFullPath(configFile);
            if (!File.Exists(path))
            {
                throw new ConfigurationErrorsException($"--config: file '{path}' does not exist");
            }

            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        try
        {
            builder.AddInMemoryCollection(AgiIdentPaths.Credentials());
            builder.AddEnvironmentVariables();
            var secrets = SecretFiles(System.Environment.GetEnvironmentVariables());
            return builder.AddInMemoryCollection(secrets).Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationErrorsException($"configuration file is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>
    /// Settings read from files named by <c>..._FILE</c> environment variables (Docker and systemd credentials):
    /// <c>ConnectionStrings__Directory_FILE=/run/secrets/db</c> sets <c>ConnectionStrings:Directory</c> to the file's
    /// content, without its final line break.
    /// </summary>
    internal static Dictionary<string, string?> SecretFiles(System.Collections.IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry variable in environment)
        {
            var name = (string)variable.Key;
            if (!name.EndsWith("_FILE", StringComparison.Ordinal) || !name.Contains("__", StringComparison.Ordinal))
            {
                continue;
            }

            var key = name[..^"_FILE".Length].Replace("__", ":", StringComparison.Ordinal);
            try
            {
                values[key] = File.ReadAllText((string)variable.Value!).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new ConfigurationErrorsException($"{name}: cannot read the file it names: {e.Message}");
            }
        }

        return values;
    }

    /// <summary>
    /// The top-level sections something reads: ours, the connection string, Serilog (<c>ReadFrom.Configuration</c>)
    /// and Kestrel (its endpoint and limit settings, which the host's Kestrel reads). <c>Logging</c> and
    /// <c>AllowedHosts</c> of the ASP.NET templates are not: logging is Serilog's, and the slim host has no host filter.
    /// </summary>
    internal static IReadOnlyList<string> KnownSections { get; } = [AgiIdentOptions.Section, "ConnectionStrings", "Serilog", "Kestrel"];

    /// <summary>
    /// Binds and validates the <c>AgiIdent</c> section and checks the settings files' sections and Serilog's levels;
    /// throws <see cref="ConfigurationErrorsException"/> listing every bad key and value at once. Each section is
    /// bound and validated as <see cref="AddAgiIdentOptions"/> registers it, the validators the daemon's start runs
    /// (<c>ValidateOnStart</c>) run here, so the commands that read settings stop on the same messages.
    /// </summary>
    public static AgiIdentOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AgiIdentOptions.Section);
        var errors = new List<string>();
        FindUnknownSections(configuration, errors);
        var badValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CheckKeys(section, typeof(AgiIdentOptions), errors, badValues);
        // A value that does not convert is reported above; the rest is bound and validated without it.
        var bound = badValues.Count == 0 ? configuration : Without(configuration, badValues);
        using var services = new ServiceCollection().AddAgiIdentOptions(bound).BuildServiceProvider();
        var checks = new List<string>();
        AgiIdentOptions? options = null;
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            options = services.GetRequiredService<IOptions<AgiIdentOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            checks.AddRange(e.Failures);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(static i => i is OptionsValidationException))
        {
            checks.AddRange(e.InnerExceptions.SelectMany(static i => ((OptionsValidationException)i).Failures));
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }

        // A key whose value did not convert was validated at its default: what that says is not about the admin's value.
        errors.AddRange(checks.Where(e => !badValues.Contains(e.Split(": ", 2)[0])));
        CheckSerilogLevels(configuration, errors);
        return errors.Count == 0 && options is not null ? options : throw new ConfigurationErrorsException(errors);
    }

    /// <summary>
    /// Adds every section's options, each bound by its feature and checked, when the host starts, by its generated
    /// validator (the <c>[OptionsValidator]</c> source generator of Microsoft.Extensions.Options) and its cross-field one,
    /// as dotnet/extensions registers its resilience options.
    /// </summary>
    public static IServiceCollection AddAgiIdentOptions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AgiIdentOptions.Section);
        var stateDirectory = AgiIdentPaths.StateDirectory;
        services.AddSettings<AgiIdentOptions, AgiIdentOptionsValidator, AgiIdentOptionsCustomValidator>(configuration, AgiIdentOptions.Section)
            .Configure(options =>
            {
                // A single string is taken as a comma-separated list (handy in environment variables).
                if (section.GetSection(nameof(AgiIdentOptions.AllowedClients)).Value is { } single)
                {
                    options.AllowedClients = single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                }

                options.Directory.BindOutside(configuration, stateDirectory);
            });
        services.AddSettings<NumberingOptions, NumberingOptionsValidator, NumberingOptionsCustomValidator>(configuration, NumberingOptions.Section);
        services.AddSettings<DisplayOptions, DisplayOptionsValidator, DisplayOptionsCustomValidator>(configuration, DisplayOptions.Section);
        // Every rule check needs the rule's place and name, which no property attribute sees: no generated validator.
        services.AddOptionsWithValidateOnStart<RulesOptions, RulesOptionsValidator>().Bind(configuration.GetSection(RulesOptions.Section));
        services.AddSettings<DirectoryOptions, DirectoryOptionsValidator, DirectoryOptionsCustomValidator>(configuration, DirectoryOptions.Section)
            .Configure(options => options.BindOutside(configuration, stateDirectory));
        services.AddOptionsWithValidateOnStart<ImportOptions, ImportOptionsValidator>().Bind(configuration.GetSection(ImportOptions.Section));
        services.AddSettings<SyncOptions, SyncOptionsValidator, SyncOptionsCustomValidator>(configuration, SyncOptions.Section);
        return services;
    }

    /// <summary>Top-level sections of the settings files that nothing reads: a misspelt <c>AgiIdnet</c> would be ignored whole.</summary>
    private static void FindUnknownSections(IConfiguration configuration, List<string> errors)
    {
        // Environment variables are not checked: the environment holds PATH, HOME and the rest.
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        foreach (var file in root.Providers.OfType<FileConfigurationProvider>())
        {
            var path = file.Source.Path is { } name ? file.Source.FileProvider?.GetFileInfo(name).PhysicalPath ?? name : "a settings file";
            foreach (var key in file.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!KnownSections.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add($"{key}: unknown section in {path}; allowed {string.Join(", ", KnownSections)}");
                }
            }
        }
    }

    /// <summary>
    /// Serilog's levels (<c>Serilog:MinimumLevel</c>, <c>:Default</c>, <c>:Override:*</c>): Serilog.Settings.Configuration
    /// parses them as <see cref="Serilog.Events.LogEventLevel"/> names ignoring case, and takes a value starting with
    /// <c>$</c> as the name of a level switch (its <c>LevelSwitches</c> section), which is left to it.
    /// </summary>
    private static void CheckSerilogLevels(IConfiguration configuration, List<string> errors)
    {
        var minimum = configuration.GetSection("Serilog:MinimumLevel");
        foreach (var level in minimum.GetSection("Override").GetChildren().Prepend(minimum.GetSection("Default")).Prepend(minimum))
        {
            if (level.Value is { Length: > 0 } value && !value.StartsWith('$') &&
                !(Enum.TryParse<Serilog.Events.LogEventLevel>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)))
            {
                errors.Add($"{level.Path}: '{value}' is not a Serilog level; allowed {string.Join(", ", Enum.GetNames<Serilog.Events.LogEventLevel>())}");
            }
        }
    }

    /// <summary>The configuration with the values at <paramref name="paths"/> left out.</summary>
    private static IConfiguration Without(IConfiguration configuration, HashSet<string> paths) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(configuration.AsEnumerable().Where(p => !paths.Contains(p.Key)))
            .Build();

    /// <summary>
    /// Every key of <paramref name="section"/> must be a property of <paramref name="type"/>, and every value must
    /// convert to its property's type; the paths of values that do not are added to <paramref name="badValues"/>.
    /// </summary>
    private static void CheckKeys(IConfigurationSection section, Type type, List<string> errors, HashSet<string> badValues)
    {
        foreach (var child in section.GetChildren())
        {
            // KEY_FILE names a file holding KEY's value; SecretFiles has already read it.
            var name = child.Key.EndsWith("_FILE", StringComparison.Ordinal) ? child.Key[..^"_FILE".Length] : child.Key;
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                var allowed = type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
                errors.Add($"{child.Path}: unknown key; allowed keys of {section.Path}: {string.Join(", ", allowed)}");
                continue;
            }

            var itemType = ItemType(property.PropertyType);
            if (itemType is not null)
            {
                foreach (var item in child.GetChildren())
                {
                    CheckKeys(item, itemType, errors, badValues);
                }
            }
            else if (IsSection(property.PropertyType))
            {
                CheckKeys(child, property.PropertyType, errors, badValues);
            }
            else if (child.Value is { } value && ValueProblem(property.PropertyType, value) is { } problem)
            {
                errors.Add($"{child.Path}: {problem}");
                badValues.Add(child.Path);
            }
        }
    }

    /// <summary>
    /// Why <paramref name="value"/> is not a <paramref name="type"/> as the configuration binder reads it (its type
    /// converter; an empty value is null for a nullable type); null when it is one. An enum is one of its names (or
    /// their numbers), not a combination.
    /// </summary>
    private static string? ValueProblem(Type type, string value)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            if (value.Length == 0)
            {
                return null;
            }

            type = underlying;
        }

        if (type == typeof(string) || type.IsArray || type.IsGenericType)
        {
            return null;
        }

        if (type.IsEnum)
        {
            return !value.Contains(',', StringComparison.Ordinal) && Enum.TryParse(type, value, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed)
                ? null
                : $"'{value}' is not known; allowed {string.Join(", ", Enum.GetNames(type))}";
        }

        try
        {
            _ = System.ComponentModel.TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException)
        {
            return type == typeof(int) ? $"'{value}' is not a whole number"
                : type == typeof(bool) ? $"'{value}' is not true or false"
                : type == typeof(decimal) ? $"'{value}' is not a number"
                : $"'{value}' is not a {type.Name}";
        }
    }

    /// <summary>The options class held by an array or a dictionary property; null for anything else.</summary>
    private static Type? ItemType(Type type)
    {
        var item = type.IsArray
            ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;
        return item is not null && IsSection(item) ? item : null;
    }

    private static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && !type.IsArray && !type.IsGenericType;
}
