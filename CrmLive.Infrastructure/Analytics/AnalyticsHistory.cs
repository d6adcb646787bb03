using CrmLive.Domain.Analytics;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>
/// Reads every customer's features as of a moment, from grouped queries the database answers (one pass over orders,
/// one over rated and recent conversations) rather than loading history row by row. Nothing after that moment counts,
/// so the same moment always gives the same features, however the data has grown since.
/// </summary>
public static class AnalyticsHistory
{
    public static async Task<List<CustomerFeatures>> FeaturesAsync(CrmDbContext db, DateTimeOffset asOf, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.PlacedAt <= asOf && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, First = g.Min(o => o.PlacedAt), Last = g.Max(o => o.PlacedAt), Count = g.Count(), Sum = g.Sum(o => o.Amount) })
            .ToDictionaryAsync(a => a.CustomerId, ct);
        var csat = await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId != null && c.CsatScore != null && c.CreatedAt <= asOf)
            .GroupBy(c => c.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Average = g.Average(c => (double)c.CsatScore!.Value) })
            .ToDictionaryAsync(a => a.CustomerId, a => a.Average, ct);
        var engagedSince = asOf - AnalyticsWindows.Engagement;
        var engagement = await db.Conversations.AsNoTracking()
            .Where(c => c.CustomerId != null && c.CreatedAt > engagedSince && c.CreatedAt <= asOf)
            .GroupBy(c => c.CustomerId!.Value)
            .Select(g => new { CustomerId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(a => a.CustomerId, a => a.Count, ct);
        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.CreatedAt <= asOf)
            .Select(c => new { c.Id, c.CreatedAt })
            .ToListAsync(ct);

        var features = new List<CustomerFeatures>(customers.Count);
        foreach (var c in customers)
        {
            orders.TryGetValue(c.Id, out var o);
            features.Add(new CustomerFeatures(c.Id, c.CreatedAt, o?.First, o?.Last, o?.Count ?? 0, o?.Sum ?? 0m,
                csat.TryGetValue(c.Id, out var rating) ? rating : null,
                engagement.TryGetValue(c.Id, out var recent) ? recent : 0));
        }
        features.Sort((a, b) => a.CustomerId.CompareTo(b.CustomerId));
        return features;
    }
}
