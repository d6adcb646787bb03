using CrmLive.Domain.Analytics;

namespace CrmLive.Tests.Domain;

public class AnalyticsRunTests
{
    [Fact]
    public void ARunsMoment_IsAWholeSecond_RoundedUp_SoEverythingFromEarlierInThatSecondIsIn()
    {
        var started = new DateTimeOffset(2026, 11, 24, 0, 14, 44, 900, TimeSpan.Zero);
        var createdJustBefore = started.AddMilliseconds(-300);

        var run = new AnalyticsRun(started, started);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 14, 45, TimeSpan.Zero), run.AsOf);
        Assert.True(createdJustBefore <= run.AsOf);
        var whole = new DateTimeOffset(2026, 11, 24, 0, 14, 44, TimeSpan.Zero);
        Assert.Equal(whole, new AnalyticsRun(whole, whole).AsOf);
    }
}
