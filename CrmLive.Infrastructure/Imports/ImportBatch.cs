using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Persistence;

namespace CrmLive.Infrastructure.Imports;

/// <summary>Rows of one batch, already read from the file, with their row numbers (the header is row 1).</summary>
public sealed record ImportRowSource(long RowNumber, Func<string, string?> Cell);

/// <summary>What a batch did: counts and the rows it refused.</summary>
public sealed class BatchOutcome
{
    public long Created { get; set; }
    public long Updated { get; set; }
    public long Skipped { get; set; }
    public List<(long Row, FieldProblem Problem)> Problems { get; } = [];

    /// <summary>New rows, written after EF has saved the batch's updates, in the same transaction.</summary>
    public PendingInserts Inserts { get; } = new();

    public long FailedRows => Problems.Select(p => p.Row).Distinct().LongCount();
}

/// <summary>Writes (or, in a dry run, checks) one batch of rows inside the caller's transaction.</summary>
public interface IImportBatchWriter
{
    Task<BatchOutcome> WriteAsync(CrmDbContext db, IReadOnlyList<ImportRowSource> rows, bool dryRun, CancellationToken ct);
}

/// <summary>What one run remembers between batches: companies by name, and the keys a dry run has already counted.</summary>
public sealed class ImportRunContext
{
    private readonly HashSet<ulong> _keys = [];

    public Dictionary<string, (Guid Id, string Name)> Companies { get; } = [];

    /// <summary>True the first time a key is seen (64-bit hashes keep a million keys in a few MB).</summary>
    public bool RememberKey(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in key.ToLowerInvariant()) hash = (hash ^ ch) * 1099511628211UL;
        return _keys.Add(hash);
    }
}
