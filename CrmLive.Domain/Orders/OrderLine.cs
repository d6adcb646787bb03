using CrmLive.Domain.Common;

namespace CrmLive.Domain.Orders;

/// <summary>One product on an order: what was bought, how many, at what price. The baskets rule mining reads.</summary>
public sealed class OrderLine : Entity
{
    public const int MaxSkuLength = 64;
    public const int MaxNameLength = 200;

    private OrderLine() { }

    public OrderLine(Guid orderId, string sku, string productName, int quantity, decimal unitPrice)
    {
        if (quantity < 1) throw new DomainException("A line has a quantity of at least 1.");
        if (unitPrice < 0) throw new DomainException("A unit price cannot be negative.");
        OrderId = orderId;
        Sku = Guard.NotBlank(sku, "SKU", MaxSkuLength);
        ProductName = Guard.NotBlank(productName, "Product name", MaxNameLength);
        Quantity = quantity;
        UnitPrice = unitPrice;
    }

    public Guid OrderId { get; private set; }
    public string Sku { get; private set; } = "";
    public string ProductName { get; private set; } = "";
    public int Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
}
