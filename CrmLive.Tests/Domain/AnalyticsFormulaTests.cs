using CrmLive.Domain.Analytics;

namespace CrmLive.Tests.Domain;

public class LoyaltyFormulaTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static CustomerFeatures Customer(int tenureDays = 0, double? csat = null, int conversations = 0, int orders = 1) =>
        new(Guid.NewGuid(), AsOf.AddDays(-tenureDays), AsOf.AddDays(-10), AsOf.AddDays(-5), orders, 100m * orders, csat,
            conversations);

    [Fact]
    public void TheBestCustomerScoresAHundred_AndIsPlatinum()
    {
        var score = LoyaltyFormula.Score(new RfmScore(5, 5, 5), Customer(tenureDays: 2000, csat: 5, conversations: 9), AsOf);

        Assert.Equal(100, score);
        Assert.Equal(LoyaltyTier.Platinum, LoyaltyFormula.Tier(score));
    }

    [Fact]
    public void AWeekOldProspectWhoNeverRated_GetsOnlyTheNeutralSatisfactionPart()
    {
        // 15 × 0.5 for unrated satisfaction; 7/730 of tenure rounds away.
        var score = LoyaltyFormula.Score(null, Customer(tenureDays: 7, orders: 0), AsOf);

        Assert.Equal(8, score);
        Assert.Equal(LoyaltyTier.Bronze, LoyaltyFormula.Tier(score));
    }

    [Fact]
    public void EachPartWeighsAsDocumented()
    {
        // r=1 (5), f=0.5 (3), m=0 (1): 20 + 10 + 0; tenure one year: 15 × 365/730 = 7.5; CSAT 3: 15 × 0.5 = 7.5;
        // one conversation: 10 / 3 → 48.33…
        var score = LoyaltyFormula.Score(new RfmScore(5, 3, 1), Customer(tenureDays: 365, csat: 3, conversations: 1), AsOf);

        Assert.Equal(48, score);
    }

    [Theory]
    [InlineData(0, LoyaltyTier.Bronze)]
    [InlineData(39, LoyaltyTier.Bronze)]
    [InlineData(40, LoyaltyTier.Silver)]
    [InlineData(59, LoyaltyTier.Silver)]
    [InlineData(60, LoyaltyTier.Gold)]
    [InlineData(79, LoyaltyTier.Gold)]
    [InlineData(80, LoyaltyTier.Platinum)]
    [InlineData(100, LoyaltyTier.Platinum)]
    public void TiersStartAtTheirThresholds(int score, LoyaltyTier tier) => Assert.Equal(tier, LoyaltyFormula.Tier(score));

    [Fact]
    public void ABadRatingLowersTheScore_AndNoRatingIsNeutral()
    {
        var rfm = new RfmScore(3, 3, 3);
        var unhappy = LoyaltyFormula.Score(rfm, Customer(365, csat: 1), AsOf);
        var silent = LoyaltyFormula.Score(rfm, Customer(365, csat: null), AsOf);
        var happy = LoyaltyFormula.Score(rfm, Customer(365, csat: 5), AsOf);

        Assert.True(unhappy < silent && silent < happy, $"{unhappy} < {silent} < {happy}");
    }
}

public class LifetimeValueTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PastRevenue_PlusAYearAtTheirRate_TimesTheChanceTheyStay()
    {
        // 4 orders of 50 over 365.25 days → 4 a year × 50 = 200 expected; 25 % churn risk → 150; plus 200 spent.
        var features = new CustomerFeatures(Guid.NewGuid(), AsOf.AddYears(-2), AsOf.AddDays(-365.25), AsOf.AddDays(-3), 4, 200m,
            null, 0);

        Assert.Equal(350m, LifetimeValue.Of(features, 0.25, AsOf));
        Assert.Equal(200m, LifetimeValue.Of(features, 1.0, AsOf));
    }

    [Fact]
    public void OneRecentOrder_ProjectsOverAtLeastNinetyDays()
    {
        var features = new CustomerFeatures(Guid.NewGuid(), AsOf.AddDays(-2), AsOf.AddDays(-1), AsOf.AddDays(-1), 1, 90m, null, 0);

        // 1 order per 90 days ≈ 4.06 a year × 90 = 365.25 expected.
        Assert.Equal(455.25m, LifetimeValue.Of(features, 0, AsOf));
    }

    [Fact]
    public void NoOrders_NoValue() =>
        Assert.Equal(0m, LifetimeValue.Of(new CustomerFeatures(Guid.NewGuid(), AsOf.AddYears(-1), null, null, 0, 0m, 5, 4), 0.1, AsOf));
}

public class SegmentNamingTests
{
    private static float[] Centre(float r, float f, float m, float tenure = 0.5f) => [r, f, m, tenure, 0.5f, 0.3f];

    private static readonly float[][] Centres =
    [
        Centre(0.95f, 0.9f, 0.95f, 0.7f),
        Centre(0.1f, 0.1f, 0.1f, 0.6f),
        Centre(0.9f, 0.05f, 0.2f, 0.05f),
        Centre(0.2f, 0.75f, 0.7f, 0.8f),
        Centre(0.55f, 0.8f, 0.7f, 0.8f),
        Centre(0.8f, 0.45f, 0.4f, 0.3f),
    ];

    [Fact]
    public void CentresGetTheNameTheirMeaningSays()
    {
        Assert.Equal(["Champions", "Hibernating", "New", "At risk", "Loyal", "Potential"], SegmentNaming.Name(Centres));
    }

    [Fact]
    public void TheOrderTheAlgorithmListsCentresIn_ChangesNoName()
    {
        var names = SegmentNaming.Name(Centres).Zip(Centres).ToDictionary(x => x.Second, x => x.First);
        var shuffled = Centres.Reverse().ToList();
        var again = SegmentNaming.Name(shuffled);

        for (var i = 0; i < shuffled.Count; i++) Assert.Equal(names[shuffled[i]], again[i]);
    }

    [Fact]
    public void SlightlyMovedCentres_KeepTheirNames()
    {
        var random = new Random(7);
        var before = SegmentNaming.Name(Centres);
        for (var run = 0; run < 50; run++)
        {
            var moved = Centres.Select(c => c.Select(v => Math.Clamp(v + (float)(random.NextDouble() - 0.5) * 0.1f, 0, 1)).ToArray())
                .ToList();
            Assert.Equal(before, SegmentNaming.Name(moved));
        }
    }

    [Fact]
    public void FewerClusters_TakeTheNearestNames_EachOnce()
    {
        var names = SegmentNaming.Name([Centre(1, 1, 1, 0.7f), Centre(0.05f, 0.1f, 0.15f, 0.6f)]);

        Assert.Equal(["Champions", "Hibernating"], names);
    }

    [Fact]
    public void MoreClustersThanNames_IsRefused() =>
        Assert.Throws<ArgumentException>(() => SegmentNaming.Name(Enumerable.Repeat(Centre(0.5f, 0.5f, 0.5f), 9).ToList()));
}
