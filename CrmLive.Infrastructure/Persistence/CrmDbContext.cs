using CrmLive.Domain.Analytics;
using CrmLive.Domain.Api;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Bot;
using CrmLive.Domain.Conversations;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Lists;
using CrmLive.Domain.Notes;
using CrmLive.Domain.Deals;
using CrmLive.Domain.Imports;
using CrmLive.Domain.Orders;
using CrmLive.Domain.Tickets;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>
/// The CRM's database. Each provider has a subclass that owns its migrations
/// (<see cref="Sqlite.SqliteCrmDbContext"/>), so migrations for several providers live side by side.
/// </summary>
public abstract class CrmDbContext(DbContextOptions options) : IdentityDbContext<StaffUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<TimelineEntry> Timeline => Set<TimelineEntry>();
    public DbSet<Inbox> Inboxes => Set<Inbox>();
    public DbSet<Visitor> Visitors => Set<Visitor>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<ConversationLabel> ConversationLabels => Set<ConversationLabel>();
    public DbSet<CannedResponse> CannedResponses => Set<CannedResponse>();
    public DbSet<Intent> Intents => Set<Intent>();
    public DbSet<IntentExample> IntentExamples => Set<IntentExample>();
    public DbSet<BotModelVersion> BotModelVersions => Set<BotModelVersion>();
    public DbSet<BotSettings> BotSettings => Set<BotSettings>();
    public DbSet<BotDecision> BotDecisions => Set<BotDecision>();
    public DbSet<BotRuleDefinition> BotRules => Set<BotRuleDefinition>();
    public DbSet<RecordTag> RecordTags => Set<RecordTag>();
    public DbSet<CustomAttributeDefinition> CustomAttributes => Set<CustomAttributeDefinition>();
    public DbSet<CustomAttributeValue> CustomAttributeValues => Set<CustomAttributeValue>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<SavedView> SavedViews => Set<SavedView>();
    public DbSet<SlaSettings> SlaSettings => Set<SlaSettings>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<ImportFileChunk> ImportFileChunks => Set<ImportFileChunk>();
    public DbSet<MergeRedirect> MergeRedirects => Set<MergeRedirect>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AnalyticsRun> AnalyticsRuns => Set<AnalyticsRun>();
    public DbSet<SegmentRevenueHour> SegmentRevenueHours => Set<SegmentRevenueHour>();
    public DbSet<Domain.Common.JobSchedule> JobSchedules => Set<Domain.Common.JobSchedule>();
    public DbSet<Domain.Team.Invitation> Invitations => Set<Domain.Team.Invitation>();
    public DbSet<StaffInbox> StaffInboxes => Set<StaffInbox>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Domain.Offers.ProductRule> ProductRules => Set<Domain.Offers.ProductRule>();
    public DbSet<Domain.Campaigns.Campaign> Campaigns => Set<Domain.Campaigns.Campaign>();
    public DbSet<Domain.Campaigns.CampaignRecipient> CampaignRecipients => Set<Domain.Campaigns.CampaignRecipient>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
    }
}
