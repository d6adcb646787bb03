using Bunit;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Text;
using CrmLive.Web.Components.Inbox;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrmLive.Tests.Web.Components;

public sealed class ConversationListTests : IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public ConversationListTests()
    {
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<MarkdownRenderer>();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's services are async-disposable only.
    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>> parameters)
        where T : Microsoft.AspNetCore.Components.IComponent => _ctx.Render(parameters);

    private static ConversationSummary Row(string name, ConversationStatus status, int unread, DateTimeOffset? waitingSince = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), name, null, null, status, null, null, $"last words of {name}", Now.AddMinutes(-5),
            waitingSince, unread, null);

    [Fact]
    public void Render_ShowsEachConversationWithUnreadBadgeAndWaitingTime()
    {
        var items = new[]
        {
            Row("Emma Müller", ConversationStatus.WaitingForAgent, unread: 2, waitingSince: Now.AddMinutes(-7)),
            Row("Noah Smith", ConversationStatus.Open, unread: 0),
        };

        var cut = Render<ConversationList>(p => p.Add(x => x.Items, items).Add(x => x.Now, Now));

        var rows = cut.FindAll("[data-testid=conversation-item]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Emma Müller", rows[0].TextContent);
        Assert.Equal("2", rows[0].QuerySelector("[data-testid=unread]")!.TextContent.Trim());
        Assert.Contains("Waiting 7 min", rows[0].TextContent);
        Assert.Null(rows[1].QuerySelector("[data-testid=unread]"));
    }

    [Fact]
    public void Click_RaisesOnSelectWithTheConversationId()
    {
        var items = new[] { Row("A", ConversationStatus.Open, 0), Row("B", ConversationStatus.Open, 0) };
        Guid? selected = null;

        var cut = Render<ConversationList>(p => p
            .Add(x => x.Items, items)
            .Add(x => x.OnSelect, (Guid id) => selected = id));
        cut.FindAll("[data-testid=conversation-item]")[1].Click();

        Assert.Equal(items[1].Id, selected);
    }

    [Fact]
    public void Render_NoConversations_ShowsEmptyState()
    {
        var cut = Render<ConversationList>(p => p
            .Add(x => x.Items, Array.Empty<ConversationSummary>())
            .Add(x => x.EmptyText, "Nobody is waiting."));

        Assert.Contains("Nobody is waiting.", cut.Find("[data-testid=inbox-empty]").TextContent);
    }

    [Fact]
    public void Render_CustomerNameWithMarkup_IsShownAsText()
    {
        var cut = Render<ConversationList>(p => p.Add(x => x.Items, [Row("<img src=x onerror=alert(1)>", ConversationStatus.Open, 0)]));

        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=conversation-name]").TextContent);
    }

    [Fact]
    public void MessageBubble_RendersMarkdownButStripsScripts()
    {
        var message = new MessageDto(Guid.NewGuid(), 3, MessageSender.Customer, null,
            "**bold** <script>alert(1)</script> [x](javascript:alert(1))", null, Now);

        var cut = Render<MessageBubble>(p => p.Add(x => x.Message, message).Add(x => x.CustomerName, "Emma"));

        Assert.NotNull(cut.Find("strong"));
        Assert.Empty(cut.FindAll("script"));
        Assert.DoesNotContain("javascript:", cut.Markup);
        Assert.Equal("Customer", cut.Find("[data-testid=thread-message]").GetAttribute("data-sender"));
    }
}
