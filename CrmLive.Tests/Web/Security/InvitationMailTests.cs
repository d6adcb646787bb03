using CrmLive.Domain.Audit;
using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Team;
using CrmLive.Tests.Support;

namespace CrmLive.Tests.Web.Security;

/// <summary>The app with mail set up, sending through an SMTP server the test runs on loopback.</summary>
public sealed class MailingAppFactory : CrmLiveAppFactory
{
    public MailingAppFactory() : this(new SmtpCapture())
    {
    }

    private MailingAppFactory(SmtpCapture smtp) : base(null, new Dictionary<string, string?>
    {
        ["Mail:SmtpHost"] = "127.0.0.1",
        ["Mail:SmtpPort"] = smtp.Port.ToString(),
        ["Mail:Security"] = "None",
        ["Mail:From"] = "CrmLive <team@crmlive.test>",
    }) => Smtp = smtp;

    public SmtpCapture Smtp { get; }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

[Trait("Database", "Any")]
public class InvitationMailTests(MailingAppFactory app) : IClassFixture<MailingAppFactory>
{
    [Fact]
    public async Task WithMailSetUp_TheInvitationIsMailed_WithItsLink()
    {
        var email = $"mia.{Guid.NewGuid():N}"[..12] + "@crmlive.test";

        var invited = await app.Service<TeamService>().InviteAsync(new AuditActor(null, "Ada Admin", null), email, "Mia Mailed",
            Roles.Agent, "http://crm.test/account/invitation/{0}");

        Assert.True(invited.Mailed);
        var mail = Assert.Single(app.Smtp.Messages, m => m.To.Contains(email));
        Assert.Equal("team@crmlive.test", mail.From);
        Assert.Contains("Ada Admin invited you to CrmLive", mail.Raw);
        Assert.Contains($"http://crm.test/account/invitation/{invited.Token}", mail.Raw.Replace("=\r\n", "").Replace("=\n", ""));
    }
}
