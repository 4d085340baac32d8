using AgiIdent.Hosting;
using AgiIdent.Settings;

namespace AgiIdent.Fuzz.Targets;

/// <summary>
/// A configuration file given with <c>--config</c>: <see cref="AgiIdentConfiguration.Build"/> over the file (on top
/// of the appsettings.json beside the program, as the daemon reads it), then <see cref="AgiIdentConfiguration.Bind"/>,
/// the validation every command runs. Expected rejection: <see cref="ConfigurationErrorsException"/>, every line of
/// which names the key (or the file) it is about; nothing else may escape.
/// </summary>
internal static class ConfigurationTarget
{
    /// <summary>One file per process, rewritten for each input: afl-fuzz runs one input at a time in a process.</summary>
    private static readonly string File = Path.Combine(Path.GetTempPath(), $"agiident-fuzz-config-{Environment.ProcessId}.json");

    public static void Run(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        System.IO.File.WriteAllBytes(File, data);
        try
        {
            var options = AgiIdentConfiguration.Bind(AgiIdentConfiguration.Build(File));
            FuzzFailure.Check(options.Listen.Length > 0, "bound without a listen address");
        }
        catch (ConfigurationErrorsException e)
        {
            FuzzFailure.Check(e.Errors.Count > 0 && e.Errors.All(line => line.Length > 0), "a rejection without its lines");
        }
        finally
        {
            System.IO.File.Delete(File);
        }
    }
}
