using System.Text.RegularExpressions;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>A label on a conversation ("billing", "vip"…), used to sort the inbox into views.</summary>
public sealed partial class ConversationLabel
{
    public const int MaxLength = 32;

    private ConversationLabel() { }

    public ConversationLabel(Guid conversationId, string label)
    {
        ConversationId = conversationId;
        Label = Normalize(label);
    }

    public Guid ConversationId { get; private set; }
    public string Label { get; private set; } = "";

    /// <summary>Lower-case words joined by hyphens, so "VIP Customer" and "vip-customer" are one label.</summary>
    public static string Normalize(string? label)
    {
        var words = Words().Matches((label ?? "").ToLowerInvariant()).Select(m => m.Value);
        var normalized = string.Join('-', words);
        if (normalized.Length == 0) throw new DomainException("A label needs at least one letter or digit.");
        if (normalized.Length > MaxLength) throw new DomainException($"A label can be at most {MaxLength} characters.");
        return normalized;
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex Words();
}
