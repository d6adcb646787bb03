using CrmLive.Domain.Customers;
using CrmLive.Domain.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class TicketEntityTypeConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.Property(t => t.Subject).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Description).HasMaxLength(Ticket.MaxDescriptionLength);
        builder.Property(t => t.AssigneeId).HasMaxLength(450);
        builder.Ignore(t => t.IsOpen);
        builder.HasIndex(t => new { t.CustomerId, t.Status });
        builder.HasIndex(t => new { t.Status, t.DueAt });
        builder.HasIndex(t => new { t.AssigneeId, t.Status });
        builder.HasIndex(t => t.CreatedAt);
    }
}

internal sealed class SlaSettingsEntityTypeConfiguration : IEntityTypeConfiguration<SlaSettings>
{
    public void Configure(EntityTypeBuilder<SlaSettings> builder)
    {
        builder.Property(s => s.BusinessHours).HasMaxLength(1000);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
    }
}
