namespace CrmLive.Domain.Analytics;

/// <summary>Recency, frequency and monetary quintile scores, each 1 (worst) to 5 (best).</summary>
public sealed record RfmScore(int Recency, int Frequency, int Monetary)
{
    public override string ToString() => $"{Recency}{Frequency}{Monetary}";
}

/// <summary>What the RFM scorer needs to know about one customer's orders.</summary>
public sealed record RfmInput(Guid CustomerId, DateTimeOffset? LastOrderAt, int OrderCount, decimal Monetary);
