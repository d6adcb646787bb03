using CrmLive.Domain.Analytics;
using CrmLive.Domain.Live;
using CrmLive.Domain.Orders;
using System.Diagnostics;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Jobs;

/// <summary>
/// Scores every customer's recency, frequency and monetary value in quintiles from their orders. Idempotent:
/// a re-run over the same orders writes the same scores.
/// </summary>
public sealed class RfmRecomputeJob(
    IDbContextFactory<CrmDbContext> dbFactory,
    ILiveEventBus bus,
    TimeProvider clock,
    CrmLiveMetrics metrics,
    ILogger<RfmRecomputeJob> logger)
{
    public const string JobId = "rfm-recompute";
    private const int WriteChunk = 10_000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var asOf = clock.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var aggregates = await db.Orders.AsNoTracking()
            .Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
            .GroupBy(o => o.CustomerId)
            .Select(g => new { CustomerId = g.Key, Last = g.Max(o => o.PlacedAt), Count = g.Count(), Sum = g.Sum(o => o.Amount) })
            .ToDictionaryAsync(a => a.CustomerId, ct);
        var customerIds = await db.Customers.AsNoTracking().Select(c => c.Id).ToListAsync(ct);

        var inputs = customerIds.Select(id => aggregates.TryGetValue(id, out var a)
            ? new RfmInput(id, a.Last, a.Count, a.Sum)
            : new RfmInput(id, null, 0, 0m));
        var scores = RfmScoring.Score(inputs, asOf);

        // Set-based writes: one UPDATE per distinct score (at most 126) over a chunk of ids, which EF sends as a
        // single array parameter on every provider, instead of loading and saving each customer.
        foreach (var group in scores.GroupBy(s => s.Value))
        {
            foreach (var chunk in group.Select(s => s.Key).Chunk(WriteChunk))
            {
                ct.ThrowIfCancellationRequested();
                var score = group.Key;
                await db.Customers.Where(c => chunk.Contains(c.Id)).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.RfmRecency, score == null ? null : score.Recency)
                    .SetProperty(c => c.RfmFrequency, score == null ? null : score.Frequency)
                    .SetProperty(c => c.RfmMonetary, score == null ? null : score.Monetary)
                    .SetProperty(c => c.RfmComputedAt, asOf), ct);
            }
        }

        metrics.JobFinished(JobId, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("RFM recomputed for {Customers} customers ({Buyers} with orders)",
            customerIds.Count, aggregates.Count);
        await bus.PublishAsync(new AnalyticsRecomputed(JobId, customerIds.Count), ct);
        return customerIds.Count;
    }
}
