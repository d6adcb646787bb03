using CrmLive.Domain.Analytics;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Dashboards;

public sealed record SegmentRevenueLine(string Segment, int Orders, decimal Revenue);

/// <summary>
/// Revenue by segment over a dashboard range: orders placed in the range that were not cancelled or refunded, grouped by
/// their customer's segment. Closed hours come from <see cref="SegmentRevenueHour"/> rows (counted once, then kept); only
/// the current hour and the partial hour a range starts in are counted from orders, so opening a dashboard costs an
/// hour's orders and a few hundred rows, whatever the range and however long the history.
/// </summary>
public sealed class SegmentRevenue(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILogger<SegmentRevenue> logger)
{
    /// <summary>How far back an analytics run recounts under its new segments: the longest range and the day it starts in.</summary>
    public static readonly TimeSpan Recounted = TimeSpan.FromDays(31);

    /// <summary>Marks a counted hour that had no orders, so it is not counted again.</summary>
    private const string CountedMark = "";

    private sealed record HourLine(DateTimeOffset Hour, string Segment, int Orders, decimal Revenue);

    public async Task<IReadOnlyList<SegmentRevenueLine>> ForAsync(DateTimeOffset from, CancellationToken ct = default)
    {
        var current = HourOf(clock.GetUtcNow());
        var firstFull = HourOf(from) == from ? from : HourOf(from).AddHours(1);
        var lines = new List<HourLine>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (firstFull >= current)
        {
            lines.AddRange(await CountAsync(db, from, current.AddHours(1), ct));
        }
        else
        {
            if (firstFull > from) lines.AddRange(await CountAsync(db, from, firstFull, ct));
            var kept = await db.SegmentRevenueHours.AsNoTracking().Where(h => h.Hour >= firstFull && h.Hour < current)
                .Select(h => new HourLine(h.Hour, h.Segment, h.Orders, h.Revenue)).ToListAsync(ct);
            lines.AddRange(kept);
            foreach (var (start, end) in Gaps(kept.Select(h => h.Hour).ToHashSet(), firstFull, current))
                lines.AddRange(await CountAndKeepAsync(start, end, ct));
            lines.AddRange(await CountAsync(db, current, current.AddHours(1), ct));
        }
        return lines.Where(l => l.Segment != CountedMark)
            .GroupBy(l => l.Segment)
            .Select(g => new SegmentRevenueLine(g.Key, g.Sum(l => l.Orders), g.Sum(l => l.Revenue)))
            .OrderByDescending(l => l.Revenue).ThenBy(l => l.Segment, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Recounts the recent closed hours under the segments an analytics run has just saved, and drops older hours no
    /// range shows. Counted first, then replaced in one short transaction.
    /// </summary>
    public async Task RecountAsync(CancellationToken ct = default)
    {
        var current = HourOf(clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await CountAsync(db, current - Recounted, current, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SegmentRevenueHours.ExecuteDeleteAsync(ct);
        db.SegmentRevenueHours.AddRange(lines.Select(l => new SegmentRevenueHour(l.Hour, l.Segment, l.Orders, l.Revenue)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Runs of consecutive hours in [from, to) that are not counted yet.</summary>
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Gaps(HashSet<DateTimeOffset> counted,
        DateTimeOffset from, DateTimeOffset to)
    {
        DateTimeOffset? start = null;
        for (var hour = from; hour < to; hour = hour.AddHours(1))
        {
            if (!counted.Contains(hour)) start ??= hour;
            else if (start is { } s)
            {
                yield return (s, hour);
                start = null;
            }
        }
        if (start is { } open) yield return (open, to);
    }

    private async Task<IReadOnlyList<HourLine>> CountAndKeepAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await CountAsync(db, from, to, ct);
        db.SegmentRevenueHours.AddRange(lines.Select(l => new SegmentRevenueHour(l.Hour, l.Segment, l.Orders, l.Revenue)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Another dashboard or an analytics run kept these hours first; the figures are the same either way.
            logger.LogDebug(ex, "Revenue for {From:u}–{To:u} was kept concurrently", from, to);
        }
        return lines;
    }

    /// <summary>
    /// Every hour in [from, to) by segment, with a mark for hours without orders. Two reads whose plans do not depend on
    /// the planner's guesses: the range's orders (through the PlacedAt index), then those customers' segments (by key).
    /// A single join lets SQLite choose to walk every customer and probe their orders, which takes seconds at a million.
    /// </summary>
    private static async Task<List<HourLine>> CountAsync(CrmDbContext db, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var orders = db.Orders.AsNoTracking().Where(o => o.PlacedAt >= from && o.PlacedAt < to
            && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded);
        var placed = await orders.Select(o => new { o.CustomerId, o.PlacedAt, o.Amount }).ToListAsync(ct);
        var segments = placed.Count == 0
            ? []
            : await db.Customers.AsNoTracking()
                .Where(c => orders.Select(o => o.CustomerId).Contains(c.Id))
                .Select(c => new { c.Id, c.Metrics.Segment })
                .ToDictionaryAsync(c => c.Id, c => c.Segment, ct);
        var lines = placed
            .GroupBy(o => (Hour: HourOf(o.PlacedAt), Segment: segments.GetValueOrDefault(o.CustomerId) ?? SegmentRevenueHour.NotScored))
            .Select(g => new HourLine(g.Key.Hour, g.Key.Segment, g.Count(), g.Sum(o => o.Amount)))
            .ToList();
        var withOrders = lines.Select(l => l.Hour).ToHashSet();
        for (var hour = HourOf(from); hour < to; hour = hour.AddHours(1))
            if (!withOrders.Contains(hour) && hour >= from) lines.Add(new HourLine(hour, CountedMark, 0, 0m));
        return lines;
    }

    private static DateTimeOffset HourOf(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);
}
