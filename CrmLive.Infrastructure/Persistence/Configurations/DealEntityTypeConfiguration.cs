using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class DealEntityTypeConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Currency).HasMaxLength(3).IsRequired();
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.OwnerId).HasMaxLength(450);
        builder.HasOne<Customer>().WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // No database-side action: SQL Server refuses a second cascade path from customers.
        builder.HasOne<Conversation>().WithMany().HasForeignKey(d => d.ConversationId).OnDelete(DeleteBehavior.ClientSetNull);
        builder.HasIndex(d => new { d.CustomerId, d.Stage });
        builder.Property(d => d.LostReason).HasMaxLength(200);
        builder.Ignore(d => d.IsClosed);
        builder.HasIndex(d => new { d.Stage, d.ExpectedClose });
        builder.HasIndex(d => new { d.Stage, d.Position });
        builder.HasIndex(d => new { d.OwnerId, d.Stage });
    }
}
