using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class CustomerEntityTypeConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.OtherEmails);
        builder.Property(c => c.OtherPhones);
        builder.Property(c => c.CompanyName).HasMaxLength(200);
        builder.Property(c => c.Language).HasMaxLength(20);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.SearchText).HasMaxLength(1000).IsRequired();
        builder.ComplexProperty(c => c.Address, AddressColumns.Map<Customer>);
        builder.ComplexProperty(c => c.Metrics, m =>
        {
            m.Property(x => x.Segment).HasColumnName("Segment").HasMaxLength(40);
            m.Property(x => x.LoyaltyScore).HasColumnName("LoyaltyScore");
            m.Property(x => x.LoyaltyTier).HasColumnName("LoyaltyTier").HasMaxLength(20);
            m.Property(x => x.LifetimeValue).HasColumnName("LifetimeValue").HasPrecision(18, 2);
            m.Property(x => x.ChurnRisk).HasColumnName("ChurnRisk");
            m.Property(x => x.AverageCsat).HasColumnName("AverageCsat");
            m.Property(x => x.ComputedAt).HasColumnName("MetricsComputedAt");
        });
        builder.Ignore(c => c.Rfm);
        builder.HasOne(c => c.Company).WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.ExternalId).HasMaxLength(100);
        builder.HasIndex(c => c.ExternalId).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        // Every list order is (column, Id), so each sortable column's index ends in Id: then a page is a range scan
        // in index order. With (column) alone, SQLite and PostgreSQL sort every run of equal values for the Id
        // tie-break — 400,000 rows with no company, 100,000 with no e-mail at a million customers. These also
        // serve equality lookups on their first column (e-mail duplicates, an owner's or a stage's customers).
        builder.HasIndex(c => new { c.Name, c.Id });
        builder.HasIndex(c => new { c.Email, c.Id });
        builder.HasIndex(c => new { c.CompanyName, c.Id });
        builder.HasIndex(c => new { c.CreatedAt, c.Id });
        builder.HasIndex(c => new { c.LastSeenAt, c.Id });
        // The filters the list offers, in the order they are usually shown: by name, or an owner's by last seen.
        builder.HasIndex(c => new { c.OwnerId, c.Name, c.Id });
        builder.HasIndex(c => new { c.OwnerId, c.LastSeenAt, c.Id });
        builder.HasIndex(c => new { c.Stage, c.Name, c.Id });
    }
}

internal static class AddressColumns
{
    public static void Map<T>(ComplexPropertyBuilder<Address> a)
    {
        a.Property(x => x.Street).HasColumnName("Street").HasMaxLength(200);
        a.Property(x => x.City).HasColumnName("City").HasMaxLength(100);
        a.Property(x => x.PostalCode).HasColumnName("PostalCode").HasMaxLength(20);
        a.Property(x => x.Country).HasColumnName("Country").HasMaxLength(2);
    }
}

internal sealed class CompanyEntityTypeConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Domain).HasMaxLength(200);
        builder.Property(c => c.Industry).HasMaxLength(100);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(c => c.Address, AddressColumns.Map<Company>);
        builder.HasIndex(c => c.Name);
        builder.HasIndex(c => c.Domain);
        builder.HasIndex(c => c.CreatedAt);
    }
}

internal sealed class TimelineEntryEntityTypeConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.Property(t => t.Title).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Detail).HasMaxLength(1000);
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
        // Keyset paging reads (CustomerId, OccurredAt desc, Id desc).
        builder.HasIndex(t => new { t.CustomerId, t.OccurredAt, t.Id });
        // Filtered by kind: the same order within one kind.
        builder.HasIndex(t => new { t.CustomerId, t.Kind, t.OccurredAt, t.Id });
    }
}

internal sealed class RecordTagEntityTypeConfiguration : IEntityTypeConfiguration<RecordTag>
{
    public void Configure(EntityTypeBuilder<RecordTag> builder)
    {
        builder.ToTable("RecordTags");
        builder.HasKey(t => new { t.RecordId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(ConversationLabel.MaxLength);
        builder.HasIndex(t => new { t.Tag, t.RecordId });
    }
}

internal sealed class CustomAttributeDefinitionEntityTypeConfiguration : IEntityTypeConfiguration<CustomAttributeDefinition>
{
    public void Configure(EntityTypeBuilder<CustomAttributeDefinition> builder)
    {
        builder.ToTable("CustomAttributes");
        builder.Property(d => d.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Key).HasMaxLength(40).IsRequired();
        builder.Property(d => d.Label).HasMaxLength(60).IsRequired();
        builder.Property(d => d.Choices);
        builder.HasIndex(d => new { d.Target, d.Key }).IsUnique();
    }
}

internal sealed class CustomAttributeValueEntityTypeConfiguration : IEntityTypeConfiguration<CustomAttributeValue>
{
    public void Configure(EntityTypeBuilder<CustomAttributeValue> builder)
    {
        builder.ToTable("CustomAttributeValues");
        builder.HasKey(v => new { v.RecordId, v.DefinitionId });
        builder.Ignore(v => v.Value);
        builder.Property(v => v.Text).HasMaxLength(CustomAttributeDefinition.MaxTextLength);
        builder.Property(v => v.Number).HasPrecision(18, 4);
        builder.HasOne<CustomAttributeDefinition>().WithMany().HasForeignKey(v => v.DefinitionId)
            .OnDelete(DeleteBehavior.Cascade);
        // Filters and sorts on a custom field read one of these.
        builder.HasIndex(v => new { v.DefinitionId, v.Text });
        builder.HasIndex(v => new { v.DefinitionId, v.Number });
        builder.HasIndex(v => new { v.DefinitionId, v.Date });
    }
}
