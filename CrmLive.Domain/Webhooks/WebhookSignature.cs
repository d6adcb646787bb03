using System.Security.Cryptography;
using System.Text;

namespace CrmLive.Domain.Webhooks;

/// <summary>
/// How a delivery is signed: HMAC-SHA256 over <c>{timestamp}.{body}</c> with the subscription's secret, sent as
/// <c>v1=&lt;hex&gt;</c>. The timestamp (Unix seconds) is signed too, so a receiver can refuse replays of old requests.
/// </summary>
public static class WebhookSignature
{
    public const string Version = "v1";
    public const string TimestampHeader = "X-CrmLive-Timestamp";
    public const string SignatureHeader = "X-CrmLive-Signature";
    public const string EventHeader = "X-CrmLive-Event";
    public const string DeliveryHeader = "X-CrmLive-Delivery";

    public static string Sign(string secret, long timestamp, string body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var data = Encoding.UTF8.GetBytes($"{timestamp}.{body}");
        return $"{Version}={Convert.ToHexStringLower(HMACSHA256.HashData(key, data))}";
    }

    /// <summary>A new secret: 32 random bytes, prefixed so it is recognisable when pasted somewhere.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
