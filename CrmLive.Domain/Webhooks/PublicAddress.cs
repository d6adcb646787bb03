using System.Net;
using System.Net.Sockets;

namespace CrmLive.Domain.Webhooks;

/// <summary>
/// Whether an IP address is on the public internet. Webhooks only go there: a URL an Admin types must not become a
/// way to reach this server's own network (databases, Redis, the cloud's metadata service at 169.254.169.254).
/// </summary>
public static class PublicAddress
{
    public static bool Is(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return false;
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                   // "this network"
        || b[0] == 10                               // private
        || (b[0] == 100 && b[1] is >= 64 and < 128) // carrier-grade NAT
        || b[0] == 127                              // loopback
        || (b[0] == 169 && b[1] == 254)             // link-local, cloud metadata
        || (b[0] == 172 && b[1] is >= 16 and < 32)  // private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)  // IETF protocol assignments
        || (b[0] == 192 && b[1] == 168)             // private
        || (b[0] == 198 && b[1] is 18 or 19)        // benchmarking
        || b[0] >= 224);                            // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress a)
    {
        if (a.Equals(IPAddress.IPv6Any) || a.IsIPv6LinkLocal || a.IsIPv6SiteLocal || a.IsIPv6Multicast) return false;
        var b = a.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC) return false; // unique local fc00::/7
        if (a.IsIPv6Teredo || (b[0] == 0x20 && b[1] == 0x02)) return false; // tunnels that can wrap a private IPv4
        if (b.Take(12).All(x => x == 0)) return false; // IPv4-compatible ::a.b.c.d (deprecated)
        return true;
    }
}
