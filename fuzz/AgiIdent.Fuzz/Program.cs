using AgiIdent.Fuzz;
using SharpFuzz;

// Usage:
//   AgiIdent.Fuzz <target>                    run under afl-fuzz (fuzz/run.sh starts it so)
//   AgiIdent.Fuzz replay <target|all> [path]  every file of each path (default fuzz/corpus/<target> and
//                                             fuzz/regressions/<target>) through the target, in this process
//   AgiIdent.Fuzz list                        the targets
//
// Under afl-fuzz the target runs through SharpFuzz's out-of-process fork server (Fuzzer.OutOfProcess.Run, SharpFuzz
// README and docs/miscellaneous.md "Out-of-process fuzzing"): an input that overflows the stack or has to be killed
// kills only the child process, which SharpFuzz restarts, and afl-fuzz records the input as a crash or a hang.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: AgiIdent.Fuzz <target> | replay <target|all> [file or folder...] | list");
    return 2;
}

if (args[0] == "list")
{
    foreach (var target in FuzzTargets.All)
    {
        Console.WriteLine($"{target.Name,-16} {target.Parses}");
    }

    return 0;
}

if (args[0] == "replay")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("usage: AgiIdent.Fuzz replay <target|all> [file or folder...]");
        return 2;
    }

    var targets = args[1] == "all" ? FuzzTargets.All : FuzzTargets.Find(args[1]) is { } one ? [one] : null;
    if (targets is null)
    {
        Console.Error.WriteLine($"unknown target '{args[1]}'; AgiIdent.Fuzz list names them");
        return 2;
    }

    var failed = 0;
    foreach (var target in targets)
    {
        IEnumerable<string> paths = args.Length > 2 ? args[2..] : Replay.CheckedIn(target);
        foreach (var result in Replay.Run(target, paths))
        {
            if (result.Failure is { } failure)
            {
                failed++;
                Console.WriteLine($"FAIL {target.Name} {result.File}: {failure}");
            }
        }
    }

    Console.WriteLine(failed == 0 ? "replay: no failures" : $"replay: {failed} failing input(s)");
    return failed == 0 ? 0 : 1;
}

var fuzzed = FuzzTargets.Find(args[0]);
if (fuzzed is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; AgiIdent.Fuzz list names them");
    return 2;
}

Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    fuzzed.Run(buffer.ToArray());
});
return 0;
