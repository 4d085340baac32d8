using System.Globalization;
using AgiIdent.Settings;

namespace AgiIdent.Sync;

/// <summary>
/// The checks of <see cref="SyncOptions"/> an attribute cannot say: the interval's gap, the OData address, the flag
/// mappings, what <c>Preset=Custom</c> needs, and what a background sync needs to run.
/// </summary>
internal sealed class SyncOptionsCustomValidator : SettingsValidator<SyncOptions>
{
    private const string Key = SyncOptions.Section;

    /// <inheritdoc />
    protected override void Check(SyncOptions options, List<string> errors)
    {
        if (options.IntervalSeconds is < 0 or > 86_400 or (> 0 and < 10))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Key}:IntervalSeconds: {options.IntervalSeconds} is out of range; allowed 0..86400 (0 turns the background sync off; otherwise at least 10)"));
        }

        if (!string.IsNullOrWhiteSpace(options.OData.Url) &&
            (!Uri.TryCreate(options.OData.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            errors.Add($"{Key}:OData:Url: '{options.OData.Url}' is not an http(s) address; write the infobase's OData root, e.g. http://1c-server/trade/odata/standard.odata/");
        }

        foreach (var (property, flag) in options.Flags)
        {
            if (string.IsNullOrWhiteSpace(property.Split('=')[0]) || string.IsNullOrWhiteSpace(flag))
            {
                errors.Add($"{Key}:Flags: '{property}' → '{flag}' is not a mapping; write \"1C property name\": \"Flag\" or \"Property=Value\": \"Flag\", e.g. \"Без оплаты не отгружать\": \"Prepayment\"");
            }
        }

        if (options.Preset == SyncPreset.Custom)
        {
            ValidateCustom(options.Custom, errors);
        }

        if (options.IntervalSeconds > 0)
        {
            RequireSync(options, errors);
        }

    }

    /// <summary>What a sync needs besides a database: the preset and where 1C is.</summary>
    internal static void RequireSync(SyncOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (options.Preset is null)
        {
            errors.Add($"{Key}:Preset: required to sync; allowed {string.Join(", ", Enum.GetNames<SyncPreset>())} (docs/SYNC.md says what each reads)");
        }

        RequireODataUrl(options, errors);
    }

    /// <summary>Where 1C is: what <c>agiident sync --detect</c> needs, before a preset is chosen.</summary>
    internal static void RequireODataUrl(SyncOptions options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(options.OData.Url))
        {
            errors.Add($"{Key}:OData:Url: required to sync; the infobase's OData root, e.g. http://1c-server/trade/odata/standard.odata/");
        }
    }

    private static void ValidateCustom(CustomMappingOptions custom, List<string> errors)
    {
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
}
