namespace AgiIdent.Agi;

/// <summary>How channel variables are sent (<c>AgiIdent:Protocol:Commands</c>).</summary>
public enum AgiVariableCommands
{
    /// <summary>As few <c>SET VARIABLE ARRAY(V1,V2,...) "v1,v2,..."</c> lines as fit: one round trip for a whole answer (needs func_strings).</summary>
    Array,

    /// <summary>One <c>SET VARIABLE name "value"</c> per variable, for an Asterisk without func_strings.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The documented configuration value AgiIdent:Protocol:Commands=Single.")]
    Single,
}
