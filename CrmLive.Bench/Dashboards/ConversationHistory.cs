using System.Diagnostics;
using CrmLive.Domain.Conversations;
using CrmLive.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Bench.Dashboards;

/// <summary>
/// Two years of chat history for the dashboard benchmark, written through the domain (so every column is what the
/// product writes): conversations spread evenly over the period, most handed to one of a team of agents, answered,
/// resolved and often rated, four messages each; the last few still open, some waiting for an agent.
/// </summary>
internal static class ConversationHistory
{
    private const int Batch = 50_000;
    private const int OpenAtTheEnd = 60;
    public const int Agents = 25;

    public static async Task<int> CountAsync(IDbContextFactory<CrmDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Conversations.CountAsync();
    }

    public static async Task GenerateAsync(IDbContextFactory<CrmDbContext> dbFactory, string connectionString, int conversations,
        TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await dbFactory.CreateDbContextAsync();
        var customers = await db.Customers.AsNoTracking().OrderBy(c => c.CreatedAt).Select(c => c.Id).Take(conversations).ToListAsync();
        var inbox = new Inbox("bench", "Bench shop", "Hi! How can we help?");
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync();

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY;");
        using var visitors = new EntityRowWriter<Visitor>(db, connection);
        using var chats = new EntityRowWriter<Conversation>(db, connection);
        using var messages = new EntityRowWriter<Message>(db, connection);
        var random = new Random(20261123);
        var now = DateTimeOffset.UtcNow;
        var span = TimeSpan.FromDays(730);
        SqliteTransaction? tx = null;
        for (var i = 0; i < conversations; i++)
        {
            if (i % Batch == 0)
            {
                tx?.Commit();
                tx = connection.BeginTransaction();
                visitors.Transaction = chats.Transaction = messages.Transaction = tx;
            }
            var started = now - span + span * ((i + random.NextDouble()) / conversations);
            var visitor = new Visitor(inbox.Id, $"bench-{i}", started);
            var customer = random.NextDouble() < 0.7 && customers.Count > 0 ? customers[random.Next(customers.Count)] : (Guid?)null;
            var chat = new Conversation(inbox.Id, visitor.Id, customer, started);
            var thread = new List<Message> { chat.Append(MessageSender.Customer, "Where is my order?", started) };
            var t = started.AddSeconds(2);
            thread.Add(chat.Append(MessageSender.Bot, "Let me look that up for you.", t));
            var open = i >= conversations - OpenAtTheEnd;
            if (random.NextDouble() < 0.75)
            {
                t = t.AddSeconds(20 + random.Next(60));
                chat.HandOff("asked for a human", t);
                if (!(open && i % 3 == 0))
                {
                    var agent = $"bench-agent-{random.Next(Agents)}";
                    chat.AssignTo(agent);
                    t = t.AddSeconds(30 + random.Next(600));
                    thread.Add(chat.Append(MessageSender.Agent, "Hello, I can help with that.", t, authorId: agent, authorName: "Agent"));
                    t = t.AddSeconds(30 + random.Next(300));
                    thread.Add(chat.Append(MessageSender.Customer, "Thank you!", t));
                }
            }
            if (!open)
            {
                chat.Resolve(t.AddSeconds(60 + random.Next(3600)));
                if (random.NextDouble() < 0.4) chat.Rate(1 + random.Next(5), null, chat.ResolvedAt!.Value.AddMinutes(1));
            }
            visitors.Insert(visitor);
            chats.Insert(chat);
            foreach (var m in thread) messages.Insert(m);
        }
        tx?.Commit();
        log.WriteLine($"  {$"{conversations:N0} conversations",-44} {watch.Elapsed.TotalSeconds,8:0.0} s");
        Execute(connection, "ANALYZE; PRAGMA optimize; PRAGMA journal_mode=WAL;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}
