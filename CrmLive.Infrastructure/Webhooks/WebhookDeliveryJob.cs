using System.Diagnostics;
using System.Text;
using CrmLive.Domain.Audit;
using CrmLive.Domain.Live;
using CrmLive.Domain.Webhooks;
using CrmLive.Infrastructure.Audit;
using CrmLive.Infrastructure.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrmLive.Infrastructure.Webhooks;

/// <summary>
/// Sends one attempt of a delivery, signed, and logs it. A failed attempt schedules the next one with exponential
/// backoff; a delivery whose attempts are all spent counts against its subscription, which is turned off after
/// <see cref="WebhookOptions.FailuresBeforeDisable"/> such deliveries in a row.
/// </summary>
public sealed class WebhookDeliveryJob(
    IDbContextFactory<CrmDbContext> dbFactory,
    IHttpClientFactory httpClients,
    IBackgroundJobClient jobs,
    IOptions<WebhookOptions> options,
    AuditLog audit,
    ILiveEventBus bus,
    TimeProvider clock,
    ILogger<WebhookDeliveryJob> logger)
{
    public const string HttpClientName = "webhooks";
    private const int MaxResponseSnippet = 200;

    [AutomaticRetry(Attempts = 0)] // the job schedules its own retries, with backoff, and logs each one
    public async Task RunAsync(Guid deliveryId, CancellationToken ct)
    {
        var settings = options.Value;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is not { Status: WebhookDeliveryStatus.Pending }) return; // done, or its subscription deleted
        var subscription = await db.WebhookSubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == delivery.SubscriptionId, ct);
        if (subscription is null) return;
        if (!subscription.IsActive && !delivery.IsTest)
        {
            delivery.Cancel();
            await db.SaveChangesAsync(ct);
            return;
        }

        var result = await SendAsync(subscription, delivery, settings.Timeout, ct);
        var now = clock.GetUtcNow();
        var attempt = delivery.Attempts + 1;
        var maxAttempts = delivery.IsTest ? 1 : settings.MaxAttempts;
        DateTimeOffset? retryAt = result.Succeeded || attempt >= maxAttempts
            ? null
            : now + WebhookBackoff.DelayAfter(attempt, settings.BaseDelay, settings.MaxDelay);
        db.WebhookAttempts.Add(delivery.Attempted(result.Succeeded, result.StatusCode, result.DurationMs, result.Error,
            now, retryAt));
        await db.SaveChangesAsync(ct);
        await bus.PublishAsync(new WebhookDeliveryAttempted(subscription.Id, delivery.Id), ct);

        if (retryAt is { } at)
            jobs.Schedule<WebhookDeliveryJob>(j => j.RunAsync(deliveryId, CancellationToken.None), at - now);
        else if (!delivery.IsTest)
            await CountAsync(db, subscription, result, settings.FailuresBeforeDisable, ct);
        if (!result.Succeeded)
            logger.LogWarning("Webhook {EventType} to {Url} failed (attempt {Attempt}): {Error}", delivery.EventType,
                subscription.Url, attempt, result.Error);
        await PruneAsync(db, subscription.Id, settings.LogEntriesPerSubscription, ct);
    }

    private sealed record AttemptResult(bool Succeeded, int? StatusCode, int DurationMs, string? Error);

    private async Task<AttemptResult> SendAsync(WebhookSubscription subscription, WebhookDelivery delivery,
        TimeSpan timeout, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, timestamp, delivery.Payload));
        request.Headers.Add(WebhookSignature.EventHeader, delivery.EventType);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString());
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        try
        {
            var client = httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutCts.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new AttemptResult(true, status, Elapsed(), null);
            var snippet = await SnippetAsync(response, timeoutCts.Token);
            var error = status is >= 300 and < 400
                ? $"HTTP {status}: redirects are not followed; use the final address"
                : $"HTTP {status} {response.ReasonPhrase}{(snippet.Length > 0 ? ": " + snippet : "")}";
            return new AttemptResult(false, status, Elapsed(), error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptResult(false, null, Elapsed(), $"No answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptResult(false, null, Elapsed(), ex.Message);
        }
    }

    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length <= MaxResponseSnippet ? text : text[..MaxResponseSnippet] + "…";
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    /// <summary>
    /// A finished delivery resets or raises its subscription's failure count. Atomic updates, so deliveries
    /// finishing together on several workers count correctly, and only one of them turns the subscription off.
    /// </summary>
    private async Task CountAsync(CrmDbContext db, WebhookSubscription subscription, AttemptResult result, int threshold,
        CancellationToken ct)
    {
        if (result.Succeeded)
        {
            await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.ConsecutiveFailures > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsecutiveFailures, 0), ct);
            return;
        }
        await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsecutiveFailures, x => x.ConsecutiveFailures + 1), ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var disabled = await db.WebhookSubscriptions
            .Where(s => s.Id == subscription.Id && s.IsActive && s.ConsecutiveFailures >= threshold)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.IsActive, false)
                .SetProperty(x => x.DisabledAt, now)
                .SetProperty(x => x.UpdatedAt, now), ct);
        if (disabled == 0) return;
        audit.Add(db, AuditActor.System, AuditActions.WebhookDisabled, WebhookSubscriptions.Target(subscription),
            $"Turned off after {threshold} failed deliveries in a row. Last error: {result.Error}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogWarning("Webhook subscription {Url} turned off after {Failures} failed deliveries in a row",
            subscription.Url, threshold);
        await bus.PublishAsync(new WebhookSubscriptionsChanged(), ct);
    }

    /// <summary>Keeps the log bounded: only the newest deliveries of a subscription (and their attempts) stay.</summary>
    private static async Task PruneAsync(CrmDbContext db, Guid subscriptionId, int keep, CancellationToken ct)
    {
        var cutoff = await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.CreatedAt).Skip(keep).Select(d => (DateTimeOffset?)d.CreatedAt)
            .FirstOrDefaultAsync(ct);
        if (cutoff is null) return;
        var old = db.WebhookDeliveries.Where(d => d.SubscriptionId == subscriptionId && d.CreatedAt <= cutoff
            && d.Status != WebhookDeliveryStatus.Pending).Select(d => d.Id);
        await db.WebhookAttempts.Where(a => old.Contains(a.DeliveryId)).ExecuteDeleteAsync(ct);
        await db.WebhookDeliveries.Where(d => old.Contains(d.Id)).ExecuteDeleteAsync(ct);
    }
}
