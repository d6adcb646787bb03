using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using HangfireLogging = Hangfire.Logging;

namespace CrmLive.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide, and by default it is the logger factory of whichever host configured it
/// last. Where several hosts share a process (tests, benchmarks) and that host stops first, every job server in the
/// process would log into a disposed factory, fail, and back off for minutes. This routes Hangfire's logs to the
/// newest host that is still running, and to nowhere when none is.
/// </summary>
internal sealed class HangfireLogRouting : HangfireLogging.ILogProvider
{
    public static readonly HangfireLogRouting Instance = new();

    private readonly Lock _gate = new();
    private readonly List<ILoggerFactory> _live = [];

    private HangfireLogRouting()
    {
    }

    /// <summary>Routes Hangfire's logs to this host's loggers until it stops.</summary>
    public HangfireLogRouting Attach(ILoggerFactory factory, IHostApplicationLifetime lifetime)
    {
        lock (_gate)
            if (!_live.Contains(factory)) _live.Add(factory);
        lifetime.ApplicationStopped.Register(() => Detach(factory));
        return this;
    }

    private void Detach(ILoggerFactory factory)
    {
        lock (_gate) _live.Remove(factory);
    }

    private ILoggerFactory? Current
    {
        get
        {
            lock (_gate) return _live.Count == 0 ? null : _live[^1];
        }
    }

    public HangfireLogging.ILog GetLogger(string name) => new RoutedLog(this, name);

    private sealed class RoutedLog(HangfireLogRouting routing, string name) : HangfireLogging.ILog
    {
        public bool Log(HangfireLogging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            while (routing.Current is { } factory)
            {
                try
                {
                    var logger = factory.CreateLogger(name);
                    var level = Map(logLevel);
                    if (messageFunc is null || !logger.IsEnabled(level)) return logger.IsEnabled(level);
                    logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
                    return true;
                }
                catch (ObjectDisposedException)
                {
                    routing.Detach(factory); // stopped without telling us; try the next host
                }
            }
            return false;
        }

        private static LogLevel Map(HangfireLogging.LogLevel level) => level switch
        {
            HangfireLogging.LogLevel.Trace => LogLevel.Trace,
            HangfireLogging.LogLevel.Debug => LogLevel.Debug,
            HangfireLogging.LogLevel.Info => LogLevel.Information,
            HangfireLogging.LogLevel.Warn => LogLevel.Warning,
            HangfireLogging.LogLevel.Error => LogLevel.Error,
            _ => LogLevel.Critical,
        };
    }
}
