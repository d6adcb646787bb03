using CrmLive.Domain.Analytics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class AnalyticsRunEntityTypeConfiguration : IEntityTypeConfiguration<AnalyticsRun>
{
    public void Configure(EntityTypeBuilder<AnalyticsRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Stage).HasMaxLength(60).IsRequired();
        builder.Property(r => r.Summary).HasMaxLength(AnalyticsRun.MaxJsonLength);
        builder.Property(r => r.Movement).HasMaxLength(AnalyticsRun.MaxJsonLength);
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.Ignore(r => r.Percent);
        builder.HasIndex(r => r.StartedAt);
    }
}

internal sealed class SegmentRevenueDayEntityTypeConfiguration : IEntityTypeConfiguration<SegmentRevenueDay>
{
    public void Configure(EntityTypeBuilder<SegmentRevenueDay> builder)
    {
        builder.HasKey(d => new { d.Day, d.Segment });
        builder.Property(d => d.Segment).HasMaxLength(60);
        builder.Property(d => d.Revenue).HasPrecision(18, 2);
    }
}
