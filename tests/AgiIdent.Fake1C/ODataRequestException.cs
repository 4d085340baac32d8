namespace AgiIdent.Fake1C;

/// <summary>A request the fake refuses the way 1C does: an HTTP status and the message of a 1C error body.</summary>
internal sealed class ODataRequestException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ODataRequestException BadRequest(string message) => new(400, message);

    public static ODataRequestException UnknownProperty(string name) => new(400, $"Неизвестное свойство '{name}'");
}
