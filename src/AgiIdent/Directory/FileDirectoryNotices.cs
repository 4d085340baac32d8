using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Log = AgiIdent.Diagnostics.Log;

namespace AgiIdent.Directory;

/// <summary>What a daemon serving a <see cref="FileDirectory"/> logs before its port opens: the rows left out, and the demo warning.</summary>
internal sealed class FileDirectoryNotices(FileDirectory directory, ILogger<FileDirectory> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var reject in directory.Rejects)
        {
            Log.DirectoryReject(logger, reject.ToString());
        }

        if (directory.IsDemo)
        {
            Log.DemoDirectory(logger);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
