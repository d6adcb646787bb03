using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>A channel a company embeds on its site; the widget names it by <see cref="Key"/>.</summary>
public sealed class Inbox : Entity
{
    private Inbox() { }

    public const int MaxGreetingLength = 300;

    public Inbox(string key, string name, string greeting)
    {
        Key = InboxKey.Normalize(key);
        Name = Guard.NotBlank(name, "Name", 100);
        Greeting = Guard.NotBlank(greeting, "Greeting", MaxGreetingLength);
        IdentitySecret = SignedIdentity.NewSecret();
    }

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The widget's first line to a visitor, shown as plain text.</summary>
    public string Greeting { get; private set; } = "";

    /// <summary>The widget's accent colour, <c>#rrggbb</c>.</summary>
    public string WidgetColor { get; private set; } = WidgetLook.DefaultColor;

    public WidgetPosition WidgetPosition { get; private set; } = WidgetPosition.Right;

    public void Rename(string name) => Name = Guard.NotBlank(name, "Name", 100);

    public void SetLook(string greeting, string color, WidgetPosition position)
    {
        Greeting = Guard.NotBlank(greeting, "Greeting", MaxGreetingLength);
        WidgetColor = WidgetLook.NormalizeColor(color);
        WidgetPosition = Enum.IsDefined(position) ? position : throw new DomainException("Pick left or right for the widget.");
    }

    /// <summary>
    /// When on, only visitors whose host page signs their identity may chat; anonymous visitors see why and cannot
    /// send. For shops whose chat is a perk of the signed-in account.
    /// </summary>
    public bool VerifiedVisitorsOnly { get; private set; }

    public void RequireVerifiedVisitors(bool required) => VerifiedVisitorsOnly = required;

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

    /// <summary>The secret before the last rotation, still accepted until <see cref="PreviousSecretValidUntil"/>.</summary>
    public string? PreviousIdentitySecret { get; private set; }

    public DateTimeOffset? PreviousSecretValidUntil { get; private set; }

    /// <summary>
    /// A new secret; the old one keeps working for <paramref name="grace"/> so the host site can deploy the new one
    /// without signing its customers out of the chat (zero ends it at once, after a leak).
    /// </summary>
    public void RotateIdentitySecret(DateTimeOffset now, TimeSpan grace)
    {
        if (grace < TimeSpan.Zero || grace > MaxSecretGrace)
            throw new DomainException($"The old secret can stay valid for at most {MaxSecretGrace.TotalDays:0} days.");
        PreviousIdentitySecret = grace > TimeSpan.Zero ? IdentitySecret : null;
        PreviousSecretValidUntil = grace > TimeSpan.Zero ? now + grace : null;
        IdentitySecret = SignedIdentity.NewSecret();
    }

    public static readonly TimeSpan MaxSecretGrace = TimeSpan.FromDays(30);

    /// <summary>Whether the host page's signature of <paramref name="userId"/> is made with this inbox's secret.</summary>
    public bool Vouches(string? userId, string? signature, DateTimeOffset now) =>
        SignedIdentity.IsValid(userId, signature, IdentitySecret)
        || (PreviousIdentitySecret is { } previous && now < PreviousSecretValidUntil
            && SignedIdentity.IsValid(userId, signature, previous));

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

public enum WidgetPosition { Right, Left }

/// <summary>The widget's look as an inbox sets it.</summary>
public static class WidgetLook
{
    public const string DefaultColor = "#4f46e5";

    /// <summary>Accepts <c>#rgb</c> or <c>#rrggbb</c> (any case); anything else could break out of the widget's CSS.</summary>
    public static string NormalizeColor(string? color)
    {
        var value = (color ?? "").Trim().ToLowerInvariant();
        if (value.Length == 4 && value[0] == '#' && value[1..].All(Uri.IsHexDigit))
            value = $"#{value[1]}{value[1]}{value[2]}{value[2]}{value[3]}{value[3]}";
        if (value.Length != 7 || value[0] != '#' || !value[1..].All(Uri.IsHexDigit))
            throw new DomainException($"'{color}' is not a colour like #4f46e5.");
        return value;
    }
}

/// <summary>Inbox keys as the embed snippet carries them: lower-case letters, digits and dashes.</summary>
public static class InboxKey
{
    public static string Normalize(string? key)
    {
        var value = Guard.NotBlank(key, "Key", 50).ToLowerInvariant();
        if (!value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new DomainException("An inbox key may hold only letters, digits and dashes (it goes in the embed snippet).");
        return value;
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
