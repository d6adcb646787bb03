using CrmLive.Domain.Bot;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrmLive.Infrastructure.Persistence.Configurations;

internal sealed class IntentEntityTypeConfiguration : IEntityTypeConfiguration<Intent>
{
    public void Configure(EntityTypeBuilder<Intent> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(Intent.MaxNameLength).IsRequired();
        builder.Property(i => i.Answer).HasMaxLength(Intent.MaxAnswerLength).IsRequired();
        builder.Property(i => i.Action).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => i.Name).IsUnique();
    }
}

internal sealed class IntentExampleEntityTypeConfiguration : IEntityTypeConfiguration<IntentExample>
{
    public void Configure(EntityTypeBuilder<IntentExample> builder)
    {
        builder.Property(e => e.Text).HasMaxLength(IntentExample.MaxTextLength).IsRequired();
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Intent>().WithMany().HasForeignKey(e => e.IntentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.IntentId, e.Text }).IsUnique();
    }
}

internal sealed class BotModelVersionEntityTypeConfiguration : IEntityTypeConfiguration<BotModelVersion>
{
    public void Configure(EntityTypeBuilder<BotModelVersion> builder)
    {
        builder.Property(v => v.Decision).HasMaxLength(300);
        builder.Property(v => v.Model).IsRequired();
        builder.HasIndex(v => v.Version).IsUnique();
        builder.HasIndex(v => v.IsActive);
    }
}

internal sealed class BotSettingsEntityTypeConfiguration : IEntityTypeConfiguration<BotSettings>
{
    public void Configure(EntityTypeBuilder<BotSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class BotDecisionEntityTypeConfiguration : IEntityTypeConfiguration<BotDecision>
{
    public void Configure(EntityTypeBuilder<BotDecision> builder)
    {
        builder.Property(d => d.Text).HasMaxLength(BotDecision.MaxTextLength).IsRequired();
        builder.Property(d => d.Rule).HasMaxLength(80).IsRequired();
        builder.Property(d => d.Intent).HasMaxLength(Intent.MaxNameLength);
        builder.HasOne<CrmLive.Domain.Conversations.Conversation>().WithMany().HasForeignKey(d => d.ConversationId)
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.At);
        builder.HasIndex(d => new { d.Understood, d.At });
    }
}

internal sealed class BotRuleDefinitionEntityTypeConfiguration : IEntityTypeConfiguration<BotRuleDefinition>
{
    public void Configure(EntityTypeBuilder<BotRuleDefinition> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(Intent.MaxNameLength).IsRequired();
        builder.Property(r => r.Pattern).HasMaxLength(BotRuleDefinition.MaxPatternLength).IsRequired();
        builder.Property(r => r.Answer).HasMaxLength(Intent.MaxAnswerLength).IsRequired();
        builder.Property(r => r.Match).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Condition).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(r => r.Name).IsUnique();
        builder.HasIndex(r => r.Position);
    }
}
