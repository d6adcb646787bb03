using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Analytics;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Infrastructure;

[Trait("Database", "Any")]
public class CustomerRecordsQueryTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Run_ScoresEveryBuyer_LeavesNonBuyersUnscored_AndIsIdempotent()
    {
        var job = app.Service<AnalyticsRecomputeJob>();
        var dbFactory = app.Service<IDbContextFactory<CrmDbContext>>();

        var scored = (await job.RunAsync(null, CancellationToken.None)).Total;
        await using var db = await dbFactory.CreateDbContextAsync();
        var buyers = await db.Orders.Where(o => o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
            .Select(o => o.CustomerId).Distinct().ToListAsync();
        var first = await db.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.RfmRecency, c.RfmFrequency, c.RfmMonetary }).ToListAsync();

        Assert.Equal(first.Count, scored);
        Assert.All(first.Where(c => buyers.Contains(c.Id)), c =>
        {
            Assert.InRange(c.RfmRecency!.Value, 1, 5);
            Assert.InRange(c.RfmFrequency!.Value, 1, 5);
            Assert.InRange(c.RfmMonetary!.Value, 1, 5);
        });
        Assert.All(first.Where(c => !buyers.Contains(c.Id)), c => Assert.Null(c.RfmRecency));
        Assert.Contains(first, c => c.RfmMonetary == 5);

        await job.RunAsync(null, CancellationToken.None);
        var second = await db.Customers.AsNoTracking()
            .Select(c => new { c.Id, c.RfmRecency, c.RfmFrequency, c.RfmMonetary }).ToListAsync();
        Assert.Equal(first.OrderBy(c => c.Id), second.OrderBy(c => c.Id));
    }

    [Fact]
    public async Task Timeline_PagesByKeyset_NewestFirstWithoutGapsOrOverlap()
    {
        var queries = app.Service<CustomerQueries>();
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var busiest = await db.Timeline.GroupBy(t => t.CustomerId)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).FirstAsync();

        var seen = new List<TimelineItem>();
        TimelineCursor? cursor = null;
        do
        {
            var page = await queries.TimelineAsync(busiest.Key, cursor, pageSize: 3);
            seen.AddRange(page.Items);
            cursor = page.Next;
        } while (cursor is not null);

        Assert.Equal(busiest.Count, seen.Count);
        Assert.Equal(seen.Count, seen.Select(s => s.Id).Distinct().Count());
        Assert.Equal(seen.OrderByDescending(s => s.OccurredAt).ThenByDescending(s => s.Id).Select(s => s.Id),
            seen.Select(s => s.Id));
    }

    [Fact]
    public async Task CustomerList_SearchesByNameAndEmail_AndPagesOnTheServer()
    {
        var queries = app.Service<CustomerQueries>();
        var all = await queries.ListAsync(new CustomerListQuery(null, PageSize: 10));
        var someone = all.Items[3];

        var byEmail = await queries.ListAsync(new CustomerListQuery(someone.Email![..8]));
        var byName = await queries.ListAsync(new CustomerListQuery(someone.Name.Split(' ')[1]));
        var page2 = await queries.ListAsync(new CustomerListQuery(null, Page: 1, PageSize: 10));

        Assert.Equal(60, all.TotalCount);
        Assert.Equal(10, all.Items.Count);
        Assert.Contains(byEmail.Items, c => c.Id == someone.Id);
        Assert.Contains(byName.Items, c => c.Id == someone.Id);
        Assert.Empty(all.Items.Select(c => c.Id).Intersect(page2.Items.Select(c => c.Id)));
    }

    [Fact]
    public async Task CustomerSearch_IgnoresCase_AndTreatsWildcardsAsText()
    {
        var queries = app.Service<CustomerQueries>();
        var someone = (await queries.ListAsync(new CustomerListQuery(null, PageSize: 1))).Items[0];

        var upper = await queries.ListAsync(new CustomerListQuery(someone.Name.ToUpperInvariant()));
        var wildcard = await queries.ListAsync(new CustomerListQuery("%"));
        var underscore = await queries.ListAsync(new CustomerListQuery("_"));

        Assert.Contains(upper.Items, c => c.Id == someone.Id);
        Assert.Equal(0, wildcard.TotalCount);
        Assert.Equal(0, underscore.TotalCount);
    }
}
