using CrmLive.Domain.Audit;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers.Merge;

/// <summary>How many records of each kind move from the merged customer to the survivor.</summary>
public sealed record MergeCounts(int Orders, int Conversations, int Visitors, int Notes, int Tickets, int Deals,
    int TimelineEntries, int Tags, int CustomFields)
{
    public override string ToString() =>
        $"{Orders} orders, {Conversations} conversations, {Visitors} chat visitors, {Notes} notes, {Tickets} tickets, " +
        $"{Deals} deals, {TimelineEntries} timeline entries, {Tags} tags, {CustomFields} custom fields";
}

/// <summary>What a merge will do, shown before it is confirmed.</summary>
public sealed record MergePreview(Guid SurvivorId, string SurvivorName, Guid OtherId, string OtherName,
    IReadOnlyList<MergeField> Fields, MergeCounts Moves, IReadOnlyList<string> Dropped);

/// <summary>Where a merged customer's old link now leads.</summary>
public sealed record MergedInto(Guid SurvivorId, string SurvivorName, DateTimeOffset MergedAt);

/// <summary>
/// Merges two customer records into one, in one transaction: the profile per <see cref="CustomerMerge"/>, then every
/// order, conversation (and the chat visitors linked to the customer), note, ticket, deal, timeline entry, tag and
/// custom field value moves to the survivor, links to the merged record redirect, and the merged record is deleted.
/// Any failure rolls all of it back.
/// </summary>
public sealed class CustomerMerger(IDbContextFactory<CrmDbContext> dbFactory, AuditLog audit, ILiveEventBus bus,
    TimeProvider clock)
{
    public async Task<MergePreview> PreviewAsync(Guid survivorId, Guid otherId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (survivor, other) = await LoadPairAsync(db.Customers.AsNoTracking(), survivorId, otherId, ct);
        var plan = CustomerMerge.Plan(survivor, other);
        var moves = await CountMovesAsync(db, survivorId, otherId, ct);
        var dropped = plan.DroppedEmails.Concat(plan.DroppedPhones)
            .Select(c => $"{c} (more than {ContactPoints.MaxOthers} other contacts)").ToList();
        var clashing = await db.CustomAttributeValues.AsNoTracking()
            .Where(v => v.RecordId == otherId && db.CustomAttributeValues.Any(s => s.RecordId == survivorId && s.DefinitionId == v.DefinitionId))
            .Join(db.CustomAttributes, v => v.DefinitionId, d => d.Id, (v, d) => d.Label).ToListAsync(ct);
        dropped.AddRange(clashing.Select(label => $"{label} of {other.Name} (the survivor has its own)"));
        return new MergePreview(survivor.Id, survivor.Name, other.Id, other.Name, plan.Fields, moves, dropped);
    }

    public async Task<MergeCounts> MergeAsync(Guid survivorId, Guid otherId, AuditActor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (survivor, other) = await LoadPairAsync(db.Customers, survivorId, otherId, ct);
        var plan = CustomerMerge.Plan(survivor, other);
        var moves = await CountMovesAsync(db, survivorId, otherId, ct);
        var now = clock.GetUtcNow();

        // The external id is unique: free it on the merged record before the survivor takes it.
        var externalId = survivor.ExternalId ?? other.ExternalId;
        if (other.ExternalId is not null)
        {
            other.SetExternalId(null);
            await db.SaveChangesAsync(ct);
        }
        plan.ApplyTo(survivor, other);
        survivor.SetExternalId(externalId);

        await db.Orders.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Conversations.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Visitors.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Notes.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Tickets.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Deals.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);
        await db.Timeline.Where(x => x.CustomerId == otherId).ExecuteUpdateAsync(s => s.SetProperty(x => x.CustomerId, survivorId), ct);

        // Tags and custom values are keyed by record: the ones the survivor lacks move, the rest go with the record.
        await db.RecordTags.Where(t => t.RecordId == otherId
                && !db.RecordTags.Any(s => s.RecordId == survivorId && s.Tag == t.Tag))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RecordId, survivorId), ct);
        await db.RecordTags.Where(t => t.RecordId == otherId).ExecuteDeleteAsync(ct);
        await db.CustomAttributeValues.Where(v => v.RecordId == otherId
                && !db.CustomAttributeValues.Any(s => s.RecordId == survivorId && s.DefinitionId == v.DefinitionId))
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.RecordId, survivorId), ct);
        await db.CustomAttributeValues.Where(v => v.RecordId == otherId).ExecuteDeleteAsync(ct);

        // Campaign history too, where the survivor was not drawn into the same campaign (one place per campaign).
        await db.CampaignRecipients.Where(r => r.CustomerId == otherId
                && !db.CampaignRecipients.Any(s => s.CustomerId == survivorId && s.CampaignId == r.CampaignId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.CustomerId, survivorId), ct);

        await db.MergeRedirects.Where(r => r.SurvivorId == otherId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.SurvivorId, survivorId), ct);
        db.MergeRedirects.Add(new MergeRedirect(otherId, survivorId, now));

        db.Timeline.Add(new TimelineEntry(survivorId, now, TimelineKind.Profile, $"Merged with {other.Name}",
            $"By {actor.Name}. Moved here: {moves}.", otherId));
        audit.Add(db, actor, AuditActions.CustomerMerged, $"Customer {survivor.Name} ({survivorId})",
            $"Merged {other.Name} ({otherId}) into it; moved {moves}.");
        db.Customers.Remove(other);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        await bus.PublishAsync(new CustomerChanged(survivorId, "merged"), ct);
        await bus.PublishAsync(new CustomerChanged(otherId, "merged"), ct);
        return moves;
    }

    /// <summary>The survivor a merged customer's id now leads to; null if it was never merged.</summary>
    public async Task<MergedInto?> MergedIntoAsync(Guid customerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MergeRedirects.AsNoTracking().Where(r => r.MergedId == customerId)
            .Join(db.Customers, r => r.SurvivorId, c => c.Id, (r, c) => new MergedInto(c.Id, c.Name, r.MergedAt))
            .SingleOrDefaultAsync(ct);
    }

    private static async Task<(Customer Survivor, Customer Other)> LoadPairAsync(IQueryable<Customer> customers,
        Guid survivorId, Guid otherId, CancellationToken ct)
    {
        if (survivorId == otherId) throw new DomainException("Pick two different customers to merge.");
        var pair = await customers.Where(c => c.Id == survivorId || c.Id == otherId).ToListAsync(ct);
        var survivor = pair.SingleOrDefault(c => c.Id == survivorId);
        var other = pair.SingleOrDefault(c => c.Id == otherId);
        if (survivor is null || other is null)
            throw new DomainException("One of these customers no longer exists (merged or deleted meanwhile).");
        return (survivor, other);
    }

    private static async Task<MergeCounts> CountMovesAsync(CrmDbContext db, Guid survivorId, Guid otherId, CancellationToken ct) =>
        new(await db.Orders.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Conversations.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Visitors.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Notes.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Tickets.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Deals.CountAsync(x => x.CustomerId == otherId, ct),
            await db.Timeline.CountAsync(x => x.CustomerId == otherId, ct),
            await db.RecordTags.CountAsync(t => t.RecordId == otherId
                && !db.RecordTags.Any(s => s.RecordId == survivorId && s.Tag == t.Tag), ct),
            await db.CustomAttributeValues.CountAsync(v => v.RecordId == otherId
                && !db.CustomAttributeValues.Any(s => s.RecordId == survivorId && s.DefinitionId == v.DefinitionId), ct));
}
