using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Campaigns;

/// <summary>Settings of the <c>Campaigns</c> section.</summary>
public sealed class CampaignsOptions
{
    public const string Section = "Campaigns";

    /// <summary>E-mails sent over one SMTP connection and saved in one transaction.</summary>
    [Range(1, 1_000)]
    public int EmailBatchSize { get; set; } = 100;

    /// <summary>The sender name widget messages show ("The Northwind team").</summary>
    [Required, StringLength(80)]
    public string WidgetSender { get; set; } = "The team";

    /// <summary>
    /// The address customers reach CrmLive at, for the unsubscribe and open links in e-mail (e.g.
    /// <c>https://crm.shop.example</c>). Empty: the address the app listens on.
    /// </summary>
    [Url]
    public string? PublicUrl { get; set; }
}

/// <summary>Links in campaign e-mail back to CrmLive; the web app knows its public address.</summary>
public interface ICampaignLinks
{
    string Unsubscribe(Guid recipientId, string key);
    string OpenPixel(Guid recipientId, string key);
}
