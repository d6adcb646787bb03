using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Chat;

/// <summary>
/// Gives a waiting conversation to the next online agent with room (<see cref="RoundRobinAssignment"/>). Its state
/// lives where every instance sees it: loads and the rotation in the database, presence in the presence tracker;
/// a conditional update makes sure a conversation is only ever assigned once.
/// </summary>
public sealed class AutoAssignment(
    IDbContextFactory<CrmDbContext> dbFactory,
    IPresenceTracker presence,
    ILiveEventBus bus,
    TimeProvider clock,
    IOptions<ChatOptions> options,
    ILogger<AutoAssignment> logger)
{
    public async Task<string?> TryAssignAsync(Guid conversationId, CancellationToken ct = default)
    {
        if (!options.Value.AutoAssign) return null;
        var online = (await presence.OnlineAgentIdsAsync()).ToList();
        if (online.Count == 0) return null;

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var loads = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Open && c.AssignedAgentId != null && online.Contains(c.AssignedAgentId))
            .GroupBy(c => c.AssignedAgentId!)
            .Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.AgentId, g => g.Count, ct);
        var inboxId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.InboxId).FirstOrDefaultAsync(ct);
        // Active people who work this inbox (someone with no inboxes chosen works them all).
        var agents = await db.Users.AsNoTracking()
            .Where(u => online.Contains(u.Id) && u.IsActive)
            .Where(u => !db.StaffInboxes.Any(s => s.UserId == u.Id) || db.StaffInboxes.Any(s => s.UserId == u.Id && s.InboxId == inboxId))
            .Select(u => new { u.Id, u.ChatCapacity, u.LastAssignedAt })
            .ToListAsync(ct);
        var chosen = RoundRobinAssignment.Choose(agents.Select(a =>
            new AgentLoad(a.Id, true, loads.GetValueOrDefault(a.Id), a.ChatCapacity, a.LastAssignedAt)));
        if (chosen is null)
        {
            logger.LogInformation("Conversation {ConversationId} waits: no online agent has room", conversationId);
            return null;
        }

        var now = clock.GetUtcNow();
        var assigned = await db.Conversations
            .Where(c => c.Id == conversationId && c.AssignedAgentId == null && c.Status == ConversationStatus.WaitingForAgent)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.AssignedAgentId, chosen)
                .SetProperty(c => c.Status, ConversationStatus.Open), ct);
        if (assigned == 0) return null; // someone claimed it first
        await db.Users.Where(u => u.Id == chosen).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastAssignedAt, now), ct);

        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, ct);
        await bus.PublishAsync(new ConversationChanged(conversation.Id, conversation.InboxId, conversation.VisitorId,
            conversation.Status, chosen, "assigned"), ct);
        return chosen;
    }
}
