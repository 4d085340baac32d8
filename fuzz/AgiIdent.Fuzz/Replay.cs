namespace AgiIdent.Fuzz;

/// <summary>Runs saved inputs (the seed corpus, afl-fuzz's queue or crashes) through a target in this process.</summary>
internal static class Replay
{
    /// <summary>One input and what the target made of it: null when it passed.</summary>
    public sealed record Result(string File, Exception? Failure);

    /// <summary><c>fuzz/corpus/&lt;target&gt;</c> of the checkout this program was built from.</summary>
    public static string CorpusFolder(FuzzTarget target) => Path.Combine(FuzzRoot(), "corpus", target.Name);

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
