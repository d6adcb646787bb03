using System.Net;
using System.Net.Sockets;
using CrmLive.Domain.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>
/// Connects webhook requests only to public addresses. The check happens on the addresses actually connected to, after
/// the name is resolved, so a name that resolves somewhere private — at save time or only later (DNS rebinding) — is
/// refused too; checking the URL's text alone would not catch that.
/// </summary>
public sealed class WebhookAddressGuard(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!options.Value.PolicyIn(environment).AllowPrivate
            && addresses.FirstOrDefault(a => !PublicAddress.Is(a)) is { } blocked)
            throw new WebhookAddressRefusedException(
                $"Refused: {host} resolves to {blocked}, a local or private address; webhooks are sent to public addresses only.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

public sealed class WebhookAddressRefusedException(string message) : Exception(message);
