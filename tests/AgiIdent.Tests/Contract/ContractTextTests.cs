using AgiIdent.Contract;

namespace AgiIdent.Tests.Contract;

/// <summary>The contract's texts: one per value, and the lists the metrics open their series from cover every value.</summary>
public sealed class ContractTextTests
{
    [Fact]
    public void EveryStatus_HasItsOwnText_InTheListOfStatuses()
    {
        var texts = Enum.GetValues<IdentStatus>().Select(ContractText.Status).ToList();

        Assert.Equal(texts, ContractText.Statuses);
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }
}
