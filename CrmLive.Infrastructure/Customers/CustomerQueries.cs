using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
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

    /// <summary>
    /// A filtered list counts at most this many matches ("10,000+"): counting 200,000 matches through their index
    /// costs more than showing a page of them, and nobody pages that far.
    /// </summary>
    public const int FilterCountCap = 10_000;

    /// <summary>An export of search results takes up to this many matches (the screen pages through <see cref="SearchCap"/>).</summary>
    public const int ExportSearchCap = 100_000;

    public async Task<Paged<CustomerRow>> ListAsync(CustomerListQuery q, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = db.Customers.AsNoTracking();
        var customers = await CustomerFilters.ApplyAsync(db, all, q.Filter, ct);
        var size = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var skip = Math.Max(0, q.Page) * size;
        int total, cap;
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var ids = providerSql.SearchCustomerIds(db, q.Search, SearchCap + 1);
            customers = customers.Where(c => ids.Contains(c.Id));
            (total, cap) = (await customers.CountAsync(ct), SearchCap);
        }
        else if (q.Filter is { IsEmpty: false })
        {
            // One past the cap is enough to tell "10,000+" and bounds the count by the cap, not by the matches.
            (total, cap) = (await customers.Take(FilterCountCap + 1).CountAsync(ct), FilterCountCap);
            if (providerSql.NeedsBroadFilterHint && !CustomerFilters.OneIndexServes(q.Filter, q.SortBy)
                && await IsBroadAsync(customers, all, total, skip + size, ct))
                customers = await CustomerFilters.ApplyAsync(db, all, q.Filter, ct, withoutIndex: providerSql);
        }
        else (total, cap) = (await customers.CountAsync(ct), int.MaxValue);

        var rows = await Sorted(customers, q.SortBy, q.Descending).Skip(skip).Take(size)
            .Select(c => new CustomerRow(c.Id, c.Name, c.Email, c.Phone, c.CompanyName,
                c.CreatedAt, c.LastSeenAt, c.RfmRecency, c.RfmFrequency, c.RfmMonetary, c.Stage, c.OwnerId,
                c.Metrics.Segment, c.Metrics.LoyaltyTier))
            .ToListAsync(ct);
        rows = await WithTagsAndAttributesAsync(db, rows, q.AttributeColumns ?? [], ct);
        return new Paged<CustomerRow>(rows, Math.Min(total, cap), total > cap);
    }

    /// <summary>
    /// Every row of the list as filtered, searched and sorted, for a CSV export: one streaming query (nothing is held
    /// but the current chunk), with tags and the chosen custom fields added a thousand rows at a time from a second
    /// context, as the first one's reader is still open.
    /// </summary>
    public async IAsyncEnumerable<CustomerRow> ExportAsync(CustomerListQuery q,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var extrasDb = await dbFactory.CreateDbContextAsync(ct);
        var customers = await CustomerFilters.ApplyAsync(db, db.Customers.AsNoTracking(), q.Filter, ct);
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var ids = providerSql.SearchCustomerIds(db, q.Search, ExportSearchCap);
            customers = customers.Where(c => ids.Contains(c.Id));
        }
        var rows = Sorted(customers, q.SortBy, q.Descending)
            .Select(c => new CustomerRow(c.Id, c.Name, c.Email, c.Phone, c.CompanyName,
                c.CreatedAt, c.LastSeenAt, c.RfmRecency, c.RfmFrequency, c.RfmMonetary, c.Stage, c.OwnerId,
                c.Metrics.Segment, c.Metrics.LoyaltyTier))
            .AsAsyncEnumerable();
        var chunk = new List<CustomerRow>(1_000);
        await foreach (var row in rows.WithCancellation(ct))
        {
            chunk.Add(row);
            if (chunk.Count < 1_000) continue;
            foreach (var full in await WithTagsAndAttributesAsync(extrasDb, chunk, q.AttributeColumns ?? [], ct)) yield return full;
            chunk.Clear();
            extrasDb.ChangeTracker.Clear();
        }
        foreach (var full in await WithTagsAndAttributesAsync(extrasDb, chunk, q.AttributeColumns ?? [], ct)) yield return full;
    }

    /// <summary>
    /// Whether the page is better read in the sort index's order, checking the filter row by row, than by fetching
    /// every match through the filter's index and sorting them. Reaching the page's end reads about
    /// reach × all / matches rows the first way; the second sorts all the matches. So the first wins once the
    /// matches exceed √(reach × all): 5,000 of a million for the first page, 50,000 for the hundredth. When the
    /// capped count stops short of that threshold, counting on as far as the threshold decides it.
    /// </summary>
    private static async Task<bool> IsBroadAsync(IQueryable<Customer> filtered, IQueryable<Customer> all,
        int cappedMatches, int reach, CancellationToken ct)
    {
        if (cappedMatches <= reach) return false; // Fewer matches than the page reaches: sorting them is cheap.
        var threshold = (int)Math.Min(int.MaxValue - 1, Math.Ceiling(Math.Sqrt((double)reach * await all.CountAsync(ct))));
        if (cappedMatches > threshold) return true;
        return cappedMatches > FilterCountCap && await filtered.Take(threshold + 1).CountAsync(ct) > threshold;
    }

    private static IQueryable<Customer> Sorted(IQueryable<Customer> customers, CustomerSort sort, bool descending) =>
        (sort, descending) switch
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

    /// <summary>Tags and the chosen custom fields of one page's rows, in two indexed queries.</summary>
    private static async Task<List<CustomerRow>> WithTagsAndAttributesAsync(CrmDbContext db, List<CustomerRow> rows,
        IReadOnlyList<Guid> attributeColumns, CancellationToken ct)
    {
        if (rows.Count == 0) return rows;
        var extras = await RowExtras.ForPageAsync(db, rows.Select(r => r.Id).ToList(), attributeColumns, ct);
        return rows.Select(r => r with { Tags = extras.TagsOf(r.Id), Attributes = extras.ValuesOf(r.Id) }).ToList();
    }

    /// <summary>
    /// The customer an integration names: by id, else by e-mail (primary), else by external id. Null when none matches.
    /// </summary>
    public async Task<Guid?> FindIdAsync(Guid? id, string? email, string? externalId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Customers.AsNoTracking();
        if (id is { } byId) customers = customers.Where(c => c.Id == byId);
        else if (!string.IsNullOrWhiteSpace(email))
        {
            var normalized = email.Trim().ToLowerInvariant();
            customers = customers.Where(c => c.Email == normalized);
        }
        else if (!string.IsNullOrWhiteSpace(externalId))
        {
            var trimmed = externalId.Trim();
            customers = customers.Where(c => c.ExternalId == trimmed);
        }
        else return null;
        var found = await customers.Select(c => c.Id).Take(1).ToListAsync(ct);
        return found.Count == 0 ? null : found[0];
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
