namespace AgiIdent.Agi;

/// <summary>Asterisk's answer to one command: <c>200 result=N (data) k=v</c>, <c>510</c>, <c>511</c> or <c>520</c>.</summary>
public sealed class AgiReply
{
    internal AgiReply(int code, long result, string? data, string text)
    {
        Code = code;
        Result = result;
        Data = data;
        Text = text;
    }

    /// <summary>The status code: 200 success, 510 unknown command, 511 not permitted on a dead channel, 520 usage error.</summary>
    public int Code { get; }

    /// <summary>The <c>result=N</c> value of a 200 reply; 0 otherwise.</summary>
    public long Result { get; }

    /// <summary>The text in parentheses of a 200 reply (up to the last <c>)</c>), e.g. a variable's value; null when absent.</summary>
    public string? Data { get; }

    /// <summary>The whole reply text as received (lines joined by <c>\n</c> for a multi-line 520).</summary>
    public string Text { get; }

    /// <summary>True for a 200 reply.</summary>
    public bool IsSuccess => Code == 200;

    /// <inheritdoc />
    public override string ToString() => Text;
}
