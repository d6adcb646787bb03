using System.Security.Cryptography;
using System.Text;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Visitor tokens are random secrets held by the browser; the server keeps only their SHA-256.</summary>
public static class VisitorTokens
{
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool LooksValid(string? token) => token is { Length: >= 32 and <= 64 };
}
