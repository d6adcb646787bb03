using System.Diagnostics;
using System.Text;
using CrmLive.Domain.Imports;
using CrmLive.Infrastructure;
using CrmLive.Infrastructure.Imports;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench.Imports;

internal sealed record ImportBenchmarkOptions(int Rows, string? CsvPath, int BatchSize);

/// <summary>
/// A generated customers CSV into a fresh SQLite database through the UI's path: <see cref="ImportService"/> stores
/// the upload and guesses the mapping, <see cref="ImportRunner"/> runs the job. RSS is sampled while it runs.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(ImportBenchmarkOptions o)
    {
        var csvPath = o.CsvPath ?? Path.Combine(Path.GetTempPath(), $"crmlive-bench-import-{o.Rows}.csv");
        if (!File.Exists(csvPath)) await GenerateAsync(csvPath, o.Rows);
        var dbPath = Path.Combine(Path.GetTempPath(), $"crmlive-bench-import-{Environment.ProcessId}.db");
        SqliteConnection.ClearAllPools();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Crm"] = new SqliteConnectionStringBuilder { DataSource = dbPath }.ToString();
        builder.Configuration["Jobs:RunServer"] = "false";
        builder.Configuration["Imports:BatchSize"] = o.BatchSize.ToString();
        builder.AddInfrastructure();
        using var host = builder.Build();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.MigrateAsync();
        }

        var imports = host.Services.GetRequiredService<ImportService>();
        var runner = host.Services.GetRequiredService<ImportRunner>();
        var process = Process.GetCurrentProcess();
        var samples = new List<(double Seconds, long Rows, double RssMb, double HeapMb)>();
        var peak = 0.0;
        var watch = Stopwatch.StartNew();

        ImportPreview preview;
        await using (var file = File.OpenRead(csvPath))
            preview = await imports.UploadAsync(ImportKind.Customers, Path.GetFileName(csvPath), file, "bench", "Benchmark");
        var stored = watch.Elapsed;
        await imports.StartAsync(preview.Run.Id, dryRun: false);

        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                var rss = process.WorkingSet64 / 1048576.0;
                peak = Math.Max(peak, rss);
                var run = await imports.GetAsync(preview.Run.Id);
                lock (samples) samples.Add((watch.Elapsed.TotalSeconds, run?.ProcessedRows ?? 0, rss, GC.GetTotalMemory(false) / 1048576.0));
                try { await Task.Delay(TimeSpan.FromSeconds(5), sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        await runner.RunAsync(preview.Run.Id);
        var seconds = watch.Elapsed.TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        peak = Math.Max(peak, process.PeakWorkingSet64 / 1048576.0);

        var result = (await imports.GetAsync(preview.Run.Id))!;
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            var customers = await db.Customers.CountAsync();
            // rss includes SQLite's memory map of the database file (file-backed pages, up to 1 GB) and its page cache;
            // heap is the .NET managed heap, which is what the import itself holds.
            Console.WriteLine($"{"seconds",8} {"rows",12} {"rss_mb",8} {"heap_mb",8}");
            foreach (var (s, rows, rss, heap) in samples) Console.WriteLine($"{s,8:0.0} {rows,12:N0} {rss,8:0} {heap,8:0}");
            Console.WriteLine();
            Console.WriteLine($"file {new FileInfo(csvPath).Length / 1048576.0:0.0} MB stored in {stored.TotalSeconds:0.0} s; status {result.Status}; " +
                              $"created {result.Created:N0}, updated {result.Updated:N0}, refused {result.Failed:N0}; customers in db {customers:N0}; batch {o.BatchSize}");
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        Console.WriteLine($"RESULT import rows={result.ProcessedRows} seconds={seconds:0.0} rows_per_s={result.ProcessedRows / seconds:0} peak_rss_mb={peak:0}");
        return result.Status == ImportStatus.Completed ? 0 : 1;
    }

    /// <summary>Realistic rows: names, unique e-mails, phones, one company in five, a city, a tag or two, an external id.</summary>
    private static async Task GenerateAsync(string path, int rows)
    {
        Console.WriteLine($"Generating {path} with {rows:N0} rows…");
        var random = new Random(20261123);
        string[] first = ["Ana", "Bruno", "Carla", "David", "Eva", "Filipe", "Greta", "Hugo", "Inês", "João", "Karin", "Liam", "Marta", "Nuno", "Olga", "Pedro", "Rita", "Sofia", "Tomás", "Ulla"];
        string[] last = ["Silva", "Santos", "Ferreira", "Pereira", "Müller", "Schmidt", "O'Brien", "Kowalski", "García", "Rossi", "Dubois", "Jansen", "Novak", "Berg", "Lima"];
        string[] cities = ["Lisbon", "Porto", "Berlin", "Madrid", "Paris", "Dublin", "Warsaw", "Rome", "Amsterdam", "Prague"];
        string[] tags = ["vip", "newsletter", "wholesale", "beta", "b2b"];
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        await writer.WriteLineAsync("External ID,First name,Last name,Email,Phone,Company,City,Country,Tags,Customer since");
        for (var i = 1; i <= rows; i++)
        {
            var f = first[random.Next(first.Length)];
            var l = last[random.Next(last.Length)];
            var company = random.Next(5) == 0 ? $"\"{l} & Co {random.Next(5_000)}\"" : "";
            var tag = random.Next(3) == 0 ? tags[random.Next(tags.Length)] + (random.Next(4) == 0 ? "; " + tags[random.Next(tags.Length)] : "") : "";
            await writer.WriteLineAsync(
                $"C{i:D8},{f},\"{l}\",{f.ToLowerInvariant()}.{i}@example.com,+351 9{random.Next(10)} {random.Next(100, 999)} {random.Next(1000, 9999)},{company}," +
                $"{cities[random.Next(cities.Length)]},PT,{tag},2024-{random.Next(1, 13):D2}-{random.Next(1, 29):D2}");
        }
    }
}
