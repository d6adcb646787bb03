using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrmLive.Infrastructure.Persistence.SqlServer;

/// <summary>SQL Server, the docker-compose default. Owns the migrations under <c>Persistence/SqlServer/Migrations</c>.</summary>
public sealed class SqlServerCrmDbContext(DbContextOptions<SqlServerCrmDbContext> options) : CrmDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context (and its idempotent script) without a server.</summary>
public sealed class SqlServerCrmDbContextDesignFactory : IDesignTimeDbContextFactory<SqlServerCrmDbContext>
{
    public SqlServerCrmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerCrmDbContext>()
            .UseSqlServer("Server=localhost;Database=CrmLiveDesign;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
