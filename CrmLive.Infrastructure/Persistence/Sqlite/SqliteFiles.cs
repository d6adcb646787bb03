using Microsoft.Data.Sqlite;

namespace CrmLive.Infrastructure.Persistence.Sqlite;

/// <summary>Removes a throwaway SQLite database (tests, benchmarks) with its WAL and shared-memory files.</summary>
public static class SqliteFiles
{
    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // Still held by a closing connection: the temp folder keeps it.
            }
        }
    }
}
