using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;

namespace CrmLive.Tests.Domain.Campaigns;

public class FrequencyCapTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 12, 0, 0, TimeSpan.Zero);

    private static readonly FrequencyCap TwoPerWeek = new(2, TimeSpan.FromDays(7));

    private static DateTimeOffset DaysAgo(double days) => Now - TimeSpan.FromDays(days);

    [Fact]
    public void Allows_BelowTheCap()
    {
        Assert.True(TwoPerWeek.Allows([], Now));
        Assert.True(TwoPerWeek.Allows([DaysAgo(1)], Now));
    }

    [Fact]
    public void Allows_NotAtTheCap() => Assert.False(TwoPerWeek.Allows([DaysAgo(1), DaysAgo(6)], Now));

    [Fact]
    public void Allows_AMessageExactlyAtTheWindowEdgeNoLongerCounts()
    {
        Assert.True(TwoPerWeek.Allows([DaysAgo(1), DaysAgo(7)], Now));
        Assert.False(TwoPerWeek.Allows([DaysAgo(1), DaysAgo(7) + TimeSpan.FromTicks(1)], Now));
    }

    [Fact]
    public void Allows_AMessageSentJustNowCounts() => Assert.False(TwoPerWeek.Allows([Now, DaysAgo(3)], Now));

    [Fact]
    public void Allows_MessagesInTheFutureCount() =>
        Assert.False(TwoPerWeek.Allows([Now + TimeSpan.FromMinutes(2), DaysAgo(3)], Now));

    [Fact]
    public void NoCap_AllowsAnything()
    {
        var many = Enumerable.Range(0, 50).Select(i => Now - TimeSpan.FromMinutes(i)).ToList();

        Assert.True(FrequencyCap.None.IsNone);
        Assert.True(FrequencyCap.None.Allows(many, Now));
        Assert.Equal(Now, FrequencyCap.None.NextAllowed(many, Now));
    }

    [Fact]
    public void NextAllowed_WhenAllowed_IsNow() => Assert.Equal(Now, TwoPerWeek.NextAllowed([DaysAgo(2)], Now));

    [Fact]
    public void NextAllowed_IsWhenTheOldestCountingMessageLeaves()
    {
        var next = TwoPerWeek.NextAllowed([DaysAgo(1), DaysAgo(5), DaysAgo(9)], Now);

        Assert.Equal(DaysAgo(5) + TimeSpan.FromDays(7), next);
        Assert.True(TwoPerWeek.Allows([DaysAgo(1), DaysAgo(5), DaysAgo(9)], next));
        Assert.False(TwoPerWeek.Allows([DaysAgo(1), DaysAgo(5), DaysAgo(9)], next - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void NextAllowed_OverTheCap_WaitsUntilOnlyCapMinusOneRemain()
    {
        // Four messages against a cap of two (the cap was lowered): three must leave before a fifth may go.
        DateTimeOffset[] sent = [DaysAgo(0.5), DaysAgo(2), DaysAgo(3), DaysAgo(4)];

        var next = TwoPerWeek.NextAllowed(sent, Now);

        Assert.Equal(DaysAgo(2) + TimeSpan.FromDays(7), next);
        Assert.True(TwoPerWeek.Allows(sent, next));
    }

    [Fact]
    public void NextAllowed_IgnoresTheOrderOfTheHistory() =>
        Assert.Equal(DaysAgo(5) + TimeSpan.FromDays(7), TwoPerWeek.NextAllowed([DaysAgo(5), DaysAgo(1)], Now));

    [Theory]
    [InlineData(-1, 7.0)]
    [InlineData(101, 7.0)]
    [InlineData(2, -1.0)]
    [InlineData(2, 366.0)]
    [InlineData(2, 0.0)]
    public void Constructor_RejectsUnreasonableCaps(int maxMessages, double days) =>
        Assert.Throws<DomainException>(() => new FrequencyCap(maxMessages, TimeSpan.FromDays(days)));

    [Fact]
    public void Constructor_AcceptsTheLimits()
    {
        Assert.Equal(100, new FrequencyCap(100, TimeSpan.FromDays(365)).MaxMessages);
        Assert.True(new FrequencyCap(0, TimeSpan.FromDays(3)).IsNone);
    }

    [Fact]
    public void ToString_InPlainWords()
    {
        Assert.Equal("at most 2 messages in 7 days", TwoPerWeek.ToString());
        Assert.Equal("at most 1 message in 1 day", new FrequencyCap(1, TimeSpan.FromDays(1)).ToString());
        Assert.Equal("at most 3 messages in 12 hours", new FrequencyCap(3, TimeSpan.FromHours(12)).ToString());
        Assert.Equal("no cap", FrequencyCap.None.ToString());
    }
}
