using System.Buffers;
using System.Text;
using AgiIdent.Agi;
using AgiIdent.TestSupport;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// The environment block Asterisk sends on connect. Expected rejection: <see cref="AgiProtocolException"/> (the
/// parser's documented answer to hostile input). Besides not failing otherwise, the same bytes must give the same
/// answer whole, cut into segments (a socket read splits them anywhere), and arriving chunk by chunk through one
/// <see cref="AgiEnvironmentReader"/> as a session reads them.
/// </summary>
internal static class AgiEnvironmentTarget
{
    /// <summary>Small limits so that every bound is reached by a small input; the defaults check real blocks whole.</summary>
    private static readonly AgiLimits Small = new() { MaxLineBytes = 64, MaxEnvironmentLines = 16, MaxEnvironmentBytes = 256 };

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Check(data, AgiLimits.Default);
        Check(data, Small);
    }

    private static void Check(byte[] data, AgiLimits limits)
    {
        var whole = Outcome.Of(() => OneShot(new ReadOnlySequence<byte>(data), limits), Expected);
        var cuts = Cuts(data);
        var segmented = Outcome.Of(() => OneShot(SegmentedSequence.Split(data, cuts), limits), Expected);
        FuzzFailure.Check(
            whole.Value == segmented.Value && whole.ErrorType == segmented.ErrorType && whole.Error?.Message == segmented.Error?.Message,
            $"whole {whole} but in segments cut at {string.Join(',', cuts)}: {segmented}");

        foreach (var chunk in (int[])[1, 7, 50])
        {
            var chunked = Outcome.Of(() => Chunked(data, chunk, limits), Expected);
            FuzzFailure.Check(whole.ErrorType == chunked.ErrorType && Same(whole.Value, chunked.Value), $"whole {whole} but in chunks of {chunk}: {chunked}");
        }
    }

    private static bool Expected(Exception e) => e is AgiProtocolException;

    /// <summary>
    /// Whole and chunked agree, except that a HANGUP line arriving after the chunk that completed the block is not part
    /// of it (the session then reads it as the first frame): the same variables, the hangup missed, fewer bytes taken.
    /// </summary>
    private static bool Same(string? whole, string? chunked)
    {
        if (whole == chunked)
        {
            return true;
        }

        if (whole is null || chunked is null)
        {
            return false;
        }

        var (wholeHead, wholeTail) = Split(whole);
        var (chunkedHead, chunkedTail) = Split(chunked);
        return wholeTail == chunkedTail && wholeHead.StartsWith("complete hangup=True", StringComparison.Ordinal)
            && chunkedHead.StartsWith("complete hangup=False", StringComparison.Ordinal)
            && long.Parse(wholeHead[(wholeHead.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture)
                > long.Parse(chunkedHead[(chunkedHead.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        static (string Head, string Tail) Split(string text)
        {
            var line = text.IndexOf('\n', StringComparison.Ordinal);
            return line < 0 ? (text, string.Empty) : (text[..line], text[line..]);
        }
    }

    /// <summary>Up to three cut points taken from the input itself, so that afl-fuzz also varies where the segments end.</summary>
    private static int[] Cuts(byte[] data)
    {
        if (data.Length < 2)
        {
            return [];
        }

        return [.. new[] { data[0], data[^1], data[data.Length / 2] }.Select(b => 1 + (b % (data.Length - 1))).Distinct().Order()];
    }

    private static string OneShot(ReadOnlySequence<byte> buffer, AgiLimits limits)
    {
        if (!AgiEnvironmentParser.TryParse(buffer, limits, out var consumed, out var request))
        {
            FuzzFailure.Check(consumed.Equals(buffer.Start), "an incomplete block consumed bytes");
            return "incomplete";
        }

        return Render(request!, buffer.Slice(0, consumed).Length, buffer.Length);
    }

    private static string Chunked(byte[] data, int chunk, AgiLimits limits)
    {
        var reader = new AgiEnvironmentReader(limits);
        var pending = Array.Empty<byte>();
        long taken = 0;
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            pending = [.. pending, .. data.AsSpan(offset, Math.Min(chunk, data.Length - offset))];
            var buffer = new ReadOnlySequence<byte>(pending);
            var complete = reader.TryRead(buffer, out var consumed, out var request);
            var used = buffer.Slice(0, consumed).Length;
            if (complete)
            {
                return Render(request!, taken + used, data.Length);
            }

            taken += used;
            pending = pending[(int)used..];
        }

        return "incomplete";
    }

    private static string Render(AgiRequest request, long consumed, long length)
    {
        FuzzFailure.Check(consumed > 0 && consumed <= length, $"consumed {consumed} of {length} bytes");
        FuzzFailure.Check(request.Arguments.Count <= AgiEnvironmentParser.MaxArguments, $"{request.Arguments.Count} arguments");
        var text = new StringBuilder();
        text.Append("complete hangup=").Append(request.HangupBeforeFirstCommand).Append(" consumed=").Append(consumed);
        foreach (var (key, value) in request.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            FuzzFailure.Check(key.StartsWith("agi_", StringComparison.Ordinal) && key.Length <= 64, $"key '{key}' is not an agi_ name");
            text.Append('\n').Append(key).Append('=').Append(value);
        }

        // The derived views must not fail on anything the parser let through.
        text.Append("\nscript=").Append(request.Script).Append(" options=").Append(string.Join('&', request.Options.Select(o => $"{o.Key}={o.Value}")))
            .Append(" args=").Append(string.Join(',', request.Arguments)).Append(" caller=").Append(request.CallerNumber).Append('/').Append(request.CallerName)
            .Append(" dnid=").Append(request.Dnid).Append(" rdnis=").Append(request.Rdnis);
        return text.ToString();
    }
}
