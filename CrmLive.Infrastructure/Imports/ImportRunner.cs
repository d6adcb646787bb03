using System.Diagnostics;
using System.Text.Json;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Imports;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Imports;

/// <summary>
/// Runs an import (dry or real) from its stored file: an <see cref="ImportBatchReader"/> parses the rows a batch ahead,
/// the kind's writer writes each batch in one transaction, and progress is reported after every batch. A batch that
/// fails rolls back whole and stops the run there, so no batch is ever half written. The UI's job and the
/// benchmark both come through here.
/// </summary>
public sealed class ImportRunner(
    IDbContextFactory<CrmDbContext> dbFactory,
    IProviderSql providerSql,
    ImportFiles files,
    StaffDirectory staff,
    AuditLog audit,
    ILiveEventBus bus,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<ImportRunner> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>The Hangfire entry point. Never retried: a rerun is the user's choice.</summary>
    [AutomaticRetry(Attempts = 0)]
    public Task RunJobAsync(Guid runId, CancellationToken ct) => RunAsync(runId, ct);

    public async Task RunAsync(Guid runId, CancellationToken ct = default)
    {
        ImportRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            run = await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
                ?? throw new InvalidOperationException($"Import {runId} does not exist.");
            await db.ImportRowErrors.Where(e => e.RunId == runId).ExecuteDeleteAsync(ct);
        }
        var mapping = JsonSerializer.Deserialize<ImportMapping>(run.Mapping, Json)
            ?? throw new InvalidOperationException("The import has no mapping.");
        var writer = await CreateWriterAsync(run, mapping, ct);
        var stopwatch = Stopwatch.StartNew();
        var counts = new Counts();
        var lastReport = TimeSpan.Zero;
        long errorsKept = 0;

        try
        {
            await using var file = files.OpenRead(runId);
            await using var reader = new ImportBatchReader(file, mapping, options.Value.BatchSize, ct);
            await foreach (var batch in reader.Batches)
            {
                var outcome = await WriteBatchAsync(writer, batch.Rows, run.DryRun, ct);
                foreach (var (row, reason) in batch.Malformed) outcome.Problems.Add((row, new FieldProblem("", reason)));
                counts.Add(outcome, batch.Rows.Count + batch.Malformed.Count);
                errorsKept = await KeepErrorsAsync(runId, outcome, errorsKept, ct);

                var cancel = await ProgressAsync(runId, counts, batch.ByteOffset, stopwatch, ref lastReport, force: batch.Last, ct);
                if (cancel) break;
            }
            await FinishAsync(runId, counts, run, stopwatch.Elapsed, ct);
        }
        catch (Exception ex) when (ex is CsvFileException or DbUpdateException or System.Data.Common.DbException or Domain.Common.DomainException or InvalidOperationException)
        {
            var message = ex is DbUpdateException or System.Data.Common.DbException
                ? $"Stopped at row {counts.Rows + 2}: the database refused the batch ({ex.InnerException?.Message ?? ex.Message}). Rows before it were imported; nothing of that batch was written."
                : ex.Message;
            logger.LogWarning(ex, "Import {RunId} ({File}) failed after {Rows} rows", runId, run.FileName, counts.Rows);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var stored = await db.ImportRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
            stored.Progress(counts.Rows, stored.ProcessedBytes, counts.Created, counts.Updated, counts.Skipped, counts.Failed);
            stored.Fail(message, clock.GetUtcNow());
            await db.SaveChangesAsync(CancellationToken.None);
            await bus.PublishAsync(new ImportProgressed(runId, stored.Status.ToString(), counts.Rows, stored.Percent), CancellationToken.None);
        }
    }

    private async Task<BatchOutcome> WriteBatchAsync(IImportBatchWriter writer, List<ImportRowSource> batch, bool dryRun, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        if (dryRun) return await writer.WriteAsync(db, batch, dryRun: true, ct);
        await using var settings = await providerSql.PrepareBulkLoadAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await writer.WriteAsync(db, batch, dryRun: false, ct);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        var bulk = outcome.Inserts.Has<Domain.Customers.Customer>() ? await providerSql.BeginCustomerBulkInsertAsync(db, ct) : CustomerBulkInsert.Nothing;
        await outcome.Inserts.WriteAsync(db, ct);
        await bulk.CompleteAsync(ct);
        await tx.CommitAsync(ct);
        return outcome;
    }

    private async Task<IImportBatchWriter> CreateWriterAsync(ImportRun run, ImportMapping mapping, CancellationToken ct)
    {
        var context = new ImportRunContext();
        if (run.Kind == ImportKind.Orders) return new OrderImportWriter(mapping, context);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attributes = await db.CustomAttributes.AsNoTracking().Where(a => a.Target == AttributeTarget.Customer).ToListAsync(ct);
        var team = (await staff.AllAsync(ct)).Where(s => s.Email is not null)
            .ToDictionary(s => s.Email!.ToLowerInvariant(), s => s.Id);
        return new CustomerImportWriter(run, mapping, attributes, team, context, clock);
    }

    private async Task<long> KeepErrorsAsync(Guid runId, BatchOutcome outcome, long kept, CancellationToken ct)
    {
        if (outcome.Problems.Count == 0 || kept >= options.Value.MaxReportedErrors) return kept;
        var take = (int)Math.Min(outcome.Problems.Count, options.Value.MaxReportedErrors - kept);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ImportRowErrors.AddRange(outcome.Problems.OrderBy(p => p.Row).Take(take)
            .Select(p => new ImportRowError(runId, p.Row, p.Problem.Field, p.Problem.Message)));
        await db.SaveChangesAsync(ct);
        return kept + take;
    }

    /// <summary>Stores the counts (at most four times a second, and at the end) and says whether the user asked to stop.</summary>
    private Task<bool> ProgressAsync(Guid runId, Counts counts, long bytes, Stopwatch stopwatch, ref TimeSpan lastReport,
        bool force, CancellationToken ct)
    {
        if (!force && stopwatch.Elapsed - lastReport < ProgressEvery) return Task.FromResult(false);
        lastReport = stopwatch.Elapsed;
        return ReportAsync(runId, counts, bytes, ct);
    }

    private async Task<bool> ReportAsync(Guid runId, Counts counts, long bytes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, ct);
        run.Progress(counts.Rows, bytes, counts.Created, counts.Updated, counts.Skipped, counts.Failed);
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new ImportProgressed(runId, run.Status.ToString(), counts.Rows, run.Percent), ct);
        return run.CancelRequested;
    }

    private async Task FinishAsync(Guid runId, Counts counts, ImportRun started, TimeSpan took, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, ct);
        run.Progress(counts.Rows, run.FileBytes, counts.Created, counts.Updated, counts.Skipped, counts.Failed);
        run.Finish(clock.GetUtcNow());
        if (!run.DryRun)
            audit.Add(db, new AuditActor(run.CreatedById, run.CreatedByName, null),
                run.Kind == ImportKind.Customers ? AuditActions.CustomersImported : AuditActions.OrdersImported,
                $"File {run.FileName}", $"{counts.Created} created, {counts.Updated} updated, {counts.Skipped} skipped, {counts.Failed} refused{(run.Status == ImportStatus.Cancelled ? " (stopped by the user)" : "")}");
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new ImportProgressed(runId, run.Status.ToString(), counts.Rows, 100), ct);
        logger.LogInformation("Import {RunId} ({File}, {Mode}) {Status}: {Rows} rows in {Seconds:0.0} s — {Created} created, {Updated} updated, {Skipped} skipped, {Failed} refused",
            runId, started.FileName, started.DryRun ? "dry run" : "real run", run.Status, counts.Rows, took.TotalSeconds,
            counts.Created, counts.Updated, counts.Skipped, counts.Failed);
    }

    private sealed class Counts
    {
        public long Rows, Created, Updated, Skipped, Failed;

        public void Add(BatchOutcome outcome, int rows)
        {
            Rows += rows;
            Created += outcome.Created;
            Updated += outcome.Updated;
            Skipped += outcome.Skipped;
            Failed += outcome.FailedRows;
        }
    }
}
