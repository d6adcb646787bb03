using CrmLive.Domain.Campaigns;

namespace CrmLive.Tests.Domain.Campaigns;

public class UpliftTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(81, 263, 0.2553, 0.3662)]
    public void Wilson_MatchesPublishedBounds(int successes, int trials, double lower, double upper)
    {
        var interval = Uplift.Wilson(successes, trials);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Fact]
    public void Wilson_NoTrials_KnowsNothing() => Assert.Equal(new RateInterval(0, 1), Uplift.Wilson(0, 0));

    [Fact]
    public void Wilson_WiderZ_GivesAWiderInterval()
    {
        var at95 = Uplift.Wilson(81, 263);
        var at99 = Uplift.Wilson(81, 263, 2.5758293035489);

        Assert.True(at99.Lower < at95.Lower && at99.Upper > at95.Upper);
    }

    // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II, method 10.
    [Theory]
    [InlineData(56, 70, 48, 80, 0.2000, 0.0524, 0.3339)]
    [InlineData(9, 10, 3, 10, 0.6000, 0.1705, 0.8090)]
    [InlineData(5, 56, 0, 29, 0.0893, -0.0381, 0.1926)]
    [InlineData(0, 10, 0, 20, 0.0000, -0.1611, 0.2775)]
    [InlineData(10, 10, 0, 20, 1.0000, 0.6791, 1.0000)]
    [InlineData(10, 10, 0, 10, 1.0000, 0.6075, 1.0000)]
    public void Estimate_MatchesNewcombesExamples(int treatedConverted, int treated, int controlConverted, int control,
        double difference, double lower, double upper)
    {
        var estimate = Uplift.Estimate(treatedConverted, treated, controlConverted, control);

        Assert.Equal(difference, estimate.Difference, 4);
        Assert.Equal(lower, estimate.Lower, 4);
        Assert.Equal(upper, estimate.Upper, 4);
        Assert.Equal(0.95, estimate.Confidence);
    }

    [Fact]
    public void Estimate_IntervalAlwaysContainsTheDifference()
    {
        int[] counts = [0, 1, 2, 5, 13, 50];
        foreach (var treated in counts)
            foreach (var control in counts)
                for (var treatedConverted = 0; treatedConverted <= treated; treatedConverted++)
                    for (var controlConverted = 0; controlConverted <= control; controlConverted++)
                    {
                        var estimate = Uplift.Estimate(treatedConverted, treated, controlConverted, control);
                        Assert.InRange(estimate.Difference, estimate.Lower, estimate.Upper);
                        Assert.InRange(estimate.Lower, -1.0000001, 1.0000001);
                        Assert.InRange(estimate.Upper, -1.0000001, 1.0000001);
                    }
    }

    [Theory]
    [InlineData(-1, 10, 0, 10)]
    [InlineData(11, 10, 0, 10)]
    [InlineData(0, -1, 0, 10)]
    [InlineData(0, 10, -1, 10)]
    [InlineData(0, 10, 5, 4)]
    public void Estimate_RejectsImpossibleCounts(int treatedConverted, int treated, int controlConverted, int control) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Uplift.Estimate(treatedConverted, treated, controlConverted, control));

    [Fact]
    public void Wilson_RejectsMoreSuccessesThanTrials() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Uplift.Wilson(3, 2));

    [Fact]
    public void Relative_IsTheRatioOfRatesMinusOne()
    {
        var estimate = Uplift.Estimate(60, 500, 30, 500);

        Assert.Equal(1.0, estimate.Relative!.Value, 10);
        Assert.Equal(-0.5, Uplift.Estimate(30, 500, 60, 500).Relative!.Value, 10);
    }

    [Fact]
    public void Relative_IsNullWithoutAControlRate()
    {
        Assert.Null(Uplift.Estimate(5, 100, 0, 100).Relative);
        Assert.Null(Uplift.Estimate(5, 100, 0, 0).Relative);
    }

    [Fact]
    public void Verdicts_FollowTheInterval()
    {
        var positive = Uplift.Estimate(60, 500, 30, 500);
        var negative = Uplift.Estimate(30, 500, 60, 500);
        var inconclusive = Uplift.Estimate(31, 250, 4, 50);

        Assert.True(positive.IsPositive);
        Assert.False(positive.IsNegative);
        Assert.True(negative.IsNegative);
        Assert.False(negative.IsPositive);
        Assert.False(inconclusive.IsPositive || inconclusive.IsNegative);
    }

    [Fact]
    public void NoControl_IsNeitherPositiveNorNegative()
    {
        var estimate = Uplift.Estimate(90, 100, 0, 0);

        Assert.False(estimate.HasControl);
        Assert.False(estimate.IsPositive);
        Assert.False(estimate.IsNegative);
    }

    [Fact]
    public void Explain_Inconclusive_SaysItCouldBeChance()
    {
        Assert.Equal(
            "Customers who got the campaign bought at 12.4% (31 of 250), against 8.0% (4 of 50) in the control group: "
            + "4.4 points more (95% interval \u22127.0 to +11.1 points). That could still be chance: keep the campaign running to learn more.",
            Uplift.Estimate(31, 250, 4, 50).Explain());
    }

    [Fact]
    public void Explain_Positive_SaysTheCampaignWorks()
    {
        var text = Uplift.Estimate(60, 500, 30, 500).Explain();

        Assert.Contains("12.0% (60 of 500), against 6.0% (30 of 500)", text);
        Assert.Contains("6.0 points more (95% interval +2.5 to +9.6 points)", text);
        Assert.Contains("the campaign works", text);
        Assert.DoesNotContain("could still be chance", text);
    }

    [Fact]
    public void Explain_Negative_SaysFewerWithRealMinusSigns()
    {
        var text = Uplift.Estimate(30, 500, 60, 500).Explain();

        Assert.Contains("6.0 points fewer (95% interval \u22129.6 to \u22122.5 points)", text);
        Assert.Contains("put customers off", text);
        Assert.DoesNotContain("-", text);
    }

    [Fact]
    public void Explain_WithoutControlOrAudience_SaysWhyNothingCanBeMeasured()
    {
        Assert.Equal("No control group: the campaign's effect cannot be measured.", Uplift.Estimate(10, 100, 0, 0).Explain());
        Assert.Equal("Nobody has been reached yet.", Uplift.Estimate(0, 0, 0, 0).Explain());
        Assert.Equal("Nobody has been reached yet.", Uplift.Estimate(0, 0, 1, 10).Explain());
    }

    [Fact]
    public void Explain_IgnoresTheCurrentCulture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Contains("12.4%", Uplift.Estimate(31, 250, 4, 50).Explain());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
