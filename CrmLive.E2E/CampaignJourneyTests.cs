using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>A manager builds a widget campaign for a segment and watches a customer of it be reached and reply.</summary>
[Collection(E2ECollection.Name)]
public class CampaignJourneyTests(BrowserFixture browser)
{
    private const int DemoCustomer = 78; // /demo?customer=78 signs in the shop's 78th customer

    [Fact]
    public async Task AManagerBuildsACampaignForASegment_AndWatchesItReachACustomerWhoReplies()
    {
        await PrepareCustomerAsync();
        var name = $"Champions treat {Guid.NewGuid():N}"[..24];
        var manager = await browser.NewPageAsync();
        Guid? campaignId = null;
        try
        {
            await new SignInPage(manager).SignInAsync("manager@crmlive.demo", returnUrl: "/campaigns");
            await BrowserFixture.WaitLiveAsync(manager);
            await manager.GetByTestId("campaign-new").ClickAsync();
            await Expect(manager.GetByTestId("campaign-editor")).ToHaveAttributeAsync("data-live", "true");
            await manager.GetByTestId("campaign-name").FillAsync(name);
            await manager.GetByTestId("audience-segment").ClickAsync();
            await manager.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new("^Champions$") }).ClickAsync();
            await Expect(manager.GetByTestId("audience-size")).ToContainTextAsync("customers now");
            await manager.GetByTestId("control-percent").FillAsync("0");
            // Whatever the hour the suite runs at, the message may go now.
            await manager.GetByText("Quiet hours", new() { Exact = true }).ClickAsync();
            await manager.GetByTestId("campaign-body").FillAsync("Hi {{first_name}}, a **Champions** treat: free shipping all week.");
            await Expect(manager.GetByTestId("campaign-preview")).ToContainTextAsync("Hi Alex, a Champions treat");
            await BrowserFixture.ScreenshotAsync(manager, "campaign-editor");
            await manager.GetByTestId("campaign-save").ClickAsync();

            await Expect(manager.GetByTestId("campaign-launch")).ToBeVisibleAsync();
            campaignId = Guid.Parse(manager.Url.Split('/').Last());
            await Expect(manager.GetByTestId("campaign")).ToHaveAttributeAsync("data-live", "true");
            await manager.GetByTestId("campaign-launch").ClickAsync();
            await manager.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
            await Expect(manager.GetByTestId("campaign-status")).ToHaveTextAsync("Running");
            await Expect(manager.GetByTestId("res-reached-value")).ToHaveTextAsync("0");

            // The customer, signed in to the shop, opens a page: the campaign's message appears over the widget.
            var shopper = await browser.NewPageAsync(390, 800);
            await shopper.GotoAsync($"/demo?customer={DemoCustomer}");
            var card = shopper.GetByTestId("crm-proactive");
            await Expect(card).ToContainTextAsync("a Champions treat: free shipping all week.");
            await card.EvaluateAsync("e => Promise.all(e.getAnimations({ subtree: true }).map(a => a.finished))");
            await BrowserFixture.ScreenshotAsync(shopper, "campaign-widget-card-narrow");
            await Expect(manager.GetByTestId("res-reached-value")).ToHaveTextAsync("1");

            await shopper.GetByTestId("crm-proactive-reply").ClickAsync();
            await shopper.GetByTestId("crm-panel").WaitForAsync();
            await Expect(new WidgetFrame(shopper).Messages.Last).ToContainTextAsync("free shipping all week");
            await new WidgetFrame(shopper).SendAsync("Lovely! Does it cover returns too?");
            await Expect(manager.GetByTestId("res-opened-value")).ToHaveTextAsync("1");
            await Expect(manager.GetByTestId("res-replied-value")).ToHaveTextAsync("1");
            await Expect(manager.GetByTestId("uplift-text")).ToContainTextAsync("No control group");
            await BrowserFixture.ScreenshotAsync(manager, "campaign-results");
            var narrow = await browser.NewPageAsync(400, 900);
            await new SignInPage(narrow).SignInAsync("manager@crmlive.demo", returnUrl: $"/campaigns/{campaignId}");
            await Expect(narrow.GetByTestId("res-replied-value")).ToHaveTextAsync("1");
            await BrowserFixture.ScreenshotAsync(narrow, "campaign-results-narrow");
            await narrow.Context.CloseAsync();

            await manager.GetByTestId("campaign-stop").ClickAsync();
            await manager.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
            await Expect(manager.GetByTestId("campaign-status")).ToHaveTextAsync("Stopped");
            await manager.GetByLabel("Back to campaigns").ClickAsync();
            await Expect(manager.GetByTestId("campaign-link").Filter(new() { HasText = name })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(manager, "campaign-list");
            await shopper.Context.CloseAsync();
        }
        finally
        {
            // A campaign left running would greet this shopper in the other journeys.
            if (campaignId is { } id) await StopIfRunningAsync(id);
            await manager.Context.CloseAsync();
        }
    }

    /// <summary>The demo customer is a Champion who allows proactive messages (after the seeding's analytics run, which would
    /// otherwise name their segment again).</summary>
    private async Task PrepareCustomerAsync()
    {
        await using var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await db.AnalyticsRuns.AnyAsync() && !await db.AnalyticsRuns.AnyAsync(r => r.FinishedAt == null)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The demo's analytics run did not finish.");
            await Task.Delay(200);
        }
        var userId = DemoAccounts.ShopUserId(DemoCustomer - 1);
        var customer = await db.Customers.SingleAsync(c => c.ExternalId == userId);
        customer.SetConsent(customer.MarketingEmailConsent, proactiveChat: true, DateTimeOffset.UtcNow);
        customer.SetMetrics(customer.Metrics with { Segment = "Champions" });
        await db.SaveChangesAsync();
    }

    private async Task StopIfRunningAsync(Guid id)
    {
        var campaign = await browser.App.Service<CampaignService>().GetAsync(id);
        if (campaign?.Status is CampaignStatus.Running or CampaignStatus.Scheduled)
            await browser.App.Service<CampaignService>().StopAsync(id, new Domain.Audit.AuditActor(null, "E2E", null));
    }
}
