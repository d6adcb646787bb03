using CrmLive.Domain.Customers;
using CrmLive.Domain.Lists;
using CrmLive.Domain.Notes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class NoteEntityTypeConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> builder)
    {
        builder.Property(n => n.Body).HasMaxLength(Note.MaxLength).IsRequired();
        builder.Property(n => n.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(n => n.AuthorName).HasMaxLength(200).IsRequired();
        builder.HasOne<Customer>().WithMany().HasForeignKey(n => n.CustomerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.CustomerId, n.CreatedAt });
    }
}

internal sealed class SavedViewEntityTypeConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> builder)
    {
        builder.Property(v => v.List).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.Name).HasMaxLength(80).IsRequired();
        builder.Property(v => v.OwnerId).HasMaxLength(450).IsRequired();
        builder.Property(v => v.Definition).HasMaxLength(SavedView.MaxDefinitionLength).IsRequired();
        builder.HasIndex(v => new { v.List, v.OwnerId });
    }
}
