using CrmLive.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrmLive.Bench;

/// <summary>The product's services over a benchmark's SQLite file, without a job server (the benchmark runs the work).</summary>
internal static class SqliteBenchHost
{
    public static (IHost Host, string ConnectionString) Create(string dbPath)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = dbPath }.ToString();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["ConnectionStrings:Crm"] = connectionString;
        builder.Configuration["Jobs:RunServer"] = "false";
        builder.AddInfrastructure();
        return (builder.Build(), connectionString);
    }

    /// <summary>Deletes a benchmark database and its WAL files, after letting go of pooled connections to it.</summary>
    public static void Delete(string dbPath)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
    }
}
