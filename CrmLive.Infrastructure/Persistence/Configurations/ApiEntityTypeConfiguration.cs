using CrmLive.Domain.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(ApiKey.MaxNameLength).IsRequired();
        builder.Property(k => k.Prefix).HasMaxLength(32).IsRequired();
        builder.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.Scope).HasConversion<string>().HasMaxLength(20);
        builder.Property(k => k.CreatedById).HasMaxLength(450);
        builder.Property(k => k.CreatedByName).HasMaxLength(200).IsRequired();
        builder.Property(k => k.RevokedByName).HasMaxLength(200);
        builder.Ignore(k => k.IsRevoked);
        builder.Ignore(k => k.CanWrite);
        builder.HasIndex(k => k.Prefix).IsUnique();
    }
}

internal sealed class IdempotencyRecordEntityTypeConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.CallerId).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.MaxKeyLength).IsRequired();
        builder.Property(r => r.RequestHash).HasMaxLength(64).IsRequired();
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(400);
        builder.Ignore(r => r.IsComplete);
        builder.HasIndex(r => new { r.CallerId, r.Key }).IsUnique();
        builder.HasIndex(r => r.ExpiresAt);
    }
}
