namespace AgiIdent.Agi.Tests.Support;

/// <summary>What the protocol tests do with the in-memory <see cref="FakeAsterisk"/> that needs the session or an assertion.</summary>
internal static class FakeAsteriskExtensions
{
    /// <summary>Reads the next command, checks it is exactly <paramref name="expected"/>, and sends <paramref name="reply"/>.</summary>
    public static async Task AnswerAsync(this FakeAsterisk asterisk, AgiCommand expected, string reply)
    {
        Assert.Equal(expected.ToBytes(), await asterisk.ReadCommandBytesAsync());
        await asterisk.SendAsync(reply);
    }

    /// <summary>Sends <paramref name="environment"/> and accepts the session on it.</summary>
    public static async Task<AgiSession> AcceptSessionAsync(this FakeAsterisk asterisk, string environment = EnvironmentBlocks.Minimal, AgiLimits? limits = null)
    {
        await asterisk.SendAsync(environment);
        return await AgiSession.AcceptAsync(asterisk, limits ?? AgiLimits.Default, CancellationToken.None).AsTask().Within();
    }
}
