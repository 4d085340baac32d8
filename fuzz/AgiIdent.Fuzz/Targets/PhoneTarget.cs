using System.Text;
using AgiIdent.Numbering;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// Phone numbers: a stored phone field in every form 1C holds (a presentation, a digits column, the JSON
/// <c>Значение</c> of current БСП, its key=value and XML forms) and a caller number from a trunk, read with each of
/// the hand-written plans and one libphonenumber-only plan. Expected rejection: none — junk is reported in
/// <see cref="StoredPhone.Problems"/> and a caller that is no number is anonymous, so any exception is a failure.
/// Every number found must be E.164 digits (at most 15, ITU-T E.164 and the directory's <c>e164</c> column; fewer than
/// <see cref="NumberParser.MinE164Length"/> only where libphonenumber knows a shorter valid number) with a suffix of at
/// most <see cref="NumberParser.MatchDigits"/> digits.
/// </summary>
internal static class PhoneTarget
{
    private static readonly NumberParser[] Parsers =
    [
        new(NumberingPlan.Ukraine, "44"),
        new(NumberingPlan.Ukraine),
        new(NumberingPlan.Russia, "495"),
        new(NumberingPlan.Poland),
        new(NumberingPlan.International),
        new(NumberingPlan.For("DE")),
    ];

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = Encoding.UTF8.GetString(data);
        foreach (var parser in Parsers)
        {
            var stored = parser.ParseStored(text);
            FuzzFailure.Check(stored.Numbers.Count > 0 || stored.Problems.Count > 0, "neither a number nor a problem");
            foreach (var number in stored.Numbers)
            {
                FuzzFailure.Check(number.E164 is null || IsE164(number.E164), $"stored E.164 '{number.E164}' ({parser.Plan.Country})");
                FuzzFailure.Check(number.Suffix.Length > 0 && number.Suffix.Length <= parser.MatchDigits && number.Suffix.All(char.IsAsciiDigit), $"suffix '{number.Suffix}' ({parser.Plan.Country})");
                FuzzFailure.Check(number.E164 is null || number.E164.EndsWith(number.Suffix, StringComparison.Ordinal), $"suffix '{number.Suffix}' is not the end of {number.E164}");
            }

            FuzzFailure.Check(stored.Problems.All(p => p.Length > 0), "an empty problem");
            var caller = parser.ReadCaller(text);
            FuzzFailure.Check(caller is null || IsE164(caller.E164), $"caller E.164 '{caller?.E164}' ({parser.Plan.Country})");
            var kind = parser.ParseCaller(text, out var e164);
            FuzzFailure.Check((kind == CallerNumberKind.Usable) == (caller is not null) && e164 == (caller?.E164 ?? string.Empty), "ParseCaller and ReadCaller disagree");
        }
    }

    private static bool IsE164(string digits) =>
        digits.Length is >= 3 and <= NumberParser.MaxE164Length && digits.All(char.IsAsciiDigit) && digits[0] != '0';
}
