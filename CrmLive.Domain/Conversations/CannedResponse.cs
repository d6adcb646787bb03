using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>A saved reply agents insert by typing <c>/shortcut</c> in the composer.</summary>
public sealed partial class CannedResponse : Entity
{
    public const int MaxShortcutLength = 32;

    private CannedResponse() { }

    public CannedResponse(string shortcut, string text, DateTimeOffset createdAt)
    {
        Edit(shortcut, text);
        CreatedAt = createdAt;
    }

    public string Shortcut { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public void Edit(string shortcut, string text)
    {
        var key = (shortcut ?? "").Trim().TrimStart('/').ToLowerInvariant();
        if (!ShortcutPattern().IsMatch(key))
            throw new DomainException($"A shortcut is 1–{MaxShortcutLength} letters, digits, '-' or '_' (like 'refund-policy').");
        Shortcut = key;
        Text = Guard.NotBlank(text, "Reply text", Conversation.MaxTextLength);
    }

    /// <summary>Shortcuts that begin with what the agent typed after "/", then those that merely contain it.</summary>
    public static IEnumerable<CannedResponse> Match(IEnumerable<CannedResponse> all, string typed)
    {
        var term = typed.Trim().TrimStart('/').ToLowerInvariant();
        return all
            .Where(c => term.Length == 0 || c.Shortcut.Contains(term, StringComparison.Ordinal)
                || c.Text.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Shortcut.StartsWith(term, StringComparison.Ordinal) ? 0 : c.Shortcut.Contains(term, StringComparison.Ordinal) ? 1 : 2)
            .ThenBy(c => c.Shortcut, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^[a-z0-9_-]{1,32}$", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex ShortcutPattern();
}
