using System.Diagnostics;

namespace AgiIdent.TestSupport;

/// <summary>Where the repository is, and running a program to completion: shared by the tests that need them.</summary>
public static class TestFiles
{
    /// <summary>The folder holding AgiIdent.sln, found upwards from the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Runs <paramref name="program"/> to completion and returns its output; fails naming the command, with its output,
    /// when it exits non-zero, and kills its whole process tree (a <c>dotnet publish</c> leaves build servers behind)
    /// when it outlives <paramref name="limit"/> (default 10 minutes: a publish on a loaded 2-core machine takes several).
    /// With <paramref name="includeError"/> the standard error follows the output.
    /// </summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, TimeSpan? limit = null, bool includeError = false)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var command = string.Join(' ', start.ArgumentList.Prepend(program));
        var timeout = limit ?? TimeSpan.FromMinutes(10);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command}: did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{command}: still running after {timeout.TotalMinutes:0.#} min, killed with its child processes. Output: {await output}{await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await output}{await error}");
        }

        return includeError ? await output + await error : await output;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AgiIdent.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AgiIdent.sln not found above " + AppContext.BaseDirectory);
    }
}
