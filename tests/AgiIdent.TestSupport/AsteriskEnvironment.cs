using System.Text;

namespace AgiIdent.TestSupport;

/// <summary>
/// The environment block Asterisk sends first on a FastAGI connection: <c>setup_env()</c> in res_agi.c writes one
/// <c>agi_name: value</c> line per variable, LF-terminated, in this order, then <c>agi_arg_1</c>... for the
/// arguments of <c>AGI()</c>, and an empty line. The defaults are a PJSIP trunk call to <c>agi://127.0.0.1:4573/ident</c>.
/// </summary>
public sealed record AsteriskEnvironment
{
    /// <summary><c>agi_network_script</c>: the path and query after the host; empty leaves the line out.</summary>
    public string Script { get; init; } = "ident";

    /// <summary><c>agi_request</c>: the whole URL of <c>AGI()</c>.</summary>
    public string Request { get; init; } = "agi://127.0.0.1:4573/ident";

    public string Channel { get; init; } = "PJSIP/trunk-0000002a";

    public string Language { get; init; } = "en";

    public string Type { get; init; } = "PJSIP";

    public string UniqueId { get; init; } = "1700000000.42";

    public string Version { get; init; } = "22.1.0";

    public string CallerId { get; init; } = "unknown";

    public string CallerIdName { get; init; } = "unknown";

    public string CallingPres { get; init; } = "0";

    public string CallingAni2 { get; init; } = "0";

    public string CallingTon { get; init; } = "0";

    public string CallingTns { get; init; } = "0";

    public string Dnid { get; init; } = "0443334455";

    public string Rdnis { get; init; } = "unknown";

    public string Context { get; init; } = "from-trunk";

    public string Extension { get; init; } = "0443334455";

    public string Priority { get; init; } = "2";

    public string Enhanced { get; init; } = "0.0";

    public string AccountCode { get; init; } = string.Empty;

    public string ThreadId { get; init; } = "139872203486976";

    /// <summary>The arguments of <c>AGI()</c> after the URL, sent as <c>agi_arg_1</c>, <c>agi_arg_2</c>...</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The block as text, its empty last line included.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(1024);
        foreach (var (name, value) in Lines())
        {
            text.Append(name).Append(": ").Append(value).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    /// <summary>The block as Asterisk writes it, UTF-8.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    /// <summary>Where the value of <paramref name="name"/> starts in <see cref="ToBytes"/>, for a caller that patches it in place.</summary>
    public int ValueOffset(string name)
    {
        var offset = 0;
        foreach (var (line, value) in Lines())
        {
            offset += Encoding.UTF8.GetByteCount(line) + 2;
            if (line == name)
            {
                return offset;
            }

            offset += Encoding.UTF8.GetByteCount(value) + 1;
        }

        throw new ArgumentException($"{name} is not a line of the block", nameof(name));
    }

    private IEnumerable<(string Name, string Value)> Lines()
    {
        yield return ("agi_network", "yes");
        if (Script.Length > 0)
        {
            yield return ("agi_network_script", Script);
        }

        yield return ("agi_request", Request);
        yield return ("agi_channel", Channel);
        yield return ("agi_language", Language);
        yield return ("agi_type", Type);
        yield return ("agi_uniqueid", UniqueId);
        yield return ("agi_version", Version);
        yield return ("agi_callerid", CallerId);
        yield return ("agi_calleridname", CallerIdName);
        yield return ("agi_callingpres", CallingPres);
        yield return ("agi_callingani2", CallingAni2);
        yield return ("agi_callington", CallingTon);
        yield return ("agi_callingtns", CallingTns);
        yield return ("agi_dnid", Dnid);
        yield return ("agi_rdnis", Rdnis);
        yield return ("agi_context", Context);
        yield return ("agi_extension", Extension);
        yield return ("agi_priority", Priority);
        yield return ("agi_enhanced", Enhanced);
        yield return ("agi_accountcode", AccountCode);
        yield return ("agi_threadid", ThreadId);
        for (var i = 0; i < Arguments.Count; i++)
        {
            yield return ("agi_arg_" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Arguments[i]);
        }
    }
}
