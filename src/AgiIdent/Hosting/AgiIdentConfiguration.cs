using System.Globalization;
using System.Net;
using AgiIdent.Numbering;
using Microsoft.Extensions.Configuration;

namespace AgiIdent.Hosting;

/// <summary>A configuration that cannot be used; every message names its key.</summary>
public sealed class ConfigurationErrorsException : Exception
{
    /// <summary>Creates the exception from the list of problems.</summary>
    public ConfigurationErrorsException(IReadOnlyList<string> errors)
        : base("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with one message.</summary>
    public ConfigurationErrorsException(string message) : this([message])
    {
    }

    /// <summary>Creates the exception with no detail.</summary>
    public ConfigurationErrorsException() : this("invalid configuration")
    {
    }

    /// <summary>Creates the exception with one message and a cause.</summary>
    public ConfigurationErrorsException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>One line per problem, each starting with the key.</summary>
    public IReadOnlyList<string> Errors { get; } = [];
}

/// <summary>Builds the configuration (appsettings.json, an optional file, environment) and binds it strictly.</summary>
public static class AgiIdentConfiguration
{
    /// <summary>
    /// The sources, lowest priority first: <c>appsettings.json</c> beside the executable, the file given with
    /// <c>--config</c>, then environment variables (<c>AgiIdent__Listen</c>, <c>ConnectionStrings__Directory</c>).
    /// </summary>
    public static IConfigurationRoot Build(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
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
            return builder.AddEnvironmentVariables().Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationErrorsException($"configuration file is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Binds and validates the <c>AgiIdent</c> section; throws <see cref="ConfigurationErrorsException"/> listing every bad key.</summary>
    public static AgiIdentOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AgiIdentOptions.Section);
        var errors = new List<string>();
        FindUnknownKeys(section, typeof(AgiIdentOptions), errors);
        var options = new AgiIdentOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }

        if (errors.Count == 0)
        {
            Validate(options, section, errors);
        }

        return errors.Count == 0 ? options : throw new ConfigurationErrorsException(errors);
    }

    private static void Validate(AgiIdentOptions options, IConfigurationSection section, List<string> errors)
    {
        var listen = AgiIdentOptions.ParseEndPoint(options.Listen);
        if (listen is null)
        {
            errors.Add($"AgiIdent:Listen: '{options.Listen}' is not an address; write ip:port, e.g. 127.0.0.1:4573 or 0.0.0.0:4573");
        }

        var clientsSection = section.GetSection(nameof(AgiIdentOptions.AllowedClients));
        if (clientsSection.Value is { } single)
        {
            // A single string is taken as a comma-separated list (handy in environment variables).
            options.AllowedClients = single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        foreach (var client in options.AllowedClients ?? [])
        {
            if (!IPNetwork.TryParse(client.Trim(), out _))
            {
                errors.Add($"AgiIdent:AllowedClients: '{client}' is not a CIDR; write e.g. 10.0.0.5/32 or 192.168.1.0/24");
            }
        }

        if (options.MaxSessions is < 1 or > 100_000)
        {
            errors.Add($"AgiIdent:MaxSessions: {options.MaxSessions.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 1..100000");
        }

        if (options.SessionBudgetMs is < 20 or > 60_000)
        {
            errors.Add($"AgiIdent:SessionBudgetMs: {options.SessionBudgetMs.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 20..60000 milliseconds");
        }

        if (!NumberingPlan.Known.ContainsKey(options.Numbering.Country ?? string.Empty))
        {
            errors.Add($"AgiIdent:Numbering:Country: '{options.Numbering.Country}' is not known; allowed {string.Join(", ", NumberingPlan.Known.Keys)}");
        }

        if (options.Directory.Source == DirectorySource.Postgres)
        {
            errors.Add("AgiIdent:Directory:Source: 'Postgres' is not available in this version yet; allowed: File");
        }
    }

    private static void FindUnknownKeys(IConfigurationSection section, Type type, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            var property = type.GetProperty(child.Key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null || !property.CanWrite)
            {
                var allowed = type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name);
                errors.Add($"{child.Path}: unknown key; allowed keys of {section.Path}: {string.Join(", ", allowed)}");
            }
            else if (property.PropertyType.IsClass && property.PropertyType != typeof(string) && !property.PropertyType.IsArray)
            {
                FindUnknownKeys(child, property.PropertyType, errors);
            }
        }
    }
}
