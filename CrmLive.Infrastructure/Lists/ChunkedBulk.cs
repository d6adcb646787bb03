using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Lists;

/// <summary>How far a bulk action has got: records walked so far out of those in scope when it started.</summary>
public sealed record BulkProgress(int Done, int Total);

/// <summary>
/// The shared engine of every list's bulk actions: walks the ids of a scope (a picked selection or a whole filtered
/// result — a million rows is fine) in id order, <see cref="ChunkSize"/> at a time, and hands each chunk to an apply
/// step that must do its writes in one transaction. Keyset on the id rather than OFFSET, so rows the action moves out
/// of the scope never make it skip others; a stop between chunks keeps the finished ones whole.
/// </summary>
public static class ChunkedBulk
{
    public const int ChunkSize = 2000;

    /// <param name="scope">The ids to act on; re-queried per chunk, so its context must live until this returns.</param>
    /// <param name="applyChunk">Writes one chunk, all or nothing (its own transaction).</param>
    /// <returns>How many records were walked.</returns>
    public static async Task<int> RunAsync(IQueryable<Guid> scope, Func<IReadOnlyList<Guid>, CancellationToken, Task> applyChunk,
        IProgress<BulkProgress>? progress, CancellationToken ct, int chunkSize = ChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var total = await scope.CountAsync(ct);
        progress?.Report(new BulkProgress(0, total));

        var done = 0;
        Guid? after = null;
        while (true)
        {
            var rest = after is { } last ? scope.Where(id => id.CompareTo(last) > 0) : scope;
            var ids = await rest.OrderBy(id => id).Take(chunkSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            await applyChunk(ids, ct);
            done += ids.Count;
            after = ids[^1];
            progress?.Report(new BulkProgress(done, Math.Max(done, total)));
        }
        // Rows may have left the scope meanwhile (someone else's edit); the end is the end all the same.
        if (done != total) progress?.Report(new BulkProgress(done, done));
        return done;
    }

    /// <summary>A bulk action's tag, normalized like every tag, with a message fit for a bulk bar when left empty.</summary>
    public static string Tag(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new Domain.Common.DomainException("Type the tag to add or remove.")
            : Domain.Customers.RecordTag.Normalize(value);
}
