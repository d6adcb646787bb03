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
        await using var session = await OpenAsync(ct);
        await session.SendAsync(message, ct);
    }

    /// <summary>One connection for many messages (a campaign's batch): connecting per message would dominate.</summary>
    public async Task<MailSession> OpenAsync(CancellationToken ct = default)
    {
        var settings = options.Value;
        if (!settings.IsConfigured) throw new InvalidOperationException("No SMTP server is configured (Mail:SmtpHost).");
        var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            }, ct);
            if (!string.IsNullOrEmpty(settings.UserName)) await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        return new MailSession(client, MailboxAddress.Parse(settings.From), logger);
    }
}

/// <summary>An open SMTP connection; says goodbye to the server when disposed.</summary>
public sealed class MailSession(SmtpClient client, MailboxAddress from, ILogger logger) : IAsyncDisposable
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct = default)
    {
        if (message.From.Count == 0) message.From.Add(from);
        await client.SendAsync(message, ct);
        logger.LogInformation("Mail \"{Subject}\" sent to {To}", message.Subject, message.To.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(quit: true);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException)
        {
            // The message went out or failed already; a failed goodbye changes nothing.
        }
        finally
        {
            client.Dispose();
        }
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
