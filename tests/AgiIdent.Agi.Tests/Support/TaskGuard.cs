namespace AgiIdent.Agi.Tests.Support;

/// <summary>Bounds every wait of a test, so that a broken session fails the test instead of hanging the run.</summary>
internal static class TaskGuard
{
    /// <summary>Generous for a loaded machine, yet keeps a failing test well under the suite's two seconds.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Awaits <paramref name="task"/>, failing the test when it is still running after <see cref="Limit"/>. Deliberately
    /// not a <see cref="TimeoutException"/>: the session's own timeouts must stay distinguishable from a hang.
    /// </summary>
    public static async Task Within(this Task task)
    {
        using var expiry = new CancellationTokenSource();
        var delay = Task.Delay(Limit, expiry.Token);
        if (await Task.WhenAny(task, delay) != task)
        {
            Assert.Fail($"still waiting after {Limit.TotalSeconds} s");
        }

        await expiry.CancelAsync();
        await task;
    }

    /// <inheritdoc cref="Within(Task)"/>
    public static async Task<T> Within<T>(this Task<T> task)
    {
        await ((Task)task).Within();
        return await task;
    }
}
