namespace AgiIdent.Fake1C;

/// <summary>What the server does instead of (or before) serving a request: wait, fail with a 1C error, or drop the connection.</summary>
/// <param name="Pause">How long to wait first; the request is then served unless another fault part applies.</param>
/// <param name="StatusCode">When set, the HTTP status answered with a 1C error body instead of data.</param>
/// <param name="Message">The message of that error body.</param>
/// <param name="ErrorCode">The <c>code</c> of that error body.</param>
/// <param name="AbortConnection">When true, the connection is dropped without an answer.</param>
/// <param name="TruncateBody">When true, a 200 answer starts and the connection is dropped in the middle of its body.</param>
/// <param name="Body">When set, answered byte for byte with <paramref name="StatusCode"/> (200 when unset): a body 1C should never send.</param>
public sealed record Fake1CFault(TimeSpan Pause, int? StatusCode = null, string Message = "", string ErrorCode = "-1", bool AbortConnection = false, bool TruncateBody = false, byte[]? Body = null)
{
    /// <summary>Answers <paramref name="statusCode"/> with <paramref name="body"/> exactly, as JSON: what a broken proxy or a fuzzer would send.</summary>
    public static Fake1CFault Answer(int statusCode, byte[] body) => new(TimeSpan.Zero, statusCode, Body: body);

    /// <summary>Answers <paramref name="statusCode"/> with <paramref name="body"/> in UTF-8.</summary>
    public static Fake1CFault Answer(int statusCode, string body) => Answer(statusCode, System.Text.Encoding.UTF8.GetBytes(body));

    /// <summary>Waits, then serves the request normally (a slow 1C, or longer than the client's timeout).</summary>
    public static Fake1CFault Delay(TimeSpan pause) => new(pause);

    /// <summary>Answers <paramref name="statusCode"/> with a 1C error body, e.g. 500 "Ошибка СУБД".</summary>
    public static Fake1CFault Error(int statusCode, string message, string errorCode = "-1") => new(TimeSpan.Zero, statusCode, message, errorCode);

    /// <summary>Drops the connection without an answer, as a crashed web server or a cut network does.</summary>
    public static Fake1CFault Abort() => new(TimeSpan.Zero, AbortConnection: true);

    /// <summary>Starts a 200 answer, sends part of the page and drops the connection: a web server that dies mid-answer.</summary>
    public static Fake1CFault Truncate() => new(TimeSpan.Zero, TruncateBody: true);
}
