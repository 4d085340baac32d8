using System.Text;
using System.Text.Json;
using AgiIdent.CallerId;
using AgiIdent.Contract;
using AgiIdent.Display;
using AgiIdent.Rules;

namespace AgiIdent.Cli;

/// <summary>
/// What <c>agiident lookup</c> prints: the screen as the phone shows it, every variable as Asterisk will store it
/// (sanitized and cut as on the wire), every rule's outcome, and with <c>--wire</c> the exact command lines.
/// </summary>
internal sealed class LookupReport(CallAnswer answer, ScreenProfile profile, IReadOnlyList<RuleOutcome> outcomes, bool wire)
{
    private readonly Identification identification = answer.Identification;
    private readonly IReadOnlyList<KeyValuePair<string, string>> variables = answer.Delivered;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToText()
    {
        var text = new StringBuilder();
        var width = profile.Width.MaxLength;
        var screen = variables.FirstOrDefault(static v => v.Key is VariableNames.CallerName or IdentScript.ConnectedName).Value;
        text.AppendLine($"Screen ({profile.Name} profile, {width} characters{(profile.Width.MaxBytes is { } bytes ? $", {bytes} bytes" : string.Empty)}):");
        text.Append('┌').Append('─', width).AppendLine("┐");
        var shown = screen ?? "(unchanged: the caller's own name stays)";
        var pad = Math.Max(0, width - ScreenWidth.Length(shown));
        text.Append('│').Append(shown).Append(' ', pad).AppendLine(ScreenWidth.Length(shown) <= width ? "│" : string.Empty);
        text.Append('└').Append('─', width).AppendLine("┘");
        text.AppendLine();
        text.AppendLine("Variables:");
        foreach (var (name, value) in variables)
        {
            text.AppendLine($"  {name}={value}");
        }

        if (wire)
        {
            text.AppendLine();
            text.AppendLine($"Wire ({answer.Commands.Count} {(answer.Commands.Count == 1 ? "command" : "commands")}):");
            foreach (var command in answer.Commands)
            {
                text.AppendLine(command.ToString());
            }
        }

        if (identification.Matches.Count > 1)
        {
            text.AppendLine();
            text.AppendLine("Others on this number:");
            foreach (var match in identification.Matches.Skip(1))
            {
                text.AppendLine($"  {match.Party.Code} {match.Party.Name}{(match.Party.Deleted ? " (deleted)" : string.Empty)}");
            }
        }

        text.AppendLine();
        text.AppendLine(outcomes.Count == 0 ? "Rules: none configured" : "Rules:");
        foreach (var outcome in outcomes)
        {
            text.AppendLine($"  {(outcome.Fired ? "fired  " : "skipped")} {outcome.Rule.Name}: {outcome.Why}");
        }

        return text.ToString();
    }

    public string ToJson()
    {
        var document = new
        {
            status = ContractText.Status(identification.Status),
            screen = variables.FirstOrDefault(static v => v.Key is VariableNames.CallerName or IdentScript.ConnectedName).Value,
            profile = profile.Name,
            width = profile.Width.MaxLength,
            variables = variables.ToDictionary(v => v.Key, v => v.Value),
            matches = identification.Matches.Select(m => new { id = m.Party.Id, code = m.Party.Code, name = m.Party.Name, deleted = m.Party.Deleted }),
            rules = outcomes.Select(o => new { name = o.Rule.Name, fired = o.Fired, why = o.Why }),
            wire = wire ? answer.Commands.Select(static c => c.ToString()) : null,
        };
        return JsonSerializer.Serialize(document, Json) + Environment.NewLine;
    }
}
