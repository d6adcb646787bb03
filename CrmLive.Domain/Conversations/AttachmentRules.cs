using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>An inbox's limits on what may be attached: sniffed content types and a size cap.</summary>
public sealed record AttachmentRules(string TypesText, long MaxBytes)
{
    public const string DefaultTypes = "image/png\nimage/jpeg\nimage/gif\nimage/webp\napplication/pdf\ntext/plain";
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const long HardMaxBytes = 50 * 1024 * 1024;

    public IReadOnlyList<string> Types =>
        TypesText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static AttachmentRules Create(IEnumerable<string> contentTypes, long maxBytes)
    {
        if (maxBytes is < 1 or > HardMaxBytes)
            throw new DomainException($"The size limit must be between 1 byte and {HardMaxBytes / 1024 / 1024} MB.");
        var types = contentTypes.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        var unknown = types.FirstOrDefault(t => !FileSniffer.Known.Contains(t));
        if (unknown is not null)
            throw new DomainException($"'{unknown}' is not a type CrmLive can recognise. Use: {string.Join(", ", FileSniffer.Known)}.");
        return new AttachmentRules(string.Join('\n', types), maxBytes);
    }

    /// <summary>Why this file may not be attached, or null when it may.</summary>
    public string? Refusal(string sniffedType, long length)
    {
        if (length <= 0) return "The file is empty.";
        if (length > MaxBytes) return $"Files can be at most {FormatSize(MaxBytes)}.";
        if (!Types.Contains(sniffedType))
            return Types.Count == 0
                ? "Attachments are turned off for this chat."
                : $"This kind of file can't be sent here. Allowed: {string.Join(", ", Types.Select(FileSniffer.Describe))}.";
        return null;
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };
}
