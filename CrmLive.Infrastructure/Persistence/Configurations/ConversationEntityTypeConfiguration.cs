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
        builder.HasIndex(c => c.CreatedAt); // dashboards: conversations started in a range
        builder.HasIndex(c => c.ResolvedAt); // dashboards: conversations resolved in a range
        // Only the open conversations (a few dozen among millions): counts by status and by agent for the inbox and the
        // dashboards. The status index cannot serve "not resolved": its statistics average over millions of resolved
        // rows, so the planner would scan. Double-quoted identifiers read the same on SQLite, PostgreSQL and SQL Server.
        builder.HasIndex(c => new { c.Status, c.AssignedAgentId }, "IX_Conversations_Open").HasFilter("\"Status\" <> 'Resolved'");
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
        builder.HasOne<Attachment>().WithMany().HasForeignKey(m => m.AttachmentId).OnDelete(DeleteBehavior.ClientSetNull);
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
        builder.Property(i => i.IdentitySecret).HasMaxLength(64).IsRequired();
        builder.Property(i => i.PreviousIdentitySecret).HasMaxLength(64);
        builder.Property(i => i.WidgetColor).HasMaxLength(7).IsRequired();
        builder.Property(i => i.WidgetPosition).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(i => i.BusinessHours).HasMaxLength(1000);
        builder.Property(i => i.AwayMessage).HasMaxLength(500);
        builder.Property(i => i.AttachmentTypes).HasMaxLength(500);
        builder.Ignore(i => i.Attachments);
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

internal sealed class AttachmentEntityTypeConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.AccessKey).HasMaxLength(32).IsRequired();
        builder.Ignore(a => a.IsImage);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.ConversationId);
    }
}

internal sealed class AttachmentContentEntityTypeConfiguration : IEntityTypeConfiguration<AttachmentContent>
{
    public void Configure(EntityTypeBuilder<AttachmentContent> builder)
    {
        builder.HasKey(c => c.AttachmentId);
        builder.Property(c => c.Bytes).IsRequired();
        builder.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationLabelEntityTypeConfiguration : IEntityTypeConfiguration<ConversationLabel>
{
    public void Configure(EntityTypeBuilder<ConversationLabel> builder)
    {
        builder.HasKey(l => new { l.ConversationId, l.Label });
        builder.Property(l => l.Label).HasMaxLength(ConversationLabel.MaxLength);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(l => l.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.Label, l.ConversationId });
    }
}

internal sealed class CannedResponseEntityTypeConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> builder)
    {
        builder.Property(c => c.Shortcut).HasMaxLength(CannedResponse.MaxShortcutLength).IsRequired();
        builder.Property(c => c.Text).HasMaxLength(Conversation.MaxTextLength).IsRequired();
        builder.HasIndex(c => c.Shortcut).IsUnique();
    }
}
