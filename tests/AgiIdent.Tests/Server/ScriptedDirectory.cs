using AgiIdent.Directory;

namespace AgiIdent.Tests.Server;

/// <summary>A directory that answers after a delay, or never, or fails: the sick database of the tests.</summary>
internal sealed class ScriptedDirectory(TimeSpan? delay, bool ignoreCancellation = false, Exception? failure = null) : IPartyDirectory
{
    private int _calls;
    private int _cancelled;

    public static Party Party { get; } = new(
        "99999999-9999-4999-8999-999999999999", "S-1", PartyKind.Company, "Slow Directory Party", null, [], null, null, null, null,
        new Dictionary<string, string>(), false, [new PartyPhone("+380445559999", null, null, [new AgiIdent.Numbering.StoredNumber("380445559999", "445559999")])]);

    public string Description => "scripted test directory";

    public int Calls => Volatile.Read(ref _calls);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public async ValueTask<DirectoryAnswer> FindAsync(string e164, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (failure is not null)
        {
            throw failure;
        }

        try
        {
            await Task.Delay(delay ?? Timeout.InfiniteTimeSpan, ignoreCancellation ? CancellationToken.None : cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }

        return new DirectoryAnswer([new PartyMatch(Party, Party.Phones[0])], "snapshot");
    }
}
