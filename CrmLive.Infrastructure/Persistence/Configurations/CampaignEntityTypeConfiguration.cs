using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(120).IsRequired();
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AudienceKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AudienceValue).HasMaxLength(CampaignAudience.MaxValueLength).IsRequired();
        builder.Property(c => c.AudienceExcept).HasMaxLength(CampaignAudience.MaxValueLength);
        builder.Property(c => c.EmailSubject).HasMaxLength(200);
        builder.Property(c => c.Body).HasMaxLength(Campaign.MaxBodyLength).IsRequired();
        builder.Property(c => c.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(c => c.CreatedById).HasMaxLength(450).IsRequired();
        builder.Ignore(c => c.Audience);
        builder.Ignore(c => c.Plan);
        builder.Ignore(c => c.ResultsUntil);
        builder.HasIndex(c => new { c.Status, c.StartsAt });
    }
}

internal sealed class CampaignRecipientEntityTypeConfiguration : IEntityTypeConfiguration<CampaignRecipient>
{
    public void Configure(EntityTypeBuilder<CampaignRecipient> builder)
    {
        builder.Property(r => r.Group).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.EmailState).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.WidgetState).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Key).HasMaxLength(32).IsRequired();
        builder.Property(r => r.EmailNote).HasMaxLength(300);
        builder.Property(r => r.WidgetNote).HasMaxLength(300);
        builder.Ignore(r => r.WidgetMessageOpen);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.CampaignId, r.CustomerId }).IsUnique();
        // The sending job reads a campaign's pending e-mails a batch at a time.
        builder.HasIndex(r => new { r.CampaignId, r.EmailState, r.EmailNextAttemptAt });
        // A customer's widget messages and everything counted against the frequency cap.
        builder.HasIndex(r => new { r.CustomerId, r.ReachedAt });
    }
}
