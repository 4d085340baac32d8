using AgiIdent.Contract;
using AgiIdent.Directory;
using AgiIdent.Display;
using AgiIdent.Numbering;

namespace AgiIdent.CallerId;

/// <summary>
/// The identification pipeline: normalize the number, find the parties, compose the screen text (for an unknown
/// caller only when <c>AgiIdent:Display:UnknownTemplate</c> is set).
/// </summary>
public sealed class CallerIdentifier(NumberParser numbers, IPartyDirectory directory, ScreenProfiles screens)
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
        if (numbers.ReadCaller(callerNumber) is not { } caller)
        {
            return ValueTask.FromResult(new Identification(IdentStatus.Anonymous, string.Empty, [], string.Empty, null));
        }

        var screen = profile ?? screens.Default;
        var lookup = directory.FindAsync(caller.E164, cancellationToken);
        return lookup.IsCompletedSuccessfully
            ? ValueTask.FromResult(Compose(caller, lookup.Result, screen))
            : AwaitLookup(caller, lookup, screen);
    }

    private static async ValueTask<Identification> AwaitLookup(CallerNumber caller, ValueTask<DirectoryAnswer> lookup, ScreenProfile profile) =>
        Compose(caller, await lookup.ConfigureAwait(false), profile);

    private static Identification Compose(CallerNumber caller, DirectoryAnswer answer, ScreenProfile profile)
    {
        if (answer.Matches.Count == 0)
        {
            return new Identification(IdentStatus.NotFound, caller.E164, [], answer.Source, ScreenComposer.ComposeUnknown(profile, caller))
            {
                NumberType = caller.Type,
                Region = caller.Region,
            };
        }

        var screen = ScreenComposer.Compose(profile, answer.Matches[0], answer.Matches.Count, caller);
        return new Identification(IdentStatus.Found, caller.E164, answer.Matches, answer.Source, screen)
        {
            NumberType = caller.Type,
            Region = caller.Region,
        };
    }
}
