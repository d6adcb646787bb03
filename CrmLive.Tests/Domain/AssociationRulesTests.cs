using CrmLive.Domain.Offers;

namespace CrmLive.Tests.Domain;

/// <summary>Rule mining on a basket set small enough to count by hand.</summary>
public class AssociationRulesTests
{
    // 1 bread, 2 milk, 3 butter, 4 beer, 5 nappies
    private static readonly int[][] Baskets =
    [
        [1, 2, 3], // 0
        [1, 2],    // 1
        [1, 3],    // 2
        [2, 3],    // 3
        [1, 2, 3], // 4
        [4, 5],    // 5
        [4, 5, 1], // 6
        [5],       // 7
        [1, 2, 3, 3], // 8: a repeated item counts once
        [2],       // 9
    ];

    [Fact]
    public void FrequentItemsets_HaveTheirExactCounts()
    {
        var sets = FrequentItemsets.Mine(Baskets, minCount: 2).ToDictionary(s => string.Join(',', s.Items), s => s.Count);

        Assert.Equal(6, sets["1"]);
        Assert.Equal(6, sets["2"]);
        Assert.Equal(5, sets["3"]);
        Assert.Equal(2, sets["4"]);
        Assert.Equal(3, sets["5"]);
        Assert.Equal(4, sets["1,2"]);
        Assert.Equal(4, sets["1,3"]);
        Assert.Equal(4, sets["2,3"]);
        Assert.Equal(3, sets["1,2,3"]);
        Assert.Equal(2, sets["4,5"]);
        Assert.False(sets.ContainsKey("1,4")); // once only: below the minimum
        Assert.False(sets.ContainsKey("1,5"));
        Assert.Equal(10, sets.Count);
    }

    [Fact]
    public void FrequentItemsets_MatchCountingEverySubset_OnRandomBaskets()
    {
        var random = new Random(7);
        var baskets = Enumerable.Range(0, 400).Select(_ => Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(12)).ToArray()).ToList();

        var mined = FrequentItemsets.Mine(baskets, minCount: 6).ToDictionary(s => string.Join(',', s.Items), s => s.Count);

        var brute = new Dictionary<string, int>();
        foreach (var basket in baskets)
        {
            var items = basket.Distinct().Order().ToArray();
            for (var mask = 1; mask < 1 << items.Length; mask++)
            {
                var subset = items.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
                if (subset.Length > 3) continue;
                var key = string.Join(',', subset);
                brute[key] = brute.GetValueOrDefault(key) + 1;
            }
        }
        Assert.Equal(brute.Where(b => b.Value >= 6).OrderBy(b => b.Key), mined.OrderBy(m => m.Key));
    }

    [Fact]
    public void Rules_HaveExactSupportConfidenceAndLift()
    {
        var rules = AssociationRules.From(FrequentItemsets.Mine(Baskets, 2), Baskets.Length, minConfidence: 0.5, minLift: 0);

        // beer → nappies: both in 2 of 10 baskets; beer in 2, so confidence 1; nappies in 3 of 10, so lift 1 / 0.3.
        var beer = Assert.Single(rules, r => r.If.SequenceEqual([4]) && r.Then == 5);
        Assert.Equal((2, 0.2, 1.0), (beer.Count, beer.Support, beer.Confidence));
        Assert.Equal(1 / 0.3, beer.Lift, 9);

        // bread and milk → butter: 3 of the 4 baskets with both; butter in 5 of 10: lift 0.75 / 0.5 = 1.5.
        var butter = Assert.Single(rules, r => r.If.SequenceEqual([1, 2]) && r.Then == 3);
        Assert.Equal((3, 0.3, 0.75, 1.5), (butter.Count, butter.Support, butter.Confidence, Math.Round(butter.Lift, 9)));

        Assert.DoesNotContain(rules, r => r.Confidence < 0.5);
        Assert.Equal(beer, rules[0]); // strongest lift first
    }

    [Fact]
    public void Offers_AreForUnboughtProducts_WhoseRuleTheCustomerFulfils_StrongestFirst()
    {
        var rules = AssociationRules.From(FrequentItemsets.Mine(Baskets, 2), Baskets.Length, minConfidence: 0.5, minLift: 1.0);
        var names = new Dictionary<int, string> { [1] = "bread", [2] = "milk", [3] = "butter", [4] = "beer", [5] = "nappies" };

        var offers = NextBestOffers.For(new HashSet<int> { 1, 2 }, rules);

        var offer = Assert.Single(offers);
        Assert.Equal(3, offer.Item);
        Assert.Equal("Bought bread and milk; 75% of those who did also bought butter.",
            NextBestOffers.Reason(offer, i => names[i]));
        Assert.Empty(NextBestOffers.For(new HashSet<int> { 1, 2, 3, 4, 5 }, rules));
        Assert.Equal(5, NextBestOffers.For(new HashSet<int> { 4 }, rules).Single().Item);
    }
}
