using CrmLive.Infrastructure.Persistence.PostgreSql;
using CrmLive.Infrastructure.Persistence.Sqlite;
using CrmLive.Infrastructure.Persistence.SqlServer;
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

        var timeout = options.CommandTimeoutSeconds;
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString ?? DefaultSqliteConnection,
                    builder.Environment.ContentRootPath);
                Register<SqliteCrmDbContext, SqliteProviderSql>(builder, o => o.UseSqlite(sqlite, s => s.CommandTimeout(timeout))
                    .AddInterceptors(new SqlitePragmas()));
                break;
            case DatabaseProvider.SqlServer:
                // A list in a query goes as one JSON parameter (OPENJSON): SQL Server takes at most 2,100 parameters, and
                // an import batch looks up 10,000 keys at once.
                Register<SqlServerCrmDbContext, SqlServerProviderSql>(builder, o => o.UseSqlServer(Required(connectionString, options.Provider),
                    s => s.CommandTimeout(timeout).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)));
                break;
            case DatabaseProvider.PostgreSql:
                Register<PostgreSqlCrmDbContext, PostgreSqlProviderSql>(builder, o => o.UseNpgsql(Required(connectionString, options.Provider),
                    s => s.CommandTimeout(timeout)));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'.");
        }

        // Scoped context for ASP.NET Identity and request-bound work; components use the factory instead.
        builder.Services.AddScoped<CrmDbContext>(sp =>
            sp.GetRequiredService<IDbContextFactory<CrmDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("database", tags: ["ready"]);
        return builder;
    }

    private static void Register<TContext, TProviderSql>(IHostApplicationBuilder builder,
        Action<DbContextOptionsBuilder> configure)
        where TContext : CrmDbContext
        where TProviderSql : class, IProviderSql
    {
        builder.Services.AddDbContextFactory<TContext>(configure);
        builder.Services.AddSingleton<IProviderSql, TProviderSql>();
        builder.Services.AddSingleton<IDbContextFactory<CrmDbContext>, CrmDbContextFactory<TContext>>();
    }

    private static string Required(string? connectionString, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException(
                $"Database:Provider is {provider} but ConnectionStrings:{ConnectionStringName} is empty.")
            : connectionString;

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
