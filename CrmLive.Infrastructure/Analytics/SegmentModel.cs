using CrmLive.Domain.Analytics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace CrmLive.Infrastructure.Analytics;

/// <summary>A segment found by k-means: its name (from what its centre means), centre and size.</summary>
public sealed record Segment(string Name, float[] Centre, int Customers);

/// <summary>
/// ML.NET k-means over the customers' normalized features, trained single-threaded from a fixed seed on a fixed
/// sample, so the same data gives the same centres; every customer then joins the nearest centre.
/// </summary>
public sealed class SegmentModel
{
    private readonly float[][] _centres;
    private readonly IReadOnlyList<string> _names;

    private SegmentModel(float[][] centres, bool named = true)
    {
        _centres = centres;
        _names = named ? SegmentNaming.Name(centres) : [];
    }

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<float[]> Centres => _centres;

    /// <param name="previous">Last run's centres: k-means continues from them unless a fresh start fits clearly better.</param>
    public static SegmentModel? Train(IReadOnlyList<float[]> points, int segments, int sample, int seed,
        IReadOnlyList<float[]>? previous = null)
    {
        var distinct = points.Select(p => string.Join(',', p)).Distinct().Take(segments).Count();
        var k = Math.Min(segments, distinct);
        if (k == 0) return null;
        if (k == 1) return new SegmentModel([Mean(points)]);

        // k-means finds a local optimum that depends on its starting centres. The best of several seeded starts (least
        // total distance to the centres) is the partition the data really has, so a slightly changed customer base
        // lands on the same one instead of a neighbouring local optimum.
        var training = Sample(points, sample, seed);
        SegmentModel? best = null;
        var bestInertia = double.MaxValue;
        for (var start = 0; start < Starts; start++)
        {
            var model = new SegmentModel(Fit(training, k, seed + start));
            var inertia = training.Sum(p => model.DistanceToNearest(p));
            if (inertia < bestInertia - 1e-9)
            {
                bestInertia = inertia;
                best = model;
            }
        }
        // Last run's centres, refined on today's data, keep the segments where they were unless today's best fresh
        // start fits the data clearly better (then the customer base really has changed shape).
        if (previous is { Count: > 0 } && previous.Count == k && previous.All(c => c.Length == NormalizedFeatures.Dimensions))
        {
            var continued = new SegmentModel(Refine(training, previous));
            var inertia = training.Sum(p => continued.DistanceToNearest(p));
            if (inertia <= bestInertia * (1 + KeepWithin)) return continued;
        }
        return best;
    }

    /// <summary>How much worse (in total distance) continuing from last run's centres may fit than a fresh start.</summary>
    private const double KeepWithin = 0.02;

    /// <summary>Lloyd's iterations from given centres until no point changes cluster (or 100 rounds).</summary>
    private static float[][] Refine(IReadOnlyList<float[]> points, IReadOnlyList<float[]> start)
    {
        var centres = start.Select(c => c.ToArray()).ToArray();
        var assigned = new int[points.Count];
        Array.Fill(assigned, -1);
        for (var round = 0; round < 100; round++)
        {
            var model = new SegmentModel(centres, named: false);
            var changed = false;
            for (var i = 0; i < points.Count; i++)
            {
                var nearest = model.Nearest(points[i]);
                changed |= nearest != assigned[i];
                assigned[i] = nearest;
            }
            if (!changed) break;
            var sums = new double[centres.Length, NormalizedFeatures.Dimensions];
            var counts = new int[centres.Length];
            for (var i = 0; i < points.Count; i++)
            {
                counts[assigned[i]]++;
                for (var d = 0; d < NormalizedFeatures.Dimensions; d++) sums[assigned[i], d] += points[i][d];
            }
            for (var c = 0; c < centres.Length; c++)
                if (counts[c] > 0) // an empty cluster keeps its centre
                    for (var d = 0; d < NormalizedFeatures.Dimensions; d++) centres[c][d] = (float)(sums[c, d] / counts[c]);
        }
        return centres;
    }

    private const int Starts = 5;

    private static float[][] Fit(IReadOnlyList<float[]> training, int k, int seed)
    {
        var ml = new MLContext(seed);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            NumberOfThreads = 1,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 200,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(training.Select(p => new Point { Features = p })));
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var found);
        return centroids.Take(found).Select(c => c.DenseValues().ToArray()).ToArray();
    }

    private double DistanceToNearest(float[] point) => Distance(point, _centres[Nearest(point)]);

    private static double Distance(float[] a, float[] b)
    {
        double d = 0;
        for (var i = 0; i < a.Length; i++) d += (a[i] - b[i]) * (a[i] - b[i]);
        return d;
    }

    /// <summary>The index of the nearest centre (Euclidean, as k-means itself measures).</summary>
    public int Nearest(float[] point)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < _centres.Length; c++)
        {
            var d = Distance(point, _centres[c]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    public string NameOf(float[] point) => _names[Nearest(point)];

    /// <summary>
    /// The segment for a customer who was in <paramref name="previous"/>: they stay there unless another centre is
    /// clearly nearer (by more than <paramref name="stickiness"/> of the distance), so customers on a border do not
    /// flip between neighbouring segments from one night to the next.
    /// </summary>
    public string NameOf(float[] point, string? previous, double stickiness)
    {
        var nearest = Nearest(point);
        var kept = previous is null ? -1 : IndexOf(previous);
        if (kept < 0 || kept == nearest) return _names[nearest];
        var toNearest = Math.Sqrt(Distance(point, _centres[nearest]));
        var toKept = Math.Sqrt(Distance(point, _centres[kept]));
        return toKept <= toNearest * (1 + stickiness) ? _names[kept] : _names[nearest];
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _names.Count; i++)
            if (_names[i] == name) return i;
        return -1;
    }

    /// <summary>An even, seeded sample; all points when there are fewer than asked for.</summary>
    internal static IReadOnlyList<T> Sample<T>(IReadOnlyList<T> items, int size, int seed)
    {
        if (items.Count <= size) return items;
        var random = new Random(seed);
        var picked = new List<T>(size);
        // Selection sampling (Knuth's algorithm S): each item is kept with the probability still needed.
        for (var i = 0; i < items.Count && picked.Count < size; i++)
            if (random.Next(items.Count - i) < size - picked.Count) picked.Add(items[i]);
        return picked;
    }

    private static float[] Mean(IReadOnlyList<float[]> points) =>
        Enumerable.Range(0, points[0].Length).Select(i => points.Average(p => p[i])).ToArray();

    private sealed class Point
    {
        [VectorType(NormalizedFeatures.Dimensions)]
        public float[] Features { get; set; } = [];
    }
}
