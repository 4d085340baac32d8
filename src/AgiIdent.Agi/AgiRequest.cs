using System.Collections.Frozen;
using System.Net;

namespace AgiIdent.Agi;

/// <summary>What Asterisk told us about the call in the environment block.</summary>
public sealed class AgiRequest
{
    private const string Absent = "unknown";

    internal AgiRequest(AgiEnvironment variables, bool hangupFollowed)
    {
        Variables = variables;
        HangupBeforeFirstCommand = hangupFollowed;
        CallerNumber = Present(Get("agi_callerid"));
        CallerName = Present(Get("agi_calleridname"));
        Dnid = Present(Get("agi_dnid"));
        Rdnis = Present(Get("agi_rdnis"));
        NetworkScript = Get("agi_network_script");
        (Script, Options) = SplitScript(NetworkScript);
        Arguments = CollectArguments(variables);
    }

    /// <summary>Every <c>agi_*</c> line as received (values leniently decoded, never unescaped).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Caller number (<c>agi_callerid</c>); empty when Asterisk sent <c>unknown</c>.</summary>
    public string CallerNumber { get; }

    /// <summary>Caller name (<c>agi_calleridname</c>); empty when Asterisk sent <c>unknown</c>.</summary>
    public string CallerName { get; }

    /// <summary>Dialled number (<c>agi_dnid</c>); empty when Asterisk sent <c>unknown</c>.</summary>
    public string Dnid { get; }

    /// <summary>Redirecting number (<c>agi_rdnis</c>); empty when Asterisk sent <c>unknown</c>.</summary>
    public string Rdnis { get; }

    /// <summary>Channel name, e.g. <c>PJSIP/trunk-00000012</c>.</summary>
    public string Channel => Get("agi_channel");

    /// <summary>Asterisk's unique id of the channel, for logs.</summary>
    public string UniqueId => Get("agi_uniqueid");

    /// <summary>Channel language.</summary>
    public string Language => Get("agi_language");

    /// <summary>Dialplan context the AGI ran from.</summary>
    public string Context => Get("agi_context");

    /// <summary>Dialplan extension the AGI ran from.</summary>
    public string Extension => Get("agi_extension");

    /// <summary>Everything after the first <c>/</c> of the AGI URL, query included (<c>agi_network_script</c>).</summary>
    public string NetworkScript { get; }

    /// <summary>The script name: <see cref="NetworkScript"/> without its query, e.g. <c>ident</c>.</summary>
    public string Script { get; }

    /// <summary>URL-decoded query options of the script, e.g. <c>tenant=kyiv</c>; keys compared without case.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The comma arguments of <c>AGI(url,a,b)</c> in order (<c>agi_arg_1..N</c>).</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>True when <c>HANGUP</c> arrived right after the environment block, before any command.</summary>
    public bool HangupBeforeFirstCommand { get; }

    /// <summary>One environment value, empty when absent.</summary>
    public string Get(string key) => Variables.TryGetValue(key, out var value) ? value : string.Empty;

    private static string Present(string value) => value == Absent ? string.Empty : value;

    private static (string Script, IReadOnlyDictionary<string, string> Options) SplitScript(string networkScript)
    {
        var query = networkScript.IndexOf('?', StringComparison.Ordinal);
        var script = (query < 0 ? networkScript : networkScript[..query]).Trim('/');
        if (query < 0 || query == networkScript.Length - 1)
        {
            return (script, FrozenDictionary<string, string>.Empty);
        }

        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in networkScript[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = WebUtility.UrlDecode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : WebUtility.UrlDecode(pair[(equals + 1)..]);
            if (key.Length > 0)
            {
                options.TryAdd(key, value);
            }
        }

        return (script, options.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    private static string[] CollectArguments(AgiEnvironment variables)
    {
        const string prefix = "agi_arg_";
        var count = 0;
        for (var i = 0; i < variables.Count; i++)
        {
            var key = variables.At(i).Key;
            if (key.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && n is > 0 and <= AgiEnvironmentParser.MaxArguments)
            {
                count = Math.Max(count, n);
            }
        }

        if (count == 0)
        {
            return [];
        }

        var arguments = new string[count];
        for (var i = 0; i < count; i++)
        {
            arguments[i] = variables.TryGetValue(prefix + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out var value) ? value : string.Empty;
        }

        return arguments;
    }
}
