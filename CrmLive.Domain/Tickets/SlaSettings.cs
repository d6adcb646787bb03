using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Domain.Tickets;

/// <summary>The team's stored SLA policy (one row): hours per priority, and whether only business hours count.</summary>
public sealed class SlaSettings
{
    public static readonly Guid SingletonId = new("5a5e77e1-0000-4000-8000-000000000001");

    public Guid Id { get; private set; } = SingletonId;
    public double UrgentHours { get; private set; } = 4;
    public double HighHours { get; private set; } = 8;
    public double NormalHours { get; private set; } = 24;
    public double LowHours { get; private set; } = 72;

    /// <summary>Empty: around the clock; otherwise lines like "Mon-Fri 09:00-17:00".</summary>
    public string BusinessHours { get; private set; } = "";

    public string TimeZone { get; private set; } = "UTC";

    public void Update(double urgent, double high, double normal, double low, string? businessHours, string timeZone)
    {
        var policy = Build(urgent, high, normal, low, businessHours, timeZone); // validates everything first
        (UrgentHours, HighHours, NormalHours, LowHours) = (urgent, high, normal, low);
        BusinessHours = policy.BusinessHours?.Text ?? "";
        TimeZone = policy.Zone.Id;
    }

    public SlaPolicy ToPolicy() => Build(UrgentHours, HighHours, NormalHours, LowHours, BusinessHours, TimeZone);

    private static SlaPolicy Build(double urgent, double high, double normal, double low, string? hours, string zone)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var tz))
            throw new DomainException($"'{zone}' is not a time zone like Europe/Berlin.");
        return new SlaPolicy(new Dictionary<TicketPriority, TimeSpan>
        {
            [TicketPriority.Urgent] = Hours(urgent),
            [TicketPriority.High] = Hours(high),
            [TicketPriority.Normal] = Hours(normal),
            [TicketPriority.Low] = Hours(low),
        }, WeeklyHours.Parse(hours), tz);
    }

    private static TimeSpan Hours(double hours) =>
        double.IsFinite(hours) ? TimeSpan.FromHours(Math.Clamp(hours, -1, 24 * 366)) : TimeSpan.Zero;
}
