using CrmLive.Domain.Common;

namespace CrmLive.Domain.Analytics;

public enum AnalyticsRunStatus { Running, Succeeded, Failed }

/// <summary>
/// One recompute of RFM, segments, loyalty, lifetime value and churn, as of a fixed moment. Everything is computed from
/// history up to <see cref="AsOf"/>, so a run killed midway and resumed later computes exactly what it would have; the
/// checkpoint says which customers (in id order) are already saved.
/// </summary>
public sealed class AnalyticsRun : Entity
{
    public const int MaxJsonLength = 20_000;

    private AnalyticsRun() { }

    public AnalyticsRun(DateTimeOffset asOf, DateTimeOffset startedAt)
    {
        // Whole seconds: every provider stores them exactly, so a resumed run reads history up to the same instant.
        // Rounded up, never down: a customer or order from earlier in the starting second belongs to this run.
        var past = asOf.Ticks % TimeSpan.TicksPerSecond;
        AsOf = past == 0 ? asOf : asOf.AddTicks(TimeSpan.TicksPerSecond - past);
        StartedAt = startedAt;
        Status = AnalyticsRunStatus.Running;
        Stage = "Starting";
    }

    public DateTimeOffset AsOf { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public AnalyticsRunStatus Status { get; private set; }
    public string Stage { get; private set; } = "";
    public int Processed { get; private set; }
    public int Total { get; private set; }

    /// <summary>The last customer (in the job's order: created, then id) whose results are saved.</summary>
    public Guid? Checkpoint { get; private set; }

    /// <summary>How many times the run was picked up again after an interruption.</summary>
    public int Resumes { get; private set; }

    /// <summary>What the run found (<see cref="AnalyticsSummary"/>) as JSON.</summary>
    public string? Summary { get; private set; }

    /// <summary>Moves between segments and between tiers saved so far ("from → to": count), as JSON.</summary>
    public string? Movement { get; private set; }

    /// <summary>Area under the ROC curve of the churn model on held-out customers; null when history was too short.</summary>
    public double? ChurnAuc { get; private set; }
    public int ChurnTrainedOn { get; private set; }
    public string? Error { get; private set; }

    public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Processed * 100L / Total, 0, 100);

    public void Resumed() => Resumes++;

    public void At(string stage) => Stage = stage;

    public void Modelled(int total, string summary, double? churnAuc, int churnTrainedOn)
    {
        Total = total;
        Summary = summary;
        ChurnAuc = churnAuc;
        ChurnTrainedOn = churnTrainedOn;
        Stage = "Saving";
    }

    public void Saved(Guid checkpoint, int processed, string movement)
    {
        Checkpoint = checkpoint;
        Processed = processed;
        Movement = movement;
    }

    public void Succeeded(DateTimeOffset at)
    {
        Status = AnalyticsRunStatus.Succeeded;
        Stage = "Done";
        Processed = Total;
        FinishedAt = at;
    }

    public void Failed(string error, DateTimeOffset at)
    {
        Status = AnalyticsRunStatus.Failed;
        Error = error.Length <= 1000 ? error : error[..1000];
        FinishedAt = at;
    }
}
