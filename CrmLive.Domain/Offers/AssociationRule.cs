namespace CrmLive.Domain.Offers;

/// <summary>
/// "Who bought <see cref="If"/> also bought <see cref="Then"/>": in <see cref="Support"/> of all baskets both appear;
/// <see cref="Confidence"/> of the baskets with <see cref="If"/> also hold <see cref="Then"/>; <see cref="Lift"/> is how
/// many times likelier that is than <see cref="Then"/> on its own (above 1: they go together).
/// </summary>
public sealed record AssociationRule(int[] If, int Then, int Count, double Support, double Confidence, double Lift);

public static class AssociationRules
{
    /// <summary>Rules with one item as the consequent, from frequent itemsets and the number of baskets they came from.</summary>
    public static IReadOnlyList<AssociationRule> From(IReadOnlyList<ItemsetCount> itemsets, int baskets, double minConfidence,
        double minLift = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baskets, 1);
        var countOf = itemsets.ToDictionary(i => Key(i.Items), i => i.Count);
        var rules = new List<AssociationRule>();
        foreach (var set in itemsets.Where(i => i.Items.Length >= 2))
        {
            foreach (var then in set.Items)
            {
                var antecedent = set.Items.Where(i => i != then).ToArray();
                // Every subset of a frequent itemset is frequent, so both counts are known.
                var confidence = (double)set.Count / countOf[Key(antecedent)];
                var lift = confidence / ((double)countOf[Key([then])] / baskets);
                if (confidence >= minConfidence && lift >= minLift)
                    rules.Add(new AssociationRule(antecedent, then, set.Count, (double)set.Count / baskets, confidence, lift));
            }
        }
        return rules.OrderByDescending(r => r.Lift).ThenByDescending(r => r.Confidence).ThenBy(r => Key(r.If)).ThenBy(r => r.Then)
            .ToList();
    }

    private static string Key(int[] items) => string.Join(',', items.Order());
}
