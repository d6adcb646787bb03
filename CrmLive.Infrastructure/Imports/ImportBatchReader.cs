using System.Threading.Channels;
using CrmLive.Domain.Imports;
using CsvHelper;

namespace CrmLive.Infrastructure.Imports;

/// <summary>One batch of rows read from the file, the rows CsvHelper could not read in it, and how far into the file it ends.</summary>
public sealed record SourceBatch(List<ImportRowSource> Rows, List<(long Row, string Reason)> Malformed, long ByteOffset, bool Last);

/// <summary>
/// Reads a stored import file in batches on its own thread, one batch ahead of the writer: parsing the next batch
/// overlaps writing this one, so the CSV work and the database work each keep a core busy. A file that cannot be read
/// ends <see cref="Batches"/> with its <see cref="CsvFileException"/>, after the batches read before it.
/// </summary>
internal sealed class ImportBatchReader : IAsyncDisposable
{
    private readonly Channel<SourceBatch> _batches =
        Channel.CreateBounded<SourceBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    public ImportBatchReader(Stream file, ImportMapping mapping, int batchSize, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reading = Task.Run(() => ReadAsync(file, mapping, batchSize, _stop.Token));
    }

    public IAsyncEnumerable<SourceBatch> Batches => _batches.Reader.ReadAllAsync(_stop.Token);

    private async Task ReadAsync(Stream file, ImportMapping mapping, int batchSize, CancellationToken ct)
    {
        try
        {
            var malformed = new List<(long Row, string Reason)>();
            using var csv = CsvReader.Create(file, CsvFile.Options(bad => malformed.Add((bad.RecordNumber, Describe(bad.Reason)))), leaveOpen: true);
            var fieldIndex = FieldIndex(mapping);
            var more = true;
            while (more)
            {
                var rows = new List<ImportRowSource>(batchSize);
                CsvFile.Guard(() =>
                {
                    while (rows.Count < batchSize && (more = csv.Read()))
                    {
                        var values = new string?[csv.FieldCount];
                        for (var i = 0; i < values.Length; i++) values[i] = Unescape(csv.GetString(i));
                        rows.Add(new ImportRowSource(csv.RowNumber + 1, f => fieldIndex.TryGetValue(f, out var i) ? i < values.Length ? values[i] ?? "" : "" : null));
                    }
                });
                if (rows.Count == 0 && malformed.Count == 0) break;
                await _batches.Writer.WriteAsync(new SourceBatch(rows, [.. malformed], csv.ByteOffset, Last: !more), ct);
                malformed.Clear();
            }
            _batches.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _batches.Writer.TryComplete(ex);
        }
    }

    private static Dictionary<string, int> FieldIndex(ImportMapping mapping)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < mapping.Targets.Count; i++)
            if (mapping.Targets[i] is { } target) index.TryAdd(target, i);
        return index;
    }

    /// <summary>Our own exports (and careful spreadsheets) put an apostrophe before a cell that looks like a formula.</summary>
    internal static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;

    private static string Describe(CsvMalformedReason reason) => $"The row is not valid CSV ({reason}); check its quotes.";

    /// <summary>Stops reading ahead (the run finished, failed or was stopped) and waits for the reading thread to let go of the file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading; // never faults: a failure completes the channel instead
        _stop.Dispose();
    }
}
