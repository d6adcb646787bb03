using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Customers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Customers;

/// <summary>What keeps big customer lists fast: broad filters read in sort order, filtered counts capped.</summary>
[Trait("Database", "Any")]
public class CustomerListScaleTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    // Each test its own year: both filter on creation dates in the same database.
    private static readonly DateTimeOffset Year2001 = new(2001, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Year2002 = new(2002, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FiltersWrittenWithoutTheirIndexes_MatchTheSameCustomers()
    {
        var tag = $"hint-{Guid.NewGuid():N}"[..16];
        var dbFactory = app.Service<IDbContextFactory<CrmDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var company = new Company($"Hint Co {tag}", null, Year2002);
        db.Companies.Add(company);
        var customers = Enumerable.Range(0, 8).Select(i => new Customer($"Hint {i} {tag}", null, null,
            i % 2 == 0 ? company.Id : null, Year2002.AddDays(i * 40), i % 2 == 0 ? company.Name : null)).ToList();
        for (var i = 0; i < customers.Count; i++)
        {
            customers[i].AssignOwner(i % 3 == 0 ? null : $"owner-{tag}-{i % 3}");
            customers[i].MoveToStage(i % 4 == 0 ? LifecycleStage.Lead : LifecycleStage.Customer);
            db.RecordTags.Add(new RecordTag(customers[i].Id, tag));
        }
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync();

        var scoped = new CustomerFilter { Tags = [tag] };
        CustomerFilter[] filters =
        [
            scoped, scoped with { OwnerId = CustomerFilter.NoOwner }, scoped with { OwnerId = $"owner-{tag}-1" },
            scoped with { Stage = LifecycleStage.Lead }, scoped with { CompanyId = company.Id },
            scoped with { CreatedFrom = new DateOnly(2002, 7, 1), CreatedTo = new DateOnly(2002, 12, 31) },
        ];
        var providerSql = app.Service<IProviderSql>();
        foreach (var filter in filters)
        {
            var indexed = await CustomerFilters.ApplyAsync(db, db.Customers, filter, default);
            var unindexed = await CustomerFilters.ApplyAsync(db, db.Customers, filter, default, withoutIndex: providerSql);
            var expected = await indexed.Select(c => c.Id).OrderBy(id => id).ToListAsync();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await unindexed.Select(c => c.Id).OrderBy(id => id).ToListAsync());
        }
    }

    [Fact]
    public async Task AFilterMatchingMoreThanTheCap_Counts10000Plus_AndStillPagesInSortOrder()
    {
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            db.Customers.AddRange(Enumerable.Range(0, CustomerQueries.FilterCountCap + 1)
                .Select(i => new Customer($"Capped {i:00000}", null, null, null, Year2001.AddMinutes(i))));
            await db.SaveChangesAsync();
        }
        var query = new CustomerListQuery(null, CustomerSort.Name, Descending: true, Page: 2, PageSize: 10,
            Filter: new CustomerFilter { CreatedFrom = new DateOnly(2001, 1, 1), CreatedTo = new DateOnly(2001, 12, 31) });

        var page = await app.Service<CustomerQueries>().ListAsync(query);

        Assert.True(page.Capped);
        Assert.Equal(CustomerQueries.FilterCountCap, page.TotalCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Capped {CustomerQueries.FilterCountCap - 20 - i:00000}"),
            page.Items.Select(r => r.Name));
    }
}
