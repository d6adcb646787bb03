using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Offers;

/// <summary>Settings of the <c>Offers</c> section: how rules are mined from order lines.</summary>
public sealed class OffersOptions
{
    public const string Section = "Offers";

    /// <summary>A product set must appear in at least this share of orders to count.</summary>
    [Range(0.000001, 0.5)]
    public double MinSupport { get; set; } = 0.001;

    /// <summary>…and in at least this many orders, so a small shop's noise is not a rule.</summary>
    [Range(1, 1_000_000)]
    public int MinOrders { get; set; } = 5;

    [Range(0.01, 1.0)]
    public double MinConfidence { get; set; } = 0.1;

    /// <summary>Only pairings likelier than chance (lift above this) are kept.</summary>
    [Range(0.0, 100.0)]
    public double MinLift { get; set; } = 1.1;

    /// <summary>At most this many rules are kept, strongest lift first.</summary>
    [Range(1, 1_000_000)]
    public int MaxRules { get; set; } = 5000;
}
