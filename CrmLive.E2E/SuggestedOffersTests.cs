using CrmLive.Domain.Customers;
using CrmLive.Domain.Orders;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Offers;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>The 360 page suggests what the customer is likely to want next, and says why.</summary>
[Collection(E2ECollection.Name)]
public class SuggestedOffersTests(BrowserFixture browser)
{
    [Fact]
    public async Task A360Page_SuggestsWhatGoesWithWhatTheyBought()
    {
        await browser.App.Service<OfferRulesJob>().RunAsync(CancellationToken.None);
        var customer = new Customer("Sam Shoes", $"sam.{Guid.NewGuid():N}@offers.example", null, null, DateTimeOffset.UtcNow);
        var order = new Order(customer.Id, $"OF-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow, 129m, "EUR", SalesChannel.Web,
            OrderStatus.Delivered, 1, "Trail running shoes");
        await using (var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            db.Customers.Add(customer);
            db.Orders.Add(order);
            db.OrderLines.Add(new OrderLine(order.Id, "NW-TRAILRUNNINGSHOES", "Trail running shoes", 1, 129m));
            await db.SaveChangesAsync();
        }

        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: $"/customers/{customer.Id}");
        await BrowserFixture.WaitLiveAsync(page); // the interactive render replaces the prerendered page
        var socks = page.GetByTestId("offer").Filter(new() { HasText = "Wool socks (3-pack)" });
        await Expect(socks.GetByTestId("offer-reason")).ToContainTextAsync("Bought Trail running shoes;");
        await page.GetByTestId("suggested-offers").ScrollIntoViewIfNeededAsync();
        await BrowserFixture.ScreenshotAsync(page, "customer-360-offers");
        await page.Context.CloseAsync();
    }
}
