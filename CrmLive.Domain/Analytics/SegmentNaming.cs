namespace CrmLive.Domain.Analytics;

/// <summary>
/// Names k-means clusters by what their centres mean, not by the cluster number the algorithm happened to give them.
/// Each name has a prototype in the normalized feature space ("Champions" buy often, much and recently; "At risk" used
/// to buy often and much but not lately; …). Clusters and names are paired so that the total weighted distance between
/// each centre and its name's prototype is the smallest possible (an exact assignment, not greedy). A re-run on the
/// same or slightly changed data yields nearby centres, and so the same names, whatever order the centres come in.
/// </summary>
public static class SegmentNaming
{
    /// <summary>Customers without orders are not clustered: there is no RFM to place them by.</summary>
    public const string Prospects = "Prospects";

    public static readonly IReadOnlyList<SegmentPrototype> Prototypes =
    [
        new("Champions", new(1.00f, 1.00f, 1.00f, 0.70f, 0.60f, 0.50f)),
        new("Loyal", new(0.60f, 0.85f, 0.75f, 0.80f, 0.55f, 0.40f)),
        new("Potential", new(0.85f, 0.40f, 0.45f, 0.30f, 0.50f, 0.30f)),
        new("New", new(0.95f, 0.00f, 0.20f, 0.05f, 0.50f, 0.30f)),
        new("At risk", new(0.15f, 0.70f, 0.70f, 0.80f, 0.45f, 0.20f)),
        new("Hibernating", new(0.05f, 0.10f, 0.15f, 0.60f, 0.50f, 0.10f)),
        new("Need attention", new(0.50f, 0.50f, 0.50f, 0.50f, 0.50f, 0.30f)),
        new("About to sleep", new(0.35f, 0.20f, 0.25f, 0.40f, 0.50f, 0.20f)),
    ];

    /// <summary>How much each dimension counts when matching: buying behaviour first, the rest as tie-breakers.</summary>
    private static readonly float[] Weights = [1f, 1f, 1f, 0.5f, 0.25f, 0.25f];

    public static int MaxClusters => Prototypes.Count;

    /// <summary>The name of each centre, in the order the centres are given.</summary>
    public static IReadOnlyList<string> Name(IReadOnlyList<float[]> centroids)
    {
        var k = centroids.Count;
        if (k == 0) return [];
        if (k > Prototypes.Count)
            throw new ArgumentException($"At most {Prototypes.Count} segments can be named; got {k}.", nameof(centroids));
        if (centroids.Any(c => c.Length != NormalizedFeatures.Dimensions))
            throw new ArgumentException($"Each centre needs {NormalizedFeatures.Dimensions} dimensions.", nameof(centroids));

        var cost = new double[k, Prototypes.Count];
        for (var c = 0; c < k; c++)
            for (var p = 0; p < Prototypes.Count; p++)
                cost[c, p] = Distance(centroids[c], Prototypes[p].Centre.ToArray());
        return Assign(cost, k).Select(p => Prototypes[p].Name).ToList();
    }

    internal static double Distance(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += Weights[i] * (a[i] - b[i]) * (a[i] - b[i]);
        return sum;
    }

    /// <summary>
    /// Exact minimum-cost assignment of k clusters to distinct prototypes: dynamic programming over the set of
    /// prototypes already used (2^8 states). Ties go to the earlier prototype, so the result is deterministic.
    /// </summary>
    private static int[] Assign(double[,] cost, int k)
    {
        var names = cost.GetLength(1);
        var states = 1 << names;
        // best[i, mask]: least cost of naming clusters i.. given the prototypes in mask are taken.
        var best = new double[k + 1, states];
        var choice = new int[k + 1, states];
        for (var i = k - 1; i >= 0; i--)
            for (var mask = 0; mask < states; mask++)
            {
                best[i, mask] = double.PositiveInfinity;
                for (var p = 0; p < names; p++)
                {
                    if ((mask & (1 << p)) != 0) continue;
                    var total = cost[i, p] + best[i + 1, mask | (1 << p)];
                    if (total < best[i, mask] - 1e-12)
                    {
                        best[i, mask] = total;
                        choice[i, mask] = p;
                    }
                }
            }
        var result = new int[k];
        for (int i = 0, mask = 0; i < k; i++)
        {
            result[i] = choice[i, mask];
            mask |= 1 << result[i];
        }
        return result;
    }
}

public sealed record SegmentPrototype(string Name, NormalizedFeatures Centre);
