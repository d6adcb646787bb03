using Microsoft.Playwright;

namespace CrmLive.E2E.Pages;

/// <summary>The agent inbox as a person uses it.</summary>
public sealed class InboxPage(IPage page)
{
    public async Task OpenAsync()
    {
        await page.GotoAsync("/inbox");
        // The page marks itself live once its circuit is interactive and subscribed to live events.
        await page.Locator("[data-testid=inbox][data-live=true]").WaitForAsync();
    }

    public ILocator Conversations => page.GetByTestId("conversation-item");

    public async Task ShowAsync(string view)
    {
        await page.GetByTestId($"view-{view}").ClickAsync();
        await page.Locator($"[data-testid=view-{view}][data-selected=true]").WaitForAsync();
    }

    public ILocator ConversationWithPreview(string text) =>
        Conversations.Filter(new LocatorFilterOptions { HasText = text });

    public ILocator ThreadMessages => page.GetByTestId("thread-message");

    public async Task AddPrivateNoteAsync(string text)
    {
        await page.GetByText("Private note (only your team sees it)").ClickAsync();
        await ComposerInput.FillAsync(text);
        await page.GetByTestId("composer-send").ClickAsync();
        await page.Locator("[data-testid=thread-message][data-private=true]").Filter(new() { HasText = text }).WaitForAsync();
        await page.GetByText("Private note (only your team sees it)").ClickAsync();
    }

    public async Task ReplyAsync(string text)
    {
        await ComposerInput.FillAsync(text);
        await page.GetByTestId("composer-send").ClickAsync();
    }

    public ILocator ComposerInput => page.GetByTestId("composer").Locator("textarea");
}
