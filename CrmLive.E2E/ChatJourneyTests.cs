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

        var customerPage = await browser.NewPageAsync(1280, 800);
        var widget = new WidgetFrame(customerPage);
        await widget.OpenAsync();
        await widget.SendAsync("Hello!");
        await Expect(widget.MessagesFrom("Bot").First).ToContainTextAsync("assistant");

        var marker = $"order {Guid.NewGuid().ToString("N")[..6]}";
        await widget.SendAsync($"I need a human about my {marker}");
        await Expect(widget.MessagesFrom("Bot").Nth(1)).ToContainTextAsync("handing you over");

        // The agent's page was never reloaded: the handoff arrives through the live-event bus.
        var conversation = inbox.ConversationWithPreview("handing you over");
        await Expect(conversation.First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-new-conversation");
        await conversation.First.ClickAsync();
        await Expect(inbox.ThreadMessages.Filter(new() { HasText = marker })).ToBeVisibleAsync();

        await inbox.ReplyAsync("Hi, this is Sofia — let me check that for you.");
        await Expect(inbox.ThreadMessages.Last).ToContainTextAsync("Sofia");

        await Expect(widget.MessagesFrom("Agent").First).ToContainTextAsync("let me check that for you");
        await BrowserFixture.ScreenshotAsync(customerPage, "widget-agent-reply");
        await BrowserFixture.ScreenshotAsync(agentPage, "inbox-thread");

        await agentPage.Context.CloseAsync();
        await customerPage.Context.CloseAsync();
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
}
