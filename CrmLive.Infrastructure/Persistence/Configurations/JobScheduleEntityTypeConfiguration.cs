using CrmLive.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class JobScheduleEntityTypeConfiguration : IEntityTypeConfiguration<JobSchedule>
{
    public void Configure(EntityTypeBuilder<JobSchedule> builder)
    {
        builder.HasKey(s => s.JobId);
        builder.Property(s => s.JobId).HasMaxLength(100);
        builder.Property(s => s.Cron).HasMaxLength(JobSchedule.MaxCronLength).IsRequired();
        builder.Property(s => s.ChangedBy).HasMaxLength(200).IsRequired();
    }
}
