using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Lists;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>Turns an audience into the query of its customers' ids, answered by the database.</summary>
public sealed class CampaignAudiences(IProviderSql providerSql)
{
    public async Task<IQueryable<Guid>> CustomerIdsAsync(CrmDbContext db, CampaignAudience audience, CancellationToken ct)
    {
        // Erased customers stay for the aggregates but are nobody to write to.
        var customers = db.Customers.AsNoTracking().Where(c => c.Name != Customer.ErasedName);
        switch (audience.Kind)
        {
            case AudienceKind.Segment:
                customers = customers.Where(c => c.Metrics.Segment == audience.Value);
                break;
            case AudienceKind.Tier:
                customers = customers.Where(c => c.Metrics.LoyaltyTier == audience.Value);
                break;
            case AudienceKind.SavedView:
                var definition = await ViewAsync(db, audience.Value, ct);
                customers = await CustomerFilters.ApplyAsync(db, customers, definition.Filter, ct);
                if (!string.IsNullOrWhiteSpace(definition.Search))
                {
                    var found = providerSql.SearchCustomerIds(db, definition.Search, CustomerQueries.ExportSearchCap);
                    customers = customers.Where(c => found.Contains(c.Id));
                }
                break;
            case AudienceKind.BoughtNotBought:
                var bought = Buyers(db, audience.Value);
                var boughtOther = Buyers(db, audience.Except!);
                customers = customers.Where(c => bought.Contains(c.Id) && !boughtOther.Contains(c.Id));
                break;
        }
        return customers.Select(c => c.Id);
    }

    public async Task<int> CountAsync(CrmDbContext db, CampaignAudience audience, CancellationToken ct) =>
        await (await CustomerIdsAsync(db, audience, ct)).CountAsync(ct);

    /// <summary>The saved customer view an audience names; it must still exist and be one the team can see.</summary>
    public static async Task<CustomerViewDefinition> ViewAsync(CrmDbContext db, string viewId, CancellationToken ct)
    {
        var view = Guid.TryParse(viewId, out var id)
            ? await db.SavedViews.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id && v.List == ListKind.Customers, ct)
            : null;
        if (view is null) throw new DomainException("The audience's saved view no longer exists.");
        return System.Text.Json.JsonSerializer.Deserialize<CustomerViewDefinition>(view.Definition, SavedViews.Json)
            ?? new CustomerViewDefinition(null, null);
    }

    /// <summary>Customers with a line of this SKU on an order that counts (not cancelled or refunded).</summary>
    private static IQueryable<Guid> Buyers(CrmDbContext db, string sku) =>
        from line in db.OrderLines
        where line.Sku == sku
        join order in db.Orders on line.OrderId equals order.Id
        where order.Status != OrderStatus.Cancelled && order.Status != OrderStatus.Refunded
        select order.CustomerId;
}
