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

internal sealed class SegmentRevenueHourEntityTypeConfiguration : IEntityTypeConfiguration<SegmentRevenueHour>
{
    public void Configure(EntityTypeBuilder<SegmentRevenueHour> builder)
    {
        builder.HasKey(h => new { h.Hour, h.Segment });
        builder.Property(h => h.Segment).HasMaxLength(60);
        builder.Property(h => h.Revenue).HasPrecision(18, 2);
    }
}
