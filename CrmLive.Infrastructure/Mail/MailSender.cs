using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrmLive.Infrastructure.Mail;

/// <summary>Sends e-mail through the configured SMTP server (MailKit), one connection per message.</summary>
public sealed class MailSender(IOptions<MailOptions> options, ILogger<MailSender> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) throw new InvalidOperationException("No SMTP server is configured (Mail:SmtpHost).");
        if (message.From.Count == 0) message.From.Add(MailboxAddress.Parse(settings.From));
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        }, ct);
        if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
        logger.LogInformation("Mail \"{Subject}\" sent to {To}", message.Subject, message.To.ToString());
    }
}

public static class MailExtensions
{
    public static IHostApplicationBuilder AddMail(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MailSender>();
        return builder;
    }
}
