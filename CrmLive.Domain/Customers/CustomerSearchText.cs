namespace CrmLive.Domain.Customers;

/// <summary>
/// The one text search-as-you-type matches against, and the same normal form for what the agent types: lower case,
/// phone numbers as bare digits, so "+44 20 7946" finds "+44 (0)20-7946…" by "207946".
/// </summary>
public static class CustomerSearchText
{
    public static string Build(string name, IEnumerable<string?> emails, IEnumerable<string?> phones, string? company)
    {
        var parts = new List<string> { name };
        parts.AddRange(emails.OfType<string>());
        parts.AddRange(phones.OfType<string>().Select(ContactPoints.Digits));
        if (!string.IsNullOrWhiteSpace(company)) parts.Add(company);
        var text = string.Join(" | ", parts).ToLowerInvariant();
        return text.Length > 1000 ? text[..1000] : text;
    }

    /// <summary>What to look for: a phone-like term is reduced to its digits, anything else lower-cased.</summary>
    public static string NormalizeTerm(string term)
    {
        var trimmed = term.Trim();
        var looksLikePhone = trimmed.Length > 0 && trimmed.All(ch => char.IsAsciiDigit(ch) || " +-().".Contains(ch))
            && trimmed.Any(char.IsAsciiDigit);
        return looksLikePhone ? ContactPoints.Digits(trimmed) : trimmed.ToLowerInvariant();
    }
}
