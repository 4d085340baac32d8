namespace AgiIdent.Tests.Deployment;

/// <summary>A test that needs <c>systemd-analyze</c> (Debian's <c>systemd</c> package; .ci/run installs it): skipped without it, except in CI.</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        if (!File.Exists("/usr/bin/systemd-analyze") && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "systemd-analyze not found: apt-get install systemd";
        }
    }
}
