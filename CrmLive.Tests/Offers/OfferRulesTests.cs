using CrmLive.Domain.Customers;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Offers;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Offers;

/// <summary>Rules mined from the demo shop's order lines, and what they suggest to one customer.</summary>
[Trait("Database", "Any")]
public class OfferRulesTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task TheJob_FindsWhatGoesTogether_AndACustomerIsOfferedWhatTheyLack_WithTheReason()
    {
        var mined = await app.Service<OfferRulesJob>().RunAsync(CancellationToken.None);

        Assert.True(mined.Orders > 100, $"only {mined.Orders} orders with lines");
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var shoesToSocks = await db.ProductRules.AsNoTracking()
            .SingleOrDefaultAsync(r => r.IfSkus == "NW-TRAILRUNNINGSHOES" && r.ThenSku == "NW-WOOLSOCKS3PACK");
        Assert.NotNull(shoesToSocks);
        Assert.True(shoesToSocks.Lift > 1.5, $"lift {shoesToSocks.Lift}");

        // A new customer who bought only shoes.
        var customer = new Customer("Sam Shoes", $"sam.{Guid.NewGuid():N}@offers.example", null, null, DateTimeOffset.UtcNow);
        var order = new Order(customer.Id, $"OF-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow, 129m, "EUR", SalesChannel.Web,
            OrderStatus.Delivered, 1, "Trail running shoes");
        db.Customers.Add(customer);
        db.Orders.Add(order);
        db.OrderLines.Add(new OrderLine(order.Id, "NW-TRAILRUNNINGSHOES", "Trail running shoes", 1, 129m));
        await db.SaveChangesAsync();

        var offers = await app.Service<OfferQueries>().ForCustomerAsync(customer.Id);

        var socks = Assert.Single(offers, o => o.Sku == "NW-WOOLSOCKS3PACK");
        Assert.StartsWith("Bought Trail running shoes; ", socks.Reason);
        Assert.EndsWith("% of those who did also bought Wool socks (3-pack).", socks.Reason);
        Assert.DoesNotContain(offers, o => o.Sku == "NW-TRAILRUNNINGSHOES");
        Assert.Empty(await app.Service<OfferQueries>().ForCustomerAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task ARunReplacesTheRules_ItDoesNotAddToThem()
    {
        var first = await app.Service<OfferRulesJob>().RunAsync(CancellationToken.None);
        var second = await app.Service<OfferRulesJob>().RunAsync(CancellationToken.None);

        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(second.Rules, await db.ProductRules.CountAsync());
        Assert.Equal(first.Rules, second.Rules);
    }
}
