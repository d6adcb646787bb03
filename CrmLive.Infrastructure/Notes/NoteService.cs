using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Domain.Notes;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Notes;

public sealed record NoteView(Guid Id, string AuthorName, string Body, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt);

/// <summary>Notes on a customer: stored, put on the timeline, and the people they @mention told live.</summary>
public sealed class NoteService(IDbContextFactory<CrmDbContext> dbFactory, StaffDirectory staff, ILiveEventBus bus,
    TimeProvider clock)
{
    public async Task<NoteView> AddAsync(Guid customerId, string authorId, string authorName, string body,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Name })
            .SingleOrDefaultAsync(ct) ?? throw new DomainException("This customer no longer exists.");
        var now = clock.GetUtcNow();
        var note = new Note(customerId, authorId, authorName, body, now);
        db.Notes.Add(note);
        db.Timeline.Add(new TimelineEntry(customerId, now, TimelineKind.Note, $"Note by {authorName}", Excerpt(note.Body, 1000), note.Id));
        await db.SaveChangesAsync(ct);

        var mentioned = Mentions.Resolve(note.Body, await staff.AllAsync(ct), s => s.DisplayName);
        foreach (var person in mentioned.Where(p => p.Id != authorId))
            await bus.PublishAsync(new NoteMentioned(note.Id, customerId, customer.Name, person.Id, authorName,
                Excerpt(note.Body, 160)), ct);
        await bus.PublishAsync(new CustomerChanged(customerId, "note"), ct);
        return new NoteView(note.Id, note.AuthorName, note.Body, note.CreatedAt, null);
    }

    /// <summary>Only the author edits a note; its timeline entry follows. Newly mentioned people are told.</summary>
    public async Task EditAsync(Guid noteId, string editorId, string body, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == noteId, ct)
            ?? throw new DomainException("That note no longer exists.");
        if (note.AuthorId != editorId) throw new DomainException("Only the person who wrote a note can edit it.");
        var before = Mentions.Find(note.Body);
        note.Edit(body, clock.GetUtcNow());
        var entry = await db.Timeline.SingleOrDefaultAsync(t => t.SubjectId == noteId && t.Kind == TimelineKind.Note, ct);
        entry?.Revise(Excerpt(note.Body, 1000));
        await db.SaveChangesAsync(ct);

        var customerName = await db.Customers.Where(c => c.Id == note.CustomerId).Select(c => c.Name).SingleAsync(ct);
        var mentioned = Mentions.Resolve(note.Body, await staff.AllAsync(ct), s => s.DisplayName);
        foreach (var person in mentioned.Where(p => p.Id != editorId && !before.Contains(p.Handle)))
            await bus.PublishAsync(new NoteMentioned(note.Id, note.CustomerId, customerName, person.Id, note.AuthorName,
                Excerpt(note.Body, 160)), ct);
        await bus.PublishAsync(new CustomerChanged(note.CustomerId, "note"), ct);
    }

    /// <summary>The notes on this customer that <paramref name="userId"/> wrote (and so may edit).</summary>
    public async Task<IReadOnlySet<Guid>> WrittenByAsync(Guid customerId, string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Notes.Where(n => n.CustomerId == customerId && n.AuthorId == userId).Select(n => n.Id)
            .ToListAsync(ct)).ToHashSet();
    }

    public async Task<string?> BodyAsync(Guid noteId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notes.Where(n => n.Id == noteId).Select(n => n.Body).SingleOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<NoteView>> ForCustomerAsync(Guid customerId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notes.AsNoTracking().Where(n => n.CustomerId == customerId)
            .OrderByDescending(n => n.CreatedAt).Take(take)
            .Select(n => new NoteView(n.Id, n.AuthorName, n.Body, n.CreatedAt, n.EditedAt)).ToListAsync(ct);
    }

    private static string Excerpt(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
