using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, synchronous=NORMAL stays consistent after a crash and only risks
/// the last commits on power loss, which a chat server can accept in exchange for not syncing on every message.
/// Reads go through a memory map and a 32 MB page cache per pooled connection: at a million customers a list page
/// or a filtered count touches tens of thousands of pages, and the default (2 MB cache, a read() syscall per page
/// miss) made that several times slower. The map is address space, not memory; the OS shares it across connections.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA mmap_size=1073741824; PRAGMA cache_size=-32000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
