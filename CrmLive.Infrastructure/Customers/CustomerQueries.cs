using CrmLive.Domain.Conversations;
using CrmLive.Domain.Orders;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>Read side of the customers list and the customer 360 page.</summary>
public sealed class CustomerQueries(IDbContextFactory<CrmDbContext> dbFactory, IProviderSql providerSql)
{
    public const int MaxPageSize = 200;

    /// <summary>A search shows at most this many matches ("1,000+"); typing more narrows it.</summary>
    public const int SearchCap = 1000;

    public async Task<Paged<CustomerRow>> ListAsync(CustomerListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = await CustomerFilters.ApplyAsync(db, db.Customers.AsNoTracking(), q.Filter, ct);
        var searching = !string.IsNullOrWhiteSpace(q.Search);
        if (searching)
        {
            var ids = providerSql.SearchCustomerIds(db, q.Search!, SearchCap + 1);
            customers = customers.Where(c => ids.Contains(c.Id));
        }

        var total = await customers.CountAsync(ct);
        var capped = searching && total > SearchCap;
        customers = (q.SortBy, q.Descending) switch
        {
            (CustomerSort.Email, false) => customers.OrderBy(c => c.Email).ThenBy(c => c.Id),
            (CustomerSort.Email, true) => customers.OrderByDescending(c => c.Email).ThenByDescending(c => c.Id),
            (CustomerSort.Company, false) => customers.OrderBy(c => c.CompanyName).ThenBy(c => c.Id),
            (CustomerSort.Company, true) => customers.OrderByDescending(c => c.CompanyName).ThenByDescending(c => c.Id),
            (CustomerSort.CreatedAt, false) => customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (CustomerSort.CreatedAt, true) => customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
            (CustomerSort.LastSeenAt, false) => customers.OrderBy(c => c.LastSeenAt).ThenBy(c => c.Id),
            (CustomerSort.LastSeenAt, true) => customers.OrderByDescending(c => c.LastSeenAt).ThenByDescending(c => c.Id),
            (_, true) => customers.OrderByDescending(c => c.Name).ThenByDescending(c => c.Id),
            _ => customers.OrderBy(c => c.Name).ThenBy(c => c.Id),
        };
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var rows = await customers.Skip(Math.Max(0, q.Page) * size).Take(size)
            .Select(c => new CustomerRow(c.Id, c.Name, c.Email, c.Phone, c.CompanyName,
                c.CreatedAt, c.LastSeenAt, c.RfmRecency, c.RfmFrequency, c.RfmMonetary, c.Stage, c.OwnerId,
                c.Metrics.Segment, c.Metrics.LoyaltyTier))
            .ToListAsync(ct);
        rows = await WithTagsAndAttributesAsync(db, rows, q.AttributeColumns ?? [], ct);
        return new Paged<CustomerRow>(rows, capped ? SearchCap : total, capped);
    }

    /// <summary>Tags and the chosen custom fields of one page's rows, in two indexed queries.</summary>
    private static async Task<List<CustomerRow>> WithTagsAndAttributesAsync(CrmDbContext db, List<CustomerRow> rows,
        IReadOnlyList<Guid> attributeColumns, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.RecordTags.AsNoTracking().Where(t => ids.Contains(t.RecordId)).ToListAsync(ct))
            .ToLookup(t => t.RecordId, t => t.Tag);
        var values = attributeColumns.Count == 0
            ? []
            : await db.CustomAttributeValues.AsNoTracking()
                .Where(v => ids.Contains(v.RecordId) && attributeColumns.Contains(v.DefinitionId)).ToListAsync(ct);
        var byRecord = values.ToLookup(v => v.RecordId);
        return rows.Select(r => r with
        {
            Tags = tags[r.Id].Order().ToList(),
            Attributes = byRecord[r.Id].ToDictionary(v => v.DefinitionId, v => v.Value.Display()),
        }).ToList();
    }

    public async Task<CustomerProfile?> GetProfileAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().Include(x => x.Company).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return null;
        var revenue = db.Orders.Where(o => o.CustomerId == id
            && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded);
        var orderCount = await revenue.CountAsync(ct);
        var lifetime = orderCount == 0 ? 0m : await revenue.SumAsync(o => o.Amount, ct);
        var openConversations = await db.Conversations.CountAsync(x => x.CustomerId == id
            && x.Status != ConversationStatus.Resolved, ct);
        var openTickets = await db.Tickets.CountAsync(t => t.CustomerId == id
            && (t.Status == TicketStatus.Open || t.Status == TicketStatus.Pending), ct);
        var tags = await db.RecordTags.AsNoTracking().Where(t => t.RecordId == id).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        return new CustomerProfile(c.Id, c.Name, c.Email, c.Phone, c.OtherEmails, c.OtherPhones, c.CompanyId,
            c.Company?.Name, c.Company?.Domain, c.Address, c.Language, c.TimeZone, c.OwnerId, c.Stage,
            c.MarketingEmailConsent, c.ProactiveChatConsent, c.ExternalId, c.CreatedAt,
            c.LastSeenAt, c.RfmRecency, c.RfmFrequency, c.RfmMonetary, c.RfmComputedAt, c.Metrics, tags, orderCount,
            lifetime, openConversations, openTickets);
    }

    public async Task<IReadOnlyList<OrderRow>> RecentOrdersAsync(Guid customerId, int take = 20,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Orders.AsNoTracking()
            .Where(o => o.CustomerId == customerId)
            .OrderByDescending(o => o.PlacedAt)
            .Take(take)
            .Select(o => new OrderRow(o.Id, o.Number, o.PlacedAt, o.Amount, o.Currency, o.Channel, o.Status,
                o.ItemCount, o.ItemsSummary))
            .ToListAsync(ct);
    }

    /// <summary>Newest first, keyset-paged on (OccurredAt, Id) so deep pages cost the same as the first.</summary>
    public async Task<TimelinePage> TimelineAsync(Guid customerId, TimelineCursor? after, int pageSize = 25,
        CancellationToken ct = default, TimelineFilter? filter = null)
    {
        var size = Math.Clamp(pageSize, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.Timeline.AsNoTracking().Where(t => t.CustomerId == customerId);
        if (filter?.Kinds is { Count: > 0 } kinds) entries = entries.Where(t => kinds.Contains(t.Kind));
        if (filter?.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(t => t.OccurredAt >= start);
        }
        if (filter?.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            entries = entries.Where(t => t.OccurredAt < end);
        }
        if (after is not null)
            entries = entries.Where(t => t.OccurredAt < after.OccurredAt
                || (t.OccurredAt == after.OccurredAt && t.Id < after.Id));
        var items = await entries
            .OrderByDescending(t => t.OccurredAt).ThenByDescending(t => t.Id)
            .Take(size + 1)
            .Select(t => new TimelineItem(t.Id, t.OccurredAt, t.Kind, t.Title, t.Detail, t.SubjectId))
            .ToListAsync(ct);
        var hasMore = items.Count > size;
        if (hasMore) items.RemoveAt(size);
        return new TimelinePage(items, hasMore ? new TimelineCursor(items[^1].OccurredAt, items[^1].Id) : null);
    }
}
