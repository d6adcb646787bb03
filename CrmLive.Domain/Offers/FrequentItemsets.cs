namespace CrmLive.Domain.Offers;

/// <summary>A set of items (sorted ids) and in how many baskets all of them appear.</summary>
public sealed record ItemsetCount(int[] Items, int Count);

/// <summary>
/// FP-growth (Han, Pei, Yin 2000): two passes over the baskets build a prefix tree of their frequent items in
/// descending frequency; itemsets are then grown from each item's conditional tree without another pass over the
/// data. Bounded by <paramref name="maxSize"/> because offers need "bought A (and B)" → "C", no more.
/// </summary>
public static class FrequentItemsets
{
    public static IReadOnlyList<ItemsetCount> Mine(IReadOnlyList<int[]> baskets, int minCount, int maxSize = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        var counts = new Dictionary<int, int>();
        foreach (var basket in baskets)
            foreach (var item in basket.Distinct())
            {
                ArgumentOutOfRangeException.ThrowIfNegative(item); // -1 marks the tree's root
                counts[item] = counts.GetValueOrDefault(item) + 1;
            }
        var frequent = counts.Where(c => c.Value >= minCount).ToDictionary(c => c.Key, c => c.Value);
        // Items in a fixed order (most frequent first, ties by id), so shared prefixes share tree nodes.
        var rank = frequent.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select((c, i) => (c.Key, i))
            .ToDictionary(x => x.Key, x => x.i);

        var tree = new FpTree();
        var path = new List<int>();
        foreach (var basket in baskets)
        {
            path.Clear();
            foreach (var item in basket.Distinct()) if (rank.ContainsKey(item)) path.Add(item);
            if (path.Count == 0) continue;
            path.Sort((a, b) => rank[a].CompareTo(rank[b]));
            tree.Insert(path, 1);
        }

        var found = new List<ItemsetCount>();
        Grow(tree, [], minCount, maxSize, found);
        return found;
    }

    private static void Grow(FpTree tree, int[] suffix, int minCount, int maxSize, List<ItemsetCount> found)
    {
        foreach (var (item, nodes) in tree.Headers)
        {
            var support = nodes.Sum(n => n.Count);
            if (support < minCount) continue;
            var itemset = suffix.Append(item).Order().ToArray();
            found.Add(new ItemsetCount(itemset, support));
            if (itemset.Length >= maxSize) continue;

            // The item's conditional tree: every path above one of its nodes, weighted by that node's count.
            var conditional = new FpTree();
            var prefixCounts = new Dictionary<int, int>();
            var paths = new List<(List<int> Path, int Count)>();
            foreach (var node in nodes)
            {
                var prefix = new List<int>();
                for (var up = node.Parent; up is { Item: >= 0 }; up = up.Parent) prefix.Add(up.Item);
                if (prefix.Count == 0) continue;
                prefix.Reverse();
                paths.Add((prefix, node.Count));
                foreach (var p in prefix) prefixCounts[p] = prefixCounts.GetValueOrDefault(p) + node.Count;
            }
            foreach (var (prefix, count) in paths)
            {
                var kept = prefix.Where(p => prefixCounts[p] >= minCount).ToList();
                if (kept.Count > 0) conditional.Insert(kept, count);
            }
            if (conditional.Headers.Count > 0) Grow(conditional, itemset, minCount, maxSize, found);
        }
    }

    private sealed class FpNode(int item, FpNode? parent)
    {
        public int Item { get; } = item;
        public FpNode? Parent { get; } = parent;
        public int Count { get; set; }
        public Dictionary<int, FpNode>? Children { get; set; }
    }

    private sealed class FpTree
    {
        private readonly FpNode _root = new(-1, null);
        public Dictionary<int, List<FpNode>> Headers { get; } = [];

        public void Insert(IReadOnlyList<int> path, int count)
        {
            var node = _root;
            foreach (var item in path)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(item, out var child))
                {
                    child = new FpNode(item, node);
                    node.Children[item] = child;
                    if (!Headers.TryGetValue(item, out var list)) Headers[item] = list = [];
                    list.Add(child);
                }
                child.Count += count;
                node = child;
            }
        }
    }
}
