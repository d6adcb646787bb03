using CrmLive.Domain.Analytics;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>Every customer's features at two moments: now (to score) and one churn window earlier (to learn from).</summary>
/// <param name="Segments">Each customer's segment from the last run, where they have one.</param>
public sealed record FeatureHistory(List<CustomerFeatures> Now, List<CustomerFeatures> Then, Dictionary<Guid, string> Segments);

/// <summary>
/// Reads every customer's features from grouped queries the database answers — one pass over orders that aggregates
/// both moments at once, one over rated conversations, one over recent ones — rather than loading history row by row.
/// Nothing after a moment counts for it, so the same moments always give the same features, however the data has grown
/// since. Customers come in creation order (then id), which is also roughly the order they are stored in, so the
/// chunks the job saves touch neighbouring pages.
/// </summary>
public static class AnalyticsHistory
{
    public static async Task<FeatureHistory> FeaturesAsync(CrmDbContext db, DateTimeOffset asOf, DateTimeOffset then,
        CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt <= asOf && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
            .GroupBy(o => o.CustomerId)
            .Select(g => new OrderAggregate(
                g.Key,
                g.Min(o => o.PlacedAt), g.Max(o => o.PlacedAt), g.Count(), g.Sum(o => o.Amount),
                g.Min(o => o.PlacedAt <= then ? o.PlacedAt : (DateTimeOffset?)null),
                g.Max(o => o.PlacedAt <= then ? o.PlacedAt : (DateTimeOffset?)null),
                g.Count(o => o.PlacedAt <= then),
                g.Sum(o => o.PlacedAt <= then ? o.Amount : 0m)))
            .ToDictionaryAsync(a => a.CustomerId, ct);
        var csatNow = await AverageCsatAsync(db, asOf, ct);
        var csatThen = await AverageCsatAsync(db, then, ct);
        var engagedNow = await EngagementAsync(db, asOf, ct);
        var engagedThen = await EngagementAsync(db, then, ct);
        // One scan of the customers for their creation time and last run's segment; sorted here, not by the database
        // (an ORDER BY would read them through an index and then visit every row at random).
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.CreatedAt <= asOf)
            .Select(c => new { c.Id, c.CreatedAt, c.Metrics.Segment })
            .ToListAsync(ct);
        customers.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id));
        var segments = customers.Where(c => c.Segment is not null).ToDictionary(c => c.Id, c => c.Segment!);

        var now = new List<CustomerFeatures>(customers.Count);
        var past = new List<CustomerFeatures>(customers.Count);
        foreach (var c in customers)
        {
            orders.TryGetValue(c.Id, out var o);
            now.Add(new CustomerFeatures(c.Id, c.CreatedAt, o?.First, o?.Last, o?.Count ?? 0, o?.Sum ?? 0m,
                csatNow.TryGetValue(c.Id, out var rating) ? rating : null, engagedNow.GetValueOrDefault(c.Id)));
            if (c.CreatedAt <= then)
                past.Add(new CustomerFeatures(c.Id, c.CreatedAt, o?.FirstThen, o?.LastThen, o?.CountThen ?? 0, o?.SumThen ?? 0m,
                    csatThen.TryGetValue(c.Id, out var before) ? before : null, engagedThen.GetValueOrDefault(c.Id)));
        }
        return new FeatureHistory(now, past, segments);
    }

    private sealed record OrderAggregate(Guid CustomerId, DateTimeOffset First, DateTimeOffset Last, int Count, decimal Sum,
        DateTimeOffset? FirstThen, DateTimeOffset? LastThen, int CountThen, decimal SumThen);

    private static Task<Dictionary<Guid, double>> AverageCsatAsync(CrmDbContext db, DateTimeOffset at, CancellationToken ct) =>
        db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId != null && c.CsatScore != null && c.CreatedAt <= at)
            .GroupBy(c => c.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Average = g.Average(c => (double)c.CsatScore!.Value) })
            .ToDictionaryAsync(a => a.CustomerId, a => a.Average, ct);

    private static Task<Dictionary<Guid, int>> EngagementAsync(CrmDbContext db, DateTimeOffset at, CancellationToken ct)
    {
        var since = at - AnalyticsWindows.Engagement;
        return db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId != null && c.CreatedAt > since && c.CreatedAt <= at)
            .GroupBy(c => c.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(a => a.CustomerId, a => a.Count, ct);
    }
}
