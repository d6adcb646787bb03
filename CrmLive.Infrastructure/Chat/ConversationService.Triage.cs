using CrmLive.Domain.Conversations;
using CrmLive.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Chat;

// Sorting the work: snooze and wake, reopen, transfer, labels.
public sealed partial class ConversationService
{
    public Task SnoozeAsync(Guid conversationId, DateTimeOffset until, CancellationToken ct = default) =>
        ChangeAsync(conversationId, c => c.Snooze(until, clock.GetUtcNow()), "snoozed", ct);

    public Task ReopenAsync(Guid conversationId, CancellationToken ct = default) =>
        ChangeAsync(conversationId, c => c.Reopen(), "reopened", ct);

    /// <summary>Wakes every conversation whose snooze is over; run every minute by a job. Returns how many woke.</summary>
    public async Task<int> WakeSnoozedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.Conversations
            .Where(c => c.Status == ConversationStatus.Snoozed && c.SnoozedUntil <= now)
            .Take(500)
            .ToListAsync(ct);
        foreach (var conversation in due) conversation.Wake();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // a message arrived meanwhile (and woke it); the next run picks up the rest
        }
        foreach (var conversation in due) await PublishChangeAsync(conversation, "woke", ct);
        if (due.Count > 0) logger.LogInformation("Woke {Count} snoozed conversations", due.Count);
        return due.Count;
    }

    /// <summary>
    /// Hands a conversation to another agent (or back to the queue when <paramref name="toAgentId"/> is null); a
    /// private note records who moved it where.
    /// </summary>
    public async Task TransferAsync(Guid conversationId, string? toAgentId, string byAgentId, string byAgentName,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw new ChatException("That conversation no longer exists.");
            string target = "the queue";
            if (toAgentId is not null)
                target = await db.Users.Where(u => u.Id == toAgentId && u.IsActive).Select(u => u.DisplayName)
                    .SingleOrDefaultAsync(ct) ?? throw new ChatException("That person is not an active member of the team.");
            try
            {
                conversation.TransferTo(toAgentId);
            }
            catch (DomainException ex)
            {
                throw new ChatException(ex.Message);
            }
            var note = conversation.AddNote($"Transferred to {target} by {byAgentName}.", clock.GetUtcNow(), byAgentId, byAgentName);
            db.Messages.Add(note);
            if (!await TrySaveAppendAsync(db, conversationId, attempt, ct)) continue;
            await PublishMessageAsync(conversation, note, ct);
            await PublishChangeAsync(conversation, "transferred", ct);
            if (toAgentId is null) await autoAssignment.TryAssignAsync(conversationId, ct);
            return;
        }
    }

    public async Task AddLabelAsync(Guid conversationId, string label, CancellationToken ct = default)
    {
        string normalized;
        try
        {
            normalized = ConversationLabel.Normalize(label);
        }
        catch (DomainException ex)
        {
            throw new ChatException(ex.Message);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, ct)
            ?? throw new ChatException("That conversation no longer exists.");
        if (await db.ConversationLabels.AnyAsync(l => l.ConversationId == conversationId && l.Label == normalized, ct)) return;
        if (await db.ConversationLabels.CountAsync(l => l.ConversationId == conversationId, ct) >= 20)
            throw new ChatException("A conversation can have at most 20 labels.");
        db.ConversationLabels.Add(new ConversationLabel(conversationId, normalized));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return; // the same label added at the same moment by someone else
        }
        await PublishChangeAsync(conversation, "labelled", ct);
    }

    public async Task RemoveLabelAsync(Guid conversationId, string label, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.ConversationLabels
            .Where(l => l.ConversationId == conversationId && l.Label == label)
            .ExecuteDeleteAsync(ct);
        if (removed == 0) return;
        var conversation = await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == conversationId, ct);
        await PublishChangeAsync(conversation, "labelled", ct);
    }
}
