using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;

namespace AgiIdent.CallerId;

/// <summary>The identification pipeline: normalize the number, find the parties, compose the screen text.</summary>
public sealed class CallerIdentifier(PhoneNumber numbers, IPartyDirectory directory, ScreenProfiles screens)
{
    /// <summary>The display profiles.</summary>
    public ScreenProfiles Screens => screens;

    /// <summary>
    /// Identifies a caller number, with the screen text of <paramref name="profile"/> (the default profile when null).
    /// Completes synchronously when the directory answers from memory. A directory failure propagates; the session
    /// turns it into <see cref="IdentStatus.Error"/>.
    /// </summary>
    public ValueTask<Identification> IdentifyAsync(string callerNumber, ScreenProfile? profile, CancellationToken cancellationToken)
    {
        if (numbers.ParseCaller(callerNumber, out var e164) == CallerNumberKind.Anonymous)
        {
            return ValueTask.FromResult(new Identification(IdentStatus.Anonymous, string.Empty, [], string.Empty, null));
        }

        var screen = profile ?? screens.Default;
        var lookup = directory.FindAsync(e164, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult(Compose(e164, lookup.Result, screen))
            : AwaitLookup(e164, lookup, screen);
    }

    private static async ValueTask<Identification> AwaitLookup(string e164, ValueTask<DirectoryAnswer> lookup, ScreenProfile profile) =>
        Compose(e164, await lookup.ConfigureAwait(false), profile);

    private static Identification Compose(string e164, DirectoryAnswer answer, ScreenProfile profile)
    {
        if (answer.Matches.Count == 0)
        {
            return new Identification(IdentStatus.NotFound, e164, [], answer.Source, null);
        }

        var screen = ScreenComposer.Compose(profile, answer.Matches[0], answer.Matches.Count, e164);
        return new Identification(IdentStatus.Found, e164, answer.Matches, answer.Source, screen);
    }
}
