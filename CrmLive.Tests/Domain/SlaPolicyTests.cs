using CrmLive.Domain.Conversations;
using CrmLive.Domain.Tickets;

namespace CrmLive.Tests.Domain;

public class SlaPolicyTests
{
    // Monday 23 November 2026 is an ordinary week in UTC.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static SlaPolicy Policy(double urgent = 4, double high = 8, double normal = 24, double low = 72,
        string? hours = null, TimeZoneInfo? zone = null) =>
        new(new Dictionary<TicketPriority, TimeSpan>
        {
            [TicketPriority.Urgent] = TimeSpan.FromHours(urgent),
            [TicketPriority.High] = TimeSpan.FromHours(high),
            [TicketPriority.Normal] = TimeSpan.FromHours(normal),
            [TicketPriority.Low] = TimeSpan.FromHours(low),
        }, hours is null ? null : WeeklyHours.Parse(hours), zone);

    [Fact]
    public void DueAt_CalendarHours_AddsTheTargetAroundTheClock()
    {
        var policy = Policy();

        Assert.Equal(Utc(23, 14), policy.DueAt(TicketPriority.Urgent, Utc(23, 10)));
        Assert.Equal(Utc(24, 10), policy.DueAt(TicketPriority.Normal, Utc(23, 10)));
        Assert.Equal(Utc(26, 10), policy.DueAt(TicketPriority.Low, Utc(23, 10)));
    }

    [Fact]
    public void DueAt_BusinessHours_CarriesOverTheNight()
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00");

        // Tuesday 15:00: two hours left that day, six more from Wednesday's opening.
        Assert.Equal(Utc(25, 15), policy.DueAt(TicketPriority.High, Utc(24, 15)));
    }

    [Fact]
    public void DueAt_BusinessHours_SkipsTheWeekend()
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00");

        // Friday 16:00: one hour on Friday, seven on Monday.
        Assert.Equal(Utc(30, 16), policy.DueAt(TicketPriority.High, Utc(27, 16)));
    }

    [Fact]
    public void DueAt_BusinessHours_EndingExactlyAtClosingIsThatEvening()
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00");

        Assert.Equal(Utc(23, 17), policy.DueAt(TicketPriority.High, Utc(23, 9)));
    }

    [Theory]
    [InlineData(23, 6)]  // Monday before opening
    [InlineData(22, 12)] // Sunday
    [InlineData(21, 20)] // Saturday evening
    public void DueAt_CreatedOutsideHours_StartsCountingAtTheNextOpening(int day, int hour)
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00");

        Assert.Equal(Utc(23, 13), policy.DueAt(TicketPriority.Urgent, Utc(day, hour)));
    }

    [Fact]
    public void DueAt_CreatedBetweenWholeMinutes_CountsTheSeconds()
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00");
        var created = Utc(23, 10).AddSeconds(30);

        Assert.Equal(created.AddHours(4), policy.DueAt(TicketPriority.Urgent, created));
    }

    [Fact]
    public void DueAt_BerlinBusinessHoursAcrossTheSpringDstChange_KeepsTheWallClock()
    {
        var policy = Policy(hours: "Mon-Fri 09:00-17:00", zone: Berlin);
        var fridayFourPmCet = new DateTimeOffset(2026, 3, 27, 15, 0, 0, TimeSpan.Zero);

        var due = policy.DueAt(TicketPriority.High, fridayFourPmCet);

        // Monday 16:00 in Berlin, which is now CEST (UTC+2).
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 14, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(16, TimeZoneInfo.ConvertTime(due, Berlin).Hour);
    }

    [Fact]
    public void DueAt_OpenThroughTheSkippedHour_CountsOnlyRealTime()
    {
        // On 29 March 2026 Berlin jumps from 02:00 to 03:00: "01:00-04:00" is two real hours that Sunday.
        var policy = Policy(urgent: 3, hours: "Sun 01:00-04:00", zone: Berlin);
        var saturday = new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 0, 0, TimeSpan.Zero),
            Policy(urgent: 2, hours: "Sun 01:00-04:00", zone: Berlin).DueAt(TicketPriority.Urgent, saturday));
        // The third hour waits a week: Sunday 5 April 02:00 CEST.
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 0, 0, 0, TimeSpan.Zero), policy.DueAt(TicketPriority.Urgent, saturday));
    }

    [Fact]
    public void DueAt_CalendarHoursInBerlinAcrossDst_IsElapsedTime()
    {
        var policy = Policy(zone: Berlin);
        var saturdayNoonCet = new DateTimeOffset(2026, 3, 28, 11, 0, 0, TimeSpan.Zero);

        var due = policy.DueAt(TicketPriority.Normal, saturdayNoonCet);

        Assert.Equal(TimeSpan.FromHours(24), due - saturdayNoonCet);
        Assert.Equal(13, TimeZoneInfo.ConvertTime(due, Berlin).Hour); // 12:00 CET + 24 h reads 13:00 CEST
    }

    [Fact]
    public void Reprioritize_RecomputesTheDueTimeFromCreation()
    {
        var policy = Policy();
        var ticket = new Ticket(Guid.NewGuid(), "Parcel lost", TicketType.Complaint, TicketPriority.Normal, Utc(23, 10),
            sla: policy);
        Assert.Equal(Utc(24, 10), ticket.DueAt);

        ticket.Reprioritize(TicketPriority.Urgent, policy, Utc(23, 12));

        Assert.Equal(TicketPriority.Urgent, ticket.Priority);
        Assert.Equal(Utc(23, 14), ticket.DueAt);
        Assert.Equal(Utc(23, 12), ticket.UpdatedAt);
    }

    [Fact]
    public void IsBreached_OpenTicket_OnlyAfterItsDueTime()
    {
        var ticket = new Ticket(Guid.NewGuid(), "Where is my order?", TicketType.Request, TicketPriority.Urgent, Utc(23, 10),
            sla: Policy());

        Assert.False(ticket.IsBreached(Utc(23, 13, 59)));
        Assert.False(ticket.IsBreached(Utc(23, 14)));
        Assert.True(ticket.IsBreached(Utc(23, 14, 1)));

        ticket.SetStatus(TicketStatus.Pending, Utc(23, 15));
        Assert.True(ticket.IsBreached(Utc(23, 15))); // waiting on the customer does not stop the clock
    }

    [Fact]
    public void IsBreached_SolvedTicket_DependsOnWhenItWasSolved()
    {
        var inTime = new Ticket(Guid.NewGuid(), "A", TicketType.Request, TicketPriority.Urgent, Utc(23, 10), sla: Policy());
        var late = new Ticket(Guid.NewGuid(), "B", TicketType.Request, TicketPriority.Urgent, Utc(23, 10), sla: Policy());

        inTime.SetStatus(TicketStatus.Solved, Utc(23, 12));
        late.SetStatus(TicketStatus.Solved, Utc(23, 16));

        Assert.False(inTime.IsBreached(Utc(30, 0)));
        Assert.True(late.IsBreached(Utc(30, 0)));
        Assert.Equal(Utc(23, 16), late.SolvedAt);

        late.SetStatus(TicketStatus.Open, Utc(23, 17));
        Assert.Null(late.SolvedAt);
    }

    [Fact]
    public void Constructor_RejectsMissingOrZeroTargets()
    {
        Assert.Throws<CrmLive.Domain.Common.DomainException>(() => Policy(high: 0));
        Assert.Throws<CrmLive.Domain.Common.DomainException>(() =>
            new SlaPolicy(new Dictionary<TicketPriority, TimeSpan> { [TicketPriority.Urgent] = TimeSpan.FromHours(1) }));
    }
}
