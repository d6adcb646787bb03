using CrmLive.Infrastructure.Text;
using CsvHelper;

namespace CrmLive.Infrastructure.Lists;

/// <summary>
/// Writes a list as CSV to a response as its rows arrive: UTF-8 with a byte order mark (spreadsheets read it),
/// formula-looking cells escaped with an apostrophe (OWASP), flushed every few hundred rows so memory stays flat.
/// </summary>
public static class ListCsv
{
    public static CsvWriterOptions Options => new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static async Task<long> WriteAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<string[]> rows,
        CancellationToken ct)
    {
        long count = 0;
        var sink = new DrainingStream(output);
        await using (var csv = CsvWriter.Create(sink, Options, leaveOpen: true))
        {
            csv.WriteHeader(header.ToArray());
            await foreach (var row in rows.WithCancellation(ct))
            {
                csv.WriteRecord(row);
                if (++count % 500 != 0) continue;
                await csv.FlushAsync(ct);
                await sink.DrainAsync(ct);
            }
        }
        await sink.DrainAsync(ct);
        return count;
    }
}
