using System.Text.RegularExpressions;
using CrmLive.E2E.Pages;
using CrmLive.E2E.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrmLive.E2E;

[Collection(E2ECollection.Name)]
public class ChatJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task CustomerAsksForAHuman_AgentSeesItLiveAndReplies_CustomerSeesTheReply()
    {
        var agentPage = await browser.NewPageAsync();
        await new SignInPage(agentPage).SignInAsync("agent1@crmlive.demo", returnUrl: "/inbox");
        var inbox = new InboxPage(agentPage);
        await inbox.OpenAsync();
        // The handoff may be assigned to this agent or wait in the queue: "All open" shows it either way.
        await inbox.ShowAsync("AllOpen");

        var customerPage = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(customerPage);
        await widget.OpenAsync();
        await widget.SendAsync("Hello!");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("assistant");

        await widget.SendAsync("I need a human, please");
        await Expect(widget.MessagesFrom("Bot").Nth(1)).ToContainTextAsync("handing you over");
        var marker = $"NW-{Random.Shared.Next(100000, 999999)}";
        await widget.SendAsync($"It's about order {marker}");

        // The agent's page was never reloaded: the handoff and the new message arrive through the live-event bus.
        var conversation = inbox.ConversationWithPreview(marker);
        await Expect(conversation).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-new-conversation");
        await conversation.ClickAsync();
        await Expect(inbox.ThreadMessages.Filter(new() { HasText = marker })).ToBeVisibleAsync();
        await Expect(customerPage.GetByTestId("crm-receipt")).ToHaveTextAsync("Read"); // the agent opened it

        // Typing shows on the other side, both ways, without anyone sending.
        await customerPage.GetByTestId("crm-input").FillAsync("Is it");
        await Expect(agentPage.GetByTestId("customer-typing")).ToBeVisibleAsync();
        await inbox.ComposerInput.FillAsync("Let me");
        await Expect(customerPage.GetByTestId("crm-typing")).ToContainTextAsync("Sofia Martins is typing");
        await customerPage.GetByTestId("crm-input").FillAsync("");

        await inbox.ReplyAsync("Hi, this is Sofia — let me check that for you.");
        await Expect(inbox.ThreadMessages.Last).ToContainTextAsync("Sofia");

        await Expect(widget.MessagesFrom("Agent").First).ToContainTextAsync("let me check that for you");

        // A private note stays in the team: the customer gets the next reply but never the note.
        await inbox.AddPrivateNoteAsync("Internal: the parcel is stuck at the warehouse");
        await inbox.ReplyAsync("Found it — it ships today.");
        await Expect(widget.MessagesFrom("Agent").Nth(1)).ToContainTextAsync("ships today");
        await Expect(customerPage.GetByText("stuck at the warehouse")).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(customerPage, "widget-agent-reply");

        // Resolving asks the customer for a rating; the agent sees it arrive.
        await agentPage.GetByTestId("resolve").ClickAsync();
        await customerPage.GetByTestId("crm-rate-5").ClickAsync();
        await customerPage.GetByTestId("crm-rate-comment").FillAsync("Quick and friendly");
        await customerPage.GetByTestId("crm-rate-send").ClickAsync();
        await Expect(customerPage.GetByTestId("crm-rate-thanks")).ToBeVisibleAsync();
        await Expect(agentPage.GetByTestId("csat")).ToContainTextAsync("5/5");
        await BrowserFixture.ScreenshotAsync(customerPage, "widget-rating");
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-thread");

        await agentPage.Context.CloseAsync();
        await customerPage.Context.CloseAsync();
    }

    [Fact]
    public async Task PreChatForm_NameReachesTheInbox()
    {
        var page = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(page);
        await widget.OpenAsync();

        await page.GetByTestId("crm-prechat-name").FillAsync("Ava Tester");
        await page.GetByTestId("crm-prechat-email").FillAsync("ava@example.com");
        await page.GetByTestId("crm-prechat-submit").ClickAsync();
        await Expect(page.GetByTestId("crm-prechat")).ToHaveCountAsync(0);
        await widget.SendAsync("Hello, I have a question");
        await Expect(widget.MessagesFrom("Bot").First).ToBeVisibleAsync();

        var conversations = await browser.App.Service<CrmLive.Infrastructure.Chat.InboxQueries>()
            .ListAsync(CrmLive.Infrastructure.Chat.InboxView.WithBot, "nobody");
        Assert.Contains(conversations, c => c.CustomerName == "Ava Tester" && c.CustomerEmail == "ava@example.com");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDemoBot_TrainedAtFirstStart_AnswersAParaphraseOfItsExamples()
    {
        // Seeding the demo queued the bot's first training; the app's job server runs it in the background.
        var brain = browser.App.Service<CrmLive.Infrastructure.Bot.IntentBrain>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (brain.ActiveVersion is null)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the demo's first bot model was never promoted");
            await Task.Delay(200);
        }

        var page = await browser.NewPageAsync(390, 800);
        var widget = new WidgetFrame(page);
        await widget.OpenAsync();
        // No returns example says "give back" or "sneakers": the paraphrase reaches the intent through what its words mean.
        await widget.SendAsync("I want to give back the sneakers I bought");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("return anything within 30 days");
        await BrowserFixture.ScreenshotAsync(page, "widget-bot-answer-narrow");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task WidgetReload_RestoresTheConversation()
    {
        var page = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(page);
        await widget.OpenAsync();
        await widget.SendAsync("hi there");
        await Expect(widget.MessagesFrom("Bot").First).ToBeVisibleAsync();

        await page.ReloadAsync();
        await page.GetByTestId("crm-launcher").ClickAsync();

        await Expect(widget.MessagesFrom("Customer").First).ToContainTextAsync("hi there");
        await Expect(widget.MessagesFrom("Bot").First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SendingTooFast_HoldsTheMessage_AndSendsItWhenAllowed_WithoutTheCustomerDoingAnything()
    {
        var page = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(page);
        await widget.OpenAsync();
        var sent = page.Locator("[data-testid=crm-message][data-sender=Customer]:not([data-pending])");
        // A visitor may send 20 messages a minute (Widget:Limits defaults).
        for (var i = 1; i <= 20; i++) await widget.SendAsync($"burst {i}");
        await Expect(sent).ToHaveCountAsync(20);

        await widget.SendAsync("the held one");
        var held = page.Locator("[data-testid=crm-message][data-sender=Customer]", new() { HasText = "the held one" });
        await Expect(page.GetByTestId("crm-error")).ToContainTextAsync("very quickly");
        // Said calmly: nothing went wrong and there is nothing to do.
        await Expect(page.GetByTestId("crm-error")).ToHaveClassAsync(new Regex(@"\binfo\b"));
        await Expect(held).ToHaveAttributeAsync("data-pending", "true");
        await BrowserFixture.ScreenshotAsync(page, "widget-held-message");

        // The sliding window frees a permit within the minute; the widget sends the message by itself, once.
        await Expect(held).Not.ToHaveAttributeAsync("data-pending", "true", new() { Timeout = 90_000 });
        await Expect(sent).ToHaveCountAsync(21);
        await Expect(page.GetByTestId("crm-error")).ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }
}
