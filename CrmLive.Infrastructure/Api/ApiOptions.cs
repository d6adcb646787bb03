using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Api;

/// <summary>The REST API's limits (section <c>Api</c>): requests per key and how long idempotent answers are kept.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Requests one API key (or one signed-in person) may make per window.</summary>
    [Range(1, 1_000_000)]
    public int PermitLimit { get; set; } = 600;

    [Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary>How long a POST's stored answer is replayed for the same <c>Idempotency-Key</c>.</summary>
    [Range(1, 24 * 30)]
    public int IdempotencyHours { get; set; } = 24;

    /// <summary>How long a retry waits for the first of two concurrent identical requests before it is told 409.</summary>
    [Range(1, 120)]
    public int IdempotencyWaitSeconds { get; set; } = 10;
}
