using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Everything an Admin sets on an inbox, as one form.</summary>
public sealed class InboxForm
{
    public string Name { get; set; } = "";
    public string AllowedOrigins { get; set; } = "";
    public bool VerifiedVisitorsOnly { get; set; }
    public string TimeZoneId { get; set; } = "UTC";
    public string BusinessHours { get; set; } = "";
    public string AwayMessage { get; set; } = "";
    public List<string> AttachmentTypes { get; set; } = [];
    public int MaxAttachmentMegabytes { get; set; } = 10;
    public string Greeting { get; set; } = "";
    public string Color { get; set; } = WidgetLook.DefaultColor;
    public WidgetPosition Position { get; set; }

    public static InboxForm From(Inbox inbox) => new()
    {
        Name = inbox.Name,
        AllowedOrigins = inbox.AllowedOrigins,
        VerifiedVisitorsOnly = inbox.VerifiedVisitorsOnly,
        TimeZoneId = inbox.TimeZoneId,
        BusinessHours = inbox.BusinessHours,
        AwayMessage = inbox.AwayMessage,
        AttachmentTypes = [.. inbox.Attachments.Types],
        MaxAttachmentMegabytes = (int)Math.Max(1, inbox.MaxAttachmentBytes / (1024 * 1024)),
        Greeting = inbox.Greeting,
        Color = inbox.WidgetColor,
        Position = inbox.WidgetPosition,
    };
}

public sealed record InboxRow(Guid Id, string Key, string Name, string AllowedOrigins, bool VerifiedVisitorsOnly, int OpenConversations);

/// <summary>Creates and edits inboxes (Admins); every change is checked by the domain and audited with it.</summary>
public sealed class InboxAdmin(IDbContextFactory<CrmDbContext> dbFactory, AuditLog audit, InboxOrigins origins, TimeProvider clock)
{
    public async Task<IReadOnlyList<InboxRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Conversations.Where(c => c.Status != ConversationStatus.Resolved)
            .GroupBy(c => c.InboxId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var inboxes = await db.Inboxes.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return inboxes.Select(i => new InboxRow(i.Id, i.Key, i.Name, i.AllowedOrigins, i.VerifiedVisitorsOnly, open.GetValueOrDefault(i.Id)))
            .ToList();
    }

    public async Task<Inbox?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Inboxes.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
    }

    public async Task<Inbox> CreateAsync(AuditActor actor, string key, string name, CancellationToken ct = default)
    {
        var inbox = new Inbox(key, name, "Hi! 👋 Ask us anything — our assistant answers right away, and a person takes over when needed.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Inboxes.AnyAsync(i => i.Key == inbox.Key, ct))
            throw new DomainException($"An inbox with the key '{inbox.Key}' exists already; keys go in embed snippets, so each is unique.");
        db.Inboxes.Add(inbox);
        audit.Add(db, actor, AuditActions.InboxCreated, Describe(inbox));
        await db.SaveChangesAsync(ct);
        return inbox;
    }

    /// <summary>Applies the whole form or nothing: the first rule it breaks is the message.</summary>
    public async Task<Inbox> SaveAsync(AuditActor actor, Guid id, InboxForm form, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inbox = await db.Inboxes.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new DomainException("That inbox no longer exists.");
        inbox.Rename(form.Name);
        inbox.AllowOrigins(form.AllowedOrigins.Split(['\n', ' ', ','], StringSplitOptions.RemoveEmptyEntries));
        inbox.RequireVerifiedVisitors(form.VerifiedVisitorsOnly);
        inbox.SetBusinessHours(form.BusinessHours, form.TimeZoneId, form.AwayMessage);
        inbox.SetAttachmentRules(form.AttachmentTypes, (long)form.MaxAttachmentMegabytes * 1024 * 1024);
        inbox.SetLook(form.Greeting, form.Color, form.Position);
        var changed = db.Entry(inbox).Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        if (changed.Count == 0) return inbox;
        audit.Add(db, actor, AuditActions.InboxChanged, Describe(inbox), string.Join(", ", changed));
        await db.SaveChangesAsync(ct);
        origins.Forget();
        return inbox;
    }

    /// <summary>A new identity secret; the old one keeps working for <paramref name="grace"/> (zero after a leak).</summary>
    public async Task<Inbox> RotateSecretAsync(AuditActor actor, Guid id, TimeSpan grace, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inbox = await db.Inboxes.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw new DomainException("That inbox no longer exists.");
        inbox.RotateIdentitySecret(clock.GetUtcNow(), grace);
        audit.Add(db, actor, AuditActions.InboxSecretRotated, Describe(inbox),
            grace > TimeSpan.Zero ? $"Old secret valid until {inbox.PreviousSecretValidUntil:yyyy-MM-dd HH:mm} UTC" : "Old secret ended at once");
        await db.SaveChangesAsync(ct);
        return inbox;
    }

    private static string Describe(Inbox inbox) => $"Inbox {inbox.Name} ({inbox.Key})";
}
