using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>The embedded default. Owns the migrations under <c>Persistence/Sqlite/Migrations</c>.</summary>
public sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options) : CrmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare, order or aggregate DateTimeOffset and decimal natively. Every time is stored in
        // UTC, so the binary form orders correctly; money is stored as REAL, enough precision for analytics.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SqliteNoIndex.Register(builder);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the web app.</summary>
public sealed class SqliteCrmDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteCrmDbContext>
{
    public SqliteCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCrmDbContext>().UseSqlite("Data Source=design.db").Options);
}
