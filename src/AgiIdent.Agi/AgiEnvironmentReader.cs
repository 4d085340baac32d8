using System.Buffers;

namespace AgiIdent.Agi;

/// <summary>
/// Reads one environment block as it arrives, keeping the lines already read: each call consumes the complete lines
/// it finds and leaves only a partial last line for the next, so a block arriving in many pieces is parsed once.
/// Bounded like <see cref="AgiEnvironmentParser"/>: lines, line length and the whole block's bytes.
/// </summary>
public sealed class AgiEnvironmentReader(AgiLimits limits)
{
    private readonly AgiLimits _limits = limits ?? throw new ArgumentNullException(nameof(limits));
    private readonly AgiEnvironment _variables = new();
    private long _consumedBefore;
    private int _lines;

    /// <summary>
    /// Reads on from where the last call stopped. True with the request once the empty line (and a <c>HANGUP</c> right
    /// after it) is in; false when more input is needed, <paramref name="consumed"/> then past the last complete line.
    /// </summary>
    public bool TryRead(in ReadOnlySequence<byte> buffer, out SequencePosition consumed, out AgiRequest? request)
    {
        var reader = new SequenceReader<byte>(buffer);
        consumed = buffer.Start;
        while (AgiLine.TryRead(ref reader, _limits.MaxLineBytes, out var line))
        {
            if (line.IsEmpty)
            {
                var hangup = AgiEnvironmentParser.TrySkipHangup(ref reader);
                consumed = reader.Position;
                request = new AgiRequest(_variables, hangup);
                return true;
            }

            if (_consumedBefore + reader.Consumed > _limits.MaxEnvironmentBytes)
            {
                AgiProtocolException.Throw($"environment block longer than {_limits.MaxEnvironmentBytes} bytes");
            }

            if (++_lines > _limits.MaxEnvironmentLines)
            {
                AgiProtocolException.Throw($"environment block longer than {_limits.MaxEnvironmentLines} lines");
            }

            AgiEnvironmentParser.AddVariable(_variables, line);
            consumed = reader.Position;
        }

        var taken = buffer.Slice(0, consumed).Length;
        if (_consumedBefore + buffer.Length > _limits.MaxEnvironmentBytes)
        {
            AgiProtocolException.Throw($"environment block longer than {_limits.MaxEnvironmentBytes} bytes");
        }

        _consumedBefore += taken;
        request = null;
        return false;
    }
}
