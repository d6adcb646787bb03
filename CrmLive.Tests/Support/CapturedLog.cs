using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CrmLive.Tests.Support;

/// <summary>Keeps an app's warnings and errors, so a test that times out can say what the app was complaining about.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private const int Keep = 200;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly Func<string, bool> _categories;

    public CapturedLog(Func<string, bool>? categories = null) => _categories = categories ?? (_ => true);

    /// <summary>
    /// Hangfire logs through whichever host configured it last (its log provider is process-wide), so every test host
    /// feeds this one.
    /// </summary>
    public static CapturedLog Hangfire { get; } = new(c => c.StartsWith("Hangfire", StringComparison.Ordinal));

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) =>
        _categories(categoryName) ? new Logger(this, categoryName) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Keep) _lines.TryDequeue(out _);
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}"
                + (exception is null ? "" : $" [{exception.GetType().Name}: {exception.Message}]"));
        }
    }
}
