using CrmLive.Domain.Common;

namespace CrmLive.Domain.Offers;

/// <summary>A mined rule as kept between runs: products by SKU (and name, for people), with its measures.</summary>
public sealed class ProductRule : Entity
{
    public const char Separator = '|';

    private ProductRule() { }

    public ProductRule(IReadOnlyList<(string Sku, string Name)> ifBought, (string Sku, string Name) then, int count, double support,
        double confidence, double lift, DateTimeOffset minedAt)
    {
        IfSkus = string.Join(Separator, ifBought.Select(i => i.Sku));
        IfNames = string.Join(Separator, ifBought.Select(i => i.Name));
        ThenSku = then.Sku;
        ThenName = then.Name;
        Count = count;
        Support = support;
        Confidence = confidence;
        Lift = lift;
        MinedAt = minedAt;
    }

    public string IfSkus { get; private set; } = "";
    public string IfNames { get; private set; } = "";
    public string ThenSku { get; private set; } = "";
    public string ThenName { get; private set; } = "";
    public int Count { get; private set; }
    public double Support { get; private set; }
    public double Confidence { get; private set; }
    public double Lift { get; private set; }
    public DateTimeOffset MinedAt { get; private set; }

    public IReadOnlyList<string> IfSkuList => IfSkus.Split(Separator);
    public IReadOnlyList<string> IfNameList => IfNames.Split(Separator);
}
