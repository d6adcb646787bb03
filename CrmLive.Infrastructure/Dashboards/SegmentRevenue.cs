using CrmLive.Domain.Analytics;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Dashboards;

public sealed record SegmentRevenueLine(string Segment, int Orders, decimal Revenue);

/// <summary>
/// Revenue by segment over a dashboard range: orders placed in the range that were not cancelled or refunded, grouped by
/// their customer's segment. Closed days come from <see cref="SegmentRevenueDay"/> rows (counted once, then kept); only
/// today (all of it) and the partial day a range starts in are counted from orders, so the cost follows a day's orders, not the
/// range's or the history's.
/// </summary>
public sealed class SegmentRevenue(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILogger<SegmentRevenue> logger)
{
    /// <summary>Days an analytics run recounts under its new segments: the longest dashboard range and the day it starts in.</summary>
    public const int RecountDays = 31;

    public async Task<IReadOnlyList<SegmentRevenueLine>> ForAsync(DateTimeOffset from, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var today = DayOf(now);
        var totals = new Dictionary<string, SegmentRevenueLine>();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (DayOf(from) >= today)
        {
            Add(totals, await CountAsync(db, from, today.AddDays(1), ct));
        }
        else
        {
            var firstFull = DayOf(from) == from ? from : DayOf(from).AddDays(1);
            if (firstFull > from) Add(totals, await CountAsync(db, from, firstFull, ct));
            var kept = await db.SegmentRevenueDays.AsNoTracking().Where(d => d.Day >= firstFull && d.Day < today).ToListAsync(ct);
            Add(totals, kept.Select(d => new SegmentRevenueLine(d.Segment, d.Orders, d.Revenue)));
            var counted = kept.Select(d => d.Day).ToHashSet();
            for (var day = firstFull; day < today; day = day.AddDays(1))
                if (!counted.Contains(day)) Add(totals, await CountAndKeepAsync(day, ct));
            Add(totals, await CountAsync(db, today, today.AddDays(1), ct));
        }
        return totals.Values.OrderByDescending(l => l.Revenue).ThenBy(l => l.Segment, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Recounts the recent closed days under the segments an analytics run has just saved, and drops older days no range
    /// shows. Counted first, then replaced in one short transaction.
    /// </summary>
    public async Task RecountAsync(CancellationToken ct = default)
    {
        var today = DayOf(clock.GetUtcNow());
        var first = today.AddDays(-RecountDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = new List<SegmentRevenueDay>();
        for (var day = first; day < today; day = day.AddDays(1))
            rows.AddRange((await CountAsync(db, day, day.AddDays(1), ct)).Select(l => new SegmentRevenueDay(day, l.Segment, l.Orders, l.Revenue)));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SegmentRevenueDays.ExecuteDeleteAsync(ct);
        db.SegmentRevenueDays.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task<IReadOnlyList<SegmentRevenueLine>> CountAndKeepAsync(DateTimeOffset day, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = await CountAsync(db, day, day.AddDays(1), ct);
        if (lines.Count == 0) return lines;
        db.SegmentRevenueDays.AddRange(lines.Select(l => new SegmentRevenueDay(day, l.Segment, l.Orders, l.Revenue)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // Another dashboard or an analytics run kept this day first; the figures are the same either way.
            logger.LogDebug(ex, "Revenue for {Day:yyyy-MM-dd} was kept concurrently", day);
        }
        return lines;
    }

    private static async Task<IReadOnlyList<SegmentRevenueLine>> CountAsync(CrmDbContext db, DateTimeOffset from,
        DateTimeOffset to, CancellationToken ct)
    {
        var lines = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt >= from && o.PlacedAt < to
                && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
            .Join(db.Customers, o => o.CustomerId, c => c.Id, (o, c) => new { c.Metrics.Segment, o.Amount })
            .GroupBy(x => x.Segment)
            .Select(g => new { Segment = g.Key, Orders = g.Count(), Revenue = g.Sum(x => x.Amount) })
            .ToListAsync(ct);
        return lines.Select(l => new SegmentRevenueLine(l.Segment ?? SegmentRevenueDay.NotScored, l.Orders, l.Revenue)).ToList();
    }

    private static void Add(Dictionary<string, SegmentRevenueLine> totals, IEnumerable<SegmentRevenueLine> lines)
    {
        foreach (var l in lines)
            totals[l.Segment] = totals.TryGetValue(l.Segment, out var t)
                ? t with { Orders = t.Orders + l.Orders, Revenue = t.Revenue + l.Revenue }
                : l;
    }

    private static DateTimeOffset DayOf(DateTimeOffset t) => new(t.UtcDateTime.Date, TimeSpan.Zero);
}
