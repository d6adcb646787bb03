using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Lists;

public enum BulkActionKind { AddTag, RemoveTag, AssignOwner }

/// <param name="Value">The tag, or the owner's staff id (empty clears the owner).</param>
public sealed record BulkAction(BulkActionKind Kind, string? Value);

/// <summary>
/// The tag and owner steps customers and companies share: both are tagged through <see cref="RecordTag"/> rows and
/// owned by a staff id, so only the owner column's table differs.
/// </summary>
internal static class RecordBulk
{
    /// <summary>The action's value as it will be written; refused (with a message to show) before anything is.</summary>
    public static async Task<string?> ValidatedValueAsync(BulkAction action, StaffDirectory staff, CancellationToken ct) =>
        action.Kind == BulkActionKind.AssignOwner
            ? await OwnerAsync(action.Value, staff, ct)
            : ChunkedBulk.Tag(action.Value);

    /// <summary>A staff id that exists, or null to clear the owner.</summary>
    public static async Task<string?> OwnerAsync(string? ownerId, StaffDirectory staff, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ownerId)) return null;
        return await staff.NameOfAsync(ownerId, ct) is null
            ? throw new DomainException("That person is not on the team.")
            : ownerId;
    }

    /// <summary>Adds or removes <paramref name="tag"/> on the records; adding skips those that have it already.</summary>
    public static async Task TagAsync(CrmDbContext db, BulkActionKind kind, string tag, IReadOnlyList<Guid> ids,
        CancellationToken ct)
    {
        var existing = db.RecordTags.Where(t => t.Tag == tag && ids.Contains(t.RecordId));
        if (kind == BulkActionKind.RemoveTag)
        {
            await existing.ExecuteDeleteAsync(ct);
            return;
        }
        var tagged = await existing.Select(t => t.RecordId).ToListAsync(ct);
        db.RecordTags.AddRange(ids.Except(tagged).Select(id => new RecordTag(id, tag)));
        await db.SaveChangesAsync(ct);
    }
}
