using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Imports;

/// <summary>Limits of CSV imports (section <c>Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>Largest upload, in megabytes.</summary>
    [Range(1, 2048)] public int MaxFileMegabytes { get; set; } = 500;

    /// <summary>
    /// Rows per batch; each batch is one transaction. At most 30,000: a batch looks up its keys (e-mails, external ids)
    /// in one query, and SQLite takes at most 32,766 values in one statement.
    /// </summary>
    [Range(10, 30_000)] public int BatchSize { get; set; } = 10_000;

    /// <summary>Row errors kept for the report; the count beyond is still exact.</summary>
    [Range(100, 1_000_000)] public int MaxReportedErrors { get; set; } = 10_000;
}
