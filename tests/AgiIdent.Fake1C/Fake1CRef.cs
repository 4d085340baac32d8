using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AgiIdent.Fake1C;

/// <summary>References (<c>Ref_Key</c> GUIDs) for fake data: the empty one, and stable ones made from a seed.</summary>
public static class Fake1CRef
{
    /// <summary>1C's empty reference, sent for a reference field that is not filled.</summary>
    public const string Empty = "00000000-0000-0000-0000-000000000000";

    /// <summary>
    /// A reference derived from <paramref name="seed"/>, the same on every run, shaped as 1C's are
    /// (version-1 UUIDs, lower case).
    /// </summary>
    public static string Of(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        var text = new StringBuilder(36);
        for (var i = 0; i < 16; i++)
        {
            var value = i switch
            {
                6 => (byte)(0x10 | (hash[i] & 0x0F)),
                8 => (byte)(0x80 | (hash[i] & 0x3F)),
                _ => hash[i],
            };
            if (i is 4 or 6 or 8 or 10)
            {
                text.Append('-');
            }

            text.Append(value.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>
    /// The reference number <paramref name="index"/> of a bulk set: <c>00000000-0000-0000-{group:D4}-{index:D12}</c>, so
    /// that ordinal order is creation order.
    /// </summary>
    public static string Numbered(int group, long index) =>
        string.Create(CultureInfo.InvariantCulture, $"00000000-0000-0000-{group:D4}-{index:D12}");
}
