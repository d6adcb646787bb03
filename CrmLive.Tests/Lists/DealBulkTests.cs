using System.Collections.Concurrent;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Lists;

/// <summary>Reassigning every deal the board shows, against the real database (demo deals included).</summary>
[Trait("Database", "Any")]
public class DealBulkTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    private DealBulkActions Bulk => app.Service<DealBulkActions>();

    private async Task<Guid> NewCustomerAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var unique = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer($"Bulk Deal Customer {unique}", $"bd{unique}@x.example", null, null, DateTimeOffset.UtcNow);
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        return customer.Id;
    }

    private async Task<Dictionary<Guid, string?>> OwnersAsync()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Deals.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.OwnerId);
    }

    [Fact]
    public async Task ReassignOpenDealsShown_MovesExactlyThatOwnersOpenDeals_AndAnnouncesThem()
    {
        var staff = await app.Service<StaffDirectory>().AllAsync();
        var (from, to, bystander) = (staff[0].Id, staff[1].Id, staff[2].Id);
        var deals = app.Service<DealService>();
        var customer = await NewCustomerAsync();
        var open = await deals.CreateAsync(new DealInput(customer, "Spring order", 500, "EUR", from, null));
        var won = await deals.CreateAsync(new DealInput(customer, "Winter order", 900, "EUR", from, null));
        await deals.MoveAsync(won, DealStage.Won, null, null);
        var theirs = await deals.CreateAsync(new DealInput(customer, "Autumn order", 300, "EUR", bystander, null));
        var before = await OwnersAsync();
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var expected = await db.Deals.Where(d => d.OwnerId == from && d.Stage != DealStage.Won && d.Stage != DealStage.Lost)
                .Select(d => d.Id).ToListAsync();
            var events = new ConcurrentBag<DealChanged>();
            using var _ = app.Service<ILiveEventBus>().Subscribe<DealChanged>(e => { events.Add(e); return Task.CompletedTask; });
            var reports = new List<BulkProgress>();

            var done = await Bulk.ReassignAsync(new DealBoardQuery(from), openOnly: true, to, new SyncProgress<BulkProgress>(reports.Add));

            Assert.Equal(expected.Count, done);
            Assert.Equal(new BulkProgress(expected.Count, expected.Count), reports[^1]);
            var after = await OwnersAsync();
            Assert.All(expected, id => Assert.Equal(to, after[id]));
            Assert.Contains(open, expected);
            Assert.Equal(from, after[won]);         // closed deals stay with whoever closed them
            Assert.Equal(bystander, after[theirs]); // not on this board
            Assert.Equal(before.Where(p => !expected.Contains(p.Key)), after.Where(p => !expected.Contains(p.Key)));
            await Eventually.TrueAsync(() => Task.FromResult(expected.All(id => events.Any(e => e.DealId == id))),
                "each reassigned deal is announced");
        }

        // All shown deals, closed ones too.
        await Bulk.ReassignAsync(new DealBoardQuery(from), openOnly: false, to, null);
        Assert.Equal(to, (await OwnersAsync())[won]);
    }

    [Fact]
    public async Task Reassign_ToAnUnknownPerson_IsRefusedAndChangesNothing()
    {
        var owner = (await app.Service<StaffDirectory>().AllAsync())[0].Id;
        var before = await OwnersAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            Bulk.ReassignAsync(new DealBoardQuery(owner), openOnly: false, "no-such-person", null));

        Assert.Contains("not on the team", refused.Message);
        Assert.Equal(before, await OwnersAsync());
    }
}
