using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AgiIdent.Tests.Server;

namespace AgiIdent.Tests.Deployment;

/// <summary>The self-contained single-file executable, as shipped: it starts, answers a FastAGI call and stops on SIGTERM.</summary>
public sealed partial class PublishedExecutableTests
{
    /// <summary>A self-contained ReadyToRun publish on a loaded 2-core machine takes minutes; past this it is killed.</summary>
    private static readonly TimeSpan PublishLimit = TimeSpan.FromMinutes(20);

    [Fact]
    public async Task SingleFileExecutable_AnswersACall_AndExitsCleanlyOnSigterm()
    {
        var work = Path.Combine(Path.GetTempPath(), "agiident-publish-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var output = await PublishAsync(work, "linux-x64");
            var executable = Path.Combine(output, "agiident");
            Assert.True(File.Exists(executable));
            Assert.False(File.Exists(Path.Combine(output, "agiident.dll")), "a single file, not a folder of assemblies");

            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = output };
            start.ArgumentList.Add("serve");
            start.Environment["AgiIdent__Listen"] = "127.0.0.1:0";
            start.Environment["AgiIdent__Http"] = string.Empty;
            start.Environment["AGIIDENT_CONFIG"] = string.Empty;
            start.Environment.Remove("NOTIFY_SOCKET");
            using var daemon = Process.Start(start) ?? throw new InvalidOperationException(executable + " serve: did not start");
            try
            {
                var log = new System.Text.StringBuilder();
                daemon.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
                daemon.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
                daemon.BeginOutputReadLine();
                daemon.BeginErrorReadLine();
                var port = 0;
                var deadline = Stopwatch.StartNew();
                while (port == 0)
                {
                    Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(2) && !daemon.HasExited, $"{executable} serve did not start: {log}");
                    await Task.Delay(50);
                    lock (log)
                    {
                        var match = Listening().Match(log.ToString());
                        port = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
                    }
                }

                var variables = await FakeAsterisk.CallAsync(new IPEndPoint(IPAddress.Loopback, port), "0441234567");
                Assert.Equal("FOUND", variables["AGIIDENT_STATUS"]);

                await TestFiles.RunAsync("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)]);
                using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                try
                {
                    await daemon.WaitForExitAsync(exit.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"{executable} serve did not exit within a minute of SIGTERM: {log}");
                }

                Assert.Equal(0, daemon.ExitCode);
            }
            finally
            {
                if (!daemon.HasExited)
                {
                    daemon.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            Delete(work);
        }
    }

    [Fact]
    public async Task WindowsExecutable_Publishes_AsOneFile()
    {
        // The Windows service build: its runtime packs restore from the registry and the single file is a PE image.
        var work = Path.Combine(Path.GetTempPath(), "agiident-publish-win-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var output = await PublishAsync(work, "win-x64");
            var executable = Path.Combine(output, "agiident.exe");
            Assert.True(File.Exists(executable), "no agiident.exe in " + output);
            Assert.False(File.Exists(Path.Combine(output, "agiident.dll")), "a single file, not a folder of assemblies");
            var header = new byte[2];
            await using (var file = File.OpenRead(executable))
            {
                await file.ReadExactlyAsync(header);
            }

            Assert.Equal("MZ"u8.ToArray(), header);
        }
        finally
        {
            Delete(work);
        }
    }

    /// <summary>
    /// Publishes from a copy, so the build outputs of this test run are left alone; without node reuse or a shared
    /// compiler server, so no build process outlives the test.
    /// </summary>
    private static async Task<string> PublishAsync(string work, string runtime)
    {
        var root = TestFiles.RepositoryRoot;
        System.IO.Directory.CreateDirectory(work);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(work, file));
        }

        CopyTree(Path.Combine(root, "src"), Path.Combine(work, "src"));
        var output = Path.Combine(work, "out");
        await TestFiles.RunAsync(
            "dotnet",
            ["publish", Path.Combine(work, "src", "AgiIdent", "AgiIdent.csproj"), "-c", "Release", "-r", runtime, "--self-contained", "-p:PublishSingleFile=true", "-nodeReuse:false", "-p:UseSharedCompilation=false", "-o", output],
            PublishLimit);
        return output;
    }

    private static void Delete(string work)
    {
        try
        {
            System.IO.Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temporary folder.
        }
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var directory in System.IO.Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(directory);
            if (name is "bin" or "obj")
            {
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in System.IO.Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            {
                continue;
            }

            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }

    [GeneratedRegex(@"listening for FastAGI on 127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
