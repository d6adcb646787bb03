using System.Globalization;
using System.Text;
using CrmLive.Domain.Bot;
using CrmLive.Domain.Common;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CrmLive.Infrastructure.Bot;

public sealed record CsvRowError(int Line, string Reason);

public sealed record IntentImportResult(int Rows, int Added, int Duplicates, int NewIntents, IReadOnlyList<CsvRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Intents with their examples as CSV (<c>text,intent</c>), in and out. An import is all or nothing: any bad row and
/// nothing is written, with every problem listed by line.
/// </summary>
public sealed class IntentCsv(IDbContextFactory<CrmDbContext> dbFactory, TimeProvider clock, ILiveEventBus bus,
    ILogger<IntentCsv> logger)
{
    public const int MaxRows = 50_000;

    /// <summary>A new intent from a file answers safely until a manager writes its answer.</summary>
    public const string PlaceholderAnswer = "Let me pass you to a colleague who can help with that.";

    public async Task<byte[]> ExportAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.IntentExamples.AsNoTracking()
            .Join(db.Intents, e => e.IntentId, i => i.Id, (e, i) => new { e.Text, Intent = i.Name, e.Id })
            .OrderBy(r => r.Intent).ThenBy(r => r.Id)
            .ToListAsync(ct);
        await using var buffer = new MemoryStream();
        // A BOM so spreadsheet programs read UTF-8; formula-looking cells are escaped against CSV injection.
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            csv.WriteHeader(["text", "intent"]);
            foreach (var row in rows) csv.WriteRecord([row.Text, row.Intent]);
        }
        return buffer.ToArray();
    }

    public async Task<IntentImportResult> ImportAsync(Stream file, CancellationToken ct = default)
    {
        var (rows, errors) = Parse(file);
        if (errors.Count > 0)
        {
            logger.LogWarning("Intent import refused: {Errors} bad rows of {Rows}", errors.Count, rows.Count + errors.Count);
            return new IntentImportResult(rows.Count + errors.Count, 0, 0, 0, errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var intents = await db.Intents.ToDictionaryAsync(i => i.Name, ct);
        var existing = (await db.IntentExamples.AsNoTracking().Select(e => new { e.IntentId, e.Text }).ToListAsync(ct))
            .Select(e => (e.IntentId, e.Text)).ToHashSet();
        int added = 0, duplicates = 0, created = 0;
        foreach (var (text, intentName) in rows)
        {
            if (!intents.TryGetValue(intentName, out var intent))
            {
                intent = new Intent(intentName, PlaceholderAnswer, IntentAction.HandOff, now);
                db.Intents.Add(intent);
                intents[intentName] = intent;
                created++;
            }
            if (!existing.Add((intent.Id, text)))
            {
                duplicates++;
                continue;
            }
            db.IntentExamples.Add(new IntentExample(intent.Id, text, ExampleSource.Import, now));
            added++;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await bus.PublishAsync(new BotKnowledgeChanged("import"), ct);
        logger.LogInformation("Intent import: {Added} examples added, {Duplicates} already there, {Created} new intents",
            added, duplicates, created);
        return new IntentImportResult(rows.Count, added, duplicates, created, []);
    }

    private static (List<(string Text, string Intent)> Rows, List<CsvRowError> Errors) Parse(Stream file)
    {
        var rows = new List<(string, string)>();
        var errors = new List<CsvRowError>();
        var options = new CsvReaderOptions
        {
            DetectSeparatorHint = true, // comma, semicolon or tab, as spreadsheets save them
            TrackLineNumbers = true,
            NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => errors.Add(new CsvRowError((int)bad.LineNumber, $"Malformed CSV ({bad.Reason}).")),
        };
        using var csv = CsvReader.Create(file, options, leaveOpen: true);
        try
        {
            var checkedHeader = false;
            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                if (!checkedHeader)
                {
                    var header = (csv.Headers ?? []).Select(h => h.Trim().ToLowerInvariant()).ToList();
                    if (!header.Contains("text") || !header.Contains("intent"))
                        return (rows, [new CsvRowError(1, $"The header must name the columns text and intent (found: {string.Join(", ", header)}).")]);
                    checkedHeader = true;
                }
                if (rows.Count + errors.Count >= MaxRows)
                {
                    errors.Add(new CsvRowError(line, $"A file can hold at most {MaxRows} rows."));
                    break;
                }
                try
                {
                    var name = Intent.NormalizeName(csv.GetString("intent"));
                    var example = Guard.NotBlank(csv.GetString("text"), "text", IntentExample.MaxTextLength);
                    rows.Add((example, name));
                }
                catch (DomainException ex)
                {
                    errors.Add(new CsvRowError(line, ex.Message));
                }
            }
            if (!checkedHeader) errors.Add(new CsvRowError(1, "The file has no rows; it needs a header row text,intent and examples."));
        }
        catch (Exception ex) when (ex is CsvFormatException or DecoderFallbackException or InvalidOperationException)
        {
            errors.Add(new CsvRowError((int)csv.LineNumber, $"The file could not be read as CSV: {ex.Message.Split('\n')[0]}"));
        }
        return (rows, errors);
    }
}
