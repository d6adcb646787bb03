using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmLive.Infrastructure.Persistence.PostgreSql;

/// <summary>PostgreSQL (Npgsql). Owns the migrations under <c>Persistence/PostgreSql/Migrations</c>.</summary>
public sealed class PostgreSqlCrmDbContext(DbContextOptions<PostgreSqlCrmDbContext> options) : CrmDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL context without a running server.</summary>
public sealed class PostgreSqlCrmDbContextDesignFactory : IDesignTimeDbContextFactory<PostgreSqlCrmDbContext>
{
    public PostgreSqlCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCrmDbContext>()
            .UseNpgsql("Host=localhost;Database=crmlive_design").Options);
}
