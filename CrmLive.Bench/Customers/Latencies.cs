using System.Diagnostics;

namespace CrmLive.Bench.Customers;

/// <summary>Wall-clock milliseconds per operation kind, in the order kinds were first measured.</summary>
internal sealed class Latencies
{
    private readonly Dictionary<string, List<double>> _byKind = [];
    private readonly List<string> _order = [];

    /// <param name="alsoKind">A second grouping of the same sample (e.g. by page number across every sort).</param>
    public async Task<T> MeasureAsync<T>(string kind, Func<Task<T>> operation, string? alsoKind = null)
    {
        var watch = Stopwatch.StartNew();
        var result = await operation();
        Add(kind, watch.Elapsed.TotalMilliseconds);
        if (alsoKind is not null) Add(alsoKind, watch.Elapsed.TotalMilliseconds);
        return result;
    }

    public void Add(string kind, double ms)
    {
        if (!_byKind.TryGetValue(kind, out var list))
        {
            _byKind[kind] = list = [];
            _order.Add(kind);
        }
        list.Add(ms);
    }

    /// <summary>Percentile over every kind whose name starts with <paramref name="prefix"/>.</summary>
    public double Percentile(string prefix, double p) =>
        Percentile(_order.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).SelectMany(k => _byKind[k]), p);

    public void Print(TextWriter output)
    {
        output.WriteLine($"{"operation",-44} {"n",6} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        // Secondary groupings ("(any list sort) page 10") after the operations themselves.
        foreach (var kind in _order.OrderBy(k => k.StartsWith('(')))
        {
            var values = _byKind[kind];
            output.WriteLine($"{kind,-44} {values.Count,6} {Percentile(values, 0.50),8:0.0} {Percentile(values, 0.95),8:0.0} {values.Max(),8:0.0}");
        }
    }

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
