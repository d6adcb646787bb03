using System.Diagnostics;
using CrmLive.Domain.Offers;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Offers;

public sealed record RulesMined(int Orders, int Products, int Rules, TimeSpan Took);

/// <summary>
/// Mines "bought A (and B) → also bought C" from every order that counts as revenue, and replaces the stored rules
/// in one transaction: the 360 page never sees half a set.
/// </summary>
public sealed class OfferRulesJob(IDbContextFactory<CrmDbContext> dbFactory, IOptions<OffersOptions> options, TimeProvider clock,
    ILogger<OfferRulesJob> logger)
{
    public const string JobId = "offer-rules";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 1)]
    public async Task<RulesMined> RunAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var settings = options.Value;
        var (baskets, products) = await ReadBasketsAsync(ct);
        var minCount = Math.Max(settings.MinOrders, (int)Math.Ceiling(settings.MinSupport * baskets.Count));
        var itemsets = FrequentItemsets.Mine(baskets, minCount, maxSize: 3);
        var rules = baskets.Count == 0 ? []
            : AssociationRules.From(itemsets, baskets.Count, settings.MinConfidence, settings.MinLift).Take(settings.MaxRules).ToList();

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.ProductRules.ExecuteDeleteAsync(ct);
        db.ProductRules.AddRange(rules.Select(r => new ProductRule([.. r.If.Select(i => products[i])], products[r.Then], r.Count,
            r.Support, r.Confidence, r.Lift, now)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var result = new RulesMined(baskets.Count, products.Count, rules.Count, Stopwatch.GetElapsedTime(started));
        logger.LogInformation("Offer rules: {Rules} from {Orders} orders over {Products} products (at least {MinCount} orders each) in {Took}",
            result.Rules, result.Orders, result.Products, minCount, result.Took);
        return result;
    }

    /// <summary>
    /// Each revenue order's distinct products as small ids: one pass over the lines in order of their order (the
    /// (OrderId, Sku) index covers it), skipping the few orders that were cancelled or refunded; names afterwards by SKU.
    /// </summary>
    private async Task<(List<int[]> Baskets, List<(string Sku, string Name)> Products)> ReadBasketsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var excluded = (await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.Cancelled || o.Status == OrderStatus.Refunded)
            .Select(o => o.Id).ToListAsync(ct)).ToHashSet();
        var ids = new Dictionary<string, int>();
        var skus = new List<string>();
        var baskets = new List<int[]>();
        var current = new List<int>();
        Guid? order = null;
        var lines = db.OrderLines.AsNoTracking().OrderBy(l => l.OrderId).Select(l => new { l.OrderId, l.Sku }).AsAsyncEnumerable();
        await foreach (var line in lines.WithCancellation(ct))
        {
            if (line.OrderId != order)
            {
                if (current.Count > 0) baskets.Add([.. current.Distinct()]);
                current.Clear();
                order = line.OrderId;
            }
            if (excluded.Contains(line.OrderId)) continue;
            if (!ids.TryGetValue(line.Sku, out var id))
            {
                ids[line.Sku] = id = skus.Count;
                skus.Add(line.Sku);
            }
            current.Add(id);
        }
        if (current.Count > 0) baskets.Add([.. current.Distinct()]);

        var products = new List<(string Sku, string Name)>(skus.Count);
        foreach (var sku in skus)
            products.Add((sku, await db.OrderLines.Where(l => l.Sku == sku).Select(l => l.ProductName).FirstAsync(ct)));
        return (baskets, products);
    }
}
