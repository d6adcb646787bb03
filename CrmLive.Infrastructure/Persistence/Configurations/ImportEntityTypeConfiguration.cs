using CrmLive.Domain.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class ImportRunEntityTypeConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.FileName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.CreatedById).HasMaxLength(450).IsRequired();
        builder.Property(r => r.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Mapping).HasMaxLength(ImportRun.MaxMappingLength).IsRequired();
        builder.Property(r => r.Error).HasMaxLength(1000);
        builder.Ignore(r => r.IsRunning);
        builder.Ignore(r => r.IsFinished);
        builder.Ignore(r => r.CanStart);
        builder.Ignore(r => r.Percent);
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class ImportRowErrorEntityTypeConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.Property(e => e.Column).HasMaxLength(100);
        builder.Property(e => e.Message).HasMaxLength(ImportRowError.MaxMessageLength).IsRequired();
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(e => e.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.RunId, e.RowNumber });
    }
}

internal sealed class ImportFileChunkEntityTypeConfiguration : IEntityTypeConfiguration<ImportFileChunk>
{
    public void Configure(EntityTypeBuilder<ImportFileChunk> builder)
    {
        builder.HasKey(c => new { c.RunId, c.Index });
        builder.HasOne<ImportRun>().WithMany().HasForeignKey(c => c.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
