using CrmLive.Domain.Common;

namespace CrmLive.Domain.Webhooks;

/// <summary>Checks the address a webhook is sent to.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2_000;

    /// <param name="allowHttp">Plain http anywhere (development); otherwise only https, or http on this machine.</param>
    /// <returns>The address, trimmed.</returns>
    public static string Validate(string? url, bool allowHttp)
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
        if (uri.Scheme == Uri.UriSchemeHttp && !allowHttp && !uri.IsLoopback)
            throw new DomainException("The URL must use https:// so events are encrypted on their way.");
        return value;
    }
}
