namespace AgiIdent.Benchmarks;

/// <summary>
/// The callers of a directory run: numbers of the directory and numbers in no party, as E.164 digits. Each client
/// picks from them with its own seeded <see cref="Random"/>, so a run is repeatable and the clients do not share state.
/// </summary>
internal sealed class CallerPool
{
    /// <summary>Longest caller number <see cref="Render"/> writes (<c>+</c> and 15 digits).</summary>
    public const int MaxLength = 16;

    private readonly long[] _known;
    private readonly long[] _unknown;
    private readonly double _missShare;
    private readonly int _seed;

    public CallerPool(long[] known, long[] unknown, double missShare, int seed)
    {
        if (known.Length == 0 || (missShare > 0 && unknown.Length == 0))
        {
            throw new ArgumentException("a caller pool needs numbers to pick from");
        }

        _known = known;
        _unknown = unknown;
        _missShare = missShare;
        _seed = seed;
    }

    /// <summary>Share of callers in no party.</summary>
    public double MissShare => _missShare;

    /// <summary>Distinct numbers of the directory the callers are picked from.</summary>
    public int KnownCount => _known.Length;

    /// <summary>The picker of one client; the same client number always picks the same sequence.</summary>
    public CallerPicker ForClient(int client) => new(this, new Random(unchecked((_seed * 7919) + client)));

    /// <summary>
    /// Writes a number as a trunk delivers it: Ukrainian numbers nationally (<c>0671234567</c>), others with
    /// <c>+</c> (<c>+79161234567</c>); returns the length written.
    /// </summary>
    public static int Render(long e164, Span<byte> destination)
    {
        const long Ukraine = 380_000_000_000;
        var length = 0;
        long digits;
        if (e164 / 1_000_000_000 == 380)
        {
            destination[length++] = (byte)'0';
            digits = e164 - Ukraine;
            length += WriteDigits(digits, 9, destination[length..]);
        }
        else
        {
            destination[length++] = (byte)'+';
            digits = e164;
            var count = 1;
            for (var rest = digits / 10; rest > 0; rest /= 10)
            {
                count++;
            }

            length += WriteDigits(digits, count, destination[length..]);
        }

        return length;
    }

    /// <summary>As <see cref="Render(long, Span{byte})"/>, as a string.</summary>
    public static string Render(long e164)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..Render(e164, buffer)]);
    }

    private static int WriteDigits(long value, int count, Span<byte> destination)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return count;
    }

    /// <summary>One client's sequence of callers.</summary>
    internal sealed class CallerPicker(CallerPool pool, Random random)
    {
        /// <summary>Writes the next caller into <paramref name="destination"/>; returns whether the directory has it.</summary>
        public bool Next(Span<byte> destination, out int length)
        {
            // Chosen by a deterministic generator, not a secure one: these are benchmark callers.
#pragma warning disable CA5394
            var miss = pool._missShare > 0 && random.NextDouble() < pool._missShare;
            var list = miss ? pool._unknown : pool._known;
            length = Render(list[random.Next(list.Length)], destination);
#pragma warning restore CA5394
            return !miss;
        }
    }
}
