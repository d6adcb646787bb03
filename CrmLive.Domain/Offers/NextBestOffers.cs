namespace CrmLive.Domain.Offers;

/// <summary>A product to suggest, the rule that suggests it, and that rule in words.</summary>
public sealed record Offer(int Item, AssociationRule Because);

/// <summary>
/// What to offer a customer next: rules whose "if" they have all bought, for products they have not, strongest lift
/// first, one suggestion per product.
/// </summary>
public static class NextBestOffers
{
    public static IReadOnlyList<Offer> For(IReadOnlySet<int> bought, IEnumerable<AssociationRule> rules, int take = 3) =>
        rules.Where(r => !bought.Contains(r.Then) && r.If.All(bought.Contains))
            .GroupBy(r => r.Then)
            .Select(g => g.OrderByDescending(r => r.Lift).ThenByDescending(r => r.Confidence).ThenByDescending(r => r.If.Length).First())
            .OrderByDescending(r => r.Lift).ThenByDescending(r => r.Confidence).ThenBy(r => r.Then)
            .Take(take)
            .Select(r => new Offer(r.Then, r))
            .ToList();

    /// <summary>"Bought Trail shoes; 38% of those who did also bought Merino socks."</summary>
    public static string Reason(Offer offer, Func<int, string> nameOf) =>
        $"Bought {string.Join(" and ", offer.Because.If.Select(nameOf))}; " +
        $"{Math.Round(offer.Because.Confidence * 100).ToString(System.Globalization.CultureInfo.InvariantCulture)}% of those who did also bought {nameOf(offer.Item)}.";
}
