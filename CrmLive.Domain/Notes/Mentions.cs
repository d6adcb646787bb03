using System.Text.RegularExpressions;

namespace CrmLive.Domain.Notes;

/// <summary>
/// @mentions in Markdown: <c>@sofia.martins</c>, where the handle is the person's name in lower case with dots for
/// spaces. Not a mention: an e-mail address (a@b.com), anything inside `code`, or a handle nobody has.
/// </summary>
public static partial class Mentions
{
    public static string HandleFor(string displayName)
    {
        // "José O'Brien" → "jose.obrien": accents dropped, apostrophes joined, other gaps become dots.
        var decomposed = displayName.ToLowerInvariant().Replace("'", "").Replace("’", "")
            .Normalize(System.Text.NormalizationForm.FormD);
        var plain = new string(decomposed.Where(ch =>
            System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
        return string.Join('.', HandleWords().Matches(plain).Select(m => m.Value));
    }

    /// <summary>Handles mentioned in <paramref name="markdown"/>, in order of first appearance, each once.</summary>
    public static IReadOnlyList<string> Find(string markdown)
    {
        var withoutCode = Code().Replace(markdown, " ");
        return Mention().Matches(withoutCode)
            .Select(m => m.Groups["handle"].Value.ToLowerInvariant().TrimEnd('.'))
            .Where(h => h.Length > 0)
            .Distinct()
            .ToList();
    }

    /// <summary>The people mentioned, among those who have a handle (others are ignored, not guessed).</summary>
    public static IReadOnlyList<TPerson> Resolve<TPerson>(string markdown, IEnumerable<TPerson> people,
        Func<TPerson, string> displayName)
    {
        var byHandle = people.GroupBy(p => HandleFor(displayName(p))).ToDictionary(g => g.Key, g => g.First());
        return Find(markdown).Where(byHandle.ContainsKey).Select(h => byHandle[h]).ToList();
    }

    [GeneratedRegex("[a-z0-9]+", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex HandleWords();

    [GeneratedRegex(@"(?<![\p{L}\p{Nd}._%+-])@(?<handle>[a-zA-Z0-9][a-zA-Z0-9.]*)", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Mention();

    [GeneratedRegex(@"```[\s\S]*?```|`[^`\n]*`", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex Code();
}
