namespace CrmLive.Domain.Conversations;

/// <summary>
/// Decides what a file is from its first bytes, never from the name or the type the client claimed. Anything not
/// recognised (SVG and HTML included) is <c>application/octet-stream</c> and is only ever downloaded.
/// </summary>
public static class FileSniffer
{
    public const string Binary = "application/octet-stream";
    public const int HeaderLength = 512;

    public static readonly IReadOnlyList<string> Known =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain", "application/zip"];

    /// <summary>Images a browser may show inline; SVG is deliberately absent (it can carry script).</summary>
    public static bool IsSafeImage(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/gif" or "image/webp";

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)) return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04])) return "application/zip";
        return LooksLikePlainText(head) ? "text/plain" : Binary;
    }

    public static string Describe(string contentType) => contentType switch
    {
        "image/png" => "PNG",
        "image/jpeg" => "JPEG",
        "image/gif" => "GIF",
        "image/webp" => "WebP",
        "application/pdf" => "PDF",
        "text/plain" => "text",
        "application/zip" => "ZIP",
        _ => contentType,
    };

    /// <summary>UTF-8 without control bytes, and nothing a browser could mistake for markup.</summary>
    private static bool LooksLikePlainText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty) return false;
        foreach (var b in head)
            if (b < 0x09 || b is > 0x0D and < 0x20 || b == 0x7F) return false;
        var start = head.TrimStart(" \t\r\n"u8);
        if (start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) start = start[3..].TrimStart(" \t\r\n"u8);
        if (!start.IsEmpty && start[0] == (byte)'<') return false; // HTML, SVG, XML: treat as binary
        return System.Text.Unicode.Utf8.IsValid(TrimPartialRune(head));
    }

    /// <summary>The header is cut at a fixed length, possibly mid-character; ignore an incomplete last rune.</summary>
    private static ReadOnlySpan<byte> TrimPartialRune(ReadOnlySpan<byte> head)
    {
        for (var i = 1; i <= 3 && i <= head.Length; i++)
        {
            var b = head[^i];
            if ((b & 0xC0) == 0x80) continue; // continuation byte
            var need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return need > i ? head[..^i] : head;
        }
        return head;
    }

    /// <summary>A file name safe to store and show: no path, no control characters, bounded length.</summary>
    public static string CleanFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? "").Replace('\\', '/').Split('/').Last());
        var clean = new string(bare.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or '*' or '?' or ':')).ToArray()).Trim();
        if (clean.Length == 0 || clean.Trim('.').Length == 0) clean = "file";
        return clean.Length <= 120 ? clean : clean[..(120 - Path.GetExtension(clean).Length)] + Path.GetExtension(clean)[..Math.Min(10, Path.GetExtension(clean).Length)];
    }
}
