using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Read side of the agent inbox. Lists are paged on the server; the screen virtualizes what it shows.</summary>
public sealed class InboxQueries(IDbContextFactory<CrmDbContext> dbFactory, IProviderSql providerSql,
    IPresenceTracker presence)
{
    public const int PageSize = 100;
    public const int MinSearchLength = 2;

    /// <summary>One page of a view, with the view's total so the list can size its scrollbar.</summary>
    public async Task<ConversationPage> ListAsync(InboxFilter filter, int skip = 0, int take = PageSize,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filter(db, filter);
        var total = await query.CountAsync(ct);
        // Waiting conversations are served oldest first (fair queue); snoozed ones by wake-up; the rest newest first.
        query = filter.View switch
        {
            InboxView.Waiting => query.OrderBy(c => c.HandedOffAt).ThenBy(c => c.Id),
            InboxView.Snoozed => query.OrderBy(c => c.SnoozedUntil).ThenBy(c => c.Id),
            _ => query.OrderByDescending(c => c.LastMessageAt).ThenBy(c => c.Id),
        };
        var items = await Project(db, query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, PageSize))).ToListAsync(ct);
        return new ConversationPage(items, total);
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(InboxView view, string agentId,
        CancellationToken ct = default) => (await ListAsync(new InboxFilter(view, agentId), ct: ct)).Items;

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
            [InboxView.Snoozed] = counts.Where(c => c.Status == ConversationStatus.Snoozed && c.Mine).Sum(c => c.Count),
        };
    }

    /// <summary>Labels in use, most used first, for the label filter and the label picker.</summary>
    public async Task<IReadOnlyList<LabelCount>> LabelsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ConversationLabels.AsNoTracking()
            .GroupBy(l => l.Label)
            .Select(g => new { Label = g.Key, Count = g.Count() })
            .OrderByDescending(l => l.Count).ThenBy(l => l.Label)
            .Take(200)
            .Select(l => new LabelCount(l.Label, l.Count))
            .ToListAsync(ct);
    }

    /// <summary>Everyone who takes chats, with their presence and open load: who to transfer to.</summary>
    public async Task<IReadOnlyList<TeamMember>> TeamAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var agents = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.Agent && u.IsActive
                            orderby u.DisplayName
                            select new { u.Id, u.DisplayName, u.ChatCapacity }).ToListAsync(ct);
        var load = await db.Conversations.AsNoTracking()
            .Where(c => c.Status == ConversationStatus.Open && c.AssignedAgentId != null)
            .GroupBy(c => c.AssignedAgentId!)
            .Select(g => new { AgentId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.AgentId, x => x.Count, ct);
        var statuses = await presence.StatusesAsync();
        return [.. agents.Select(a => new TeamMember(a.Id, a.DisplayName,
            statuses.TryGetValue(a.Id, out var s) ? s : PresenceStatus.Offline,
            load.TryGetValue(a.Id, out var n) ? n : 0, a.ChatCapacity))];
    }

    public async Task<IReadOnlyList<InboxChoice>> InboxesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).Select(i => new InboxChoice(i.Id, i.Name)).ToListAsync(ct);
    }

    private IQueryable<Conversation> Filter(CrmDbContext db, InboxFilter filter)
    {
        var query = db.Conversations.AsNoTracking();
        var agentId = filter.AgentId;
        query = filter.View switch
        {
            InboxView.Waiting => query.Where(c => c.Status == ConversationStatus.WaitingForAgent),
            InboxView.Mine => query.Where(c => c.AssignedAgentId == agentId && c.Status == ConversationStatus.Open),
            InboxView.AllOpen => query.Where(c =>
                c.Status == ConversationStatus.WaitingForAgent || c.Status == ConversationStatus.Open),
            InboxView.WithBot => query.Where(c => c.Status == ConversationStatus.Bot),
            InboxView.Snoozed => query.Where(c => c.Status == ConversationStatus.Snoozed && c.AssignedAgentId == agentId),
            InboxView.Resolved => query.Where(c => c.Status == ConversationStatus.Resolved),
            _ => query,
        };
        if (filter.Label is { Length: > 0 } label)
            query = query.Where(c => db.ConversationLabels.Any(l => l.ConversationId == c.Id && l.Label == label));
        if (filter.InboxId is { } inboxId) query = query.Where(c => c.InboxId == inboxId);
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        if (filter.CustomerId is { } customerId) query = query.Where(c => c.CustomerId == customerId);
        if (filter.Search?.Trim() is { Length: >= MinSearchLength } term)
        {
            // Across everything said in the conversation (notes included) and who the customer is.
            var matching = providerSql.SearchMessages(db.Messages, term).Select(m => m.ConversationId);
            var people = providerSql.SearchCustomerIds(db, term, 1000);
            query = query.Where(c => matching.Contains(c.Id) || (c.CustomerId != null && people.Contains(c.CustomerId.Value)));
        }
        return query;
    }

    private static IQueryable<ConversationSummary> Project(CrmDbContext db, IQueryable<Conversation> conversations) =>
        from c in conversations
        join cu in db.Customers on c.CustomerId equals cu.Id into customers
        from cu in customers.DefaultIfEmpty()
        join u in db.Users on c.AssignedAgentId equals u.Id into agents
        from u in agents.DefaultIfEmpty()
        join v in db.Visitors on c.VisitorId equals v.Id
        join i in db.Inboxes on c.InboxId equals i.Id
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
            c.CsatComment,
            c.SnoozedUntil,
            db.ConversationLabels.Where(l => l.ConversationId == c.Id).OrderBy(l => l.Label).Select(l => l.Label).ToList(),
            i.Name);
}
