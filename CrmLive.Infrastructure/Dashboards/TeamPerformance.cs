using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Dashboards;

/// <summary>The period a dashboard's figures cover, ending now.</summary>
public enum DashboardRange { Today, Week, Month }

/// <summary>One agent in the team view.</summary>
public sealed record AgentPerformance(string AgentId, string Name, bool Online, int OpenNow, int Resolved,
    TimeSpan? MedianFirstResponse, TimeSpan? MedianResolution, double? Csat, int Ratings);

/// <summary>A bucket of the conversation volume chart: conversations started, and how many the bot kept.</summary>
public sealed record VolumePoint(DateTimeOffset Start, int Started, int HandedOff);

/// <summary>Service figures over a range; README ("Live dashboards") defines each one.</summary>
public sealed record ServicePerformance(
    DashboardRange Range,
    DateTimeOffset From,
    int Started,
    int Resolved,
    TimeSpan? MedianFirstResponse,
    TimeSpan? MedianResolution,
    double? Csat,
    int Ratings,
    double? Containment,
    double MessagesPerMinute,
    IReadOnlyList<VolumePoint> Volume,
    IReadOnlyList<AgentPerformance> Team);

/// <summary>
/// First response, resolution, CSAT, containment, volume and the team view over a range. Each figure reads the
/// conversations that started or were resolved in the range through an index on that time, so the cost follows the
/// range's traffic, not the size of the history.
/// </summary>
public sealed class TeamPerformance(IDbContextFactory<CrmDbContext> dbFactory, IPresenceTracker presence,
    StaffDirectory staff, TimeProvider clock)
{
    private static readonly TimeSpan MessageRateWindow = TimeSpan.FromMinutes(10);

    public static DateTimeOffset Start(DashboardRange range, DateTimeOffset now) => range switch
    {
        DashboardRange.Today => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero),
        DashboardRange.Week => now.AddDays(-7),
        _ => now.AddDays(-30),
    };

    public async Task<ServicePerformance> ForAsync(DashboardRange range, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var from = Start(range, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var started = await db.Conversations.AsNoTracking().Where(c => c.CreatedAt >= from)
            .Select(c => new { c.CreatedAt, c.HandedOffAt, c.FirstAgentReplyAt, c.AssignedAgentId })
            .ToListAsync(ct);
        var resolved = await db.Conversations.AsNoTracking().Where(c => c.ResolvedAt >= from)
            .Select(c => new { c.CreatedAt, c.ResolvedAt, c.HandedOffAt, c.AssignedAgentId, c.CsatScore })
            .ToListAsync(ct);
        // Read through the partial index of open conversations (IX_Conversations_Open), grouped here.
        var openAgents = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Resolved && c.AssignedAgentId != null)
            .Select(c => c.AssignedAgentId).ToListAsync(ct);
        var open = openAgents.OfType<string>().GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var since = now - MessageRateWindow;
        var messages = await db.Messages.CountAsync(m => m.CreatedAt >= since, ct);

        var firstResponses = started.Where(c => c.HandedOffAt is not null && c.FirstAgentReplyAt >= c.HandedOffAt)
            .Select(c => (c.AssignedAgentId, Time: c.FirstAgentReplyAt!.Value - c.HandedOffAt!.Value)).ToList();
        var resolutions = resolved.Select(c => (c.AssignedAgentId, Time: c.ResolvedAt!.Value - c.CreatedAt)).ToList();
        var ratings = resolved.Where(c => c.CsatScore is not null).ToList();

        var online = (await presence.OnlineAgentIdsAsync()).ToHashSet();
        var people = (await staff.AllAsync(ct)).ToDictionary(p => p.Id, p => p.DisplayName);
        var agents = resolved.Select(c => c.AssignedAgentId).Concat(open.Keys).Concat(online)
            .OfType<string>().Distinct();
        // Grouped once by agent, so the team view costs one pass over the range, not one per agent.
        var responsesBy = firstResponses.ToLookup(f => f.AssignedAgentId, f => f.Time);
        var resolutionsBy = resolutions.ToLookup(r => r.AssignedAgentId, r => r.Time);
        var ratingsBy = ratings.ToLookup(r => r.AssignedAgentId, r => r.CsatScore!.Value);
        var team = agents.Select(id => new AgentPerformance(id, people.GetValueOrDefault(id, "Former team member"),
                online.Contains(id), open.GetValueOrDefault(id), resolutionsBy[id].Count(),
                Median(responsesBy[id]), Median(resolutionsBy[id]), Average(ratingsBy[id]), ratingsBy[id].Count()))
            .OrderByDescending(a => a.Online).ThenByDescending(a => a.Resolved).ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();

        var bucket = range == DashboardRange.Today ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var first = BucketStart(from, bucket);
        var volume = new List<VolumePoint>();
        for (var b = first; b < now; b += bucket) volume.Add(new VolumePoint(b, 0, 0));
        foreach (var c in started)
        {
            var i = (int)((c.CreatedAt - first).Ticks / bucket.Ticks);
            if (i < 0 || i >= volume.Count) continue;
            volume[i] = volume[i] with
            {
                Started = volume[i].Started + 1,
                HandedOff = volume[i].HandedOff + (c.HandedOffAt is null ? 0 : 1),
            };
        }

        return new ServicePerformance(range, from, started.Count, resolved.Count,
            Median(firstResponses.Select(f => f.Time)), Median(resolutions.Select(r => r.Time)),
            Average(ratings.Select(r => r.CsatScore!.Value)), ratings.Count,
            resolved.Count == 0 ? null : (double)resolved.Count(c => c.HandedOffAt is null) / resolved.Count,
            Math.Round(messages / MessageRateWindow.TotalMinutes, 1), volume, team);
    }

    private static DateTimeOffset BucketStart(DateTimeOffset from, TimeSpan size) =>
        new(from.UtcTicks - from.UtcTicks % size.Ticks, TimeSpan.Zero);

    internal static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? Average(IEnumerable<int> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 2);
    }
}
