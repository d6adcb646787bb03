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

    private SegmentModel(float[][] centres)
    {
        _centres = centres;
        _names = SegmentNaming.Name(centres);
    }

    public IReadOnlyList<string> Names => _names;

    public IReadOnlyList<float[]> Centres => _centres;

    public static SegmentModel? Train(IReadOnlyList<float[]> points, int segments, int sample, int seed)
    {
        var distinct = points.Select(p => string.Join(',', p)).Distinct().Take(segments).Count();
        var k = Math.Min(segments, distinct);
        if (k == 0) return null;
        if (k == 1) return new SegmentModel([Mean(points)]);

        var ml = new MLContext(seed);
        var training = Sample(points, sample, seed).Select(p => new Point { Features = p });
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            NumberOfThreads = 1,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 200,
        });
        var model = trainer.Fit(ml.Data.LoadFromEnumerable(training));
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var found);
        var centres = centroids.Take(found).Select(c => c.DenseValues().ToArray()).ToArray();
        return new SegmentModel(centres);
    }

    /// <summary>The index of the nearest centre (Euclidean, as k-means itself measures).</summary>
    public int Nearest(float[] point)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < _centres.Length; c++)
        {
            double d = 0;
            for (var i = 0; i < point.Length; i++) d += (point[i] - _centres[c][i]) * (point[i] - _centres[c][i]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    public string NameOf(float[] point) => _names[Nearest(point)];

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
