using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace AgiIdent.Agi;

/// <summary>
/// The <c>agi_*</c> lines of one environment block, in the order they arrived, the first of a repeated key kept. A
/// block holds a couple of dozen short keys, so a flat array searched in order costs less than a hash table (to
/// build, per call) and finds a key as fast. Keys Asterisk always sends, and a value equal to the last value seen for
/// the same key (<c>agi_network: yes</c>, the context, the dialled number), are strings made once and shared: an
/// environment block allocates only what is new in it.
/// </summary>
internal sealed class AgiEnvironment : IReadOnlyDictionary<string, string>
{
    /// <summary>
    /// The keys every call's block has: those of <c>setup_env</c> in Asterisk's <c>res/res_agi.c</c> (from
    /// <c>agi_request</c> to <c>agi_threadid</c>) and the two it sends a FastAGI server first (<c>agi_network</c>,
    /// <c>agi_network_script</c>). Any other key (<c>agi_arg_N</c>) is made as it comes; this list only saves strings.
    /// </summary>
    private static readonly string[] KnownKeys =
    [
        "agi_network", "agi_network_script", "agi_request", "agi_channel", "agi_language", "agi_type", "agi_uniqueid",
        "agi_version", "agi_callerid", "agi_calleridname", "agi_callingpres", "agi_callingani2", "agi_callington",
        "agi_callingtns", "agi_dnid", "agi_rdnis", "agi_context", "agi_extension", "agi_priority", "agi_enhanced",
        "agi_accountcode", "agi_threadid",
    ];

    /// <summary>The last value seen for each known key, shared by every session; a stale or racing slot only costs a new string.</summary>
    private static readonly string?[] LastValues = new string?[KnownKeys.Length];

    /// <summary>Longer values are decoded each time: comparing them costs more than they would save.</summary>
    private const int MaxSharedValueLength = 64;

    private KeyValuePair<string, string>[] _entries = new KeyValuePair<string, string>[32];
    private int _count;

    /// <inheritdoc />
    public int Count => _count;

    /// <inheritdoc />
    public IEnumerable<string> Keys
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Key;
            }
        }
    }

    /// <inheritdoc />
    public IEnumerable<string> Values
    {
        get
        {
            for (var i = 0; i < _count; i++)
            {
                yield return _entries[i].Value;
            }
        }
    }

    /// <inheritdoc />
    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no environment line '{key}'");

    /// <summary>The entry at <paramref name="index"/> in arrival order.</summary>
    internal ref readonly KeyValuePair<string, string> At(int index) => ref _entries[index];

    /// <inheritdoc />
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            value = null;
            return false;
        }

        value = _entries[index].Value;
        return true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _count; i++)
        {
            yield return _entries[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds one line's key (ASCII, already checked) and value (UTF-8, decoded leniently) unless the key is already in.</summary>
    internal void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var known = KnownIndex(key);
        var name = known >= 0 ? KnownKeys[known] : Encoding.ASCII.GetString(key);
        if (IndexOf(name) >= 0)
        {
            return;
        }

        var text = known >= 0 ? Shared(known, value) : AgiLine.Lenient.GetString(value);
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = new(name, text);
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        for (var i = 0; i < _count; i++)
        {
            var name = _entries[i].Key;
            if (ReferenceEquals(name, key) || string.Equals(name, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int KnownIndex(ReadOnlySpan<byte> key)
    {
        for (var i = 0; i < KnownKeys.Length; i++)
        {
            if (AsciiEquals(key, KnownKeys[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The value as a string, the one made for the last block when its bytes are the same.</summary>
    private static string Shared(int known, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }

        if (value.Length > MaxSharedValueLength)
        {
            return AgiLine.Lenient.GetString(value);
        }

        var last = Volatile.Read(ref LastValues[known]);
        if (last is not null && AsciiEquals(value, last))
        {
            return last;
        }

        var text = AgiLine.Lenient.GetString(value);
        // Only ASCII values are compared byte for char; others are left to be decoded each time.
        if (Ascii.IsValid(value))
        {
            Volatile.Write(ref LastValues[known], text);
        }

        return text;
    }

    /// <summary>True when <paramref name="bytes"/> is exactly <paramref name="text"/>, every byte an ASCII character.</summary>
    private static bool AsciiEquals(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= 0x80 || bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
