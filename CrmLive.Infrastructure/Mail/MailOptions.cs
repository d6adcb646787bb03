using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Mail;

public enum SmtpSecurity { None, StartTls, SslOnConnect }

/// <summary>Settings of the <c>Mail</c> section: the SMTP server CrmLive sends through. No host, no mail.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }
    public string? Password { get; set; }

    /// <summary>The sender address, e.g. <c>CrmLive &lt;support@shop.example&gt;</c>.</summary>
    [Required]
    public string From { get; set; } = "CrmLive <no-reply@crmlive.local>";

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);
}
