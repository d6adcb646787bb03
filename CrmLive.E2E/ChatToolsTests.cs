using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

/// <summary>Files both ways, saved replies, signed identity and the keyboard, as people use them.</summary>
[Collection(E2ECollection.Name)]
public class ChatToolsTests(BrowserFixture browser)
{
    // A 1×1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private async Task<(IPage Agent, InboxPage Inbox, IPage Customer, WidgetFrame Widget, string Marker)> HandedOffChatAsync(
        string demoPath = "/demo")
    {
        var agentPage = await browser.NewPageAsync();
        await new SignInPage(agentPage).SignInAsync("agent2@crmlive.demo", returnUrl: "/inbox");
        var inbox = new InboxPage(agentPage);
        await inbox.OpenAsync();
        await inbox.ShowAsync("AllOpen");

        var customerPage = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(customerPage);
        await widget.OpenAsync(demoPath);
        var skip = customerPage.GetByTestId("crm-prechat-skip");
        if (await skip.IsVisibleAsync()) await skip.ClickAsync();
        var marker = $"T-{Random.Shared.Next(100000, 999999)}";
        await widget.SendAsync("talk to a human");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("handing you over");
        await widget.SendAsync($"It's about {marker}");

        await inbox.ConversationWithPreview(marker).ClickAsync();
        await Expect(inbox.ThreadMessages.Filter(new() { HasText = marker })).ToBeVisibleAsync();
        return (agentPage, inbox, customerPage, widget, marker);
    }

    [Fact]
    public async Task Attachments_TravelBothWays_ImagesShowAndFilesDownload()
    {
        var (agentPage, _, customerPage, _, _) = await HandedOffChatAsync();

        await customerPage.GetByTestId("crm-file").SetInputFilesAsync(new FilePayload
        {
            Name = "broken-zip.png", MimeType = "image/png", Buffer = Png,
        });
        var agentImage = agentPage.Locator("[data-testid=thread-attachment] img[alt='broken-zip.png']");
        await Expect(agentImage).ToBeVisibleAsync();
        Assert.True(await agentImage.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"),
            "the agent's browser loaded the customer's image");

        await agentPage.GetByTestId("composer-file").SetInputFilesAsync(new FilePayload
        {
            Name = "return-label.txt", MimeType = "text/plain", Buffer = "Return label for order 4711"u8.ToArray(),
        });
        var customerFile = customerPage.Locator("[data-testid=crm-attachment]").Filter(new() { HasText = "return-label.txt" });
        await Expect(customerFile).ToBeVisibleAsync();
        await Expect(customerFile).ToHaveAttributeAsync("download", "return-label.txt");
        await BrowserFixture.ScreenshotAsync(customerPage, "widget-attachments");
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-attachments");

        // A file the inbox does not allow is refused with a reason, in the customer's words.
        await customerPage.GetByTestId("crm-file").SetInputFilesAsync(new FilePayload
        {
            Name = "invoice.svg", MimeType = "image/svg+xml", Buffer = "<svg onload=alert(1)></svg>"u8.ToArray(),
        });
        await Expect(customerPage.GetByTestId("crm-error")).ToContainTextAsync("can't be sent here");

        await agentPage.Context.CloseAsync();
        await customerPage.Context.CloseAsync();
    }

    [Fact]
    public async Task SavedReply_PickedWithSlash_ReachesTheCustomer()
    {
        var (agentPage, inbox, customerPage, widget, _) = await HandedOffChatAsync();

        await inbox.ComposerInput.FillAsync("/ret");
        var option = agentPage.Locator("[data-testid=canned-option][data-shortcut=returns]");
        await Expect(option).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-saved-reply-picker");
        await inbox.ComposerInput.PressAsync("Enter"); // picks the highlighted reply
        await Expect(inbox.ComposerInput).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("return anything within"));
        await inbox.ComposerInput.PressAsync("Enter"); // sends it

        await Expect(widget.MessagesFrom("Agent").First).ToContainTextAsync("return anything within 30 days");
        // Markdown arrives rendered (and sanitized): **30 days** is bold in the widget.
        await Expect(widget.MessagesFrom("Agent").First.Locator("strong")).ToHaveTextAsync("30 days");
        await agentPage.GetByTestId("toggle-dark").ClickAsync();
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-thread-dark");
        await agentPage.SetViewportSizeAsync(390, 844);
        await agentPage.ReloadAsync();
        await Expect(agentPage.GetByTestId("thread-title")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-thread-narrow");
        var overflow = await agentPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the open conversation scrolls sideways by {overflow}px at 390px wide");

        await agentPage.Context.CloseAsync();
        await customerPage.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAgentTeachesTheBot_TheMessageBecomesAnExampleOfTheIntent()
    {
        var (agentPage, inbox, customerPage, _, marker) = await HandedOffChatAsync();
        var bubble = inbox.ThreadMessages.Filter(new() { HasText = marker });

        await bubble.HoverAsync();
        await bubble.GetByTestId("teach-bot").ClickAsync();
        await agentPage.GetByTestId("teach-intent").ClickAsync();
        await agentPage.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "order_status" }).ClickAsync();
        await agentPage.GetByTestId("teach-save").ClickAsync();

        await Expect(agentPage.GetByText("the bot will learn it")).ToBeVisibleAsync();
        var catalog = browser.App.Service<CrmLive.Infrastructure.Bot.IntentCatalog>();
        var orderStatus = (await catalog.ListAsync()).Single(i => i.Name == "order_status");
        Assert.Contains(await catalog.ExamplesAsync(orderStatus.Id),
            e => e.Text == $"It's about {marker}" && e.Source == CrmLive.Domain.Bot.ExampleSource.AgentLabel);
        await agentPage.Context.CloseAsync();
        await customerPage.Context.CloseAsync();
    }

    [Fact]
    public async Task SignedInShopCustomer_IsKnownToTheAgent_AndShortcutsHelpOpensWithQuestionMark()
    {
        var (agentPage, _, customerPage, _, _) = await HandedOffChatAsync("/demo?customer=5");

        await Expect(customerPage.Locator(".title").First).ToContainTextAsync("Hi ");
        await Expect(agentPage.GetByTestId("customer-panel")).ToBeVisibleAsync(); // the 360 panel, not "anonymous"
        await Expect(agentPage.GetByTestId("customer-online")).ToBeVisibleAsync();

        await agentPage.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 300 } });
        await agentPage.Keyboard.PressAsync("?");
        await Expect(agentPage.GetByTestId("shortcuts-dialog")).ToBeVisibleAsync();

        await customerPage.Context.CloseAsync();
        await Expect(agentPage.GetByTestId("customer-online")).ToHaveCountAsync(0); // they left the site
        await agentPage.Context.CloseAsync();
    }
}

