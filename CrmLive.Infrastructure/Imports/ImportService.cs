using System.Text.Json;
using CrmLive.Domain.Common;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure.Persistence;
using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Imports;

public sealed record ImportRunView(Guid Id, ImportKind Kind, string FileName, long FileBytes, string CreatedByName,
    DateTimeOffset CreatedAt, ImportStatus Status, bool DryRun, long ProcessedRows, int Percent, long Created, long Updated,
    long Skipped, long Failed, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, bool CanStart)
{
    public bool IsRunning => Status is ImportStatus.DryRunning or ImportStatus.Importing;
}

/// <summary>The mapping step's material: the file's columns with sample values, the guessed or saved mapping, the fields.</summary>
public sealed record ImportPreview(ImportRunView Run, IReadOnlyList<string> Headers, IReadOnlyList<string[]> SampleRows,
    ImportMapping Mapping, IReadOnlyList<ImportField> Fields);

public sealed record ImportErrorLine(long Row, string? Column, string Message);

/// <summary>
/// The import workflow behind the page: upload (stored, previewed, columns guessed), mapping, dry run, real run
/// (both Hangfire jobs with progress), stop, and the per-row error report.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<CrmDbContext> dbFactory,
    ImportFiles files,
    IBackgroundJobClient jobs,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportService> logger)
{
    public long MaxFileBytes => options.Value.MaxFileMegabytes * 1024L * 1024L;

    /// <summary>Stores the file and guesses the mapping; a file that cannot be read as CSV is refused and not kept.</summary>
    public async Task<ImportPreview> UploadAsync(ImportKind kind, string fileName, Stream content, string userId, string userName,
        CancellationToken ct = default)
    {
        var run = new ImportRun(kind, fileName, 0, userId, userName, clock.GetUtcNow());
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.ImportRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        try
        {
            var bytes = await files.SaveAsync(run.Id, content, MaxFileBytes, ct);
            if (bytes == 0) throw new CsvFileException("The file is empty.");
            var (headers, _) = await ReadPreviewAsync(run.Id);
            var fields = ImportFields.For(kind);
            var mapping = new ImportMapping(ImportFields.Guess(headers, fields, await AttributeKeysAsync(kind, ct)),
                headers.Select(ImportFields.Normalize).Contains("email") || kind == ImportKind.Orders ? DuplicateKey.Email
                    : DuplicateKey.ExternalId);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var stored = await db.ImportRuns.SingleAsync(r => r.Id == run.Id, ct);
            stored.Stored(bytes);
            stored.SetMapping(JsonSerializer.Serialize(mapping, ImportRunner.Json));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Import {RunId}: {File} uploaded ({Bytes} bytes, {Columns} columns) by {User}", run.Id, run.FileName, bytes, headers.Count, userName);
            return (await PreviewAsync(run.Id, ct))!;
        }
        catch (Exception ex) when (ex is CsvFileException or ImportFileTooLargeException)
        {
            logger.LogWarning("Import upload {File} refused: {Reason}", fileName, ex.Message);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.ImportRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw new DomainException(ex.Message);
        }
    }

    public async Task<ImportPreview?> PreviewAsync(Guid runId, CancellationToken ct = default)
    {
        var run = await GetAsync(runId, ct);
        if (run is null) return null;
        var (headers, rows) = await ReadPreviewAsync(runId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var json = await db.ImportRuns.Where(r => r.Id == runId).Select(r => r.Mapping).SingleAsync(ct);
        var mapping = JsonSerializer.Deserialize<ImportMapping>(json, ImportRunner.Json) ?? new ImportMapping([]);
        var fields = ImportFields.For(run.Kind).ToList();
        if (run.Kind == ImportKind.Customers)
            fields.AddRange((await AttributeKeysAsync(run.Kind, ct)).Select(a =>
                new ImportField(ImportFields.AttributeTarget(a.Key), $"{a.Label} (custom field)", false)));
        return new ImportPreview(run, headers, rows, mapping, fields);
    }

    /// <summary>Saves the mapping the user chose; problems (a required field unmapped…) come back as one message.</summary>
    public async Task SaveMappingAsync(Guid runId, ImportMapping mapping, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new DomainException("That import no longer exists.");
        var problems = ImportFields.Problems(run.Kind, mapping);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        run.SetMapping(JsonSerializer.Serialize(mapping, ImportRunner.Json));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Starts the dry run or the real run as a background job.</summary>
    public async Task StartAsync(Guid runId, bool dryRun, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new DomainException("That import no longer exists.");
        var mapping = JsonSerializer.Deserialize<ImportMapping>(run.Mapping, ImportRunner.Json) ?? new ImportMapping([]);
        var problems = ImportFields.Problems(run.Kind, mapping);
        if (problems.Count > 0) throw new DomainException(string.Join(" ", problems));
        run.Start(dryRun, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportRunner>(r => r.RunJobAsync(runId, CancellationToken.None));
        logger.LogInformation("Import {RunId}: {Mode} started", runId, dryRun ? "dry run" : "real run");
    }

    public async Task CancelAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == runId, ct);
        run?.RequestCancel();
        await db.SaveChangesAsync(ct);
    }

    public async Task<ImportRunView?> GetAsync(Guid runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        return run is null ? null : View(run);
    }

    public async Task<IReadOnlyList<ImportRunView>> RecentAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(take).ToListAsync(ct);
        return runs.Select(View).ToList();
    }

    public async Task<IReadOnlyList<ImportErrorLine>> ErrorsAsync(Guid runId, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ImportRowErrors.AsNoTracking().Where(e => e.RunId == runId).OrderBy(e => e.RowNumber).ThenBy(e => e.Id)
            .Take(take).Select(e => new ImportErrorLine(e.RowNumber, e.Column, e.Message)).ToListAsync(ct);
    }

    /// <summary>The per-row error report as CSV (row, column, message), streamed in pages.</summary>
    public async Task WriteErrorReportAsync(Guid runId, Stream output, CancellationToken ct = default)
    {
        var sink = new Text.DrainingStream(output);
        await using (var csv = CsvWriter.Create(sink, Lists.ListCsv.Options, leaveOpen: true))
        {
            csv.WriteHeader(["row", "column", "problem"]);
            long afterId = 0;
            while (true)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var page = await db.ImportRowErrors.AsNoTracking().Where(e => e.RunId == runId && e.Id > afterId).OrderBy(e => e.Id)
                    .Take(2_000).Select(e => new { e.Id, e.RowNumber, e.Column, e.Message }).ToListAsync(ct);
                if (page.Count == 0) break;
                foreach (var e in page) csv.WriteRecord([e.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Column ?? "", e.Message]);
                afterId = page[^1].Id;
                await csv.FlushAsync(ct);
                await sink.DrainAsync(ct);
            }
        }
        await sink.DrainAsync(ct);
    }

    private async Task<(IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows)> ReadPreviewAsync(Guid runId)
    {
        await using var stream = files.OpenRead(runId);
        return CsvFile.Preview(stream);
    }

    private async Task<IReadOnlyList<(string Key, string Label)>> AttributeKeysAsync(ImportKind kind, CancellationToken ct)
    {
        if (kind != ImportKind.Customers) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.CustomAttributes.AsNoTracking().Where(a => a.Target == AttributeTarget.Customer)
            .OrderBy(a => a.Position).Select(a => new { a.Key, a.Label }).ToListAsync(ct)).Select(a => (a.Key, a.Label)).ToList();
    }

    private static ImportRunView View(ImportRun r) => new(r.Id, r.Kind, r.FileName, r.FileBytes, r.CreatedByName, r.CreatedAt,
        r.Status, r.DryRun, r.ProcessedRows, r.Percent, r.Created, r.Updated, r.Skipped, r.Failed, r.Error, r.StartedAt,
        r.FinishedAt, r.CanStart);
}
