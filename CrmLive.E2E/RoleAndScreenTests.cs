using System.Text.Json.Serialization;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

[Collection(E2ECollection.Name)]
public class RoleAndScreenTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("agent2@crmlive.demo", false, false)]
    [InlineData("manager@crmlive.demo", true, false)]
    [InlineData("admin@crmlive.demo", true, true)]
    public async Task SignIn_ShowsWhatTheRoleMayUse(string email, bool seesDashboard, bool seesJobs)
    {
        var page = await browser.NewPageAsync();

        await new SignInPage(page).SignInAsync(email, returnUrl: "/inbox");

        await Expect(page.GetByTestId("inbox")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-customers")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("nav-dashboard")).ToHaveCountAsync(seesDashboard ? 1 : 0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Jobs" })).ToHaveCountAsync(seesJobs ? 1 : 0);

        await page.GotoAsync("/dashboard");
        if (seesDashboard) await Expect(page.GetByTestId("tile-waiting")).ToBeVisibleAsync();
        else await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsAClearMessage()
    {
        var page = await browser.NewPageAsync();
        var signIn = new SignInPage(page);

        await signIn.SignInAsync("agent3@crmlive.demo", "not-the-password");

        await Expect(signIn.Error).ToContainTextAsync("don't match");
        await BrowserFixture.ScreenshotAsync(page, "sign-in-error");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_OpenTileRises_WhenACustomerStartsAChat()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/dashboard");
        var waitingTile = page.GetByTestId("tile-open").GetByTestId("tile-value");
        await Expect(waitingTile).ToBeVisibleAsync();
        await page.Locator("[data-testid=dashboard][data-live=true]").WaitForAsync();
        var before = int.Parse(await waitingTile.InnerTextAsync());

        await using (var widget = new HubConnectionBuilder()
            .WithUrl($"{browser.App.BaseUrl}/hubs/widget")
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build())
        {
            await widget.StartAsync();
            await widget.InvokeAsync<object>("Start", "demo", null, null);
            await widget.InvokeAsync<object>("Send", Guid.NewGuid().ToString(), "agent please");
        }

        await Expect(waitingTile).ToHaveTextAsync((before + 1).ToString());
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_AgentsOnline_FollowsAgentsOpeningAndClosingTheApp()
    {
        var manager = await browser.NewPageAsync();
        await new SignInPage(manager).SignInAsync("manager@crmlive.demo", returnUrl: "/dashboard");
        var agentsTile = manager.GetByTestId("tile-agents").GetByTestId("tile-value");
        await Expect(agentsTile).ToBeVisibleAsync();
        await manager.Locator("[data-testid=dashboard][data-live=true]").WaitForAsync();
        var before = int.Parse(await agentsTile.InnerTextAsync());

        var agent = await browser.NewPageAsync();
        await new SignInPage(agent).SignInAsync("agent3@crmlive.demo", returnUrl: "/inbox");
        await Expect(agentsTile).ToHaveTextAsync((before + 1).ToString());

        await agent.Context.CloseAsync();
        await Expect(agentsTile).ToHaveTextAsync(before.ToString());
        await manager.Context.CloseAsync();
    }

    [Fact]
    public async Task Customer360_SearchOpenAndPageTheTimeline()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("agent1@crmlive.demo", returnUrl: "/customers");
        await Expect(page.GetByTestId("customer-link").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "customers");

        await page.GetByTestId("customer-search").FillAsync("emma");
        await Expect(page.GetByTestId("customer-link").First).ToContainTextAsync("Emma");
        await page.GetByTestId("customer-link").First.ClickAsync();

        await Expect(page.GetByTestId("customer-name")).ToContainTextAsync("Emma");
        await Expect(page.GetByTestId("customer-profile")).ToBeVisibleAsync();
        var items = page.GetByTestId("timeline-item");
        await Expect(items.First).ToBeVisibleAsync();
        var firstPage = await items.CountAsync();
        if (await page.GetByTestId("timeline-more").CountAsync() > 0)
        {
            await page.GetByTestId("timeline-more").ClickAsync();
            await Expect(items).Not.ToHaveCountAsync(firstPage);
        }
        await BrowserFixture.ScreenshotAsync(page, "customer-360");
        await page.Context.CloseAsync();
    }
}

/// <summary>A manager teaches the bot a new way of asking.</summary>
[Collection(E2ECollection.Name)]
public class BotIntentsScreenTests(BrowserFixture browser)
{
    [Fact]
    public async Task Manager_AddsAnExampleToAnIntent()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/bot/intents");
        await page.Locator("[data-testid=intents-page][data-live=true]").WaitForAsync();
        await page.Locator("[data-testid=intent-item][data-name=returns]").ClickAsync();
        await Expect(page.GetByTestId("intent-answer")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("30 days"));

        var example = $"can I send the tent back {Random.Shared.Next(1000, 9999)}";
        await page.GetByTestId("example-input").FillAsync(example);
        await page.GetByTestId("example-add").ClickAsync();

        await Expect(page.GetByTestId("example").Filter(new() { HasText = example })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "bot-intents");

        // A spreadsheet export with one bad row: nothing is imported and the row is named.
        await page.GetByTestId("intents-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "intents.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("text,intent\ndo you have gift cards,gift_cards\n,returns\n"),
        });
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("Line 3");
        await page.Context.CloseAsync();
    }
}

/// <summary>A manager retrains the bot and watches it happen.</summary>
[Collection(E2ECollection.Name)]
public class BotModelsScreenTests(BrowserFixture browser)
{
    [Fact]
    public async Task Manager_RetrainsTheBot_WithLiveProgress_AndSeesTheActiveModel()
    {
        var page = await browser.NewPageAsync();
        await new SignInPage(page).SignInAsync("manager@crmlive.demo", returnUrl: "/bot/models");
        await page.Locator("[data-testid=bot-models][data-live=true]").WaitForAsync();

        await page.GetByTestId("retrain").ClickAsync();

        await Expect(page.GetByTestId("training-progress")).ToContainTextAsync("v", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("active-model")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await BrowserFixture.ScreenshotAsync(page, "bot-models");
        await page.Context.CloseAsync();
    }
}
