using CrmLive.Domain.Common;

namespace CrmLive.Domain.Imports;

public enum ImportKind { Customers, Orders }

/// <summary>What a row whose customer (or order) is already on file does.</summary>
public enum DuplicateHandling { Update, Skip }

public enum ImportStatus { Uploaded, DryRunning, Checked, Importing, Completed, Failed, Cancelled }

/// <summary>
/// One uploaded file on its way in: the column mapping, the dry run's and the real run's progress and counts.
/// Rows are written in batches, each its own transaction, so a failure stops at a batch boundary.
/// </summary>
public sealed class ImportRun : Entity
{
    public const int MaxMappingLength = 8_000;

    private ImportRun() { }

    public ImportRun(ImportKind kind, string fileName, long fileBytes, string createdById, string createdByName,
        DateTimeOffset createdAt)
    {
        Kind = kind;
        FileName = Guard.NotBlank(Path.GetFileName(fileName), "The file name", 200);
        FileBytes = fileBytes;
        CreatedById = createdById;
        CreatedByName = createdByName;
        CreatedAt = createdAt;
        Status = ImportStatus.Uploaded;
    }

    public ImportKind Kind { get; private set; }
    public string FileName { get; private set; } = "";
    public long FileBytes { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public ImportStatus Status { get; private set; }

    /// <summary>The column mapping as JSON (<see cref="ImportMapping"/>).</summary>
    public string Mapping { get; private set; } = "{}";

    public bool DryRun { get; private set; }
    public long ProcessedRows { get; private set; }
    public long ProcessedBytes { get; private set; }
    public long Created { get; private set; }
    public long Updated { get; private set; }
    public long Skipped { get; private set; }
    public long Failed { get; private set; }
    public string? Error { get; private set; }
    public bool CancelRequested { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public bool IsRunning => Status is ImportStatus.DryRunning or ImportStatus.Importing;
    public bool IsFinished => Status is ImportStatus.Completed or ImportStatus.Failed or ImportStatus.Cancelled;

    public int Percent => FileBytes <= 0 ? 0 : (int)Math.Clamp(ProcessedBytes * 100 / FileBytes, 0, 100);

    /// <summary>Before the real run, or after a dry run that stopped, the mapping may change and a run may start.</summary>
    public bool CanStart => Status is ImportStatus.Uploaded or ImportStatus.Checked
        || (DryRun && Status is ImportStatus.Failed or ImportStatus.Cancelled);

    /// <summary>The upload has been stored in full.</summary>
    public void Stored(long fileBytes) => FileBytes = fileBytes;

    public void SetMapping(string mappingJson)
    {
        if (!CanStart) throw new DomainException(IsRunning ? "This import is running; wait for it or stop it first."
            : "This file has already been imported; upload it again to change its mapping.");
        if (string.IsNullOrWhiteSpace(mappingJson) || mappingJson.Length > MaxMappingLength)
            throw new DomainException("The column mapping is empty or too long.");
        Mapping = mappingJson;
        Status = ImportStatus.Uploaded;
    }

    /// <summary>Starts the dry run (nothing written) or the real run; counts start from zero each time.</summary>
    public void Start(bool dryRun, DateTimeOffset now)
    {
        if (!CanStart) throw new DomainException(IsRunning ? "This import is already running."
            : "This file has already been imported; upload it again to import it once more.");
        DryRun = dryRun;
        Status = dryRun ? ImportStatus.DryRunning : ImportStatus.Importing;
        ProcessedRows = ProcessedBytes = Created = Updated = Skipped = Failed = 0;
        Error = null;
        CancelRequested = false;
        StartedAt = now;
        FinishedAt = null;
    }

    public void Progress(long rows, long bytes, long created, long updated, long skipped, long failed)
    {
        ProcessedRows = rows;
        ProcessedBytes = Math.Min(bytes, FileBytes);
        Created = created;
        Updated = updated;
        Skipped = skipped;
        Failed = failed;
    }

    public void Finish(DateTimeOffset now)
    {
        ProcessedBytes = FileBytes;
        Status = CancelRequested ? ImportStatus.Cancelled : DryRun ? ImportStatus.Checked : ImportStatus.Completed;
        FinishedAt = now;
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Error = error.Length > 1000 ? error[..1000] : error;
        Status = ImportStatus.Failed;
        FinishedAt = now;
    }

    public void RequestCancel()
    {
        if (IsRunning) CancelRequested = true;
    }
}

/// <summary>One row the import could not take, with the reason, for the downloadable report.</summary>
public sealed class ImportRowError
{
    public const int MaxMessageLength = 500;

    private ImportRowError() { }

    public ImportRowError(Guid runId, long rowNumber, string? column, string message)
    {
        RunId = runId;
        RowNumber = rowNumber;
        Column = column is { Length: > 100 } ? column[..100] : column;
        Message = message.Length > MaxMessageLength ? message[..MaxMessageLength] : message;
    }

    public long Id { get; private set; }
    public Guid RunId { get; private set; }
    public long RowNumber { get; private set; }
    public string? Column { get; private set; }
    public string Message { get; private set; } = "";
}

/// <summary>A slice of an uploaded file, kept in the database so any app instance can run the import.</summary>
public sealed class ImportFileChunk
{
    public const int Size = 1 << 20;

    private ImportFileChunk() { }

    public ImportFileChunk(Guid runId, int index, byte[] data)
    {
        RunId = runId;
        Index = index;
        Data = data;
    }

    public Guid RunId { get; private set; }
    public int Index { get; private set; }
    public byte[] Data { get; private set; } = [];
}
