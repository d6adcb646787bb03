using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Persistence;

public enum DatabaseProvider { Sqlite, SqlServer, PostgreSql }

/// <summary>Settings of the <c>Database</c> section; the connection string is <c>ConnectionStrings:Crm</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Which EF Core provider and migration set to use.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 60;
}
