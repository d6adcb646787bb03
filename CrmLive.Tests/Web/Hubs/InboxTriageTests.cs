using CrmLive.Domain.Conversations;
using CrmLive.Domain.Tickets;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Demo;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

/// <summary>Sorting the work in the inbox: snooze, transfer, labels, search, paging, follow-up records.</summary>
[Trait("Database", "Any")]
public class InboxTriageTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];
    private ConversationService Chat => app.Service<ConversationService>();
    private InboxQueries Queries => app.Service<InboxQueries>();

    /// <summary>A visitor who asked for a human: the conversation waits for (or is auto-assigned to) an agent.</summary>
    private async Task<Guid> HandedOffConversationAsync(string text = "talk to a human", WidgetIdentity? identity = null)
    {
        var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        _connections.Add(widget);
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, identity);
        var first = await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), text);
        if (!text.Contains("human")) await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "talk to a human");
        return first.ConversationId;
    }

    private async Task<(string Id, string Name)> AgentAsync(string email)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return (user.Id, user.DisplayName);
    }

    [Fact]
    public async Task Snooze_HidesTheConversationUntilTheWakeJobReturnsItToItsAgent()
    {
        var id = await HandedOffConversationAsync();
        var (agentId, _) = await AgentAsync("agent1@crmlive.demo");
        await Chat.ClaimAsync(id, agentId);

        await Chat.SnoozeAsync(id, DateTimeOffset.UtcNow.AddSeconds(1));

        Assert.Equal(ConversationStatus.Snoozed, (await Queries.GetAsync(id))!.Status);
        Assert.Contains((await Queries.ListAsync(new InboxFilter(InboxView.Snoozed, agentId))).Items, c => c.Id == id);
        Assert.DoesNotContain((await Queries.ListAsync(new InboxFilter(InboxView.Mine, agentId))).Items, c => c.Id == id);
        await Eventually.TrueAsync(async () =>
        {
            await Chat.WakeSnoozedAsync();
            return (await Queries.GetAsync(id))!.Status == ConversationStatus.Open;
        }, "the snoozed conversation to wake up");
        var woken = await Queries.GetAsync(id);
        Assert.Equal(agentId, woken!.AssignedAgentId);
        Assert.Null(woken.SnoozedUntil);
    }

    [Fact]
    public async Task Transfer_MovesItToTheOtherAgentWithAPrivateNote()
    {
        var id = await HandedOffConversationAsync();
        var (from, fromName) = await AgentAsync("agent1@crmlive.demo");
        var (to, toName) = await AgentAsync("agent2@crmlive.demo");
        await Chat.ClaimAsync(id, from);

        await Chat.TransferAsync(id, to, from, fromName);

        Assert.Equal(to, (await Queries.GetAsync(id))!.AssignedAgentId);
        var note = (await Chat.GetMessagesAsync(id)).Last();
        Assert.True(note.IsPrivate);
        Assert.Equal($"Transferred to {toName} by {fromName}.", note.Text);
        await Assert.ThrowsAsync<ChatException>(() => Chat.TransferAsync(id, "no-such-user", from, fromName));
    }

    [Fact]
    public async Task Labels_AreNormalised_AndNarrowTheList()
    {
        var id = await HandedOffConversationAsync();
        var other = await HandedOffConversationAsync();

        await Chat.AddLabelAsync(id, "VIP Customer");
        await Chat.AddLabelAsync(id, "vip-customer");

        var labelled = await Queries.ListAsync(new InboxFilter(InboxView.AllOpen, "", Label: "vip-customer"));
        Assert.Contains(labelled.Items, c => c.Id == id);
        Assert.DoesNotContain(labelled.Items, c => c.Id == other);
        Assert.Equal(["vip-customer"], (await Queries.GetAsync(id))!.Labels);
        Assert.Contains(await Queries.LabelsAsync(), l => l.Label == "vip-customer");

        await Chat.RemoveLabelAsync(id, "vip-customer");
        Assert.Empty((await Queries.GetAsync(id))!.Labels!);
        await Assert.ThrowsAsync<ChatException>(() => Chat.AddLabelAsync(id, "!!!"));
    }

    [Fact]
    public async Task Search_FindsConversationsByAnythingSaid_IgnoringCase()
    {
        var word = "Zebrafish" + Guid.NewGuid().ToString("N")[..6];
        var id = await HandedOffConversationAsync($"My {word} tank arrived broken");

        var found = await Queries.ListAsync(new InboxFilter(InboxView.AllOpen, "", Search: word.ToUpperInvariant()));
        var wildcard = await Queries.ListAsync(new InboxFilter(InboxView.AllOpen, "", Search: "%_%"));

        Assert.Equal([id], found.Items.Select(c => c.Id));
        Assert.DoesNotContain(wildcard.Items, c => c.Id == id);
    }

    [Fact]
    public async Task Paging_ReturnsTheTotalAndDisjointPages()
    {
        for (var i = 0; i < 3; i++) await HandedOffConversationAsync();

        var first = await Queries.ListAsync(new InboxFilter(InboxView.AllOpen, ""), skip: 0, take: 2);
        var second = await Queries.ListAsync(new InboxFilter(InboxView.AllOpen, ""), skip: 2, take: 2);

        Assert.True(first.Total >= 3);
        Assert.Equal(2, first.Items.Count);
        Assert.Empty(first.Items.Select(c => c.Id).Intersect(second.Items.Select(c => c.Id)));
    }

    [Fact]
    public async Task ATicketFromAChat_LandsOnTheKnownCustomersTimeline_AndAnonymousChatsSayWhyNot()
    {
        var known = await HandedOffConversationAsync(identity: await app.SignedIdentityAsync(DemoAccounts.ShopUserId(11)));
        var anonymous = await HandedOffConversationAsync();
        var records = app.Service<RecordsFromChat>();

        var ticketId = await records.CreateTicketAsync(known, "Parcel damaged", TicketType.Complaint, TicketPriority.High);
        var refused = await Assert.ThrowsAsync<ChatException>(() =>
            records.CreateTicketAsync(anonymous, "Who?", TicketType.Request, TicketPriority.Low));

        Assert.Contains("isn't linked to a customer", refused.Message);
        await using var check = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var ticket = await check.Tickets.SingleAsync(t => t.Id == ticketId);
        Assert.Equal(known, ticket.ConversationId);
        Assert.True(await check.Timeline.AnyAsync(t => t.CustomerId == ticket.CustomerId && t.SubjectId == ticketId));
    }

    [Fact]
    public async Task OutsideBusinessHours_TheWidgetIsToldToShowTheAwayMessage()
    {
        var closedDay = DateTimeOffset.UtcNow.AddDays(3).DayOfWeek.ToString()[..3];
        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var inbox = new Inbox("after-hours", "After hours test", "Hi");
            inbox.SetBusinessHours($"{closedDay} 09:00-17:00", "UTC", "We're closed — leave your e-mail.");
            db.Inboxes.Add(inbox);
            await db.SaveChangesAsync();
        }
        var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        _connections.Add(widget);

        var session = await widget.InvokeAsync<WidgetStart>("Start", "after-hours", null, null);
        var open = await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);

        Assert.False(session.Inbox.IsOpen);
        Assert.Equal("We're closed — leave your e-mail.", session.Inbox.AwayMessage);
        Assert.True(open.Inbox.IsOpen);
    }

    [Fact]
    public async Task SavedReplies_HaveUniqueShortcuts()
    {
        var replies = app.Service<CannedResponses>();
        var saved = await replies.SaveAsync(null, "/Warranty-" + Guid.NewGuid().ToString("N")[..4], "Two years on everything.");

        var clash = await Assert.ThrowsAsync<ChatException>(() => replies.SaveAsync(null, saved.Shortcut, "Again"));
        var invalid = await Assert.ThrowsAsync<ChatException>(() => replies.SaveAsync(null, "has space", "x"));

        Assert.StartsWith("warranty-", saved.Shortcut);
        Assert.Contains("already taken", clash.Message);
        Assert.Contains("shortcut", invalid.Message);
        Assert.Contains(await replies.ListAsync(), r => r.Shortcut == "returns");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var c in _connections) await c.DisposeAsync();
    }
}
