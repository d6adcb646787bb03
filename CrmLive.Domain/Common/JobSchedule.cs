namespace CrmLive.Domain.Common;

/// <summary>An Admin's choice of when a scheduled job runs (cron, UTC); it overrides the configured default.</summary>
public sealed class JobSchedule
{
    public const int MaxCronLength = 100;

    private JobSchedule() { }

    public JobSchedule(string jobId, string cron, string changedBy, DateTimeOffset changedAt)
    {
        JobId = jobId;
        Change(cron, changedBy, changedAt);
    }

    public string JobId { get; private set; } = "";
    public string Cron { get; private set; } = "";
    public string ChangedBy { get; private set; } = "";
    public DateTimeOffset ChangedAt { get; private set; }

    public void Change(string cron, string changedBy, DateTimeOffset changedAt)
    {
        Cron = Guard.NotBlank(cron, "The schedule", MaxCronLength);
        ChangedBy = changedBy;
        ChangedAt = changedAt;
    }
}
