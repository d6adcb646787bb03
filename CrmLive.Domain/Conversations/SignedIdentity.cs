using System.Security.Cryptography;
using System.Text;

namespace CrmLive.Domain.Conversations;

/// <summary>
/// A host page vouches for its signed-in user by sending <c>userId</c> and HMAC-SHA256(userId) keyed with the
/// inbox's identity secret, as lower-case hex; only a valid pair links the chat to that customer.
/// </summary>
public static class SignedIdentity
{
    public const int MaxUserIdLength = 100;

    public static string Sign(string userId, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    public static bool IsValid(string? userId, string? signature, string secret)
    {
        if (string.IsNullOrEmpty(userId) || userId.Length > MaxUserIdLength || string.IsNullOrEmpty(signature)
            || string.IsNullOrEmpty(secret))
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(userId, secret));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string NewSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
