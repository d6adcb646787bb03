using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrmLive.Domain.Campaigns;

/// <summary>Which customers are held out of a campaign, so its effect can be measured against them.</summary>
public static class ControlGroup
{
    private const int MaxPercent = 50;

    /// <summary>
    /// Whether this customer is held out of this campaign. Deterministic (SHA-256 of both ids), so a re-run or another
    /// instance decides the same; uniform, so about <paramref name="percent"/>% of a large audience is held out.
    /// </summary>
    public static bool IsHeldOut(Guid campaignId, Guid customerId, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, MaxPercent);
        if (percent == 0)
            return false;

        Span<byte> ids = stackalloc byte[32];
        campaignId.TryWriteBytes(ids[..16]);
        customerId.TryWriteBytes(ids[16..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(ids, hash);
        // Buckets 0..9,999 (hundredths of a percent); the modulo bias over 2^64 is far below anything measurable.
        var bucket = BinaryPrimitives.ReadUInt64BigEndian(hash) % 10_000;
        return bucket < (ulong)percent * 100;
    }
}
