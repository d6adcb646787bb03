using CrmLive.Domain.Analytics;

namespace CrmLive.Tests.Domain;

public class RfmScoringTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static RfmInput Buyer(int daysAgo, int orders, decimal spent) =>
        new(Guid.NewGuid(), AsOf.AddDays(-daysAgo), orders, spent);

    [Fact]
    public void Score_TenDistinctCustomers_SpreadsTwoPerQuintile()
    {
        var customers = Enumerable.Range(1, 10).Select(i => Buyer(daysAgo: 100 - i * 10, orders: i, spent: i * 10m)).ToList();

        var scores = RfmScoring.Score(customers, AsOf);

        var frequency = customers.Select(c => scores[c.CustomerId]!.Frequency).ToList();
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], frequency);
        // The most recent buyer (10 days ago) gets the best recency.
        Assert.Equal(5, scores[customers[^1].CustomerId]!.Recency);
        Assert.Equal(1, scores[customers[0].CustomerId]!.Recency);
        Assert.Equal(5, scores[customers[^1].CustomerId]!.Monetary);
    }

    [Fact]
    public void Score_TiedValues_GetTheSameScoreWhateverTheInputOrder()
    {
        var tied = Enumerable.Range(0, 6).Select(_ => Buyer(30, 3, 50m)).ToList();
        var others = Enumerable.Range(1, 4).Select(i => Buyer(30 + i, 3 + i, 50m + i)).ToList();
        var all = tied.Concat(others).ToList();

        var forward = RfmScoring.Score(all, AsOf);
        var reversed = RfmScoring.Score(Enumerable.Reverse(all), AsOf);

        Assert.Single(tied.Select(c => forward[c.CustomerId]!.Frequency).Distinct());
        Assert.Equal(1, forward[tied[0].CustomerId]!.Frequency); // the tie starts at the lowest rank
        foreach (var c in all) Assert.Equal(forward[c.CustomerId], reversed[c.CustomerId]);
    }

    [Fact]
    public void Score_EveryoneTied_AllGetTheLowestQuintile()
    {
        var all = Enumerable.Range(0, 5).Select(_ => Buyer(10, 2, 20m)).ToList();

        var scores = RfmScoring.Score(all, AsOf);

        Assert.All(all, c => Assert.Equal(new RfmScore(1, 1, 1), scores[c.CustomerId]));
    }

    [Fact]
    public void Score_CustomersWithoutOrders_AreNotScoredAndDoNotShiftOthers()
    {
        var buyers = Enumerable.Range(1, 5).Select(i => Buyer(i, i, i)).ToList();
        var nonBuyers = Enumerable.Range(0, 20).Select(_ => new RfmInput(Guid.NewGuid(), null, 0, 0m)).ToList();

        var withNonBuyers = RfmScoring.Score(buyers.Concat(nonBuyers), AsOf);
        var buyersOnly = RfmScoring.Score(buyers, AsOf);

        Assert.All(nonBuyers, c => Assert.Null(withNonBuyers[c.CustomerId]));
        Assert.All(buyers, c => Assert.Equal(buyersOnly[c.CustomerId], withNonBuyers[c.CustomerId]));
        Assert.Equal(5, withNonBuyers[buyers[0].CustomerId]!.Recency);
    }

    [Fact]
    public void Score_EmptyInput_ReturnsNothing() => Assert.Empty(RfmScoring.Score([], AsOf));

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(0, 7, 1)]
    [InlineData(6, 7, 5)]
    [InlineData(3, 7, 3)]
    [InlineData(999, 1000, 5)]
    public void ScoreForRank_MapsRankToQuintile(int rank, int count, int expected) =>
        Assert.Equal(expected, RfmScoring.ScoreForRank(rank, count));
}
