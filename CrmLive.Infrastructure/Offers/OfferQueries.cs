using CrmLive.Domain.Offers;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Offers;

/// <summary>A product to suggest to one customer, with the reason in words.</summary>
public sealed record SuggestedOffer(string Sku, string Name, string Reason, double Confidence, double Lift);

/// <summary>The next best offers for a customer, from the stored rules and what they have bought.</summary>
public sealed class OfferQueries(IDbContextFactory<CrmDbContext> dbFactory)
{
    public async Task<IReadOnlyList<SuggestedOffer>> ForCustomerAsync(Guid customerId, int take = 3, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var bought = (await db.OrderLines.AsNoTracking()
                .Join(db.Orders.Where(o => o.CustomerId == customerId && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded),
                    l => l.OrderId, o => o.Id, (l, _) => l.Sku)
                .Distinct().ToListAsync(ct))
            .ToHashSet();
        if (bought.Count == 0) return [];
        // Only rules that end in something new and start with something bought can apply; the "then" filter runs in SQL.
        var stored = await db.ProductRules.AsNoTracking().Where(r => !bought.Contains(r.ThenSku))
            .OrderByDescending(r => r.Lift).Take(5000).ToListAsync(ct);

        var ids = new Dictionary<string, int>();
        var names = new List<string>();
        int Id(string sku, string name)
        {
            if (ids.TryGetValue(sku, out var id)) return id;
            ids[sku] = names.Count;
            names.Add(name);
            return names.Count - 1;
        }
        var rules = stored.Select(r => new AssociationRule(
                [.. r.IfSkuList.Zip(r.IfNameList, Id)], Id(r.ThenSku, r.ThenName), r.Count, r.Support, r.Confidence, r.Lift))
            .ToList();
        var owned = bought.Where(ids.ContainsKey).Select(s => ids[s]).ToHashSet();
        return NextBestOffers.For(owned, rules, take)
            .Select(o => new SuggestedOffer(stored.First(r => ids[r.ThenSku] == o.Item).ThenSku, names[o.Item],
                NextBestOffers.Reason(o, i => names[i]), o.Because.Confidence, o.Because.Lift))
            .ToList();
    }
}
