using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Dashboards;

public sealed record LiveTiles(
    int OpenConversations,
    int WaitingForAgent,
    int WithBot,
    int AgentsOnline,
    int MessagesLastHour,
    DateTimeOffset? OldestWaitingSince,
    DateTimeOffset ComputedAt);

/// <summary>Figures for the manager's live tiles; recomputed when a live event says something changed.</summary>
public sealed class DashboardQueries(IDbContextFactory<CrmDbContext> dbFactory, IPresenceTracker presence,
    TimeProvider clock)
{
    public async Task<LiveTiles> TilesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var byStatus = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var hourAgo = now.AddHours(-1);
        var messages = await db.Messages.CountAsync(m => m.CreatedAt >= hourAgo, ct);
        var oldestWaiting = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.WaitingForAgent)
            .OrderBy(c => c.HandedOffAt)
            .Select(c => c.HandedOffAt)
            .FirstOrDefaultAsync(ct);

        int Count(ConversationStatus s) => byStatus.Where(x => x.Status == s).Sum(x => x.Count);
        return new LiveTiles(
            OpenConversations: byStatus.Sum(x => x.Count),
            WaitingForAgent: Count(ConversationStatus.WaitingForAgent),
            WithBot: Count(ConversationStatus.Bot),
            AgentsOnline: await presence.OnlineAgentCountAsync(),
            MessagesLastHour: messages,
            OldestWaitingSince: oldestWaiting,
            ComputedAt: now);
    }
}
