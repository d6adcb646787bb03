using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Persistence.PostgreSql;
using CrmLive.Infrastructure.Persistence.Sqlite;
using CrmLive.Infrastructure.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CrmLive.Tests.Infrastructure;

/// <summary>Every provider's migration set matches the model, so a model change without migrations fails here.</summary>
public class MigrationsTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql", "SqlServer" };

    private static CrmDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteCrmDbContextDesignFactory().CreateDbContext([]),
        "PostgreSql" => new PostgreSqlCrmDbContextDesignFactory().CreateDbContext([]),
        _ => new SqlServerCrmDbContextDesignFactory().CreateDbContext([]),
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Model_HasNoChangesMissingFromMigrations(string provider)
    {
        using var db = Create(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: run 'dotnet ef migrations add' for this provider.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_BelongToTheirOwnProviderOnly(string provider)
    {
        using var db = Create(provider);
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;

        Assert.NotEmpty(migrations);
        Assert.All(migrations.Values, type => Assert.Contains($".{provider}.Migrations", type.Namespace));
    }

    [Fact]
    public void SqlServer_IdempotentScript_IsGenerated()
    {
        using var db = Create("SqlServer");

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Conversations]", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_Messages_ConversationId_Seq]", script);
    }
}
