using CrmLive.Domain.Common;

namespace CrmLive.Domain.Webhooks;

/// <summary>Where webhooks may go on this installation.</summary>
/// <param name="AllowHttp">Plain http anywhere (development); otherwise only https, or http on this machine.</param>
/// <param name="AllowPrivate">Addresses on this machine or a private network (development, tests); otherwise a literal
/// private address or "localhost" is refused when saved, and a name that resolves to one when it is sent.</param>
public sealed record WebhookUrlPolicy(bool AllowHttp, bool AllowPrivate)
{
    public static readonly WebhookUrlPolicy Strict = new(false, false);
}

/// <summary>Checks the address a webhook is sent to.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2_000;

    /// <returns>The address, trimmed.</returns>
    public static string Validate(string? url, WebhookUrlPolicy policy)
    {
        var value = Guard.NotBlank(url, "The URL", MaxLength);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
            throw new DomainException("The URL must be a full web address, such as https://example.com/hooks/crmlive.");
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new DomainException("The URL must not contain a user name or password; verify the signature instead.");
        if (!string.IsNullOrEmpty(uri.Fragment))
            throw new DomainException("The URL must not contain a #fragment.");
        if (!policy.AllowPrivate && IsPrivateHost(uri))
            throw new DomainException(
                $"The URL points to {uri.Host}, a local or private address; webhooks are sent to public addresses only.");
        if (uri.Scheme == Uri.UriSchemeHttp && !policy.AllowHttp && !uri.IsLoopback)
            throw new DomainException("The URL must use https:// so events are encrypted on their way.");
        return value;
    }

    private static bool IsPrivateHost(Uri uri) =>
        uri.IsLoopback
        || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && !PublicAddress.Is(ip));
}
