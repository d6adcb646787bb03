using CrmLive.Infrastructure.Persistence.PostgreSql;
using CrmLive.Infrastructure.Persistence.Sqlite;
using CrmLive.Infrastructure.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Tests.Infrastructure;

/// <summary>
/// Each provider's SQL translates (SQL Server cannot run here, so its translation is the proof we can give);
/// behaviour is covered by the integration suite on SQLite and PostgreSQL.
/// </summary>
public class ProviderSqlTests
{
    [Fact]
    public void Search_UsesEachProvidersIndexedMatch()
    {
        using var sqlite = new SqliteCrmDbContextDesignFactory().CreateDbContext([]);
        using var postgres = new PostgreSqlCrmDbContextDesignFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerCrmDbContextDesignFactory().CreateDbContext([]);

        var onSqlite = new SqliteProviderSql().SearchCustomerIds(sqlite, "Emm", 10).ToQueryString();
        var shortOnSqlite = new SqliteProviderSql().SearchCustomerIds(sqlite, "Em", 10).ToQueryString();
        var onPostgres = new PostgreSqlProviderSql().SearchCustomerIds(postgres, "Emm", 10).ToQueryString();
        var onSqlServer = new SqlServerProviderSql().SearchCustomerIds(sqlServer, "Emm", 10).ToQueryString();

        Assert.Contains("\"CustomerSearch\" MATCH", onSqlite);
        Assert.Contains("\"c\".\"SearchText\" >=", shortOnSqlite);
        Assert.Contains("\"SearchText\" LIKE", onPostgres);
        Assert.Contains("[c].[SearchText] LIKE", onSqlServer);
        Assert.Contains("ESCAPE", onSqlServer);
    }
}
