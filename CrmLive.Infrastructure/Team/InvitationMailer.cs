using CrmLive.Domain.Team;
using CrmLive.Infrastructure.Mail;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CrmLive.Infrastructure.Team;

/// <summary>Sends an invitation link when mail is set up; the Admin always sees the link too.</summary>
public interface IInvitationMailer
{
    /// <returns>Whether the message went out.</returns>
    Task<bool> TrySendAsync(Invitation invitation, string link, string invitedBy, CancellationToken ct);
}

internal sealed class InvitationMailer(MailSender mail, ILogger<InvitationMailer> logger) : IInvitationMailer
{
    public async Task<bool> TrySendAsync(Invitation invitation, string link, string invitedBy, CancellationToken ct)
    {
        if (!mail.IsConfigured) return false;
        var message = new MimeMessage { Subject = $"{invitedBy} invited you to CrmLive" };
        message.To.Add(new MailboxAddress(invitation.DisplayName, invitation.Email));
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello {invitation.DisplayName},

                {invitedBy} invited you to join the team on CrmLive as {invitation.Role}.
                Choose your password here (the link works once, until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC):

                {link}

                If you did not expect this, ignore this message.
                """,
        };
        try
        {
            await mail.SendAsync(message, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The invitation stands: the Admin has the link on screen and can pass it on.
            logger.LogWarning(ex, "Invitation mail to {Email} could not be sent", invitation.Email);
            return false;
        }
    }
}
