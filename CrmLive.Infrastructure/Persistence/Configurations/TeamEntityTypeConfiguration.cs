using CrmLive.Domain.Conversations;
using CrmLive.Domain.Team;
using CrmLive.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class InvitationEntityTypeConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(Invitation.MaxEmailLength).IsRequired();
        builder.Property(i => i.DisplayName).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Role).HasMaxLength(20).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.InvitedByName).HasMaxLength(200).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.Email);
    }
}

internal sealed class StaffInboxEntityTypeConfiguration : IEntityTypeConfiguration<StaffInbox>
{
    public void Configure(EntityTypeBuilder<StaffInbox> builder)
    {
        builder.HasKey(s => new { s.UserId, s.InboxId });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Inbox>().WithMany().HasForeignKey(s => s.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.InboxId);
    }
}
