using static System.FormattableString;

namespace AgiIdent.Benchmarks;

/// <summary>Counts per kind, shared by the client threads.</summary>
internal sealed class SoakTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SoakKind, (long Count, long Errors, long OverBudget, TimeSpan Longest, Dictionary<string, long> Answers)> _kinds = [];

    public long Total { get; private set; }

    public long Errors { get; private set; }

    public long OverBudget { get; private set; }

    public void Add(SoakKind kind, TimeSpan elapsed, bool error, bool overBudget, string? status)
    {
        lock (_gate)
        {
            var entry = _kinds.TryGetValue(kind, out var found) ? found : (0, 0, 0, TimeSpan.Zero, new Dictionary<string, long>(StringComparer.Ordinal));
            entry.Count++;
            entry.Errors += error ? 1 : 0;
            entry.OverBudget += overBudget ? 1 : 0;
            entry.Longest = elapsed > entry.Longest ? elapsed : entry.Longest;
            var answer = status ?? "none";
            entry.Answers[answer] = entry.Answers.GetValueOrDefault(answer) + 1;
            _kinds[kind] = entry;
            Total++;
            Errors += error ? 1 : 0;
            OverBudget += overBudget ? 1 : 0;
        }
    }

    public IEnumerable<string> Lines()
    {
        lock (_gate)
        {
            return _kinds.OrderBy(k => k.Key).Select(k => Invariant(
                $"{k.Key,-20} {k.Value.Count,9:N0} {k.Value.Errors,8} {k.Value.OverBudget,12} {k.Value.Longest.TotalMilliseconds,11:0.0}  {string.Join(", ", k.Value.Answers.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value:N0}"))}")).ToList();
        }
    }
}
