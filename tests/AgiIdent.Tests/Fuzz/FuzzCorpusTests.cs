using AgiIdent.Fuzz;

namespace AgiIdent.Tests.Fuzz;

/// <summary>
/// Every checked-in input of every fuzz target (fuzz/corpus/&lt;target&gt; and fuzz/regressions/&lt;target&gt;), run
/// through the target in this process as afl-fuzz runs it: the seeds and the inputs of past findings must pass on
/// every test run, not only when someone fuzzes.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string> Targets => [.. FuzzTargets.All.Select(static t => t.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void EveryCheckedInInput_Passes(string name)
    {
        var target = FuzzTargets.Find(name)!;

        var results = Replay.Run(target, Replay.CheckedIn(target)).ToList();

        Assert.NotEmpty(results);
        Assert.All(results, result => Assert.True(result.Failure is null, $"{result.File}: {result.Failure}"));
    }

    [Fact]
    public void EveryTarget_HasASeedCorpus()
    {
        var corpus = Path.Combine(TestFiles.RepositoryRoot, "fuzz", "corpus");

        Assert.Equal(FuzzTargets.All.Select(static t => t.Name).Order(StringComparer.Ordinal), System.IO.Directory.GetDirectories(corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>The replay is the check: an input a target fails on must be reported, not passed over.</summary>
    [Fact]
    public void Replay_ReportsAFailingInput()
    {
        var file = Path.Combine(Path.GetTempPath(), $"agiident-fuzz-{Guid.NewGuid():N}");
        // A page whose second row is no object: SyncException since the fix, so the replay passes it...
        File.WriteAllText(file, """0{"value":[{"Ref_Key":"x","Тип":"","Представление":"","Значение":""},1]}""");
        try
        {
            Assert.Null(Assert.Single(Replay.Run(FuzzTargets.Find("odata-page")!, [file])).Failure);

            // ...while a target that breaks its own invariant is reported with the file.
            var failing = new FuzzTarget("failing", "always fails", static _ => FuzzFailure.Check(false, "broken"));
            var result = Assert.Single(Replay.Run(failing, [file]));
            Assert.Equal(file, result.File);
            Assert.IsType<FuzzFailure>(result.Failure);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
