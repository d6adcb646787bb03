using System.Net;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>A campaign's message as one customer receives it: merged, rendered through the one sanitizing renderer.</summary>
public sealed class CampaignContent(MarkdownRenderer markdown, ICampaignLinks links)
{
    public string Html(string body, MergeValues values) => markdown.ToSafeHtml(MergeFields.Apply(body, values));

    /// <summary>The merge values of a batch of customers: name, tier and segment, and their last order that counts.</summary>
    public static async Task<Dictionary<Guid, MergeValues>> MergeValuesAsync(CrmDbContext db, IReadOnlyCollection<Guid> customerIds,
        CancellationToken ct)
    {
        // One statement for the batch: each customer's newest order that counts, read through (CustomerId, PlacedAt).
        var rows = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id, c.Name, c.Metrics.LoyaltyTier, c.Metrics.Segment,
                Last = db.Orders.Where(o => o.CustomerId == c.Id && o.Status != OrderStatus.Cancelled && o.Status != OrderStatus.Refunded)
                    .OrderByDescending(o => o.PlacedAt).Select(o => new { o.PlacedAt, o.Amount, o.Currency }).FirstOrDefault(),
            }).ToListAsync(ct);
        var values = rows.ToDictionary(c => c.Id, c => new MergeValues(c.Name,
            c.Last is null ? null : DateOnly.FromDateTime(c.Last.PlacedAt.UtcDateTime), c.Last?.Amount, c.Last?.Currency,
            c.LoyaltyTier, c.Segment));
        return values;
    }

    public MimeMessage Email(Campaign campaign, CampaignRecipient recipient, string name, string address, MergeValues values)
    {
        var merged = MergeFields.Apply(campaign.Body, values);
        var unsubscribe = links.Unsubscribe(recipient.Id, recipient.Key);
        var message = new MimeMessage { Subject = MergeFields.ApplyPlain(campaign.EmailSubject ?? campaign.Name, values) };
        message.To.Add(new MailboxAddress(name, address));
        // One-click unsubscribe (RFC 8058): mail clients show their own button for it.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("X-CrmLive-Campaign", campaign.Id.ToString());
        var body = new BodyBuilder
        {
            TextBody = $"{merged}\n\n--\nYou receive this because you agreed to hear from us. Unsubscribe: {unsubscribe}\n",
            HtmlBody = $"""
                <!doctype html>
                <html><body style="margin:0;padding:24px;background:#f4f5f7;font-family:Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2430">
                <div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;line-height:1.5">
                {markdown.ToSafeHtml(merged)}
                </div>
                <p style="max-width:560px;margin:16px auto 0;font-size:12px;color:#6b7280">You receive this because you agreed to hear from us.
                <a href="{WebUtility.HtmlEncode(unsubscribe)}" style="color:#6b7280">Unsubscribe</a></p>
                <img src="{WebUtility.HtmlEncode(links.OpenPixel(recipient.Id, recipient.Key))}" width="1" height="1" alt="" style="display:block">
                </body></html>
                """,
        };
        message.Body = body.ToMessageBody();
        return message;
    }
}
