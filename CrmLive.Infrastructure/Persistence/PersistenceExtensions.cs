using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CrmLive.Infrastructure.Persistence;

public static class PersistenceExtensions
{
    public const string ConnectionStringName = "Crm";
    private const string DefaultSqliteConnection = "Data Source=App_Data/crmlive.db";

    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection,
                    builder.Environment.ContentRootPath);
                builder.Services.AddDbContextFactory<SqliteCrmDbContext>(o => o.UseSqlite(sqlite,
                    s => s.CommandTimeout(options.CommandTimeoutSeconds)));
                builder.Services.AddSingleton<IDbContextFactory<CrmDbContext>,
                    CrmDbContextFactory<SqliteCrmDbContext>>();
                break;
            default:
                throw new InvalidOperationException(
                    $"Database:Provider '{options.Provider}' is not available in this build; use 'Sqlite'.");
        }

        // Scoped context for ASP.NET Identity and request-bound work; components use the factory instead.
        builder.Services.AddScoped<CrmDbContext>(sp =>
            sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Relative SQLite paths are taken from the content root, and their folder is created.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } path && path != ":memory:" && !Path.IsPathRooted(path))
            csb.DataSource = Path.GetFullPath(Path.Combine(contentRoot, path));
        if (Path.GetDirectoryName(csb.DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        return csb.ToString();
    }
}
