using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Customers;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Mail;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>
/// Sends a campaign's e-mail in batches: one SMTP connection and one transaction per batch (the recipients' states
/// and their timeline lines together), progress on the live bus after each. Consent and address are checked at
/// sending time, quiet hours and the frequency cap defer a message, a refused address is a bounce, and a temporary
/// failure is tried again later. When messages wait, the job schedules itself for the earliest.
/// </summary>
public sealed class CampaignEmailJob(IDbContextFactory<CrmDbContext> dbFactory, MailSender mail, CampaignContent content,
    IOptions<CampaignsOptions> options, IBackgroundJobClient jobs, ILiveEventBus bus, TimeProvider clock,
    ILogger<CampaignEmailJob> logger)
{
    // One run per campaign at a time (two would pick the same pending recipients); campaigns send side by side.
    [DisableConcurrentExecution("campaign-email:{0}", 300)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid campaignId, CancellationToken ct)
    {
        Campaign? campaign;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || !campaign.Uses(CampaignChannels.Email)) return;
        if (!mail.IsConfigured)
        {
            logger.LogWarning("Campaign {Campaign}: e-mail waits, no SMTP server is configured (Mail:SmtpHost)", campaignId);
            return;
        }
        var sent = 0;
        while (campaign.IsSending(clock.GetUtcNow()) && await SendBatchAsync(campaign, ct) is { } batch)
        {
            sent += batch;
            await bus.PublishAsync(new CampaignChanged(campaignId, "email"), ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        }
        logger.LogInformation("Campaign {Campaign}: {Sent} e-mails sent this run", campaignId, sent);
        await ScheduleWaitingAsync(campaign, ct);
    }

    /// <returns>How many went out, or null when no message is due.</returns>
    private async Task<int?> SendBatchAsync(Campaign campaign, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var batch = await db.CampaignRecipients
            .Where(r => r.CampaignId == campaign.Id && r.EmailState == DeliveryState.Pending
                && (r.EmailNextAttemptAt == null || r.EmailNextAttemptAt <= now))
            .OrderBy(r => r.Id).Take(options.Value.EmailBatchSize).ToListAsync(ct);
        if (batch.Count == 0) return null;
        var customerIds = batch.Select(r => r.CustomerId).ToList();
        var customers = await db.Customers.Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var values = await CampaignContent.MergeValuesAsync(db, customerIds, ct);
        var earlier = await CampaignRules.EarlierMessagesAsync(db, campaign, customerIds, now, ct);

        var sent = 0;
        MailSession? session = null;
        try
        {
            foreach (var recipient in batch)
            {
                var customer = customers[recipient.CustomerId];
                if (CampaignRules.EmailRefusal(customer) is { } refusal)
                {
                    recipient.SkipEmail(refusal);
                    continue;
                }
                if (CampaignRules.WaitUntil(campaign, customer, earlier[recipient.CustomerId], now) is { } wait)
                {
                    recipient.DeferEmail(wait.Until, wait.Reason);
                    continue;
                }
                var message = content.Email(campaign, recipient, customer.Name, customer.Email!, values[customer.Id]);
                try
                {
                    session ??= await mail.OpenAsync(ct);
                    await session.SendAsync(message, ct);
                    recipient.EmailSent(now);
                    db.Timeline.Add(new TimelineEntry(customer.Id, now, TimelineKind.Campaign, $"Campaign e-mail: {message.Subject}",
                        campaign.Name, campaign.Id));
                    sent++;
                }
                catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
                {
                    recipient.EmailBounced($"{(int)ex.StatusCode} {ex.Message}");
                    db.Timeline.Add(new TimelineEntry(customer.Id, now, TimelineKind.Campaign, "Campaign e-mail bounced",
                        $"{campaign.Name}: {ex.Message}", campaign.Id));
                    logger.LogWarning("Campaign {Campaign}: {Email} bounced: {Reason}", campaign.Id, customer.Email, ex.Message);
                    await ResetAsync(session);
                    session = null;
                }
                catch (Exception ex) when (ex is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                    or IOException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    recipient.EmailAttemptFailed(ex.Message, now);
                    logger.LogWarning("Campaign {Campaign}: sending to {Email} failed (attempt {Attempt}): {Reason}",
                        campaign.Id, customer.Email, recipient.EmailAttempts, ex.Message);
                    await ResetAsync(session);
                    session = null;
                }
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
        // Recipients' states and timeline lines together: a message is never recorded without its line, or twice.
        await db.SaveChangesAsync(ct);
        return sent;
    }

    private static async Task ResetAsync(MailSession? session)
    {
        if (session is not null) await session.DisposeAsync();
    }

    /// <summary>Messages waiting for quiet hours, the cap or a retry: the job comes back for the earliest.</summary>
    private async Task ScheduleWaitingAsync(Campaign campaign, CancellationToken ct)
    {
        if (campaign.Status is not (CampaignStatus.Running or CampaignStatus.Scheduled)) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var next = await db.CampaignRecipients.AsNoTracking()
            .Where(r => r.CampaignId == campaign.Id && r.EmailState == DeliveryState.Pending && r.EmailNextAttemptAt != null)
            .OrderBy(r => r.EmailNextAttemptAt).Select(r => r.EmailNextAttemptAt).FirstOrDefaultAsync(ct);
        if (next is { } when && when < campaign.EndsAt)
            jobs.Schedule<CampaignEmailJob>(j => j.RunAsync(campaign.Id, CancellationToken.None), when);
    }
}
