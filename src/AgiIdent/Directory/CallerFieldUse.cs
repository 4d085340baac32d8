namespace AgiIdent.Directory;

/// <summary>Where users may write a <see cref="CallerField"/>: in screen templates, in routing rules, or both.</summary>
[Flags]
public enum CallerFieldUse
{
    /// <summary><c>{field}</c> in <c>AgiIdent:Display</c> templates.</summary>
    Screen = 1,

    /// <summary>A fact in <c>AgiIdent:Rules</c>: in <c>When</c> and as <c>{fact}</c> in <c>Set</c> values.</summary>
    Rules = 2,

    /// <summary>Both.</summary>
    Both = Screen | Rules,
}
