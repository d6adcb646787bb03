using CrmLive.Infrastructure.Tickets;

namespace CrmLive.Web.Components.Tickets;

/// <summary>How a ticket's SLA reads in a chip: "due in 3 h", "breached 2 h ago", "met", "missed by 1 d".</summary>
public static class SlaText
{
    public static string Describe(SlaState sla)
    {
        var span = sla.Remaining.Duration();
        return (sla.IsOpen, sla.Breached) switch
        {
            (true, false) => $"due in {Span(span)}",
            (true, true) => $"breached {Span(span)} ago",
            (false, false) => "SLA met",
            (false, true) => $"missed by {Span(span)}",
        };
    }

    /// <summary>Coarse on purpose: the chip is read at a glance, the exact time is in its tooltip.</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 1 } => "<1 min",
        { TotalMinutes: < 60 } => $"{(int)span.TotalMinutes} min",
        { TotalHours: < 48 } => $"{(int)span.TotalHours} h",
        _ => $"{(int)span.TotalDays} d",
    };

    /// <summary>Red when breached, amber in the last hour, green once met, otherwise quiet.</summary>
    public static MudBlazor.Color Color(SlaState sla) => sla switch
    {
        { Breached: true } => MudBlazor.Color.Error,
        { IsOpen: false } => MudBlazor.Color.Success,
        { Remaining.TotalHours: < 1 } => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };
}
