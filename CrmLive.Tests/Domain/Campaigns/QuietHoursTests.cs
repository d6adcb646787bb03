using CrmLive.Domain.Campaigns;

namespace CrmLive.Tests.Domain.Campaigns;

public class QuietHoursTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly QuietHours Night = new(new TimeOnly(22, 0), new TimeOnly(8, 0));

    private static readonly QuietHours Lunch = new(new TimeOnly(12, 0), new TimeOnly(14, 0));

    // November 2026: Berlin is on winter time, UTC+1.
    private static DateTimeOffset BerlinWinter(int day, int hour, int minute = 0) =>
        new(2026, 11, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(21, 59, false)]
    [InlineData(22, 0, true)]
    [InlineData(23, 30, true)]
    [InlineData(0, 0, true)]
    [InlineData(7, 59, true)]
    [InlineData(8, 0, false)]
    [InlineData(12, 0, false)]
    public void Contains_AcrossMidnight_StartIsQuietEndIsNot(int hour, int minute, bool quiet) =>
        Assert.Equal(quiet, Night.Contains(BerlinWinter(24, hour, minute), Berlin));

    [Theory]
    [InlineData(11, 59, false)]
    [InlineData(12, 0, true)]
    [InlineData(13, 59, true)]
    [InlineData(14, 0, false)]
    [InlineData(23, 0, false)]
    public void Contains_SameDayWindow(int hour, int minute, bool quiet) =>
        Assert.Equal(quiet, Lunch.Contains(BerlinWinter(24, hour, minute), Berlin));

    [Fact]
    public void Contains_JudgesTheLocalTimeNotUtc()
    {
        // 21:30 UTC is 22:30 in Berlin in winter: quiet there, though not yet 22:00 in UTC.
        var instant = new DateTimeOffset(2026, 11, 24, 21, 30, 0, TimeSpan.Zero);

        Assert.True(Night.Contains(instant, Berlin));
        Assert.False(Night.Contains(instant, TimeZoneInfo.Utc));
    }

    [Fact]
    public void NextAllowed_BeforeMidnight_IsTomorrowMorning() =>
        Assert.Equal(BerlinWinter(25, 8), Night.NextAllowed(BerlinWinter(24, 23, 15), Berlin));

    [Fact]
    public void NextAllowed_AfterMidnight_IsThisMorning() =>
        Assert.Equal(BerlinWinter(25, 8), Night.NextAllowed(BerlinWinter(25, 3), Berlin));

    [Fact]
    public void NextAllowed_SameDayWindow_IsItsEnd() =>
        Assert.Equal(BerlinWinter(24, 14), Lunch.NextAllowed(BerlinWinter(24, 12, 30), Berlin));

    [Fact]
    public void NextAllowed_OutsideTheWindow_IsNow()
    {
        var instant = BerlinWinter(24, 9, 17);

        Assert.Equal(instant, Night.NextAllowed(instant, Berlin));
    }

    [Fact]
    public void NextAllowed_IsInTheZonesOffset()
    {
        var next = Night.NextAllowed(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 7, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.FromHours(1), next.Offset);
    }

    [Fact]
    public void NextAllowed_EndInTheSpringForwardGap_IsTheFirstValidInstant()
    {
        // 29 March 2026: Berlin's clocks jump from 02:00 to 03:00, so 02:30 does not exist that night.
        var quiet = new QuietHours(new TimeOnly(1, 0), new TimeOnly(2, 30));
        var at0130Local = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

        var next = quiet.NextAllowed(at0130Local, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), next);
        Assert.Equal(new DateTime(2026, 3, 29, 3, 0, 0), TimeZoneInfo.ConvertTime(next, Berlin).DateTime);
        Assert.False(quiet.Contains(next, Berlin));
    }

    [Fact]
    public void NextAllowed_AcrossTheSpringForwardNight_KeepsTheLocalEnd()
    {
        // Quiet from 22:00 on 28 March (UTC+1) to 08:00 on 29 March (UTC+2): nine real hours, not ten.
        var next = Night.NextAllowed(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.FromHours(1)), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 8, 0, 0, TimeSpan.FromHours(2)), next);
    }

    [Fact]
    public void NextAllowed_EndInTheRepeatedHour_IsTheNextOccurrence()
    {
        // 25 October 2026: Berlin's clocks go back from 03:00 to 02:00, so 02:30 happens twice.
        var quiet = new QuietHours(new TimeOnly(2, 0), new TimeOnly(2, 30));
        var firstPass = new DateTimeOffset(2026, 10, 25, 2, 10, 0, TimeSpan.FromHours(2));
        var secondPass = new DateTimeOffset(2026, 10, 25, 2, 10, 0, TimeSpan.FromHours(1));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)), quiet.NextAllowed(firstPass, Berlin));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1)), quiet.NextAllowed(secondPass, Berlin));
    }

    [Fact]
    public void None_IsNeverQuiet()
    {
        var midnight = BerlinWinter(24, 0);

        Assert.True(QuietHours.None.IsNone);
        Assert.True(new QuietHours(new TimeOnly(9, 0), new TimeOnly(9, 0)).IsNone);
        Assert.False(QuietHours.None.Contains(midnight, Berlin));
        Assert.Equal(midnight, QuietHours.None.NextAllowed(midnight, Berlin));
    }

    [Fact]
    public void ToString_ShowsTheWindow()
    {
        Assert.Equal("22:00\u201308:00", Night.ToString());
        Assert.Equal("none", QuietHours.None.ToString());
    }
}
