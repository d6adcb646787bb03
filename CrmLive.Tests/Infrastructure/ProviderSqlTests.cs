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
    public void Search_TranslatesToEachProvidersCaseInsensitiveMatch()
    {
        using var sqlite = new SqliteCrmDbContextDesignFactory().CreateDbContext([]);
        using var postgres = new PostgreSqlCrmDbContextDesignFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerCrmDbContextDesignFactory().CreateDbContext([]);

        var onSqlite = new SqliteProviderSql().SearchCustomers(sqlite.Customers, "Em").ToQueryString();
        var onPostgres = new PostgreSqlProviderSql().SearchCustomers(postgres.Customers, "Em").ToQueryString();
        var onSqlServer = new SqlServerProviderSql().SearchCustomers(sqlServer.Customers, "Em").ToQueryString();

        Assert.Contains("lower(\"c\".\"Name\") LIKE", onSqlite);
        Assert.Contains("ILIKE", onPostgres);
        Assert.Contains("[c].[Name] LIKE", onSqlServer);
        Assert.Contains("ESCAPE", onSqlServer);
    }
}
