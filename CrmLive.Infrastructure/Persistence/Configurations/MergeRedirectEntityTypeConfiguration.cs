using CrmLive.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class MergeRedirectEntityTypeConfiguration : IEntityTypeConfiguration<MergeRedirect>
{
    public void Configure(EntityTypeBuilder<MergeRedirect> builder)
    {
        builder.ToTable("CustomerMergeRedirects");
        builder.HasKey(r => r.MergedId);
        // No foreign key: the merged record is gone, and the survivor may be merged or erased later.
        builder.HasIndex(r => r.SurvivorId);
    }
}
