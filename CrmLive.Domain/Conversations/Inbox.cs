using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>A channel a company embeds on its site; the widget names it by <see cref="Key"/>.</summary>
public sealed class Inbox : Entity
{
    private Inbox() { }

    public Inbox(string key, string name, string greeting)
    {
        Key = Guard.NotBlank(key, nameof(key), 50).ToLowerInvariant();
        Name = Guard.NotBlank(name, nameof(name), 100);
        Greeting = greeting;
    }

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Greeting { get; private set; } = "";

    /// <summary>
    /// Sites (scheme, host and port, one per line) whose pages may run this inbox's widget, besides CrmLive's own
    /// origin. "*" allows any site.
    /// </summary>
    public string AllowedOrigins { get; private set; } = "";

    public IReadOnlyList<string> AllowedOriginList =>
        AllowedOrigins.Split(['\n', ' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o == "*" ? o : Origins.Normalize(o) ?? "")
            .Where(o => o.Length > 0)
            .ToList();

    public void AllowOrigins(IEnumerable<string> origins)
    {
        var normalized = new List<string>();
        foreach (var origin in origins.Select(o => o.Trim()).Where(o => o.Length > 0))
            normalized.Add(origin == "*" ? "*" : Origins.Normalize(origin)
                ?? throw new DomainException($"'{origin}' is not a site address like https://shop.example.com."));
        AllowedOrigins = string.Join('\n', normalized.Distinct());
    }

    /// <summary>Whether a page on <paramref name="origin"/> may use this inbox; CrmLive's own pages always may.</summary>
    public bool Allows(string origin, string ownOrigin)
    {
        var candidate = Origins.Normalize(origin);
        if (candidate is null) return false;
        if (candidate == Origins.Normalize(ownOrigin)) return true;
        var allowed = AllowedOriginList;
        return allowed.Contains("*") || allowed.Contains(candidate);
    }
}

/// <summary>Web origins compared the way browsers send them: lower-case scheme://host[:port], default ports dropped.</summary>
public static class Origins
{
    public static string? Normalize(string? origin)
    {
        if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath is not ("/" or "")
            || !string.IsNullOrEmpty(uri.Query))
            return null;
        return uri.IsDefaultPort
            ? $"{uri.Scheme}://{uri.IdnHost}".ToLowerInvariant()
            : $"{uri.Scheme}://{uri.IdnHost}:{uri.Port}".ToLowerInvariant();
    }
}
