using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Web.Chat;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Web.Hubs;

internal static class Handoffs
{
    public static async Task<Guid> HandOffNewVisitorAsync(CrmLiveAppFactory app)
    {
        await using var widget = app.CreateWidgetConnection();
        await widget.StartAsync();
        await widget.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        return (await widget.InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString(), "human please")).ConversationId;
    }

    public static async Task<string> AgentIdAsync(CrmLiveAppFactory app, string email)
    {
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    public static async Task<ConversationSummary> ConversationAsync(CrmLiveAppFactory app, Guid id) =>
        (await app.Service<InboxQueries>().GetAsync(id))!;
}

[Trait("Database", "Any")]
public class AutoAssignmentTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Handoff_WithAgentsOnline_AssignsInRotationAndSkipsWhoeverLeaves()
    {
        var presence = app.Service<IPresenceTracker>();
        var sofia = await Handoffs.AgentIdAsync(app, "agent1@crmlive.demo");
        var liam = await Handoffs.AgentIdAsync(app, "agent2@crmlive.demo");
        await presence.ConnectedAsync(sofia, isAgent: true);
        await presence.ConnectedAsync(liam, isAgent: true);

        var first = await Handoffs.ConversationAsync(app, await Handoffs.HandOffNewVisitorAsync(app));
        var second = await Handoffs.ConversationAsync(app, await Handoffs.HandOffNewVisitorAsync(app));
        var third = await Handoffs.ConversationAsync(app, await Handoffs.HandOffNewVisitorAsync(app));
        await presence.DisconnectedAsync(first.AssignedAgentId!, isAgent: true);
        var fourth = await Handoffs.ConversationAsync(app, await Handoffs.HandOffNewVisitorAsync(app));

        Assert.All([first, second, third, fourth], c => Assert.Equal(ConversationStatus.Open, c.Status));
        Assert.NotEqual(first.AssignedAgentId, second.AssignedAgentId);
        Assert.Equal(first.AssignedAgentId, third.AssignedAgentId);
        Assert.Equal(second.AssignedAgentId, fourth.AssignedAgentId); // the first agent went offline
        Assert.Contains(first.AssignedAgentId, new[] { sofia, liam });
    }
}

[Trait("Database", "Any")]
public class ClaimTests(CrmLiveAppFactory app) : IClassFixture<CrmLiveAppFactory>
{
    [Fact]
    public async Task Claim_TwoAgentsAtOnce_OneWins_TheOtherIsToldWhoHasIt()
    {
        var conversationId = await Handoffs.HandOffNewVisitorAsync(app); // nobody online: it waits
        var chat = app.Service<ConversationService>();
        var sofia = await Handoffs.AgentIdAsync(app, "agent1@crmlive.demo");
        var yuki = await Handoffs.AgentIdAsync(app, "agent3@crmlive.demo");

        var claims = new[] { sofia, yuki }.Select(async agent =>
        {
            try
            {
                await chat.ClaimAsync(conversationId, agent);
                return (Agent: agent, Error: (string?)null);
            }
            catch (ChatException ex)
            {
                return (Agent: agent, Error: ex.Message);
            }
        });
        var results = await Task.WhenAll(claims);

        var winner = Assert.Single(results, r => r.Error is null);
        var loser = Assert.Single(results, r => r.Error is not null);
        var conversation = await Handoffs.ConversationAsync(app, conversationId);
        Assert.Equal(winner.Agent, conversation.AssignedAgentId);
        Assert.Equal(ConversationStatus.Open, conversation.Status);
        Assert.Matches("^(Sofia Martins|Yuki Tanaka) already has this conversation\\.$", loser.Error);
    }

    [Fact]
    public async Task Claim_ResolvedConversation_IsRefused()
    {
        var conversationId = await Handoffs.HandOffNewVisitorAsync(app);
        var chat = app.Service<ConversationService>();
        await chat.ResolveAsync(conversationId);
        var sofia = await Handoffs.AgentIdAsync(app, "agent1@crmlive.demo");

        var error = await Assert.ThrowsAsync<ChatException>(() => chat.ClaimAsync(conversationId, sofia));

        Assert.Equal("This conversation is already resolved.", error.Message);
    }
}
