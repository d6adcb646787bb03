using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Npgsql;

namespace CrmLive.Tests.Support;

/// <summary>
/// A fresh, empty database for one test class on the provider the run asks for: SQLite by default, PostgreSQL
/// when <c>CRMLIVE_TEST_DB=PostgreSql</c> (with <c>CRMLIVE_TEST_PG</c> pointing at a server; .ci/postgres starts one).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqlitePath;
    private readonly string? _pgName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _pgName = pgName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public static DatabaseProvider RequestedProvider =>
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("CRMLIVE_TEST_DB"), true, out var p)
            ? p
            : DatabaseProvider.Sqlite;

    private static string PgServer => Environment.GetEnvironmentVariable("CRMLIVE_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Username=crmlive;Password=crmlive";

    public static TestDatabase Create()
    {
        switch (RequestedProvider)
        {
            case DatabaseProvider.PostgreSql:
                var name = $"crmlive_t_{Guid.NewGuid():N}"[..28];
                using (var admin = new NpgsqlConnection(PgServer + ";Database=postgres"))
                {
                    admin.Open();
                    using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                    create.ExecuteNonQuery();
                }
                return new TestDatabase(DatabaseProvider.PostgreSql, $"{PgServer};Database={name}", null, name);
            case DatabaseProvider.Sqlite:
                var path = Path.Combine(Path.GetTempPath(), $"crmlive-test-{Guid.NewGuid():N}.db");
                return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={path}", path, null);
            default:
                throw new NotSupportedException($"Tests cannot run on {RequestedProvider} on this machine.");
        }
    }

    public void Dispose()
    {
        if (_sqlitePath is not null) SqliteFiles.Delete(_sqlitePath);
        if (_pgName is null) return;
        NpgsqlConnection.ClearAllPools();
        using var admin = new NpgsqlConnection(PgServer + ";Database=postgres");
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_pgName} WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }
}
