using Microsoft.Extensions.Logging;

namespace CrmLive.E2E.Support;

/// <summary>
/// Writes the app server's log to a file named by <c>CRMLIVE_E2E_LOG</c>, so a failed browser test can be read
/// against what the server did (CI prints its warnings when the suite fails).
/// </summary>
internal sealed class ServerLog(string path) : ILoggerProvider
{
    private readonly StreamWriter _writer = new(File.Open(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    private readonly Lock _gate = new();

    public static string? Path => Environment.GetEnvironmentVariable("CRMLIVE_E2E_LOG") is { Length: > 0 } p ? p : null;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    private void Write(string line)
    {
        lock (_gate) _writer.WriteLine(line);
    }

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }

    private sealed class Logger(ServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= (category.StartsWith("CrmLive", StringComparison.Ordinal) || category.StartsWith("Hangfire", StringComparison.Ordinal)
                ? LogLevel.Information
                : LogLevel.Warning);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}";
            log.Write(exception is null ? line : line + Environment.NewLine + exception);
        }
    }
}
