using CrmLive.Domain.Live;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>Counts of customers moving between segments and between tiers, kept on the run as JSON.</summary>
internal sealed class Movement
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Add(string kind, string from, string to) => Bump($"{kind}|{from}|{to}", 1);

    public void Add(Movement other)
    {
        foreach (var (key, count) in other._counts) Bump(key, count);
    }

    public List<MetricMove> ToMoves() => _counts.Select(kv => kv.Key.Split('|') is [var kind, var from, var to]
        ? new MetricMove(kind, from, to, kv.Value) : null).OfType<MetricMove>().ToList();

    public string ToJson() => AnalyticsJson.Write(ToMoves());

    public static Movement Parse(string? json)
    {
        var movement = new Movement();
        foreach (var move in AnalyticsJson.Moves(json))
            movement.Bump($"{move.Kind}|{move.From}|{move.To}", move.Count);
        return movement;
    }

    private void Bump(string key, int count) => _counts[key] = _counts.GetValueOrDefault(key) + count;
}
