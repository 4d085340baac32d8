namespace AgiIdent.Diagnostics;

/// <summary>What counts the FastAGI sessions being served, for <c>/metrics</c>.</summary>
public interface ISessionsInFlight
{
    /// <summary>Sessions being served now.</summary>
    int InFlight { get; }
}
