using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers.Gdpr;

/// <summary>
/// A customer's own data (GDPR access and portability) as a ZIP of JSON files: profile with every contact, custom
/// fields, tags, orders, conversations with their messages, the chat visitors' pre-chat details, notes, tickets,
/// deals, timeline and CSAT ratings, plus the files sent in their conversations under <c>attachments/</c>.
/// Each table is read as a stream and written straight into the archive.
/// </summary>
public sealed class CustomerDataExporter(IDbContextFactory<CrmDbContext> dbFactory, AuditLog audit, TimeProvider clock)
{
    /// <summary>The JSON files every export holds (some may be empty arrays).</summary>
    public static readonly IReadOnlyList<string> Files =
    [
        "profile.json", "custom-fields.json", "tags.json", "orders.json", "conversations.json", "chat-visitors.json",
        "notes.json", "tickets.json", "deals.json", "timeline.json", "csat.json",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for people to read, never embedded in HTML: "+44" and "é" as themselves, not \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The download's file name, without anything personal in it.</summary>
    public static string FileName(Guid customerId, DateTimeOffset at) => $"customer-{customerId:N}-{at:yyyyMMdd}.zip";

    /// <summary>Writes the archive to <paramref name="output"/> and audits the export.</summary>
    public async Task WriteAsync(Guid customerId, Stream output, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Company).SingleOrDefaultAsync(c => c.Id == customerId, ct)
            ?? throw new DomainException("This customer no longer exists.");
        var conversations = db.Conversations.AsNoTracking().Where(c => c.CustomerId == customerId);

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await AddAsync(zip, "profile.json", new
            {
                customer.Id,
                customer.Name,
                customer.Email,
                customer.Phone,
                customer.OtherEmails,
                customer.OtherPhones,
                Company = customer.Company?.Name,
                customer.Address,
                customer.Language,
                customer.TimeZone,
                customer.ExternalId,
                customer.Stage,
                customer.MarketingEmailConsent,
                customer.ProactiveChatConsent,
                customer.ConsentChangedAt,
                customer.CreatedAt,
                customer.LastSeenAt,
                customer.Metrics,
                Rfm = customer.Rfm is { } r ? new { r.Recency, r.Frequency, r.Monetary } : null,
            }, ct);
            await AddAsync(zip, "custom-fields.json", db.CustomAttributeValues.AsNoTracking().Where(v => v.RecordId == customerId)
                .Join(db.CustomAttributes, v => v.DefinitionId, d => d.Id,
                    (v, d) => new { Field = d.Label, d.Key, v.Text, v.Number, v.Date }).AsAsyncEnumerable(), ct);
            await AddAsync(zip, "tags.json", db.RecordTags.AsNoTracking().Where(t => t.RecordId == customerId)
                .Select(t => t.Tag).AsAsyncEnumerable(), ct);
            await AddAsync(zip, "orders.json", db.Orders.AsNoTracking().Where(o => o.CustomerId == customerId)
                .OrderBy(o => o.PlacedAt).AsAsyncEnumerable(), ct);
            await AddAsync(zip, "conversations.json", ConversationsAsync(db, conversations, ct), ct);
            await AddAsync(zip, "chat-visitors.json", db.Visitors.AsNoTracking().Where(v => v.CustomerId == customerId)
                .Select(v => new { v.Id, v.Name, v.Email, v.CreatedAt, v.LastSeenAt }).AsAsyncEnumerable(), ct);
            await AddAsync(zip, "notes.json", db.Notes.AsNoTracking().Where(n => n.CustomerId == customerId)
                .OrderBy(n => n.CreatedAt).Select(n => new { n.Id, n.AuthorName, n.Body, n.CreatedAt, n.EditedAt })
                .AsAsyncEnumerable(), ct);
            await AddAsync(zip, "tickets.json", db.Tickets.AsNoTracking().Where(t => t.CustomerId == customerId)
                .AsAsyncEnumerable(), ct);
            await AddAsync(zip, "deals.json", db.Deals.AsNoTracking().Where(d => d.CustomerId == customerId)
                .AsAsyncEnumerable(), ct);
            await AddAsync(zip, "timeline.json", db.Timeline.AsNoTracking().Where(t => t.CustomerId == customerId)
                .OrderBy(t => t.OccurredAt).ThenBy(t => t.Id)
                .Select(t => new { t.OccurredAt, t.Kind, t.Title, t.Detail }).AsAsyncEnumerable(), ct);
            await AddAsync(zip, "csat.json", conversations.Where(c => c.CsatScore != null)
                .Select(c => new { ConversationId = c.Id, Score = c.CsatScore, Comment = c.CsatComment, c.RatedAt })
                .AsAsyncEnumerable(), ct);

            // One file at a time, so a large attachment never sits in memory beside the others.
            var attachmentIds = await db.Attachments.AsNoTracking().Where(a => conversations.Any(c => c.Id == a.ConversationId))
                .Select(a => new { a.Id, a.FileName }).ToListAsync(ct);
            foreach (var a in attachmentIds)
            {
                var bytes = await db.AttachmentContents.AsNoTracking().Where(c => c.AttachmentId == a.Id)
                    .Select(c => c.Bytes).SingleOrDefaultAsync(ct);
                if (bytes is null) continue;
                var entry = zip.CreateEntry($"attachments/{a.Id:N}-{a.FileName}", CompressionLevel.Fastest);
                await using var stream = entry.Open();
                await stream.WriteAsync(bytes, ct);
            }
        }
        await audit.WriteAsync(actor, AuditActions.CustomerDataExported, $"Customer {customer.Name} ({customerId})",
            $"Exported {Files.Count} data files and {await db.Attachments.CountAsync(a => conversations.Any(c => c.Id == a.ConversationId), ct)} attachments ({clock.GetUtcNow():u}).", ct);
    }

    private static async IAsyncEnumerable<object> ConversationsAsync(CrmDbContext db, IQueryable<Conversation> conversations,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var list = await conversations.OrderBy(c => c.CreatedAt).ToListAsync(ct);
        foreach (var c in list)
        {
            var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == c.Id).OrderBy(m => m.Seq)
                .Select(m => new { m.Seq, m.Sender, m.AuthorName, m.Text, m.CreatedAt, Private = m.IsPrivate, m.AttachmentId })
                .ToListAsync(ct);
            yield return new
            {
                c.Id,
                c.Status,
                c.CreatedAt,
                c.ResolvedAt,
                c.HandoffReason,
                c.CsatScore,
                c.CsatComment,
                Messages = messages,
            };
        }
    }

    private static async Task AddAsync<T>(ZipArchive zip, string name, T value, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await JsonSerializer.SerializeAsync(stream, value, Json, ct);
    }
}
