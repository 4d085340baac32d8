using System.Text;

namespace AgiIdent.Directory;

/// <summary>
/// Texts of a snapshot as UTF-8 in one byte array, each named by the offset of its entry: a 7-bit-encoded length (as
/// <see cref="BinaryWriter.Write(string)"/> writes it) and the bytes. A string object costs 22 bytes before its
/// characters and two bytes per character; here a name costs its UTF-8 bytes and one or two more, and the array
/// holds no references for the GC to trace. Offset -1 is null.
/// </summary>
internal sealed class TextArena
{
    private byte[] _bytes;
    private int _length;

    /// <summary>An empty arena with room for <paramref name="capacity"/> bytes.</summary>
    public TextArena(int capacity = 1 << 16) => _bytes = new byte[Math.Max(capacity, 16)];

    /// <summary>Bytes written.</summary>
    public int Length => _length;

    /// <summary>The entries written, trimmed to their length: what a snapshot keeps.</summary>
    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    /// <summary>Writes <paramref name="text"/>; its offset, or -1 for null.</summary>
    public int Add(string? text)
    {
        if (text is null)
        {
            return -1;
        }

        var count = Encoding.UTF8.GetByteCount(text);
        var offset = Reserve(count, out var bytes);
        Encoding.UTF8.GetBytes(text, bytes);
        return offset;
    }

    /// <summary>The text of an entry written here.</summary>
    public string Text(int offset) => Text(_bytes, offset)!;

    /// <summary>Starts an entry of <paramref name="count"/> bytes, to be filled through <paramref name="bytes"/>; its offset.</summary>
    public int Reserve(int count, out Span<byte> bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var needed = (long)_length + 5 + count;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"the directory's texts exceed {Array.MaxLength / 1048576} MiB");
        }

        if (needed > _bytes.Length)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(needed, _bytes.Length * 2L)));
        }

        var offset = _length;
        _length += WriteLength(_bytes.AsSpan(_length), count);
        bytes = _bytes.AsSpan(_length, count);
        _length += count;
        return offset;
    }

    /// <summary>The text at <paramref name="offset"/> of <paramref name="arena"/>; null for -1.</summary>
    public static string? Text(byte[] arena, int offset) => offset < 0 ? null : Encoding.UTF8.GetString(Bytes(arena, offset));

    /// <summary>The UTF-8 bytes of the entry at <paramref name="offset"/>, without its length.</summary>
    public static ReadOnlySpan<byte> Bytes(byte[] arena, int offset) => Next(arena, ref offset);

    /// <summary>
    /// Whether an entry starts at <paramref name="offset"/> of <paramref name="bytes"/> and ends inside them: its
    /// length read (at most five bytes of it, as <see cref="BinaryWriter"/> writes an int), where its bytes start.
    /// For bytes read from a file; the store's own offsets are read without these checks.
    /// </summary>
    public static bool TryEntry(ReadOnlySpan<byte> bytes, int offset, out int start, out int length)
    {
        start = offset;
        length = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if ((uint)start >= (uint)bytes.Length)
            {
                return false;
            }

            var b = bytes[start++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return length >= 0 && length <= bytes.Length - start;
            }
        }

        return false;
    }

    /// <summary>The UTF-8 bytes of the entry at <paramref name="offset"/> of <paramref name="bytes"/>, and where the next one starts.</summary>
    public static ReadOnlySpan<byte> Next(ReadOnlySpan<byte> bytes, scoped ref int offset)
    {
        var length = 0;
        var shift = 0;
        byte b;
        do
        {
            b = bytes[offset++];
            length |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        var entry = bytes.Slice(offset, length);
        offset += length;
        return entry;
    }

    private static int WriteLength(Span<byte> to, int length)
    {
        var written = 0;
        var value = (uint)length;
        while (value >= 0x80)
        {
            to[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        to[written++] = (byte)value;
        return written;
    }
}
