using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CrmLive.Domain.Campaigns;

/// <summary>What merge fields can say about one customer. Missing values fall back to the field's default.</summary>
public sealed record MergeValues(string FullName, DateOnly? LastOrderDate, decimal? LastOrderTotal, string? LastOrderCurrency,
    string? LoyaltyTier, string? Segment)
{
    /// <summary>The first word of <see cref="FullName"/>; "" when it is blank.</summary>
    public string FirstName => string.IsNullOrWhiteSpace(FullName)
        ? ""
        : FullName.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
}

/// <summary>Placeholders such as "{{first_name}}" or "{{first_name|there}}" in a campaign's Markdown text.</summary>
public static partial class MergeFields
{
    private const string MarkdownPunctuation = "\\`*_{}[]()#+-.!|<>~&";

    private sealed record Field(string Name, string Description, Func<MergeValues, string?> Value);

    private static readonly Field[] Fields =
    [
        new("first_name", "The customer's first name", v => v.FirstName),
        new("name", "The customer's full name", v => v.FullName),
        new("last_order_date", "The date of the customer's last order, e.g. 3 March 2026",
            v => v.LastOrderDate?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)),
        new("last_order_total", "The total of the customer's last order, e.g. 84.90 EUR",
            v => Total(v.LastOrderTotal, v.LastOrderCurrency)),
        new("loyalty_tier", "The customer's loyalty tier", v => v.LoyaltyTier),
        new("segment", "The customer's segment", v => v.Segment),
    ];

    /// <summary>The fields a manager may use, with a description for the editor's help.</summary>
    public static IReadOnlyList<(string Name, string Description)> Available { get; } =
        Fields.Select(f => (f.Name, f.Description)).ToArray();

    /// <summary>The field names used in the text that are not <see cref="Available"/>, each once, as first typed.</summary>
    public static IReadOnlyList<string> UnknownFields(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return FieldPattern().Matches(markdown)
            .Select(m => m.Groups["name"].Value)
            .Where(name => Find(name) is null)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// Replaces every known field with the customer's value (or its fallback, or "" when neither), escaped for Markdown
    /// so a hostile name such as "*x* [a](javascript:..)" or "&lt;b&gt;" stays literal text. Unknown fields stay as typed.
    /// </summary>
    public static string Apply(string markdown, MergeValues values) => Replace(markdown, values, EscapeMarkdown);

    /// <summary>For plain text such as an e-mail subject: values as they are, on one line.</summary>
    public static string ApplyPlain(string text, MergeValues values) =>
        Replace(text, values, v => v.ReplaceLineEndings(" "));

    private static string Replace(string text, MergeValues values, Func<string, string> escape)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(values);
        return FieldPattern().Replace(text, match =>
        {
            if (Find(match.Groups["name"].Value) is not { } field)
                return match.Value;
            var value = field.Value(values);
            if (string.IsNullOrWhiteSpace(value))
                value = match.Groups["fallback"].Success ? match.Groups["fallback"].Value.Trim() : "";
            return escape(value);
        });
    }

    /// <summary>Sample values for previews.</summary>
    public static MergeValues Sample(DateOnly today) =>
        new("Alex Sample", today.AddDays(-12), 84.90m, "EUR", "Gold", "Loyal");

    private static Field? Find(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static string? Total(decimal? total, string? currency) => total switch
    {
        null => null,
        { } amount when string.IsNullOrWhiteSpace(currency) => amount.ToString("0.00", CultureInfo.InvariantCulture),
        { } amount => $"{amount.ToString("0.00", CultureInfo.InvariantCulture)} {currency.Trim()}",
    };

    private static string EscapeMarkdown(string text)
    {
        var escaped = new StringBuilder(text.Length * 2);
        foreach (var c in text)
        {
            // A line break in a value could start a new Markdown block (a heading, a list), so values stay on one line.
            if (c is '\r' or '\n')
            {
                escaped.Append(' ');
                continue;
            }
            if (MarkdownPunctuation.Contains(c))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\|(?<fallback>[^{}]*))?\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex FieldPattern();
}
