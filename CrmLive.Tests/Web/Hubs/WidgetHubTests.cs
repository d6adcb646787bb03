using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Operations;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>The widget's side of live chat, over a real SignalR connection to the real app.</summary>
[Trait("Database", "Any")]
public class WidgetHubTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    private async Task<(HubConnection Connection, WidgetStart Session, ConcurrentQueue<MessageDto> Received)> ConnectAsync(
        string? token = null)
    {
        var connection = app.CreateWidgetConnection();
        var received = new ConcurrentQueue<MessageDto>();
        connection.On<MessageDto>("MessageReceived", m => received.Enqueue(m));
        await connection.StartAsync();
        _connections.Add(connection);
        var session = await connection.InvokeAsync<WidgetStart>("Start", "demo", token, null);
        return (connection, session, received);
    }

    [Fact]
    public async Task Send_Greeting_StoresMessageAndBotAnswersLive()
    {
        var (widget, session, received) = await ConnectAsync();

        var result = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "Hello!");

        Assert.False(string.IsNullOrEmpty(session.VisitorToken));
        Assert.Equal(1, result.Seq);
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Sender == MessageSender.Bot)),
            "the bot's answer");
        var bot = received.Single(m => m.Sender == MessageSender.Bot);
        Assert.Equal(2, bot.Seq);
        Assert.Contains("assistant", bot.Text);
        var stored = await app.Service<ConversationService>().GetMessagesAsync(result.ConversationId);
        Assert.Equal([MessageSender.Customer, MessageSender.Bot], stored.Select(m => m.Sender));
    }

    [Fact]
    public async Task Send_CountsMessagesAndBotDecisionsInTheAppMeter()
    {
        var measured = new ConcurrentDictionary<string, long>();
        var meterFactory = app.Service<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CrmLiveMetrics.MeterName && instrument.Meter.Scope == meterFactory)
                l.EnableMeasurementEvents(instrument);
        };
        // Only increments: earlier tests' connections may close (-1) while this one runs.
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (value > 0) measured.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
        });
        listener.Start();
        var (widget, _, _) = await ConnectAsync();

        await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "hello");

        Assert.Equal(2, measured.GetValueOrDefault("crmlive.chat.messages")); // the customer's and the bot's
        Assert.Equal(1, measured.GetValueOrDefault("crmlive.bot.decisions"));
        Assert.True(measured.GetValueOrDefault("crmlive.widget.connections") >= 1);
    }

    [Fact]
    public async Task Send_AskForHuman_HandsOffAndAgentSubscriberIsTold()
    {
        var handoffs = new ConcurrentQueue<ConversationChanged>();
        using var agentSide = app.Service<ILiveEventBus>().Subscribe<ConversationChanged>(e =>
        {
            if (e.Change == "handoff") handoffs.Enqueue(e);
            return Task.CompletedTask;
        });
        var (widget, _, _) = await ConnectAsync();

        var result = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "I want to talk to a human");

        await Eventually.TrueAsync(() => Task.FromResult(handoffs.Any(h => h.ConversationId == result.ConversationId)),
            "the handoff event");
        Assert.Equal(ConversationStatus.WaitingForAgent, handoffs.First(h => h.ConversationId == result.ConversationId).Status);
        var waiting = await app.Service<InboxQueries>().ListAsync(InboxView.Waiting, "nobody");
        var row = Assert.Single(waiting, c => c.Id == result.ConversationId);
        Assert.Equal("Customer asked for a human", row.HandoffReason);
    }

    [Fact]
    public async Task Send_SameClientIdTwice_IsStoredOnce()
    {
        var (widget, _, _) = await ConnectAsync();
        var clientId = Guid.NewGuid().ToString();

        var first = await widget.InvokeAsync<SendResult>("Send", clientId, "Where is my order?");
        var again = await widget.InvokeAsync<SendResult>("Send", clientId, "Where is my order?");

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Seq, again.Seq);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Messages.CountAsync(m => m.ClientMessageId == clientId));
        // The bot answered the first send only.
        Assert.Equal(2, await db.Messages.CountAsync(m => m.ConversationId == first.ConversationId));
    }

    [Fact]
    public async Task Send_ManyAtOnce_GetsDistinctContiguousSequenceNumbers()
    {
        // One visitor with several tabs open: the hub runs one call at a time per connection, so race across three.
        var (widget, session, _) = await ConnectAsync();
        await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human please"); // leave the bot
        var tabs = new[] { widget, (await ConnectAsync(session.VisitorToken)).Connection, (await ConnectAsync(session.VisitorToken)).Connection };

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            tabs[i % tabs.Length].InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), $"message {i}")));

        var stored = await app.Service<ConversationService>().GetMessagesAsync(results[0].ConversationId);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(12, results.Select(r => r.Seq).Distinct().Count());
        Assert.Equal(14, stored.Count); // the handoff request, the bot's answer, twelve messages
    }

    [Fact]
    public async Task Send_ManyVisitorsAtOnce_StoresEachOnceAndPublishesInOrder()
    {
        // Messages from many conversations are stored together; client ids are only unique per visitor.
        var widgets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => ConnectAsync()));

        var results = await Task.WhenAll(widgets.Select(async w =>
        {
            var first = w.Connection.InvokeAsync<SendResult>("Send", "same-id", "Hello!");
            var again = w.Connection.InvokeAsync<SendResult>("Send", "same-id", "Hello!");
            var next = w.Connection.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human please");
            return (w.Received, First: await first, Again: await again, Next: await next);
        }));

        foreach (var (received, first, again, next) in results)
        {
            Assert.False(first.Duplicate);
            Assert.True(again.Duplicate);
            Assert.Equal(first.Seq, again.Seq);
            Assert.Equal((first.ConversationId, 3L), (next.ConversationId, next.Seq));
            await Eventually.TrueAsync(() => Task.FromResult(received.Count >= 4), "both messages and both answers");
            Assert.Equal([1L, 2, 3, 4], received.Select(m => m.Seq));
        }
        Assert.Equal(8, results.Select(r => r.First.ConversationId).Distinct().Count());
    }

    [Fact]
    public async Task History_AfterReconnect_ReturnsExactlyTheMissedMessages()
    {
        var (widget, session, received) = await ConnectAsync();
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "agent please");
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Seq == 2)), "the bot's handoff message");
        var lastSeen = received.Max(m => m.Seq);
        await widget.StopAsync();

        var chat = app.Service<ConversationService>();
        await chat.ReplyAsAgentAsync(sent.ConversationId, "agent-x", "Sofia", "Hi, Sofia here.");
        await chat.ReplyAsAgentAsync(sent.ConversationId, "agent-x", "Sofia", "How can I help?");

        var (again, resumed, _) = await ConnectAsync(session.VisitorToken);
        var missed = await again.InvokeAsync<IReadOnlyList<MessageDto>>("History", lastSeen);

        Assert.Equal(session.VisitorToken, resumed.VisitorToken);
        Assert.Equal(sent.ConversationId, resumed.ConversationId);
        Assert.Equal([3L, 4L], missed.Select(m => m.Seq));
        Assert.All(missed, m => Assert.Equal(MessageSender.Agent, m.Sender));
        Assert.Equal("How can I help?", missed[^1].Text);
    }

    [Fact]
    public async Task AgentReply_ReachesTheConnectedWidget()
    {
        var (widget, _, received) = await ConnectAsync();
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human");

        await app.Service<ConversationService>().ReplyAsAgentAsync(sent.ConversationId, "agent-y", "Liam", "On it!");

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Sender == MessageSender.Agent)),
            "the agent's reply in the widget");
        Assert.Equal("Liam", received.Single(m => m.Sender == MessageSender.Agent).AuthorName);
    }

    [Fact]
    public async Task AgentMarkdown_ReachesTheWidgetAsSanitizedHtml_CustomerTextStaysText()
    {
        var connection = app.CreateWidgetConnection();
        var received = new ConcurrentQueue<WidgetMessage>();
        connection.On<WidgetMessage>("MessageReceived", m => received.Enqueue(m));
        await connection.StartAsync();
        _connections.Add(connection);
        await connection.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        var sent = await connection.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human **please** <b>now</b>");

        await app.Service<ConversationService>().ReplyAsAgentAsync(sent.ConversationId, "a", "Sofia",
            "Your order is **on its way**. <script>alert(1)</script> [track](javascript:alert(1))");

        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Sender == MessageSender.Agent)), "the reply");
        var reply = received.Single(m => m.Sender == MessageSender.Agent);
        Assert.Contains("<strong>on its way</strong>", reply.Html);
        Assert.DoesNotContain("<script", reply.Html);
        Assert.DoesNotContain("javascript:", reply.Html);
        Assert.Null(received.Single(m => m.Seq == sent.Seq).Html);
    }

    [Fact]
    public async Task Rate_AfterResolve_StoresOnce_AndRefusesWhatIsNotAllowed()
    {
        var (widget, _, _) = await ConnectAsync();
        var statuses = new ConcurrentQueue<ConversationStatus>();
        widget.On<ConversationStatus>("ConversationStatusChanged", s => statuses.Enqueue(s));
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human please");
        var early = await Assert.ThrowsAsync<HubException>(() => widget.InvokeAsync("Rate", sent.ConversationId, 5, null));
        Assert.Contains("once it is resolved", early.Message);

        await app.Service<ConversationService>().ResolveAsync(sent.ConversationId);
        await Eventually.TrueAsync(() => Task.FromResult(statuses.Contains(ConversationStatus.Resolved)), "the resolved status");
        var (stranger, _, _) = await ConnectAsync();
        var notYours = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync("Rate", sent.ConversationId, 1, "spam"));
        var outOfRange = await Assert.ThrowsAsync<HubException>(() => widget.InvokeAsync("Rate", sent.ConversationId, 6, null));
        await widget.InvokeAsync("Rate", sent.ConversationId, 5, "  Quick and friendly!  ");
        var twice = await Assert.ThrowsAsync<HubException>(() => widget.InvokeAsync("Rate", sent.ConversationId, 1, null));

        Assert.Contains("not yours", notYours.Message);
        Assert.Contains("from 1 to 5", outOfRange.Message);
        Assert.Contains("already been rated", twice.Message);
        var summary = await app.Service<InboxQueries>().GetAsync(sent.ConversationId);
        Assert.Equal(5, summary!.CsatScore);
        Assert.Equal("Quick and friendly!", summary.CsatComment);
    }

    [Fact]
    public async Task MarkRead_TellsTheWidgetWhatTheTeamHasSeen_AndStartRemembersIt()
    {
        var (widget, session, _) = await ConnectAsync();
        var reads = new ConcurrentQueue<long>();
        widget.On<long>("Read", seq => reads.Enqueue(seq));
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "agent please");
        var more = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "order NW-1");

        await app.Service<ConversationService>().MarkReadAsync(sent.ConversationId);

        await Eventually.TrueAsync(() => Task.FromResult(reads.Any(s => s >= more.Seq)), "the read receipt");
        var (_, reloaded, _) = await ConnectAsync(session.VisitorToken);
        Assert.True(reloaded.ReadSeq >= more.Seq);
        var summary = await app.Service<InboxQueries>().GetAsync(sent.ConversationId);
        Assert.Equal(0, summary!.UnreadCount);
    }

    [Fact]
    public async Task Introduce_ShowsTheVisitorsNameToAgents_ButNeverLinksACustomer()
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var known = await db.Customers.AsNoTracking().FirstAsync(c => c.Email != null);
        var (widget, _, _) = await ConnectAsync();

        var bad = await Assert.ThrowsAsync<HubException>(() => widget.InvokeAsync("Introduce", "Eve", "not-an-email"));
        await widget.InvokeAsync("Introduce", "Eve Example", known.Email); // claims a known customer's address
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "hello");

        Assert.Contains("e-mail address", bad.Message);
        var summary = await app.Service<InboxQueries>().GetAsync(sent.ConversationId);
        Assert.Equal("Eve Example", summary!.CustomerName);
        Assert.Equal(known.Email, summary.CustomerEmail);
        Assert.Null(summary.CustomerId); // an unverified claim never attaches to the customer
    }

    [Fact]
    public async Task Typing_TravelsBothWays()
    {
        var customerTyping = new ConcurrentQueue<TypingChanged>();
        using var agentSide = app.Service<ILiveEventBus>().Subscribe<TypingChanged>(e =>
        {
            if (e.Who == MessageSender.Customer) customerTyping.Enqueue(e);
            return Task.CompletedTask;
        });
        var (widget, session, _) = await ConnectAsync();
        var agentTyping = new ConcurrentQueue<(string? Name, bool IsTyping)>();
        widget.On<string?, bool>("Typing", (name, isTyping) => agentTyping.Enqueue((name, isTyping)));
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human please");

        await widget.InvokeAsync("Typing", true);
        await Eventually.TrueAsync(() => Task.FromResult(customerTyping.Any(t => t.ConversationId == sent.ConversationId && t.IsTyping)),
            "the customer's typing on the agent side");

        var visitorId = customerTyping.First().VisitorId;
        await app.Service<ILiveEventBus>().PublishAsync(
            new TypingChanged(sent.ConversationId, visitorId, MessageSender.Agent, "Sofia", true));
        await Eventually.TrueAsync(() => Task.FromResult(agentTyping.Contains(("Sofia", true))), "the agent's typing in the widget");
        Assert.False(string.IsNullOrEmpty(session.VisitorToken));
    }

    [Fact]
    public async Task PrivateNote_NeverReachesTheCustomer_LiveOrOnReplay()
    {
        var (widget, session, received) = await ConnectAsync();
        var sent = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "agent please");
        var chat = app.Service<ConversationService>();

        var note = await chat.AddNoteAsync(sent.ConversationId, "agent-n", "Sofia", "VIP customer, refund without questions");
        var reply = await chat.ReplyAsAgentAsync(sent.ConversationId, "agent-n", "Sofia", "Hello! Let me look.");

        // The reply was published after the note on the same connection: once it is here, the note would have been too.
        await Eventually.TrueAsync(() => Task.FromResult(received.Any(m => m.Seq == reply.Seq)), "the public reply");
        Assert.DoesNotContain(received, m => m.Seq == note.Seq || m.Text.Contains("VIP"));
        var (_, resumed, _) = await ConnectAsync(session.VisitorToken);
        Assert.DoesNotContain(resumed.Messages, m => m.Seq == note.Seq || m.Text.Contains("VIP"));
        Assert.DoesNotContain(await widget.InvokeAsync<IReadOnlyList<MessageDto>>("History", 0L), m => m.IsPrivate);
        var forAgents = await chat.GetMessagesAsync(sent.ConversationId);
        Assert.Contains(forAgents, m => m.IsPrivate && m.Seq == note.Seq);
        var summary = await app.Service<InboxQueries>().GetAsync(sent.ConversationId);
        Assert.DoesNotContain("VIP", summary!.LastMessagePreview);
    }

    [Fact]
    public async Task Start_WithForgedToken_GetsAFreshVisitorWithoutHistory()
    {
        var (first, session, _) = await ConnectAsync();
        await first.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "hello");

        var (_, forged, _) = await ConnectAsync(new string('A', 43));

        Assert.NotEqual(session.VisitorToken, forged.VisitorToken);
        Assert.Null(forged.ConversationId);
        Assert.Empty(forged.Messages);
    }

    [Theory]
    [InlineData("", "A message cannot be empty.")]
    [InlineData("   ", "A message cannot be empty.")]
    public async Task Send_BadInput_GetsAClearError(string text, string expected)
    {
        var (widget, _, _) = await ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() =>
            widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), text));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Start_UnknownInbox_IsRefused()
    {
        var connection = app.CreateWidgetConnection();
        await connection.StartAsync();
        _connections.Add(connection);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<WidgetStart>("Start", "no-such-inbox", null, null));

        Assert.Contains("Unknown inbox", error.Message);
    }

    [Fact]
    public async Task Send_BeforeStart_IsRefused()
    {
        var connection = app.CreateWidgetConnection();
        await connection.StartAsync();
        _connections.Add(connection);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            connection.InvokeAsync<SendResult>("Send", "x", "hello"));

        Assert.Contains("Start", error.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }
}
