using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Bench.Customers;

/// <summary>What an agent does on the customers screens, through the product's <see cref="CustomerQueries"/>.</summary>
internal sealed class CustomerWorkload(CustomerQueries queries, Latencies latencies)
{
    private static readonly int[] Pages = [0, 1, 9, 99];

    /// <summary>Typing each term one character at a time, one list query per keystroke (the UI debounces less).</summary>
    public async Task SearchAsync(IReadOnlyList<(string Kind, string Term)> terms)
    {
        foreach (var (kind, term) in terms)
            for (var length = 1; length <= term.Length; length++)
            {
                var typed = term[..length];
                if (typed.EndsWith(' ')) continue; // A trailing space searches the same as without it.
                await latencies.MeasureAsync($"search {kind}", () => queries.ListAsync(new CustomerListQuery(typed)));
            }
    }

    /// <summary>Pages 1, 2, 10 and 100 in every sort order, unfiltered; one table row per order, one per page.</summary>
    public async Task SortedPagesAsync()
    {
        foreach (var sort in Enum.GetValues<CustomerSort>())
            foreach (var descending in new[] { false, true })
                foreach (var page in Pages)
                    await latencies.MeasureAsync($"list sorted by {sort} {(descending ? "desc" : "asc")}",
                        () => queries.ListAsync(new CustomerListQuery(null, sort, descending, page)),
                        $"(any list sort) page {page + 1}");
    }

    /// <summary>
    /// Each filter on pages 1, 2, 10 and 100 (sorted by name, or by the column the filter suggests): the same pages
    /// as the sorted lists, since whether the sort index or the filter's index should drive depends on the page.
    /// </summary>
    public async Task FilteredPagesAsync(IReadOnlyList<(string Name, CustomerListQuery Query)> filters)
    {
        foreach (var (name, query) in filters)
            foreach (var page in Pages)
                await latencies.MeasureAsync($"list filter: {name}",
                    () => queries.ListAsync(query with { Page = page }), $"(any list filter) page {page + 1}");
    }

    public static List<(string, CustomerListQuery)> Filters(Guid companyId, DateTimeOffset now) =>
    [
        ("stage", new(null, Filter: new CustomerFilter { Stage = LifecycleStage.Advocate })),
        ("owner", new(null, CustomerSort.LastSeenAt, true, Filter: new CustomerFilter { OwnerId = SampleCustomers.Owners[6] })),
        ("no owner", new(null, Filter: new CustomerFilter { OwnerId = CustomerFilter.NoOwner })),
        ("tag", new(null, Filter: new CustomerFilter { Tags = ["vip"] })),
        ("two tags, newest", new(null, CustomerSort.CreatedAt, true, Filter: new CustomerFilter { Tags = ["press", "partner"] })),
        ("company", new(null, Filter: new CustomerFilter { CompanyId = companyId })),
        ("created last 30 days", new(null, CustomerSort.CreatedAt, true,
            Filter: new CustomerFilter { CreatedFrom = DateOnly.FromDateTime(now.AddDays(-30).UtcDateTime) })),
        ("created in 2023, by name", new(null, Filter: new CustomerFilter
            { CreatedFrom = new DateOnly(2023, 1, 1), CreatedTo = new DateOnly(2023, 12, 31) })),
        ("stage + owner", new(null, Filter: new CustomerFilter { Stage = LifecycleStage.Lead, OwnerId = SampleCustomers.Owners[3] })),
        ("churned, by e-mail", new(null, CustomerSort.Email, Filter: new CustomerFilter { Stage = LifecycleStage.Churned })),
        ("search + stage", new("schmidt", Filter: new CustomerFilter { Stage = LifecycleStage.Customer })),
    ];

    /// <summary>What opening the 360 page loads: profile, recent orders, the newest timeline page.</summary>
    public async Task OpenCustomerAsync(Guid id)
    {
        await latencies.MeasureAsync("360 first page (profile+orders+timeline)", async () =>
        {
            await queries.GetProfileAsync(id);
            await queries.RecentOrdersAsync(id, 50);
            return await queries.TimelineAsync(id, null);
        });
        await latencies.MeasureAsync("360 timeline, first page", () => queries.TimelineAsync(id, null));
    }

    public async Task DeepTimelineAsync(Guid id, IReadOnlyList<(string Name, TimelineCursor Cursor)> cursors)
    {
        foreach (var (name, cursor) in cursors)
            await latencies.MeasureAsync($"360 timeline, {name}", () => queries.TimelineAsync(id, cursor));
    }

    /// <summary>Cursors deep into the timeline, found by walking it with big pages as "load more" would.</summary>
    public async Task<List<(string, TimelineCursor)>> DeepCursorsAsync(Guid id, int events)
    {
        var wanted = new[] { events / 2, Math.Max(0, events - 30) };
        var cursors = new List<(string, TimelineCursor)>();
        TimelineCursor? next = null;
        var seen = 0;
        do
        {
            var page = await queries.TimelineAsync(id, next, CustomerQueries.MaxPageSize);
            foreach (var item in page.Items)
            {
                if (wanted.Contains(seen)) cursors.Add(($"page after item {seen:N0}", new TimelineCursor(item.OccurredAt, item.Id)));
                seen++;
            }
            next = page.Next;
        } while (next is not null);
        return cursors;
    }

    /// <summary>Search terms from real rows: names, e-mails and phones (as people write them, and as digits).</summary>
    public static async Task<List<(string, string)>> TermsAsync(CrmDbContext db, int samples)
    {
        var count = await db.Customers.CountAsync();
        var step = Math.Max(1, count / samples);
        var picked = new List<Customer>();
        for (var i = 0; i < samples; i++)
        {
            var skip = (i * step + step / 2) % count;
            picked.Add(await db.Customers.AsNoTracking().OrderBy(c => c.Id).Skip(skip).FirstAsync(c => c.Email != null && c.Phone != null));
        }
        var terms = new List<(string, string)> { ("name", "john smith"), ("email", "john.sm"), ("phone", "+49 30 12"), ("phone", "4930123") };
        foreach (var c in picked)
        {
            terms.Add(("name", c.Name));
            terms.Add(("email", c.Email![..Math.Min(c.Email!.Length, c.Email.IndexOf('@') + 3)]));
            terms.Add(("phone", c.Phone!));
        }
        return terms;
    }
}
