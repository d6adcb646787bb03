using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CrmLive.Tests.Support;

/// <summary>
/// A loopback TCP proxy in front of the app whose connections can all be cut at once, the way a train tunnel or a
/// flaky Wi-Fi cuts a customer's widget: sockets reset mid-stream, nothing closes politely.
/// </summary>
public sealed class FlakyNetwork : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<Guid, (TcpClient Client, TcpClient Upstream)> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FlakyNetwork(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Drops { get; private set; }

    /// <summary>Resets every open connection; new ones are accepted again right away.</summary>
    public void DropAll()
    {
        Drops++;
        foreach (var (id, (client, upstream)) in _links)
        {
            Reset(client);
            Reset(upstream);
            _links.TryRemove(id, out _);
        }
    }

    private static void Reset(TcpClient socket)
    {
        try
        {
            if (socket.Client is { } raw) raw.LingerState = new LingerOption(true, 0); // RST, not FIN
            socket.Close();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort);
            var id = Guid.NewGuid();
            _links[id] = (client, upstream);
            _ = PumpAsync(client, upstream);
            _ = PumpAsync(upstream, client);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            Reset(to);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting;
        _stop.Dispose();
    }
}
