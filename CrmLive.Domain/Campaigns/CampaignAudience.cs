using CrmLive.Domain.Common;

namespace CrmLive.Domain.Campaigns;

public enum AudienceKind { Segment, Tier, SavedView, BoughtNotBought }

/// <summary>
/// Who a campaign is for: a segment or loyalty tier from the last analytics run, a saved customer view, or the
/// customers who bought product <see cref="Value"/> and never <see cref="Except"/> (SKUs).
/// </summary>
public sealed record CampaignAudience(AudienceKind Kind, string Value, string? Except = null)
{
    public const int MaxValueLength = 100;

    public static CampaignAudience Checked(AudienceKind kind, string? value, string? except)
    {
        var what = kind switch
        {
            AudienceKind.Segment => "The segment",
            AudienceKind.Tier => "The loyalty tier",
            AudienceKind.SavedView => "The saved view",
            _ => "The product bought",
        };
        var checkedValue = Guard.NotBlank(value, what, MaxValueLength);
        if (kind != AudienceKind.BoughtNotBought) return new(kind, checkedValue);
        var checkedExcept = Guard.NotBlank(except, "The product not bought", MaxValueLength);
        if (string.Equals(checkedValue, checkedExcept, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("Choose two different products: bought one, not the other.");
        return new(kind, checkedValue, checkedExcept);
    }

    /// <param name="viewName">The saved view's name, for a view audience (its value is the view's id).</param>
    public string Describe(string? viewName = null) => Kind switch
    {
        AudienceKind.Segment => $"Customers in the “{Value}” segment",
        AudienceKind.Tier => $"{Value} tier customers",
        AudienceKind.SavedView => $"Customers in the saved view “{viewName ?? Value}”",
        _ => $"Customers who bought {Value} but not {Except}",
    };
}
