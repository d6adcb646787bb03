using CrmLive.Domain.Customers;
using CrmLive.Domain.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class OrderEntityTypeConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(40).IsRequired();
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.Amount).HasPrecision(18, 2);
        builder.Property(o => o.ItemsSummary).HasMaxLength(500);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(o => o.CountsAsRevenue);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => new { o.CustomerId, o.PlacedAt });
        builder.HasIndex(o => o.Number).IsUnique();
        // The API lists all orders by date (an ERP syncing since a day), keyset-paged on (PlacedAt, Id).
        builder.HasIndex(o => new { o.PlacedAt, o.Id });
    }
}

internal sealed class OrderLineEntityTypeConfiguration : IEntityTypeConfiguration<OrderLine>
{
    public void Configure(EntityTypeBuilder<OrderLine> builder)
    {
        builder.Property(l => l.Sku).HasMaxLength(OrderLine.MaxSkuLength).IsRequired();
        builder.Property(l => l.ProductName).HasMaxLength(OrderLine.MaxNameLength).IsRequired();
        builder.Property(l => l.UnitPrice).HasPrecision(18, 2);
        builder.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
        // Mining reads every line in order of its order, so a basket's lines come together (covered by this index).
        builder.HasIndex(l => new { l.OrderId, l.Sku });
        // "Who bought this product": names for mined rules, audiences for campaigns.
        builder.HasIndex(l => l.Sku);
    }
}

internal sealed class ProductRuleEntityTypeConfiguration : IEntityTypeConfiguration<CrmLive.Domain.Offers.ProductRule>
{
    public void Configure(EntityTypeBuilder<CrmLive.Domain.Offers.ProductRule> builder)
    {
        builder.Property(r => r.IfSkus).HasMaxLength(200).IsRequired();
        builder.Property(r => r.IfNames).HasMaxLength(600).IsRequired();
        builder.Property(r => r.ThenSku).HasMaxLength(OrderLine.MaxSkuLength).IsRequired();
        builder.Property(r => r.ThenName).HasMaxLength(OrderLine.MaxNameLength).IsRequired();
        builder.Ignore(r => r.IfSkuList);
        builder.Ignore(r => r.IfNameList);
        builder.HasIndex(r => r.Lift);
    }
}
