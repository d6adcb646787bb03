using System.Security.Cryptography;
using System.Text;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Chat;

/// <summary>A file as received from a browser, already read within the inbox's size limit.</summary>
public sealed record AttachmentUpload(string FileName, byte[] Bytes);

/// <summary>A widget that proved itself with its visitor token, and the limits of its inbox.</summary>
public sealed record VisitorUploadContext(Guid VisitorId, AttachmentRules Rules, bool MayChat);

/// <summary>A stored file ready to be served.</summary>
public sealed record AttachmentFile(string FileName, string ContentType, byte[] Bytes)
{
    public bool IsSafeImage => FileSniffer.IsSafeImage(ContentType);
}

// Files in conversations: sniffed, checked against the inbox's rules, stored with the message that carries them.
public sealed partial class ConversationService
{
    /// <summary>The visitor a widget's token belongs to, or null when the token is unknown.</summary>
    public async Task<VisitorUploadContext?> AuthenticateVisitorAsync(string? visitorToken, CancellationToken ct = default)
    {
        if (!VisitorTokens.LooksValid(visitorToken)) return null;
        var hash = VisitorTokens.Hash(visitorToken!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.Visitors.AsNoTracking().Where(v => v.TokenHash == hash)
            .Join(db.Inboxes, v => v.InboxId, i => i.Id, (v, i) => new { v.Id, i.AttachmentTypes, i.MaxAttachmentBytes, MayChat = v.IsVerified || !i.VerifiedVisitorsOnly })
            .SingleOrDefaultAsync(ct);
        return found is null
            ? null
            : new VisitorUploadContext(found.Id, new AttachmentRules(found.AttachmentTypes, found.MaxAttachmentBytes), found.MayChat);
    }

    /// <summary>The limits that apply to files agents attach in this conversation.</summary>
    public async Task<AttachmentRules> RulesForConversationAsync(Guid conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.Conversations.AsNoTracking().Where(c => c.Id == conversationId)
            .Join(db.Inboxes, c => c.InboxId, i => i.Id, (c, i) => new AttachmentRules(i.AttachmentTypes, i.MaxAttachmentBytes))
            .SingleOrDefaultAsync(ct);
        return rules ?? throw new ChatException("That conversation no longer exists.");
    }

    /// <summary>
    /// A customer sends a file. Stored once per client id, like text; a conversation still with the bot goes to
    /// the team, since the bot cannot read files.
    /// </summary>
    public async Task<SendResult> ReceiveAttachmentFromVisitorAsync(Guid visitorId, string clientMessageId,
        AttachmentUpload upload, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(clientMessageId) || clientMessageId.Length > MaxClientMessageIdLength)
            throw new ChatException("Every message needs a client id of at most 64 characters.");
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // Through the (ConversationId, ClientMessageId) index: the visitor's conversations, then the client id.
            var duplicate = await db.Conversations.AsNoTracking().Where(c => c.VisitorId == visitorId)
                .SelectMany(c => db.Messages.Where(m => m.ConversationId == c.Id && m.ClientMessageId == clientMessageId))
                .Select(m => new { m.ConversationId, m.Seq })
                .FirstOrDefaultAsync(ct);
            if (duplicate is not null) return new SendResult(duplicate.ConversationId, duplicate.Seq, Duplicate: true);

            var visitor = await db.Visitors.SingleOrDefaultAsync(v => v.Id == visitorId, ct)
                ?? throw new ChatException("Unknown visitor; reload the page.");
            var inbox = await db.Inboxes.AsNoTracking().SingleAsync(i => i.Id == visitor.InboxId, ct);
            var contentType = CheckUpload(inbox.Attachments, upload);
            var now = clock.GetUtcNow();
            var conversation = await CurrentConversationAsync(db, visitorId, ct);
            var isNew = conversation is null;
            if (conversation is null)
            {
                conversation = new Conversation(visitor.InboxId, visitor.Id, visitor.CustomerId, now);
                db.Conversations.Add(conversation);
            }
            visitor.Seen(now);
            var (message, info) = StoreAttachment(db, conversation, upload, contentType, now,
                (c, fileId) => c.Append(MessageSender.Customer, FileSniffer.CleanFileName(upload.FileName), now,
                    clientMessageId, attachmentId: fileId));
            var handedOff = conversation.IsWithBot;
            if (handedOff) conversation.HandOff("attachment", now);

            if (!await TrySaveAppendAsync(db, conversation.Id, attempt, ct)) continue;
            await PublishMessageAsync(conversation, message, ct, info);
            if (isNew || handedOff) await PublishChangeAsync(conversation, handedOff ? "handoff" : "created", ct);
            if (handedOff) await autoAssignment.TryAssignAsync(conversation.Id, ct);
            return new SendResult(conversation.Id, message.Seq, Duplicate: false);
        }
    }

    /// <summary>An agent attaches a file to the reply thread, or to a private note the customer never sees.</summary>
    public async Task<MessageDto> AttachAsAgentAsync(Guid conversationId, string agentId, string agentName,
        AttachmentUpload upload, bool isPrivate, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var conversation = await db.Conversations.SingleOrDefaultAsync(c => c.Id == conversationId, ct)
                ?? throw new ChatException("That conversation no longer exists.");
            if (conversation.Status == ConversationStatus.Resolved && !isPrivate)
                throw new ChatException("This conversation is resolved; reopen it to reply.");
            var inbox = await db.Inboxes.AsNoTracking().SingleAsync(i => i.Id == conversation.InboxId, ct);
            var contentType = CheckUpload(inbox.Attachments, upload);
            var now = clock.GetUtcNow();
            var caption = FileSniffer.CleanFileName(upload.FileName);
            if (!isPrivate && conversation.AssignedAgentId is null) conversation.AssignTo(agentId);
            var (message, info) = StoreAttachment(db, conversation, upload, contentType, now, (c, fileId) => isPrivate
                ? c.AddNote(caption, now, agentId, agentName, attachmentId: fileId)
                : c.Append(MessageSender.Agent, caption, now, authorId: agentId, authorName: agentName,
                    attachmentId: fileId));
            if (!await TrySaveAppendAsync(db, conversationId, attempt, ct)) continue;
            await PublishMessageAsync(conversation, message, ct, info);
            if (!isPrivate) await PublishChangeAsync(conversation, "replied", ct);
            return MessageDto.From(message, info);
        }
    }

    /// <summary>The file behind a link, when the link's key is right; null otherwise (the caller answers 404).</summary>
    public async Task<AttachmentFile?> GetAttachmentAsync(Guid attachmentId, string accessKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.Attachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId, ct);
        if (attachment is null || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(attachment.AccessKey), Encoding.ASCII.GetBytes(accessKey ?? "")))
            return null;
        var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId)
            .Select(c => c.Bytes).SingleAsync(ct);
        return new AttachmentFile(attachment.FileName, attachment.ContentType, bytes);
    }

    private string CheckUpload(AttachmentRules rules, AttachmentUpload upload)
    {
        var contentType = FileSniffer.Sniff(upload.Bytes.AsSpan(0, Math.Min(upload.Bytes.Length, FileSniffer.HeaderLength)));
        if (rules.Refusal(contentType, upload.Bytes.LongLength) is { } refusal)
        {
            logger.LogWarning("Attachment {FileName} ({Length} bytes, sniffed {ContentType}) refused: {Reason}",
                FileSniffer.CleanFileName(upload.FileName), upload.Bytes.LongLength, contentType, refusal);
            metrics.AttachmentRefused();
            throw new ChatException(refusal);
        }
        return contentType;
    }

    private static (Message Message, AttachmentInfo Info) StoreAttachment(CrmDbContext db, Conversation conversation,
        AttachmentUpload upload, string contentType, DateTimeOffset now, Func<Conversation, Guid, Message> append)
    {
        var attachment = new Attachment(conversation.Id, upload.FileName, contentType, upload.Bytes.LongLength, now);
        db.Attachments.Add(attachment);
        db.AttachmentContents.Add(new AttachmentContent(attachment.Id, upload.Bytes));
        var message = append(conversation, attachment.Id);
        db.Messages.Add(message);
        return (message, attachment.Info);
    }
}
