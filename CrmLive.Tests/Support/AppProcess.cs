using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmLive.Tests.Support;

/// <summary>The app as a real, separate process (<c>dotnet CrmLive.Web.dll</c>) on its own loopback port.</summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", $"CrmLive.Web.dll --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Widget__Limits__MessagesPerMinutePerAddress"] = "100000"; // every test visitor is 127.0.0.1
        start.Environment["Widget__Limits__ConversationsPerHourPerAddress"] = "100000";
        start.Environment["Widget__Limits__NewVisitorsPerHourPerAddress"] = "100000";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var app = new AppProcess(Process.Start(start)!, $"http://127.0.0.1:{port}");
        using var http = new HttpClient();
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (app.HasExited) throw new InvalidOperationException("The app exited during start-up.");
                try
                {
                    return (await http.GetAsync($"{app.BaseUrl}/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, $"the app on port {port} to be ready");
        }
        catch (Exception ex)
        {
            var log = string.Join(Environment.NewLine, app._output.TakeLast(40));
            await app.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}{log}", ex);
        }
        return app;
    }

    /// <summary>Ends the process at once, as a crash would: no graceful shutdown.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
