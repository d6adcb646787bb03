using CrmLive.Domain.Common;

namespace CrmLive.Domain.Orders;

public enum OrderStatus { Placed, Paid, Shipped, Delivered, Cancelled, Refunded }

public enum SalesChannel { Web, Mobile, Store, Phone }

public sealed class Order : Entity
{
    private Order() { }

    public Order(Guid customerId, string number, DateTimeOffset placedAt, decimal amount, string currency,
        SalesChannel channel, OrderStatus status, int itemCount, string itemsSummary)
    {
        if (amount < 0) throw new DomainException("Order amount cannot be negative.");
        if (itemCount < 1) throw new DomainException("An order has at least one item.");
        CustomerId = customerId;
        Number = Guard.NotBlank(number, nameof(number), 40);
        PlacedAt = placedAt;
        Amount = amount;
        Currency = Guard.NotBlank(currency, nameof(currency), 3).ToUpperInvariant();
        Channel = channel;
        Status = status;
        ItemCount = itemCount;
        ItemsSummary = itemsSummary;
    }

    public Guid CustomerId { get; private set; }
    public string Number { get; private set; } = "";
    public DateTimeOffset PlacedAt { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public SalesChannel Channel { get; private set; }
    public OrderStatus Status { get; private set; }
    public int ItemCount { get; private set; }
    public string ItemsSummary { get; private set; } = "";

    public void SetStatus(OrderStatus status) => Status = status;

    /// <summary>Cancelled and refunded orders don't count towards frequency or monetary value.</summary>
    public bool CountsAsRevenue => Status is not (OrderStatus.Cancelled or OrderStatus.Refunded);
}
