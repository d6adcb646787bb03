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
    private const int WriteChunk = 1000;

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

        foreach (var chunk in customerIds.Chunk(WriteChunk))
        {
            ct.ThrowIfCancellationRequested();
            var customers = await db.Customers.Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            foreach (var customer in customers) customer.SetRfm(scores[customer.Id], asOf);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        metrics.JobFinished(JobId, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("RFM recomputed for {Customers} customers ({Buyers} with orders)",
            customerIds.Count, aggregates.Count);
        await bus.PublishAsync(new AnalyticsRecomputed(JobId, customerIds.Count), ct);
        return customerIds.Count;
    }
}
