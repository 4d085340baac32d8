namespace AgiIdent.Benchmarks;

/// <summary>What one soak session plays.</summary>
internal enum SoakKind
{
    /// <summary>A caller the synced directory has.</summary>
    Found,

    /// <summary>A found caller whose Asterisk sends a hostile caller name and arguments (quotes, <c>${SHELL()}</c>, separators).</summary>
    Hostile,

    /// <summary>A number nobody has.</summary>
    Unknown,

    /// <summary>A withheld number (<c>unknown</c>, <c>anonymous</c>, empty).</summary>
    Withheld,

    /// <summary>Random bytes instead of an environment block.</summary>
    Garbage,

    /// <summary>The caller hangs up: the connection closes right after the environment, or a <c>HANGUP</c> line follows it.</summary>
    EarlyHangup,

    /// <summary>Half an environment block, then nothing: the server must close it after its environment timeout.</summary>
    StalledEnvironment,

    /// <summary>The whole environment, then no reply to the first command: the server must close it after its reply budget.</summary>
    StalledReply,
}
