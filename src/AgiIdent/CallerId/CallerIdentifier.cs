using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;

namespace AgiIdent.CallerId;

/// <summary>The identification pipeline: normalize the number, find the parties, compose the screen text.</summary>
public sealed class CallerIdentifier(PhoneNumber numbers, IPartyDirectory directory)
{
    /// <summary>The directory consulted.</summary>
    public IPartyDirectory Directory => directory;

    /// <summary>
    /// Identifies a caller number. Completes synchronously when the directory answers from memory.
    /// A directory failure propagates; the session turns it into <see cref="IdentStatus.Error"/>.
    /// </summary>
    public ValueTask<Identification> IdentifyAsync(string callerNumber, CancellationToken cancellationToken)
    {
        if (numbers.ParseCaller(callerNumber, out var e164) == CallerNumberKind.Anonymous)
        {
            return ValueTask.FromResult(new Identification(IdentStatus.Anonymous, string.Empty, [], string.Empty, null));
        }

        var lookup = directory.FindAsync(e164, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult(Compose(e164, lookup.Result))
            : AwaitLookup(e164, lookup);
    }

    private static async ValueTask<Identification> AwaitLookup(string e164, ValueTask<DirectoryAnswer> lookup) =>
        Compose(e164, await lookup.ConfigureAwait(false));

    private static Identification Compose(string e164, DirectoryAnswer answer)
    {
        if (answer.Matches.Count == 0)
        {
            return new Identification(IdentStatus.NotFound, e164, [], answer.Source, null);
        }

        return new Identification(IdentStatus.Found, e164, answer.Matches, answer.Source, ScreenText.For(answer.Matches[0].Party));
    }
}
