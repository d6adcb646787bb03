using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class ConversationEntityTypeConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AssignedAgentId).HasMaxLength(450);
        builder.Property(c => c.HandoffReason).HasMaxLength(200);
        builder.Property(c => c.LastMessagePreview).HasMaxLength(140);
        builder.Property(c => c.CsatComment).HasMaxLength(Conversation.MaxCsatCommentLength);
        // Two writers appending at once both read the same LastSeq; the loser retries with a fresh value.
        builder.Property(c => c.LastSeq).IsConcurrencyToken();
        builder.Ignore(c => c.IsWithBot);
        builder.HasOne<Inbox>().WithMany().HasForeignKey(c => c.InboxId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Visitor>().WithMany().HasForeignKey(c => c.VisitorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(c => new { c.Status, c.LastMessageAt });
        builder.HasIndex(c => new { c.VisitorId, c.Status });
        builder.HasIndex(c => c.CustomerId);
        builder.HasIndex(c => c.AssignedAgentId);
    }
}

internal sealed class MessageEntityTypeConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Sender).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Text).HasMaxLength(Conversation.MaxTextLength).IsRequired();
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.AuthorName).HasMaxLength(200);
        builder.Property(m => m.ClientMessageId).HasMaxLength(64);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique()
            .HasFilter("\"ClientMessageId\" IS NOT NULL");
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class InboxEntityTypeConfiguration : IEntityTypeConfiguration<Inbox>
{
    public void Configure(EntityTypeBuilder<Inbox> builder)
    {
        builder.Property(i => i.Key).HasMaxLength(50).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Greeting).HasMaxLength(500);
        builder.Property(i => i.AllowedOrigins).HasMaxLength(4000);
        builder.Ignore(i => i.AllowedOriginList);
        builder.HasIndex(i => i.Key).IsUnique();
    }
}

internal sealed class VisitorEntityTypeConfiguration : IEntityTypeConfiguration<Visitor>
{
    public void Configure(EntityTypeBuilder<Visitor> builder)
    {
        builder.Property(v => v.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(v => v.Name).HasMaxLength(100);
        builder.Property(v => v.Email).HasMaxLength(254);
        builder.HasIndex(v => v.TokenHash).IsUnique();
        builder.HasOne<Inbox>().WithMany().HasForeignKey(v => v.InboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Customer>().WithMany().HasForeignKey(v => v.CustomerId).OnDelete(DeleteBehavior.SetNull);
    }
}
