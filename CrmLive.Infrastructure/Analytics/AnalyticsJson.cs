using System.Text.Json;
using CrmLive.Domain.Analytics;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>The JSON a run keeps its summary and movement in.</summary>
public static class AnalyticsJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write(AnalyticsSummary summary) => JsonSerializer.Serialize(summary, Json);

    public static AnalyticsSummary Summary(string? json) =>
        string.IsNullOrEmpty(json) ? AnalyticsSummary.Empty : JsonSerializer.Deserialize<AnalyticsSummary>(json, Json) ?? AnalyticsSummary.Empty;

    public static string Write(IReadOnlyList<Domain.Live.MetricMove> moves) => JsonSerializer.Serialize(moves, Json);

    public static IReadOnlyList<Domain.Live.MetricMove> Moves(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<Domain.Live.MetricMove>>(json, Json) ?? [];
}
