using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AgiIdent.Numbering;

namespace AgiIdent.Benchmarks;

/// <summary>
/// <c>agiident-load parse</c>: what reading a number costs. A call reads its caller once (<see cref="NumberParser.ReadCaller"/>,
/// on libphonenumber); an import or sync reads every stored field (<see cref="NumberParser.ParseStored"/>, our layer, with
/// libphonenumber checking that what it read is a valid number).
/// </summary>
internal static class ParseBench
{
    private static readonly (string Form, string Number)[] Callers =
    [
        ("national", "0441234567"), ("mobile", "0677654321"), ("E.164 '+'", "+380441234567"), ("without '+'", "380441234567"),
        ("old 80", "80441234567"), ("Russian 8", "89161234567"), ("SIP URI", "sip:0441234567@trunk"), ("junk", "0000000000"),
    ];

    private static readonly (string Form, string Field)[] Stored =
    [
        ("presentation", "+38 (044) 123-45-67"), ("national, ext.", "067 765 43 21 доб. 12"), ("two numbers", "067 765 43 21, 050 111 22 33"),
        ("БСП JSON", """{"version":5,"value":"067 111 22 33","comment":"","type":"Телефон","countryCode":"067","areaCode":"111","number":"22 33","extNumber":""}"""),
        ("no country", "8 (916) 123-45-67"),
    ];

    /// <summary>Prints one row per form: mean time of one read over <paramref name="iterations"/>, after a warmup of as many.</summary>
    public static int Run(int iterations, TextWriter output)
    {
        var numbers = new NumberParser(NumberingPlan.Ukraine);
        output.WriteLine(Invariant($"runtime  {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores; UA plan, {iterations} reads per row"));
        output.WriteLine("| read | form | input | µs per read | allocated bytes per read |");
        output.WriteLine("|---|---|---|---:|---:|");
        foreach (var (form, number) in Callers)
        {
            Row(output, "caller", form, number, iterations, () => numbers.ReadCaller(number));
        }

        foreach (var (form, field) in Stored)
        {
            Row(output, "stored", form, field.Length > 30 ? field[..30] + "…" : field, iterations, () => numbers.ParseStored(field));
        }

        return 0;
    }

    private static void Row(TextWriter output, string read, string form, string input, int iterations, Func<object?> parse)
    {
        for (var i = 0; i < iterations; i++)
        {
            _ = parse();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            _ = parse();
        }

        clock.Stop();
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        output.WriteLine(Invariant($"| {read} | {form} | `{input}` | {clock.Elapsed.TotalMicroseconds / iterations:0.00} | {allocated / iterations} |"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
