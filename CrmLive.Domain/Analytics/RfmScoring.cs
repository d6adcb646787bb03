namespace CrmLive.Domain.Analytics;

/// <summary>
/// Quintile RFM scoring. Each dimension is ranked from worst to best; a customer's score is the quintile of the
/// first position its value takes, so equal values always get equal scores no matter how input is ordered.
/// Customers without orders are not scored (null): they have no recency to rank.
/// </summary>
public static class RfmScoring
{
    public const int Quintiles = 5;

    public static IReadOnlyDictionary<Guid, RfmScore?> Score(IEnumerable<RfmInput> customers, DateTimeOffset asOf)
    {
        var all = customers.ToList();
        var result = new Dictionary<Guid, RfmScore?>(all.Count);
        var buyers = all.Where(c => c.OrderCount > 0 && c.LastOrderAt is not null).ToList();
        foreach (var c in all.Where(c => c.OrderCount == 0 || c.LastOrderAt is null))
            result[c.CustomerId] = null;
        if (buyers.Count == 0) return result;

        // Recency: fewer days since the last order is better, so rank by the negated age.
        var recency = Quintile(buyers, c => -(decimal)(asOf - c.LastOrderAt!.Value).TotalDays);
        var frequency = Quintile(buyers, c => c.OrderCount);
        var monetary = Quintile(buyers, c => c.Monetary);
        foreach (var c in buyers)
            result[c.CustomerId] = new RfmScore(recency[c.CustomerId], frequency[c.CustomerId], monetary[c.CustomerId]);
        return result;
    }

    /// <summary>Scores 1..5 where higher values get higher scores; ties share the score of their first rank.</summary>
    internal static Dictionary<Guid, int> Quintile(IReadOnlyList<RfmInput> customers, Func<RfmInput, decimal> value)
    {
        var ordered = customers.Select(c => (c.CustomerId, Value: value(c)))
            .OrderBy(x => x.Value)
            .ThenBy(x => x.CustomerId)
            .ToList();
        var scores = new Dictionary<Guid, int>(ordered.Count);
        var n = ordered.Count;
        var firstRankOfValue = 0;
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && ordered[i].Value != ordered[i - 1].Value) firstRankOfValue = i;
            scores[ordered[i].CustomerId] = ScoreForRank(firstRankOfValue, n);
        }
        return scores;
    }

    internal static int ScoreForRank(int rank, int count) => (int)((long)rank * Quintiles / count) + 1;
}