/// <summary>Outside business hours the widget says so and keeps the customer's e-mail.</summary>
[Collection(E2ECollection.Name)]
public class AwayTests(BrowserFixture browser)
{
    [Fact]
    public async Task OutsideBusinessHours_AwayMessageAndEmailCapture()
    {
        var key = $"closed-{Guid.NewGuid():N}"[..20];
        var closedDay = DateTimeOffset.UtcNow.AddDays(3).DayOfWeek.ToString()[..3];
        await using (var db = await browser.App.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<CrmLive.Infrastructure.Persistence.CrmDbContext>>().CreateDbContextAsync())
        {
            var inbox = new CrmLive.Domain.Conversations.Inbox(key, "Closed test inbox", "Hi");
            inbox.SetBusinessHours($"{closedDay} 09:00-17:00", "UTC", "We're out hiking. Leave your e-mail and we'll write back tomorrow.");
            db.Inboxes.Add(inbox);
            await db.SaveChangesAsync();
        }
        var page = await browser.NewPageAsync(1280, 800);
        await new WidgetFrame(page).OpenAsync($"/demo?inbox={key}");

        await Expect(page.GetByTestId("crm-away-message")).ToContainTextAsync("out hiking");
        await page.GetByTestId("crm-away-email").FillAsync("hiker@example.com");
        await page.GetByTestId("crm-away-submit").ClickAsync();
        await Expect(page.GetByTestId("crm-away-thanks")).ToContainTextAsync("hiker@example.com");
        await BrowserFixture.ScreenshotAsync(page, "widget-away");
        await page.Context.CloseAsync();
    }
}
