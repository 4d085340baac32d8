namespace AgiIdent.Fuzz;

/// <summary>Runs saved inputs (the seed corpus, afl-fuzz's queue or crashes) through a target in this process.</summary>
public static class Replay
{
    /// <summary>
    /// Gives instrumented code a trace map of its own: an assembly instrumented by <c>sharpfuzz</c> writes every branch
    /// into <c>SharpFuzz.Common.Trace.SharedMem</c>, which only the fork server sets (SharpFuzz's Fuzzer.cs does the
    /// same for a run outside afl-fuzz), so a replay with fuzz/out/bin would otherwise write through a null pointer.
    /// </summary>
    static unsafe Replay()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
        }
    }

    /// <summary>One input and what the target made of it: null when it passed.</summary>
    public sealed record Result(string File, Exception? Failure);

    /// <summary>
    /// The inputs checked in for a target: its seed corpus <c>fuzz/corpus/&lt;target&gt;</c> and the inputs of past
    /// findings <c>fuzz/regressions/&lt;target&gt;</c> (kept out of the seeds: some are large, and afl-fuzz need not start from them).
    /// </summary>
    public static IReadOnlyList<string> CheckedIn(FuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var root = FuzzRoot();
        var regressions = Path.Combine(root, "regressions", target.Name);
        return System.IO.Directory.Exists(regressions) ? [Path.Combine(root, "corpus", target.Name), regressions] : [Path.Combine(root, "corpus", target.Name)];
    }

    /// <summary>The <c>fuzz</c> folder: found upwards from the program's own folder.</summary>
    public static string FuzzRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.Directory.Exists(Path.Combine(folder.FullName, "fuzz", "corpus")))
            {
                return Path.Combine(folder.FullName, "fuzz");
            }
        }

        throw new DirectoryNotFoundException($"no fuzz/corpus above {AppContext.BaseDirectory}");
    }

    /// <summary>Every regular file under <paramref name="paths"/> (folders recursively, afl-fuzz's README.txt skipped), in name order.</summary>
    public static IEnumerable<Result> Run(FuzzTarget target, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var file in Files(paths))
        {
            Exception? failure = null;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failure = e;
            }

            yield return new Result(file, failure);
        }
    }

    private static IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                yield return path;
            }
            else if (System.IO.Directory.Exists(path))
            {
                foreach (var file in System.IO.Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                             .Where(f => Path.GetFileName(f) != "README.txt" && !Path.GetFileName(f).StartsWith('.'))
                             .Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else
            {
                throw new FileNotFoundException($"no such file or folder: {path}", path);
            }
        }
    }
}
