namespace AgiIdent.Agi.Tests.Support;

/// <summary>Environment blocks as Asterisk writes them (<c>setup_env()</c> in res_agi.c): LF-terminated, in its order.</summary>
internal static class EnvironmentBlocks
{
    /// <summary>
    /// What Asterisk 22 sends for <c>AGI(agi://127.0.0.1:4573/ident?tenant=kyiv&amp;for=101,first,second value,третій)</c>
    /// on a trunk call with a Cyrillic caller name, no redirecting number and an empty account code.
    /// </summary>
    public const string Asterisk22 =
        "agi_network: yes\n" +
        "agi_network_script: ident?tenant=kyiv&for=101\n" +
        "agi_request: agi://127.0.0.1:4573/ident?tenant=kyiv&for=101\n" +
        "agi_channel: PJSIP/trunk-kyivstar-0000002a\n" +
        "agi_language: uk\n" +
        "agi_type: PJSIP\n" +
        "agi_uniqueid: 1718031234.117\n" +
        "agi_version: 22.1.1\n" +
        "agi_callerid: 380671234567\n" +
        "agi_calleridname: Олена Коваленко\n" +
        "agi_callingpres: 0\n" +
        "agi_callingani2: 0\n" +
        "agi_callington: 0\n" +
        "agi_callingtns: 0\n" +
        "agi_dnid: 0442345678\n" +
        "agi_rdnis: unknown\n" +
        "agi_context: from-trunk\n" +
        "agi_extension: 0442345678\n" +
        "agi_priority: 3\n" +
        "agi_enhanced: 0.0\n" +
        "agi_accountcode: \n" +
        "agi_threadid: 139872004515520\n" +
        "agi_arg_1: first\n" +
        "agi_arg_2: second value\n" +
        "agi_arg_3: третій\n" +
        "\n";

    /// <summary>The smallest block a session test needs.</summary>
    public const string Minimal =
        "agi_network: yes\n" +
        "agi_network_script: ident\n" +
        "agi_request: agi://127.0.0.1/ident\n" +
        "agi_uniqueid: 1718031234.118\n" +
        "agi_callerid: 101\n" +
        "\n";
}
