namespace AgiIdent.Hosting;

/// <summary>The <c>AgiIdent:Protocol</c> configuration section.</summary>
public sealed class ProtocolOptions
{
    /// <summary>
    /// <c>Array</c> (default): the whole answer in one <c>SET VARIABLE ARRAY(...)</c> round trip (func_strings, in every
    /// Asterisk since 1.6); <c>Single</c>: one <c>SET VARIABLE</c> per variable, for an Asterisk without func_strings.
    /// </summary>
    public AgiIdent.Agi.AgiVariableCommands Commands { get; set; } = AgiIdent.Agi.AgiVariableCommands.Array;
}
