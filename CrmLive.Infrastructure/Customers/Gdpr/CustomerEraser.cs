using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers.Gdpr;

/// <summary>What an erasure changed, for the confirmation and the audit log.</summary>
public sealed record ErasureReport(int Messages, int Attachments, int Visitors, int Notes, int Tickets, int Deals,
    int TimelineEntries)
{
    public override string ToString() =>
        $"{Messages} messages, {Attachments} attachments, {Visitors} chat visitors, {Notes} notes, {Tickets} tickets, " +
        $"{Deals} deals, {TimelineEntries} timeline entries scrubbed";
}

/// <summary>
/// GDPR erasure ("right to be forgotten"), in one transaction with its audit entry. The customer record stays as
/// "Erased customer" with every personal field cleared (<see cref="Customer.Erase"/>), so orders, revenue, RFM and
/// counts stay right. Removed: custom field values, tags, attachments, the pre-chat name and e-mail of linked chat
/// visitors, the text of the customer's own messages and of bot decisions on them, CSAT comments, note bodies,
/// ticket descriptions, and timeline details. Kept but scrubbed of the customer's name, e-mails and phones: agent
/// and bot messages, ticket subjects, deal titles, timeline titles and earlier audit entries about them.
/// Kept as they are: orders (amount, date, status, items), conversation status and times, CSAT scores, ticket and
/// deal status, amounts and dates.
/// </summary>
public sealed class CustomerEraser(IDbContextFactory<CrmDbContext> dbFactory, AuditLog audit, ILiveEventBus bus,
    TimeProvider clock)
{
    /// <summary>What the Admin types to confirm; deliberate, and the same in every language.</summary>
    public const string Confirmation = "ERASE";

    public const string Redacted = "[erased]";

    public async Task<ErasureReport> EraseAsync(Guid customerId, string? typedConfirmation, AuditActor actor,
        CancellationToken ct = default)
    {
        if (!string.Equals(typedConfirmation?.Trim(), Confirmation, StringComparison.Ordinal))
            throw new DomainException($"Type {Confirmation} to confirm the erasure.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException("This customer no longer exists.");
        if (customer.IsErased) throw new DomainException("This customer's personal data is already erased.");

        var conversationIds = db.Conversations.Where(c => c.CustomerId == customerId).Select(c => c.Id);
        var visitorIds = db.Visitors.Where(v => v.CustomerId == customerId).Select(v => v.Id);
        // What they were known as, so free text elsewhere can be scrubbed of it (longest first: "Ana Lima" before "Ana").
        var known = new[] { customer.Name, customer.Email, customer.Phone }
            .Concat(customer.OtherEmails).Concat(customer.OtherPhones)
            .Concat(await db.Visitors.Where(v => v.CustomerId == customerId).Select(v => v.Name).ToListAsync(ct))
            .Concat(await db.Visitors.Where(v => v.CustomerId == customerId).Select(v => v.Email).ToListAsync(ct))
            .OfType<string>().Where(s => s.Trim().Length >= 3).Distinct().OrderByDescending(s => s.Length).ToList();

        var customerMessages = await db.Messages.Where(m => conversationIds.Contains(m.ConversationId) && m.Sender == MessageSender.Customer)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, Redacted).SetProperty(m => m.AuthorName, (string?)null), ct);
        await db.BotDecisions.Where(d => conversationIds.Contains(d.ConversationId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Text, Redacted), ct);
        await db.Conversations.Where(c => c.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessagePreview, (string?)null).SetProperty(c => c.CsatComment, (string?)null), ct);
        await db.Messages.Where(m => conversationIds.Contains(m.ConversationId) && m.AttachmentId != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.AttachmentId, (Guid?)null), ct);
        var attachments = await db.Attachments.Where(a => conversationIds.Contains(a.ConversationId)).ExecuteDeleteAsync(ct);
        var visitors = await db.Visitors.Where(v => v.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Name, (string?)null).SetProperty(v => v.Email, (string?)null), ct);
        var notes = await db.Notes.Where(n => n.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Body, Redacted), ct);
        var tickets = await db.Tickets.Where(t => t.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Description, (string?)null), ct);
        var deals = await db.Deals.CountAsync(d => d.CustomerId == customerId, ct);
        var timeline = await db.Timeline.Where(t => t.CustomerId == customerId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Detail, (string?)null), ct);
        await db.RecordTags.Where(t => t.RecordId == customerId).ExecuteDeleteAsync(ct);
        await db.CustomAttributeValues.Where(v => v.RecordId == customerId).ExecuteDeleteAsync(ct);

        var idText = customerId.ToString();
        foreach (var value in known)
        {
            await db.Messages.Where(m => conversationIds.Contains(m.ConversationId) && m.Text.Contains(value))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Text, m => m.Text.Replace(value, Redacted)), ct);
            await db.Tickets.Where(t => t.CustomerId == customerId && t.Subject.Contains(value))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Subject, t => t.Subject.Replace(value, Redacted)), ct);
            await db.Deals.Where(d => d.CustomerId == customerId && d.Title.Contains(value))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Title, d => d.Title.Replace(value, Redacted)), ct);
            await db.Timeline.Where(t => t.CustomerId == customerId && t.Title.Contains(value))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, t => t.Title.Replace(value, Redacted)), ct);
            // Earlier audit entries name the customer in their target or detail (merges, exports): the id stays.
            await db.AuditLog.Where(e => e.Target.Contains(idText) || (e.Detail != null && e.Detail.Contains(idText)))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Target, e => e.Target.Replace(value, Customer.ErasedName))
                    .SetProperty(e => e.Detail, e => e.Detail!.Replace(value, Customer.ErasedName)), ct);
        }

        customer.Erase();
        var report = new ErasureReport(customerMessages, attachments, visitors, notes, tickets, deals, timeline);
        db.Timeline.Add(new TimelineEntry(customerId, clock.GetUtcNow(), TimelineKind.Profile, "Personal data erased",
            $"By {actor.Name} (GDPR erasure).", null));
        audit.Add(db, actor, AuditActions.CustomerErased, $"Customer ({customerId})", report.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await bus.PublishAsync(new CustomerChanged(customerId, "erased"), ct);
        return report;
    }
}
