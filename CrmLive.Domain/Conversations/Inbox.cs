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
        IdentitySecret = SignedIdentity.NewSecret();
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

    /// <summary>Keys the HMAC with which host pages sign their signed-in user's id (see <see cref="SignedIdentity"/>).</summary>
    public string IdentitySecret { get; private set; } = "";

    public void RotateIdentitySecret() => IdentitySecret = SignedIdentity.NewSecret();

    /// <summary>IANA or Windows time-zone id the business hours are read in.</summary>
    public string TimeZoneId { get; private set; } = "UTC";

    /// <summary>See <see cref="WeeklyHours"/>; empty means the team is always in.</summary>
    public string BusinessHours { get; private set; } = "";

    /// <summary>Shown in the widget outside business hours, above a form that keeps the customer's e-mail.</summary>
    public string AwayMessage { get; private set; } = DefaultAwayMessage;

    public const string DefaultAwayMessage =
        "We're away right now. Leave your e-mail and a message, and we'll get back to you as soon as we're in.";

    public void SetBusinessHours(string? hours, string timeZoneId, string? awayMessage)
    {
        var parsed = WeeklyHours.Parse(hours);
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _))
            throw new DomainException($"'{timeZoneId}' is not a known time zone (e.g. Europe/Berlin).");
        BusinessHours = parsed.Text;
        TimeZoneId = timeZoneId;
        AwayMessage = string.IsNullOrWhiteSpace(awayMessage) ? DefaultAwayMessage : Guard.NotBlank(awayMessage, "Away message", 500);
    }

    public bool IsOpenAt(DateTimeOffset instant) =>
        WeeklyHours.Parse(BusinessHours).IsOpenAt(instant,
            TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary>Content types (as sniffed from the bytes, never as claimed) customers and agents may attach.</summary>
    public string AttachmentTypes { get; private set; } = AttachmentRules.DefaultTypes;

    public long MaxAttachmentBytes { get; private set; } = AttachmentRules.DefaultMaxBytes;

    public AttachmentRules Attachments => new(AttachmentTypes, MaxAttachmentBytes);

    public void SetAttachmentRules(IEnumerable<string> contentTypes, long maxBytes)
    {
        var rules = AttachmentRules.Create(contentTypes, maxBytes);
        AttachmentTypes = rules.TypesText;
        MaxAttachmentBytes = rules.MaxBytes;
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
