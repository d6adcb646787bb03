using CrmLive.Domain.Tickets;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Tickets;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>The ticket list and a ticket page render, fit a phone, and show the SLA; screenshots with E2E_SCREENSHOTS.</summary>
[Collection(E2ECollection.Name)]
public class TicketScreensTests(BrowserFixture browser)
{
    private async Task<Guid> TicketAsync()
    {
        await using var db = await browser.App.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var customer = await db.Customers.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        return await browser.App.Service<TicketService>().CreateAsync(new NewTicket(customer,
            "Parcel arrived damaged — the box was crushed on one side", TicketType.Complaint, TicketPriority.Urgent,
            "The **blue** mug is chipped.\n\n- order #1042\n- photo attached in the chat\n\n<script>alert(1)</script>"));
    }

    [Theory]
    [InlineData(1400, 900)]
    [InlineData(400, 844)]
    public async Task ListAndTicketPage_RenderWithTheirSla_WithoutSidewaysScrolling(int width, int height)
    {
        var id = await TicketAsync();
        var page = await browser.NewPageAsync(width, height);
        await new SignInPage(page).SignInAsync("agent1@crmlive.demo", returnUrl: "/tickets");
        await Expect(page.GetByTestId("ticket-link").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sla-chip").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, $"tickets-{width}");
        Assert.True(await OverflowAsync(page) <= 0, $"/tickets scrolls sideways at {width}px");

        await page.GotoAsync($"/tickets/{id}");
        await Expect(page.GetByTestId("ticket-description")).ToContainTextAsync("blue");
        await Expect(page.GetByTestId("ticket-sla").GetByTestId("sla-chip")).ToContainTextAsync("due in");
        Assert.Equal(0, await page.Locator("[data-testid=ticket-description] script").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, $"ticket-{width}");
        Assert.True(await OverflowAsync(page) <= 0, $"the ticket page scrolls sideways at {width}px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SlaPolicyPage_PreviewsDueTimes_AndExplainsBadHours()
    {
        var page = await browser.NewPageAsync(400, 844);
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/settings/sla");
        await Expect(page.GetByTestId("sla-preview-urgent")).ToContainTextAsync("created now is due");
        await BrowserFixture.WaitLiveAsync(page);

        await page.GetByLabel("Count business hours only").CheckAsync();
        await page.GetByLabel("Business hours", new() { Exact = true }).FillAsync("weekdays 9 to 5");

        await Expect(page.GetByTestId("sla-error")).ToContainTextAsync("is not like 'Mon-Fri 09:00-17:00'");
        await BrowserFixture.ScreenshotAsync(page, "sla-400");
        Assert.True(await OverflowAsync(page) <= 0, "the SLA page scrolls sideways at 400px");
        await page.Context.CloseAsync();
    }

    private static Task<int> OverflowAsync(Microsoft.Playwright.IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
}
