using System.Text;
using CsvHelper;

namespace CrmLive.Infrastructure.Imports;

/// <summary>The file could not be read as CSV at all (encoding, quoting, no header); the message says why.</summary>
public sealed class CsvFileException(string message) : Exception(message);

/// <summary>
/// Opens an uploaded file the way people save them: UTF-8 with or without a byte order mark (UTF-16 by its mark),
/// comma, semicolon or tab separated (detected, or Excel's <c>sep=;</c> line), quoted fields with line breaks.
/// Bytes that are not UTF-8 stop the file with a clear message instead of importing mangled names.
/// </summary>
public static class CsvFile
{
    public const int PreviewRows = 5;
    public const string NotUtf8 = "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again.";

    public static CsvReaderOptions Options(Action<CsvMalformedRecord>? onMalformed = null) => new()
    {
        DetectSeparatorHint = true,
        TrackLineNumbers = true,
        TrimWhitespace = true,
        MaxRecordSize = 1 << 20,
        IncludeValuesInExceptions = false,
        MalformedData = CsvMalformedDataHandling.Skip,
        OnMalformedRecord = onMalformed,
    };

    /// <summary>The header and the first rows, for the mapping step.</summary>
    public static (IReadOnlyList<string> Headers, IReadOnlyList<string[]> Rows) Preview(Stream file)
    {
        var rows = new List<string[]>();
        using var csv = CsvReader.Create(file, Options(), leaveOpen: true);
        IReadOnlyList<string> headers = [];
        Guard(() =>
        {
            while (rows.Count < PreviewRows && csv.Read())
                rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
            headers = csv.Headers?.ToArray() ?? [];
        });
        if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            throw new CsvFileException("The file is empty or has no header row. The first line must name the columns.");
        if (headers.Count == 1 && rows.Count > 0 && rows.All(r => r.Length == 1) && headers[0].Length > 60)
            throw new CsvFileException("Only one column was found. Is the file comma, semicolon or tab separated?");
        return (headers, rows);
    }

    /// <summary>Runs a read, turning CsvHelper's and the decoder's exceptions into a message for people.</summary>
    public static void Guard(Action read)
    {
        try
        {
            read();
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFileException(NotUtf8);
        }
        catch (CsvFormatException ex)
        {
            throw new CsvFileException($"The file could not be read as CSV: {ex.Message.Split('\n')[0]}");
        }
        catch (InvalidDataException ex)
        {
            throw new CsvFileException($"The file could not be read as CSV: {ex.Message.Split('\n')[0]}");
        }
    }
}
