namespace AgiIdent.Agi.Tests.Support;

/// <summary>Environment blocks as Asterisk writes them (<c>setup_env()</c> in res_agi.c, see <see cref="AsteriskEnvironment"/>): LF-terminated, in its order.</summary>
internal static class EnvironmentBlocks
{
    /// <summary>
    /// What Asterisk 22 sends for <c>AGI(agi://127.0.0.1:4573/ident?tenant=kyiv&amp;for=101,first,second value,третій)</c>
    /// on a trunk call with a Cyrillic caller name, no redirecting number and an empty account code.
    /// </summary>
    public static readonly string Asterisk22 = new AsteriskEnvironment
    {
        Script = "ident?tenant=kyiv&for=101",
        Request = "agi://127.0.0.1:4573/ident?tenant=kyiv&for=101",
        Channel = "PJSIP/trunk-kyivstar-0000002a",
        Language = "uk",
        UniqueId = "1718031234.117",
        Version = "22.1.1",
        CallerId = "380671234567",
        CallerIdName = "Олена Коваленко",
        Dnid = "0442345678",
        Extension = "0442345678",
        Priority = "3",
        ThreadId = "139872004515520",
        Arguments = ["first", "second value", "третій"],
    }.ToString();

    /// <summary>The smallest block a session test needs.</summary>
    public const string Minimal =
        "agi_network: yes\n" +
        "agi_network_script: ident\n" +
        "agi_request: agi://127.0.0.1/ident\n" +
        "agi_uniqueid: 1718031234.118\n" +
        "agi_callerid: 101\n" +
        "\n";
}
