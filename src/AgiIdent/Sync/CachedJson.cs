namespace AgiIdent.Sync;

/// <summary>Source-generated JSON for <see cref="ODataMetadata.Cached"/>: a one-shot <c>agiident sync</c> pays no reflection for it.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(ODataMetadata.Cached))]
internal sealed partial class CachedJson : System.Text.Json.Serialization.JsonSerializerContext;
