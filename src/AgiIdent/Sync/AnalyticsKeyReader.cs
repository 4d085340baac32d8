using System.Text.Json;

namespace AgiIdent.Sync;

/// <summary>
/// УТ 11, КА 2, ERP 2: the debt register names analytics keys (<c>Catalog_КлючиАналитикиУчетаПоПартнерам</c>), not
/// partners. A full run reads the key catalog whole, an incremental one asks only for the keys it has not seen (a key,
/// once written, keeps its partner).
/// </summary>
internal static class AnalyticsKeyReader
{
    public static async Task SyncAsync(ODataClient client, SyncRunState run, string keys, string customer, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> fields = ["Ref_Key", customer];
        if (run.Full)
        {
            await run.Staging.StoreKeysAsync(Keys(client.ReadAllAsync(keys, fields, "Ref_Key", null, cancellationToken), customer), replace: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        var unknown = await run.Staging.UnknownKeysAsync(cancellationToken).ConfigureAwait(false);
        if (unknown.Count > 0)
        {
            var rows = unknown.Count > SyncStaging.ByReferenceLimit
                ? client.ReadAllAsync(keys, fields, "Ref_Key", null, cancellationToken)
                : client.ReadByRefsAsync(keys, fields, "Ref_Key", "Ref_Key", unknown, cancellationToken);
            await run.Staging.StoreKeysAsync(Keys(rows, customer), replace: unknown.Count > SyncStaging.ByReferenceLimit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<(string, string)> Keys(IAsyncEnumerable<JsonElement> rows, string customer)
    {
        await foreach (var row in rows.ConfigureAwait(false))
        {
            // A key with no partner is kept as nobody's: asked for once, not on every run.
            if (ODataRows.Ref(row, "Ref_Key") is { } reference)
            {
                yield return (reference, ODataRows.Ref(row, customer) ?? string.Empty);
            }
        }
    }
}
