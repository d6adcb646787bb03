using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Webhooks;

public sealed record WebhookConversation(Guid Id, Guid InboxId, string? InboxKey, ConversationStatus Status,
    Guid? CustomerId, string? CustomerName, string? AssignedAgentId, string? AssignedAgentName,
    DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

public sealed record WebhookMessage(long Seq, MessageSender Sender, string? AuthorName, string Text,
    DateTimeOffset CreatedAt, WebhookAttachment? Attachment);

public sealed record WebhookAttachment(string FileName, string ContentType, long Length);

public sealed record WebhookCustomer(Guid Id, string Name, string? Email, string? Phone, IReadOnlyList<string> OtherEmails,
    IReadOnlyList<string> OtherPhones, Guid? CompanyId, string? CompanyName, string? ExternalId, LifecycleStage Stage,
    string? OwnerId, string? Language, string? TimeZone, DateTimeOffset CreatedAt);

/// <summary>The <c>data</c> of conversation events; <c>message</c> only on message events.</summary>
public sealed record ConversationEventData(WebhookConversation Conversation, WebhookMessage? Message = null);

/// <summary>The <c>data</c> of customer events; <c>change</c> names what changed on updates.</summary>
public sealed record CustomerEventData(WebhookCustomer Customer, string? Change = null);

/// <summary>Reads the resources as they are now, for the <c>data</c> of a payload.</summary>
public sealed class WebhookSnapshots(IDbContextFactory<CrmDbContext> dbFactory)
{
    public async Task<WebhookConversation?> ConversationAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from c in db.Conversations.AsNoTracking()
                      where c.Id == id
                      join i in db.Inboxes on c.InboxId equals i.Id into inboxes
                      from i in inboxes.DefaultIfEmpty()
                      join cu in db.Customers on c.CustomerId equals cu.Id into customers
                      from cu in customers.DefaultIfEmpty()
                      join u in db.Users on c.AssignedAgentId equals u.Id into agents
                      from u in agents.DefaultIfEmpty()
                      select new WebhookConversation(c.Id, c.InboxId, i == null ? null : i.Key, c.Status, c.CustomerId,
                          cu == null ? null : cu.Name, c.AssignedAgentId, u == null ? null : u.DisplayName,
                          c.CreatedAt, c.ResolvedAt))
            .SingleOrDefaultAsync(ct);
    }

    public static WebhookMessage Message(MessageAdded m) => new(m.Seq, m.Sender, m.AuthorName, m.Text, m.CreatedAt,
        m.Attachment is { } a ? new WebhookAttachment(a.FileName, a.ContentType, a.Length) : null);

    public async Task<WebhookCustomer?> CustomerAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        return c is null ? null : Customer(c);
    }

    /// <summary>A customer as payloads show it; also for features raising their own customer events.</summary>
    public static WebhookCustomer Customer(Customer c) => new(c.Id, c.Name, c.Email, c.Phone, c.OtherEmails, c.OtherPhones,
        c.CompanyId, c.CompanyName, c.ExternalId, c.Stage, c.OwnerId, c.Language, c.TimeZone, c.CreatedAt);
}
