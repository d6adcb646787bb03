using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmLive.Bench.Chat;

/// <summary>A throwaway redis-server (Debian's package) on a free loopback port.</summary>
internal sealed class LoopbackRedis : IDisposable
{
    private readonly Process _process;

    public LoopbackRedis()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (apt-get install redis-server).");
        Connection = $"127.0.0.1:{port}";
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                break;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }

    public string Connection { get; }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
