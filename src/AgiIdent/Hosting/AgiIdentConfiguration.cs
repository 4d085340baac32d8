using System.Globalization;
using System.Net;
using AgiIdent.Display;
using AgiIdent.Numbering;
using AgiIdent.Rules;
using Microsoft.Extensions.Configuration;

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
    /// throws <see cref="ConfigurationErrorsException"/> listing every bad key and value at once.
    /// </summary>
    public static AgiIdentOptions Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AgiIdentOptions.Section);
        var errors = new List<string>();
        FindUnknownSections(configuration, errors);
        var badValues = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        CheckKeys(section, typeof(AgiIdentOptions), errors, badValues);
        var options = new AgiIdentOptions();
        try
        {
            // A value that does not convert is reported above; the rest is bound and validated without it.
            (badValues.Count == 0 ? section : Without(section, badValues)).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            errors.Add(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
        }

        var checks = new List<string>();
        Validate(options, section, checks);
        ValidateDirectory(options, configuration.GetConnectionString("Directory"), checks);
        ValidateSync(options, checks);
        // A key whose value did not convert was validated at its default: what that says is not about the admin's value.
        errors.AddRange(checks.Where(e => !badValues.Contains(e.Split(": ", 2)[0])));
        CheckSerilogLevels(configuration, errors);
        return errors.Count == 0 ? options : throw new ConfigurationErrorsException(errors);
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

    /// <summary>The section with the values at <paramref name="paths"/> left out.</summary>
    private static IConfigurationSection Without(IConfigurationSection section, HashSet<string> paths) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(section.AsEnumerable().Where(p => !paths.Contains(p.Key)))
            .Build()
            .GetSection(section.Path);

    private static void Validate(AgiIdentOptions options, IConfigurationSection section, List<string> errors)
    {
        var listen = AgiIdentOptions.ParseEndPoint(options.Listen);
        if (listen is null)
        {
            errors.Add($"AgiIdent:Listen: '{options.Listen}' is not an address; write ip:port, e.g. 127.0.0.1:4573 or 0.0.0.0:4573");
        }

        if (!string.IsNullOrWhiteSpace(options.Http) && AgiIdentOptions.ParseEndPoint(options.Http) is null)
        {
            errors.Add($"AgiIdent:Http: '{options.Http}' is not an address; write ip:port, e.g. 127.0.0.1:4580, or leave it empty to turn the HTTP port off");
        }

        if (listen is { Port: > 0 } && AgiIdentOptions.ParseEndPoint(options.Http) is { } http && http.Port == listen.Port &&
            (http.Address.Equals(listen.Address) || IsAny(http.Address) || IsAny(listen.Address)))
        {
            errors.Add($"AgiIdent:Http: {http} is also AgiIdent:Listen ({listen}); give the monitoring port its own, e.g. 127.0.0.1:4580");
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

        if (!NumberingPlan.TryFor(options.Numbering.Country, out _))
        {
            errors.Add($"AgiIdent:Numbering:Country: '{options.Numbering.Country}' is not a region libphonenumber knows; write an ISO 3166 code (UA, PL, DE, US, ...) or E164");
        }

        if (options.Numbering.AreaCode is { Length: > 0 } area && (!area.All(char.IsAsciiDigit) || area.Length > 5))
        {
            errors.Add($"AgiIdent:Numbering:AreaCode: '{area}' is not an area code; write its digits, e.g. 44 or 044");
        }

        if (options.Numbering.MatchDigits is < 6 or > 12)
        {
            errors.Add($"AgiIdent:Numbering:MatchDigits: {options.Numbering.MatchDigits?.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 6..12");
        }

        options.Screens = BuildScreens(options.Display, options.Numbering.Country, errors);
        options.RuleSet = RuleSet.Compile(options.Rules, errors);

    }

    private static bool IsAny(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static void ValidateDirectory(AgiIdentOptions options, string? connectionString, List<string> errors)
    {
        var directory = options.Directory;
        if (directory.RefreshSeconds is < 1 or > 86_400)
        {
            errors.Add($"AgiIdent:Directory:RefreshSeconds: {directory.RefreshSeconds.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 1..86400");
        }

        var lookupLimit = (int)(options.SessionBudgetMs * CallerId.IdentScript.LookupShare);
        if (directory.QueryTimeoutMs < 10)
        {
            errors.Add($"AgiIdent:Directory:QueryTimeoutMs: {directory.QueryTimeoutMs.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 10 and up, below two thirds of AgiIdent:SessionBudgetMs");
        }
        else if (directory.Source == DirectorySource.Postgres && directory.QueryTimeoutMs >= lookupLimit)
        {
            errors.Add($"AgiIdent:Directory:QueryTimeoutMs: {directory.QueryTimeoutMs.ToString(CultureInfo.InvariantCulture)} must be below two thirds of AgiIdent:SessionBudgetMs ({lookupLimit.ToString(CultureInfo.InvariantCulture)} ms), or a slow query leaves no time to answer the call");
        }

        if (!string.IsNullOrWhiteSpace(directory.CustomSql) && directory.Mode != DirectoryMode.Direct)
        {
            errors.Add("AgiIdent:Directory:CustomSql: a custom query answers each call, so it needs AgiIdent:Directory:Mode=Direct");
        }

        if (directory.Source != DirectorySource.Postgres)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            errors.Add("ConnectionStrings:Directory: required when AgiIdent:Directory:Source is Postgres, e.g. Host=127.0.0.1;Database=agiident;Username=agiident;Password=...");
            return;
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            options.ConnectionString = connectionString;
        }
        catch (ArgumentException e)
        {
            // The message names the offending keyword, never the value: the string holds a password.
            errors.Add($"ConnectionStrings:Directory: not a valid PostgreSQL connection string ({e.Message.Split('\'')[0].Trim()})");
        }
    }

    private static void ValidateSync(AgiIdentOptions options, List<string> errors)
    {
        var sync = options.Sync;
        const string Key = "AgiIdent:Sync";
        Range(errors, $"{Key}:IntervalSeconds", sync.IntervalSeconds, 0, 86_400, "0 turns the background sync off; otherwise at least 10", sync.IntervalSeconds is > 0 and < 10);
        Range(errors, $"{Key}:FullEveryHours", sync.FullEveryHours, 1, 8_760, "hours");
        Range(errors, $"{Key}:MaxRemovedPercent", sync.MaxRemovedPercent, 1, 100, "percent of the customers one run may remove; 100 turns the guard off");
        Range(errors, "AgiIdent:Import:MaxRemovedPercent", options.Import.MaxRemovedPercent, 1, 100, "percent of the directory one import may remove; 100 turns the guard off");
        Range(errors, $"{Key}:OData:PageSize", sync.OData.PageSize, 1, 10_000, "objects per request");
        Range(errors, $"{Key}:OData:BatchSize", sync.OData.BatchSize, 1, 100, "references per request");
        Range(errors, $"{Key}:OData:TimeoutSeconds", sync.OData.TimeoutSeconds, 1, 3_600, "seconds");
        Range(errors, $"{Key}:OData:Retries", sync.OData.Retries, 0, 10, "retries");
        Range(errors, $"{Key}:OData:RetryDelayMs", sync.OData.RetryDelayMs, 0, 60_000, "milliseconds");
        if (!string.IsNullOrWhiteSpace(sync.OData.Url) &&
            (!Uri.TryCreate(sync.OData.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Key}:OData:Url: '{sync.OData.Url}' is not an http(s) address; write the infobase's OData root, e.g. http://1c-server/trade/odata/standard.odata/");
        }

        foreach (var (property, flag) in sync.Flags)
        {
            if (string.IsNullOrWhiteSpace(property.Split('=')[0]) || string.IsNullOrWhiteSpace(flag))
            {
                errors.Add($"{Key}:Flags: '{property}' → '{flag}' is not a mapping; write \"1C property name\": \"Flag\" or \"Property=Value\": \"Flag\", e.g. \"Без оплаты не отгружать\": \"Prepayment\"");
            }
        }

        if (sync.Preset == AgiIdent.Sync.SyncPreset.Custom)
        {
            var custom = sync.Custom;
            if (string.IsNullOrWhiteSpace(custom.Customers))
            {
                errors.Add($"{Key}:Custom:Customers: required with Preset=Custom; name the customers' catalog, e.g. Catalog_Контрагенты");
            }

            if (!string.IsNullOrWhiteSpace(custom.Debt) && (string.IsNullOrWhiteSpace(custom.DebtCustomer) || string.IsNullOrWhiteSpace(custom.DebtAmount)))
            {
                errors.Add($"{Key}:Custom:Debt: needs DebtCustomer (the customer reference field) and DebtAmount (e.g. СуммаBalance)");
            }

            if (!string.IsNullOrWhiteSpace(custom.Manager) && string.IsNullOrWhiteSpace(custom.Managers))
            {
                errors.Add($"{Key}:Custom:Manager: needs Managers, the catalog the manager field refers to (e.g. Catalog_Пользователи)");
            }

            if (!string.IsNullOrWhiteSpace(custom.Kind) && string.IsNullOrWhiteSpace(custom.PersonKind))
            {
                errors.Add($"{Key}:Custom:Kind: needs PersonKind, the value that means a private person (e.g. ФизическоеЛицо)");
            }
        }

        if (sync.IntervalSeconds > 0)
        {
            if (options.Directory.Source != DirectorySource.Postgres)
            {
                errors.Add($"{Key}:IntervalSeconds: the background sync writes to PostgreSQL; set AgiIdent:Directory:Source=Postgres (or 0 to turn the sync off)");
            }

            RequireSync(options, errors);
        }
    }

    /// <summary>What a sync needs besides a database: the preset and where 1C is.</summary>
    internal static void RequireSync(AgiIdentOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.Sync.Preset is null)
        {
            errors.Add($"AgiIdent:Sync:Preset: required to sync; allowed {string.Join(", ", Enum.GetNames<AgiIdent.Sync.SyncPreset>())} (docs/SYNC.md says what each reads)");
        }

        RequireODataUrl(options, errors);
    }

    /// <summary>Where 1C is: what <c>agiident sync --detect</c> needs, before a preset is chosen.</summary>
    internal static void RequireODataUrl(AgiIdentOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(options.Sync.OData.Url))
        {
            errors.Add("AgiIdent:Sync:OData:Url: required to sync; the infobase's OData root, e.g. http://1c-server/trade/odata/standard.odata/");
        }
    }

    private static void Range(List<string> errors, string key, int value, int min, int max, string unit, bool alsoBad = false)
    {
        if (value < min || value > max || alsoBad)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {value} is out of range; allowed {min}..{max} ({unit})"));
        }
    }

    private static ScreenProfiles BuildScreens(DisplayOptions display, string? country, List<string> errors)
    {
        ScreenTemplate? unknown = null;
        try
        {
            unknown = string.IsNullOrWhiteSpace(display.UnknownTemplate) ? null : ScreenTemplate.ParseForCaller(display.UnknownTemplate);
        }
        catch (TemplateException e)
        {
            errors.Add($"AgiIdent:Display:UnknownTemplate: {e.Message}");
        }

        var language = PlaceLanguage(country);
        ScreenProfile Complete(ScreenProfile profile) =>
            profile with { UnknownTemplate = unknown, Language = profile.Transliterate ? "en" : language };

        var defaultProfile = Complete(BuildProfile("default", "AgiIdent:Display", display.Template, display.MaxLength, display.MaxBytes, display.Marks, display.Transliterate, [], errors)
            ?? new ScreenProfile("default", ScreenTemplate.Parse(DisplayOptions.DefaultTemplate), new ScreenWidth(20, null), [], false, []));
        var profiles = new List<ScreenProfile>();
        foreach (var (name, profile) in display.Profiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var key = $"AgiIdent:Display:Profiles:{name}";
            if (profile.Extensions is not { Length: > 0 })
            {
                errors.Add($"{key}:Extensions: list the extensions whose phones use this profile, e.g. [\"201-209\", \"215\"]");
            }

            var ranges = new List<ExtensionRange>();
            foreach (var extension in profile.Extensions ?? [])
            {
                if (ExtensionRange.Parse(extension) is { } range)
                {
                    ranges.Add(range);
                }
                else
                {
                    errors.Add($"{key}:Extensions: '{extension}' is not an extension or a range like 201-209");
                }
            }

            if (BuildProfile(
                name,
                key,
                profile.Template ?? display.Template,
                profile.MaxLength ?? display.MaxLength,
                profile.MaxBytes ?? display.MaxBytes,
                profile.Marks ?? display.Marks,
                profile.Transliterate ?? display.Transliterate,
                ranges,
                errors) is { } built)
            {
                profiles.Add(Complete(built));
            }
        }

        return new ScreenProfiles(defaultProfile, profiles);
    }

    /// <summary>
    /// The language receptionists of the numbering country read, for <c>{place}</c>: Ukrainian in Ukraine, Russian where
    /// 1C is mostly Russian (and the geocoder has Russian names), Polish in Poland; English elsewhere, which the
    /// geocoder has for every country.
    /// </summary>
    private static string PlaceLanguage(string? country) => country?.ToUpperInvariant() switch
    {
        "UA" => "uk",
        "RU" or "KZ" or "BY" => "ru",
        "PL" => "pl",
        _ => "en",
    };

    private static ScreenProfile? BuildProfile(string name, string key, string template, int maxLength, int? maxBytes, string[]? marks, bool transliterate, IReadOnlyList<ExtensionRange> extensions, List<string> errors)
    {
        var valid = true;
        ScreenTemplate? parsed = null;
        try
        {
            parsed = ScreenTemplate.Parse(template ?? string.Empty);
        }
        catch (TemplateException e)
        {
            errors.Add($"{key}:Template: {e.Message}");
            valid = false;
        }

        if (maxLength is < 4 or > 200)
        {
            errors.Add($"{key}:MaxLength: {maxLength.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 4..200 characters");
            valid = false;
        }

        if (maxBytes is < 4 or > 1000)
        {
            errors.Add($"{key}:MaxBytes: {maxBytes?.ToString(CultureInfo.InvariantCulture)} is out of range; allowed 4..1000 bytes");
            valid = false;
        }

        var markList = new List<KeyValuePair<string, string>>();
        foreach (var mark in marks ?? [.. DisplayOptions.DefaultMarks])
        {
            var equals = mark.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == mark.Length - 1)
            {
                errors.Add($"{key}:Marks: '{mark}' is not Flag=Mark, e.g. Prepayment=$");
                valid = false;
                continue;
            }

            markList.Add(new KeyValuePair<string, string>(mark[..equals].Trim(), mark[(equals + 1)..]));
        }

        return valid ? new ScreenProfile(name, parsed!, new ScreenWidth(maxLength, maxBytes), markList, transliterate, extensions) : null;
    }

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
