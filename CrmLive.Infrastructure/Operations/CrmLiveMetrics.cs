using System.Diagnostics.Metrics;

namespace CrmLive.Infrastructure.Operations;

/// <summary>The app's own meters, exported with OpenTelemetry next to ASP.NET Core's and the runtime's.</summary>
public sealed class CrmLiveMetrics
{
    public const string MeterName = "CrmLive";

    private readonly UpDownCounter<long> _widgetConnections;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _botDecisions;
    private readonly Counter<long> _refusals;
    private readonly Histogram<double> _jobDuration;

    public CrmLiveMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _widgetConnections = meter.CreateUpDownCounter<long>("crmlive.widget.connections", description: "Open widget connections on this instance");
        _messages = meter.CreateCounter<long>("crmlive.chat.messages", description: "Chat messages stored, by sender");
        _botDecisions = meter.CreateCounter<long>("crmlive.bot.decisions", description: "Bot answers, by rule and handoff");
        _refusals = meter.CreateCounter<long>("crmlive.widget.refusals", description: "Widget requests refused, by reason");
        _jobDuration = meter.CreateHistogram<double>("crmlive.job.duration", unit: "s", description: "Background job run time");
    }

    public void WidgetConnected() => _widgetConnections.Add(1);

    public void WidgetDisconnected() => _widgetConnections.Add(-1);

    public void IdentityRejected() => _refusals.Add(1, new KeyValuePair<string, object?>("reason", "identity"));

    public void WidgetCallRefused() => _refusals.Add(1, new KeyValuePair<string, object?>("reason", "rate_limit"));

    public void AttachmentRefused() => _refusals.Add(1, new KeyValuePair<string, object?>("reason", "attachment"));

    public void MessageStored(string sender) => _messages.Add(1, new KeyValuePair<string, object?>("sender", sender));

    public void BotDecided(string rule, bool handOff) => _botDecisions.Add(1,
        new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("handoff", handOff));

    public void JobFinished(string job, TimeSpan duration) =>
        _jobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("job", job));
}
