using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using CrmLive.Infrastructure.Chat;
using CrmLive.Web.Widget;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrmLive.Bench.Chat;

internal sealed record ChatBenchmarkOptions(int Connections, int Rate, int Seconds, int Instances, string? PostgreSql,
    string? Url, string Inbox, int Warmup);

/// <summary>
/// Widgets send over real WebSockets to instance A; the agent side (a live-event subscriber, as the inbox is)
/// listens on instance B (or A when alone). Latency is from the send call to the event reaching the agent side.
/// With --url the app runs elsewhere and its bus cannot be reached from here: a message counts as delivered when
/// its live event comes back to the sending widget (the event the inbox receives, forwarded one hop further).
/// </summary>
internal static class ChatBenchmark
{
    private const int ConnectConcurrency = 100;

    /// <summary>Extra widgets, not counted, that carry the warm-up traffic.</summary>
    private const int WarmupWidgets = 100;

    public static async Task<int> RunAsync(ChatBenchmarkOptions o)
    {
        if (o.Instances is < 1 or > 2) return Fail("--instances is 1 or 2.");
        if (o.Url is not null && o.Instances != 1) return Fail("--url targets one running app; leave out --instances.");
        if (o.Url is not null && !Uri.TryCreate(o.Url, UriKind.Absolute, out _)) return Fail("--url is http://host:port.");
        if (o.Instances == 2 && string.IsNullOrWhiteSpace(o.PostgreSql))
            return Fail("--instances 2 needs PostgreSQL: --pg \"Host=127.0.0.1;Port=55432;Username=crmlive;Password=crmlive\" (source .ci/postgres starts one).");

        await using var target = o.Url is null ? ChatTarget.Local(o.Instances, o.PostgreSql) : ChatTarget.Remote(o.Url);
        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentQueue<double>();
        var deliveries = new ConcurrentDictionary<string, int>();
        void Delivered(string id)
        {
            if (sentAt.TryGetValue(id, out var t0) && deliveries.AddOrUpdate(id, 1, (_, n) => n + 1) == 1)
                latencies.Enqueue(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        using var agentSide = target.HasAgentSide ? target.ListenAsAgent(Delivered) : null;
        var echo = target.HasAgentSide ? null : (Action<string>)Delivered;

        var connectWatch = Stopwatch.StartNew();
        var widgets = new HubConnection[o.Connections];
        await Parallel.ForAsync(0, o.Connections, new ParallelOptions { MaxDegreeOfParallelism = ConnectConcurrency },
            async (i, _) => widgets[i] = await WidgetClients.ConnectAsync(target.WidgetUrl, o.Inbox, echo));
        connectWatch.Stop();
        await WarmUpAsync(target.WidgetUrl, o.Inbox, o.Rate, o.Warmup);

        var errors = 0;
        var total = o.Rate * o.Seconds;
        var sends = new Task[total];
        var sendWatch = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            // Pace to the requested rate: message n leaves at n / rate seconds.
            var due = TimeSpan.FromSeconds((double)n / o.Rate) - sendWatch.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
            var id = Guid.NewGuid().ToString("N");
            sentAt[id] = Stopwatch.GetTimestamp();
            sends[n] = widgets[n % widgets.Length].InvokeAsync<SendResult>("Send", id, $"Benchmark message {n}")
                .ContinueWith(t => { if (t.IsFaulted) Interlocked.Increment(ref errors); }, TaskScheduler.Default);
        }
        await Task.WhenAll(sends);
        var drainUntil = DateTime.UtcNow.AddSeconds(10);
        while (deliveries.Count < total && DateTime.UtcNow < drainUntil) await Task.Delay(50);
        var sendSeconds = sendWatch.Elapsed.TotalSeconds;

        var rss = target.RssMb?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
        var sorted = latencies.Order().ToArray();
        var delivered = deliveries.Count;
        var duplicated = deliveries.Values.Sum(v => v - 1);
        var p50 = Percentile(sorted, 0.50).ToString("0.0", CultureInfo.InvariantCulture);
        var p99 = Percentile(sorted, 0.99).ToString("0.0", CultureInfo.InvariantCulture);
        var widgetKb = WidgetGzipKb().ToString("0.0", CultureInfo.InvariantCulture);

        Console.WriteLine($"{"measure",-24} {"value",12}");
        Console.WriteLine($"{"instances",-24} {o.Instances,12}");
        Console.WriteLine($"{"database",-24} {target.Database,12}");
        Console.WriteLine($"{"agent side",-24} {(target.HasAgentSide ? "live events" : "widget echo"),12}");
        Console.WriteLine($"{"connections",-24} {widgets.Length,12}");
        Console.WriteLine($"{"connect seconds",-24} {connectWatch.Elapsed.TotalSeconds,12:0.00}");
        Console.WriteLine($"{"sent",-24} {total,12}");
        Console.WriteLine($"{"achieved msg/s",-24} {total / sendSeconds,12:0}");
        Console.WriteLine($"{"send errors",-24} {errors,12}");
        Console.WriteLine($"{"delivered",-24} {delivered,12}");
        Console.WriteLine($"{"p50 ms",-24} {p50,12}");
        Console.WriteLine($"{"p99 ms",-24} {p99,12}");
        Console.WriteLine($"{"max ms",-24} {(sorted.Length > 0 ? sorted[^1] : 0),12:0.0}");
        Console.WriteLine($"{"rss mb",-24} {rss,12}");
        Console.WriteLine(
            $"RESULT chat connections={widgets.Length} sent={total} delivered={delivered} lost={total - delivered} " +
            $"duplicated={duplicated} p50_ms={p50} p99_ms={p99} rss_mb={rss} widget_gzip_kb={widgetKb}");

        await Task.WhenAll(widgets.Select(w => w.DisposeAsync().AsTask()));
        return 0;
    }

    /// <summary>
    /// Extra widgets, not counted, send at the measured rate for a few seconds first: every conversation path runs
    /// (bot, handoff, messages to the team) and the runtime's tiered JIT has recompiled the hot code, so the figures
    /// are the steady state of a running server rather than its first seconds.
    /// </summary>
    private static async Task WarmUpAsync(string url, string inbox, int rate, int seconds)
    {
        if (seconds <= 0) return;
        var widgets = new HubConnection[WarmupWidgets];
        await Parallel.ForAsync(0, widgets.Length, async (i, _) =>
            widgets[i] = await WidgetClients.ConnectAsync(url, inbox, customerEcho: null));
        var total = rate * seconds;
        var sends = new Task[total];
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / rate) - watch.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
            sends[n] = widgets[n % widgets.Length].InvokeAsync<SendResult>("Send", Guid.NewGuid().ToString("N"),
                n % 7 == 0 ? "human please" : $"Warm-up message {n}");
        }
        await Task.WhenAll(sends);
        await Task.WhenAll(widgets.Select(w => w.DisposeAsync().AsTask()));
        await Task.Delay(TimeSpan.FromSeconds(1)); // let the last recompilations and collections settle
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double WidgetGzipKb()
    {
        using var script = typeof(WidgetEndpoints).Assembly.GetManifestResourceStream(WidgetEndpoints.ResourceName);
        if (script is null) return 0;
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) script.CopyTo(gzip);
        return compressed.Length / 1024.0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
