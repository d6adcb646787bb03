using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;

namespace CrmLive.Domain.Tickets;

/// <summary>
/// How long a ticket of each priority may stay unsolved. Targets count either around the clock or only during the
/// team's hours (e.g. 8 business hours created Friday 16:00 with Mon-Fri 09:00-17:00 is due Monday 16:00).
/// </summary>
public sealed class SlaPolicy
{
    public static readonly SlaPolicy Default = new(
        new Dictionary<TicketPriority, TimeSpan>
        {
            [TicketPriority.Urgent] = TimeSpan.FromHours(4),
            [TicketPriority.High] = TimeSpan.FromHours(8),
            [TicketPriority.Normal] = TimeSpan.FromHours(24),
            [TicketPriority.Low] = TimeSpan.FromHours(72),
        });

    private readonly IReadOnlyDictionary<TicketPriority, TimeSpan> _targets;

    public SlaPolicy(IReadOnlyDictionary<TicketPriority, TimeSpan> targets, WeeklyHours? businessHours = null,
        TimeZoneInfo? zone = null)
    {
        foreach (var priority in Enum.GetValues<TicketPriority>())
        {
            if (!targets.TryGetValue(priority, out var target) || target <= TimeSpan.Zero)
                throw new DomainException($"The SLA target for {priority} must be more than zero.");
            if (target > TimeSpan.FromDays(365))
                throw new DomainException($"The SLA target for {priority} must be under a year.");
        }
        _targets = targets;
        BusinessHours = businessHours is { AlwaysOpen: false } ? businessHours : null;
        Zone = zone ?? TimeZoneInfo.Utc;
    }

    /// <summary>Null: targets count around the clock.</summary>
    public WeeklyHours? BusinessHours { get; }

    public TimeZoneInfo Zone { get; }

    public TimeSpan Target(TicketPriority priority) => _targets[priority];

    public DateTimeOffset DueAt(TicketPriority priority, DateTimeOffset createdAt)
    {
        var target = _targets[priority];
        return BusinessHours is null ? createdAt + target : AddBusinessTime(createdAt, target);
    }

    /// <summary>
    /// Walks forward in steps that never cross an opening or closing time, counting only open steps. Steps are whole
    /// minutes aligned on the wall clock, which is as precise as business hours are written.
    /// </summary>
    private DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan target)
    {
        var remaining = target;
        var at = start;
        // Align to the next whole minute so steps land on the hours' boundaries.
        var firstStep = TimeSpan.FromTicks((TimeSpan.TicksPerMinute - at.UtcTicks % TimeSpan.TicksPerMinute) % TimeSpan.TicksPerMinute);
        if (firstStep > TimeSpan.Zero)
        {
            if (BusinessHours!.IsOpenAt(at, Zone)) remaining -= firstStep;
            at += firstStep;
            if (remaining <= TimeSpan.Zero) return at + remaining;
        }
        var guard = 0;
        while (remaining > TimeSpan.Zero)
        {
            if (++guard > 2_000_000) throw new DomainException("These business hours never open; the SLA cannot be met.");
            var open = BusinessHours!.IsOpenAt(at, Zone);
            var step = TimeSpan.FromMinutes(open ? Math.Min(15, Math.Ceiling(remaining.TotalMinutes)) : 15);
            var next = at + step;
            // Never straddle a change of open/closed: fall back to minute steps near a boundary.
            if (BusinessHours.IsOpenAt(next - TimeSpan.FromTicks(1), Zone) != open || BusinessHours.IsOpenAt(next, Zone) != open)
            {
                step = TimeSpan.FromMinutes(1);
                next = at + step;
            }
            if (open)
            {
                if (step >= remaining) return at + remaining;
                remaining -= step;
            }
            at = next;
        }
        return at;
    }
}
