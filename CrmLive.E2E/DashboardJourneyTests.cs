using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>A manager watches the dashboard while a customer, in another browser, starts a chat on the shop.</summary>
[Collection(E2ECollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task ManagersDashboard_UpdatesWithoutReload_WhenACustomerStartsAChatInAnotherBrowser(int width, int height)
    {
        var manager = await browser.NewPageAsync(width, height);
        await new SignInPage(manager).SignInAsync("manager@crmlive.demo", returnUrl: "/dashboard");
        await manager.Locator("[data-testid=dashboard][data-live=true]").WaitForAsync();
        var started = manager.GetByTestId("tile-started").GetByTestId("tile-value");
        var waiting = manager.GetByTestId("tile-waiting").GetByTestId("tile-value");
        await Expect(started).ToBeVisibleAsync();
        var startedBefore = int.Parse(await started.InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands);
        var waitingBefore = int.Parse(await waiting.InnerTextAsync());
        await Expect(manager.GetByTestId("team")).ToBeVisibleAsync();

        var customer = await browser.NewPageAsync(); // its own browser context: another person on another machine
        var widget = new WidgetFrame(customer);
        await widget.OpenAsync();
        await widget.SendAsync("I want to talk to a human, please");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("handing you over", new() { Timeout = 15_000 });

        // Pushed, not polled: the manager's page never reloads.
        await Expect(started).ToHaveTextAsync((startedBefore + 1).ToString("N0"), new() { Timeout = 15_000 });
        await Expect(waiting).ToHaveTextAsync((waitingBefore + 1).ToString(), new() { Timeout = 15_000 });
        await Expect(manager.GetByTestId("activity")).ToContainTextAsync("I want to talk to a human");
        await BrowserFixture.ScreenshotAsync(manager, $"dashboard-live-{width}");

        await manager.GetByTestId("range").GetByText("30 days").ClickAsync();
        await Expect(manager.GetByTestId("volume")).ToContainTextAsync("in the last 30 days");
        await Expect(manager.GetByTestId("segments-panel")).ToContainTextAsync("Revenue, 30 days");
        await BrowserFixture.ScreenshotAsync(manager, $"dashboard-month-{width}");
        await customer.Context.CloseAsync();
        await manager.Context.CloseAsync();
    }
}
