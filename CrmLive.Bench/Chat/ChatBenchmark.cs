using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Serialization;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Persistence.Sqlite;
using CrmLive.Web.Chat;
using CrmLive.Web.Widget;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmLive.Bench.Chat;

internal sealed record ChatBenchmarkOptions(int Connections, int Rate, int Seconds, int Instances, string? PostgreSql);

/// <summary>
/// Widgets send over real WebSockets to instance A; the agent side (a live-event subscriber, as the inbox is)
/// listens on instance B (or A when alone). Latency is from the send call to the event reaching the agent side.
/// </summary>
internal static class ChatBenchmark
{
    private const int ConnectBatch = 50;

    public static async Task<int> RunAsync(ChatBenchmarkOptions o)
    {
        if (o.Instances is < 1 or > 2) return Fail("--instances is 1 or 2.");
        if (o.Instances == 2 && string.IsNullOrWhiteSpace(o.PostgreSql))
            return Fail("--instances 2 needs PostgreSQL: --pg \"Host=127.0.0.1;Port=55432;Username=crmlive;Password=crmlive\" (source .ci/postgres starts one).");

        using var redis = o.Instances == 2 ? new LoopbackRedis() : null;
        var database = Database.Create(o.PostgreSql, o.Instances);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Crm"] = database.ConnectionString,
        };
        if (redis is not null) settings["Redis:Connection"] = redis.Connection;

        var a = new BenchHost(settings);
        var b = o.Instances == 2 ? new BenchHost(settings) : a;
        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        var deliveries = new ConcurrentDictionary<string, int>();
        using var agentSide = b.Services.GetRequiredService<ILiveEventBus>().Subscribe<MessageAdded>(e =>
        {
            if (e.Sender == MessageSender.Customer && e.ClientMessageId is { } id && sentAt.TryGetValue(id, out var t0)
                && deliveries.AddOrUpdate(id, 1, (_, n) => n + 1) == 1)
                latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            return Task.CompletedTask;
        });

        var connectWatch = Stopwatch.StartNew();
        var widgets = new List<HubConnection>();
        for (var i = 0; i < o.Connections; i += ConnectBatch)
            widgets.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(ConnectBatch, o.Connections - i))
                .Select(_ => ConnectAsync(a.BaseUrl))));
        connectWatch.Stop();

        var errors = 0;
        var total = o.Rate * o.Seconds;
        var sends = new List<Task>(total);
        var sendWatch = Stopwatch.StartNew();
        for (var n = 0; n < total; n++)
        {
            // Pace to the requested rate: message n leaves at n / rate seconds.
            var due = TimeSpan.FromSeconds((double)n / o.Rate) - sendWatch.Elapsed;
            if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due);
            var id = Guid.NewGuid().ToString("N");
            sentAt[id] = Stopwatch.GetTimestamp();
            var widget = widgets[n % widgets.Count];
            sends.Add(widget.InvokeAsync<SendResult>("Send", id, $"Benchmark message {n}")
                .ContinueWith(t => { if (t.IsFaulted) Interlocked.Increment(ref errors); }, TaskScheduler.Default));
        }
        await Task.WhenAll(sends);
        var drainUntil = DateTime.UtcNow.AddSeconds(10);
        while (deliveries.Count < total && DateTime.UtcNow < drainUntil) await Task.Delay(50);
        var sendSeconds = sendWatch.Elapsed.TotalSeconds;

        var rssMb = Process.GetCurrentProcess().WorkingSet64 / (1024 * 1024);
        var sorted = latencies.Order().ToArray();
        var delivered = deliveries.Count;
        var duplicated = deliveries.Values.Sum(v => v - 1);
        var widgetKb = WidgetGzipKb();

        Console.WriteLine($"{"measure",-24} {"value",12}");
        Console.WriteLine($"{"instances",-24} {o.Instances,12}");
        Console.WriteLine($"{"database",-24} {database.Provider,12}");
        Console.WriteLine($"{"connections",-24} {widgets.Count,12}");
        Console.WriteLine($"{"connect seconds",-24} {connectWatch.Elapsed.TotalSeconds,12:0.00}");
        Console.WriteLine($"{"sent",-24} {total,12}");
        Console.WriteLine($"{"achieved msg/s",-24} {total / sendSeconds,12:0}");
        Console.WriteLine($"{"send errors",-24} {errors,12}");
        Console.WriteLine($"{"delivered",-24} {delivered,12}");
        Console.WriteLine($"{"p50 ms",-24} {Percentile(sorted, 0.50),12:0.0}");
        Console.WriteLine($"{"p99 ms",-24} {Percentile(sorted, 0.99),12:0.0}");
        Console.WriteLine($"{"max ms",-24} {(sorted.Length > 0 ? sorted[^1] : 0),12:0.0}");
        Console.WriteLine(
            $"RESULT chat connections={widgets.Count} sent={total} delivered={delivered} lost={total - delivered} duplicated={duplicated} " +
            $"p50_ms={Percentile(sorted, 0.50):0.0} p99_ms={Percentile(sorted, 0.99):0.0} rss_mb={rssMb} widget_gzip_kb={widgetKb:0.0} instances={o.Instances}");

        foreach (var w in widgets) await w.DisposeAsync();
        if (!ReferenceEquals(a, b)) await b.DisposeAsync();
        await a.DisposeAsync();
        database.Drop();
        return 0;
    }

    private static async Task<HubConnection> ConnectAsync(string baseUrl)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"{baseUrl}{WidgetHub.Route}")
            .AddJsonProtocol(p => p.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync<WidgetStart>("Start", "demo", null, null);
        return connection;
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

    /// <summary>A fresh database: a SQLite file alone, a new PostgreSQL database when instances share one.</summary>
    private sealed record Database(string Provider, string ConnectionString, Action Drop)
    {
        public static Database Create(string? postgres, int instances)
        {
            if (instances == 1 && string.IsNullOrWhiteSpace(postgres))
            {
                var path = Path.Combine(Path.GetTempPath(), $"crmlive-chat-{Guid.NewGuid():N}.db");
                return new Database("Sqlite", $"Data Source={path}", () => SqliteFiles.Delete(path));
            }
            var name = $"crmlive_bench_{Guid.NewGuid():N}"[..30];
            Execute(postgres!, $"CREATE DATABASE {name}");
            return new Database("PostgreSql", $"{postgres};Database={name}", () =>
            {
                NpgsqlConnection.ClearAllPools();
                Execute(postgres!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            });
        }

        private static void Execute(string server, string sql)
        {
            using var connection = new NpgsqlConnection($"{server};Database=postgres");
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
