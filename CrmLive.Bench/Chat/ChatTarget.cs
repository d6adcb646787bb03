using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CrmLive.Bench.Chat;

/// <summary>
/// Where the widgets connect and where the agent side listens: instances started here (the agent side is a
/// live-event subscriber, as the inbox is), or an app already running at --url.
/// </summary>
internal abstract class ChatTarget : IAsyncDisposable
{
    public abstract string WidgetUrl { get; }
    public abstract string Database { get; }

    /// <summary>The agent side hears of customer messages itself; otherwise the widgets' echoes count.</summary>
    public abstract bool HasAgentSide { get; }

    /// <summary>Resident memory of the app in MB, when the app runs in this process.</summary>
    public abstract long? RssMb { get; }

    public abstract IDisposable ListenAsAgent(Action<string> customerMessage);

    public abstract ValueTask DisposeAsync();

    public static ChatTarget Local(int instances, string? postgres) => new LocalTarget(instances, postgres);

    public static ChatTarget Remote(string url) => new RemoteTarget(url.TrimEnd('/'));

    private sealed class RemoteTarget(string url) : ChatTarget
    {
        public override string WidgetUrl => url;
        public override string Database => "remote";
        public override bool HasAgentSide => false;
        public override long? RssMb => null;
        public override IDisposable ListenAsAgent(Action<string> customerMessage) => throw new NotSupportedException();
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class LocalTarget : ChatTarget
    {
        private readonly LoopbackRedis? _redis;
        private readonly LocalDatabase _database;
        private readonly BenchHost _a;
        private readonly BenchHost _b;

        public LocalTarget(int instances, string? postgres)
        {
            _redis = instances == 2 ? new LoopbackRedis() : null;
            _database = LocalDatabase.Create(postgres, instances);
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = _database.Provider,
                ["ConnectionStrings:Crm"] = _database.ConnectionString,
            };
            if (_redis is not null) settings["Redis:Connection"] = _redis.Connection;
            _a = new BenchHost(settings);
            _b = instances == 2 ? new BenchHost(settings) : _a;
        }

        public override string WidgetUrl => _a.BaseUrl;
        public override string Database => _database.Provider;
        public override bool HasAgentSide => true;
        public override long? RssMb => Environment.WorkingSet / (1024 * 1024);

        public override IDisposable ListenAsAgent(Action<string> customerMessage) =>
            _b.Services.GetRequiredService<ILiveEventBus>().Subscribe<MessageAdded>(e =>
            {
                if (e.Sender == MessageSender.Customer && e.ClientMessageId is { } id) customerMessage(id);
                return Task.CompletedTask;
            });

        public override async ValueTask DisposeAsync()
        {
            if (!ReferenceEquals(_a, _b)) await _b.DisposeAsync();
            await _a.DisposeAsync();
            _database.Drop();
            _redis?.Dispose();
        }
    }

    /// <summary>A fresh database: a SQLite file alone, a new PostgreSQL database when instances share one.</summary>
    private sealed record LocalDatabase(string Provider, string ConnectionString, Action Drop)
    {
        public static LocalDatabase Create(string? postgres, int instances)
        {
            if (instances == 1 && string.IsNullOrWhiteSpace(postgres))
            {
                var path = Path.Combine(Path.GetTempPath(), $"crmlive-chat-{Guid.NewGuid():N}.db");
                return new LocalDatabase("Sqlite", $"Data Source={path}", () => SqliteFiles.Delete(path));
            }
            var name = $"crmlive_bench_{Guid.NewGuid():N}"[..30];
            Execute(postgres!, $"CREATE DATABASE {name}");
            return new LocalDatabase("PostgreSql", $"{postgres};Database={name}", () =>
            {
                NpgsqlConnection.ClearAllPools();
                Execute(postgres!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            });
        }

        private static void Execute(string server, string sql)
        {
            using var connection = new NpgsqlConnection($"{server};Database=postgres");
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
