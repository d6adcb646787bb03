using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Read side of the agent inbox.</summary>
public sealed class InboxQueries(IDbContextFactory<CrmDbContext> dbFactory)
{
    public const int PageSize = 100;

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(InboxView view, string agentId,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Conversations.AsNoTracking();
        query = view switch
        {
            InboxView.Waiting => query.Where(c => c.Status == ConversationStatus.WaitingForAgent),
            InboxView.Mine => query.Where(c => c.AssignedAgentId == agentId && c.Status == ConversationStatus.Open),
            InboxView.AllOpen => query.Where(c =>
                c.Status == ConversationStatus.WaitingForAgent || c.Status == ConversationStatus.Open),
            InboxView.WithBot => query.Where(c => c.Status == ConversationStatus.Bot),
            InboxView.Resolved => query.Where(c => c.Status == ConversationStatus.Resolved),
            _ => query,
        };
        // Waiting conversations are served oldest first (fair queue); everything else newest first.
        query = view == InboxView.Waiting
            ? query.OrderBy(c => c.HandedOffAt)
            : query.OrderByDescending(c => c.LastMessageAt);

        return await Project(db, query.Take(PageSize)).ToListAsync(ct);
    }

    public async Task<ConversationSummary?> GetAsync(Guid conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, db.Conversations.AsNoTracking().Where(c => c.Id == conversationId))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyDictionary<InboxView, int>> CountsAsync(string agentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Conversations.AsNoTracking()
            .Where(c => c.Status != ConversationStatus.Resolved)
            .GroupBy(c => new { c.Status, Mine = c.AssignedAgentId == agentId })
            .Select(g => new { g.Key.Status, g.Key.Mine, Count = g.Count() })
            .ToListAsync(ct);
        return new Dictionary<InboxView, int>
        {
            [InboxView.Waiting] = counts.Where(c => c.Status == ConversationStatus.WaitingForAgent).Sum(c => c.Count),
            [InboxView.Mine] = counts.Where(c => c.Status == ConversationStatus.Open && c.Mine).Sum(c => c.Count),
            [InboxView.AllOpen] = counts.Where(c => c.Status is ConversationStatus.Open
                or ConversationStatus.WaitingForAgent).Sum(c => c.Count),
            [InboxView.WithBot] = counts.Where(c => c.Status == ConversationStatus.Bot).Sum(c => c.Count),
        };
    }

    private static IQueryable<ConversationSummary> Project(CrmDbContext db, IQueryable<Conversation> conversations) =>
        from c in conversations
        join cu in db.Customers on c.CustomerId equals cu.Id into customers
        from cu in customers.DefaultIfEmpty()
        join u in db.Users on c.AssignedAgentId equals u.Id into agents
        from u in agents.DefaultIfEmpty()
        join v in db.Visitors on c.VisitorId equals v.Id
        select new ConversationSummary(
            c.Id,
            c.VisitorId,
            cu != null ? cu.Name : v.Name ?? v.Email ?? "Visitor " + c.VisitorId.ToString().Substring(0, 6),
            cu != null ? cu.Email : v.Email,
            c.CustomerId,
            c.Status,
            c.AssignedAgentId,
            u != null ? u.DisplayName : null,
            c.LastMessagePreview,
            c.LastMessageAt,
            c.HandedOffAt,
            c.UnreadCount,
            c.HandoffReason,
            c.CsatScore,
            c.CsatComment);
}
