using System.Text;
using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Orders;
using CrmLive.Infrastructure.Campaigns;
using CrmLive.Infrastructure.Persistence;
using CrmLive.Tests.Support;
using CrmLive.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrmLive.Tests.Campaigns;

/// <summary>E-mail campaigns end to end against an SMTP server the test runs: consent, control group, bounces, links.</summary>
[Trait("Database", "Any")]
public class CampaignEmailTests(MailingAppFactory app) : IClassFixture<MailingAppFactory>
{
    private readonly CampaignTestData _data = new(app);

    private List<MimeMessage> MailTo(string address) =>
        [.. app.Smtp.Messages.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Raw))))];

    [Fact]
    public async Task EmailGoesOnlyToConsentingTreatedCustomers_ControlGetsNothing_BouncesAreRecorded()
    {
        var consenting = new List<(Guid Id, string Email)>();
        for (var i = 0; i < 40; i++)
        {
            var email = $"yes{i}.{Guid.NewGuid():N}"[..16] + "@shop.test";
            consenting.Add(((await _data.CustomerAsync($"Ines{i} Yes", email, emailConsent: true)).Id, email));
        }
        var refused = await _data.CustomerAsync("Nora No", $"no.{Guid.NewGuid():N}"[..12] + "@shop.test", emailConsent: false);
        var noAddress = await _data.CustomerAsync("Ned Nomail", null, emailConsent: true);
        var bouncing = await _data.CustomerAsync("Bea Bounce", $"gone.{Guid.NewGuid():N}"[..14] + "@shop.test", emailConsent: true);
        app.Smtp.Rejected[bouncing.Email!] = true;

        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email, controlPercent: 25));
        await app.Service<CampaignEmailJob>().RunAsync(campaignId, CancellationToken.None);

        var recipients = (await _data.RecipientsAsync(campaignId)).ToDictionary(r => r.CustomerId);
        Assert.Equal(43, recipients.Count);
        var control = consenting.Where(c => recipients[c.Id].Group == CampaignGroup.Control).ToList();
        var treated = consenting.Where(c => recipients[c.Id].Group == CampaignGroup.Treatment).ToList();
        Assert.NotEmpty(control);
        Assert.NotEmpty(treated);
        foreach (var (id, email) in control)
        {
            Assert.Empty(MailTo(email));
            Assert.Equal(DeliveryState.None, recipients[id].EmailState);
        }
        foreach (var (id, email) in treated)
        {
            var mail = Assert.Single(MailTo(email));
            Assert.Equal(DeliveryState.Sent, recipients[id].EmailState);
            Assert.NotNull(recipients[id].ReachedAt);
            Assert.StartsWith("A treat for Ines", mail.Subject);
            Assert.Contains("<strong>20% off</strong>", mail.HtmlBody);
            Assert.Contains($"/c/u/{recipients[id].Id:N}/{recipients[id].Key}", mail.Headers["List-Unsubscribe"]);
            Assert.Contains($"/c/u/{recipients[id].Id:N}/{recipients[id].Key}", mail.TextBody);
            Assert.Single(await _data.TimelineAsync(id), t => t.Title.StartsWith("Campaign e-mail: A treat for"));
        }
        Assert.Empty(MailTo(refused.Email!));
        Assert.Empty(MailTo(bouncing.Email!));

        var results = (await app.Service<CampaignResultsQuery>().GetAsync(campaignId))!;
        Assert.Equal(treated.Count + recipients.Values.Count(r => r.Group == CampaignGroup.Treatment && !consenting.Any(c => c.Id == r.CustomerId)),
            results.Treatment.Customers);
        Assert.Equal(treated.Count, results.Email.Sent);
        Assert.Equal(treated.Count, results.Treatment.Reached);
        Assert.Equal(0, results.Control.Reached);
    }

    [Fact]
    public async Task NoConsent_NoAddress_AndARefusedAddress_AreRecordedWithTheirReason()
    {
        var refused = await _data.CustomerAsync("Nora No", $"no.{Guid.NewGuid():N}"[..12] + "@shop.test", emailConsent: false);
        var noAddress = await _data.CustomerAsync("Ned Nomail", null, emailConsent: true);
        var bouncing = await _data.CustomerAsync("Bea Bounce", $"gone.{Guid.NewGuid():N}"[..14] + "@shop.test", emailConsent: true);
        var fine = await _data.CustomerAsync("Fay Fine", $"fine.{Guid.NewGuid():N}"[..14] + "@shop.test", emailConsent: true);
        app.Smtp.Rejected[bouncing.Email!] = true;

        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email));
        await app.Service<CampaignEmailJob>().RunAsync(campaignId, CancellationToken.None);

        var recipients = (await _data.RecipientsAsync(campaignId)).ToDictionary(r => r.CustomerId);
        Assert.Empty(MailTo(refused.Email!));
        Assert.Equal(DeliveryState.Skipped, recipients[refused.Id].EmailState);
        Assert.Equal("No consent to marketing e-mail", recipients[refused.Id].EmailNote);
        Assert.Equal(DeliveryState.Skipped, recipients[noAddress.Id].EmailState);
        Assert.Equal("No e-mail address", recipients[noAddress.Id].EmailNote);
        Assert.Equal(DeliveryState.Bounced, recipients[bouncing.Id].EmailState);
        Assert.Contains("550", recipients[bouncing.Id].EmailNote);
        Assert.Single(await _data.TimelineAsync(bouncing.Id), t => t.Title == "Campaign e-mail bounced");
        Assert.Null(recipients[bouncing.Id].ReachedAt);
        // The refused address did not stop the rest of the batch.
        Assert.Single(MailTo(fine.Email!));
        var results = (await app.Service<CampaignResultsQuery>().GetAsync(campaignId))!;
        Assert.Equal((1, 2, 1), (results.Email.Sent, results.Email.Skipped, results.Email.Bounced));
        Assert.Contains(results.Email.Reasons, r => r.Reason == "No e-mail address" && r.Count == 1);
    }

    [Fact]
    public async Task Unsubscribing_WithdrawsConsent_AndOpening_CountsOnce()
    {
        var email = $"unsub.{Guid.NewGuid():N}"[..14] + "@shop.test";
        var customer = await _data.CustomerAsync("Uma Unsub", email, emailConsent: true);
        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email));
        await app.Service<CampaignEmailJob>().RunAsync(campaignId, CancellationToken.None);
        var recipient = Assert.Single(await _data.RecipientsAsync(campaignId));
        var http = app.CreateClient();

        var wrongKey = await http.PostAsync($"/c/u/{recipient.Id:N}/{new string('0', 32)}", null);
        var pixel = await http.GetAsync($"/c/o/{recipient.Id:N}/{recipient.Key}.gif");
        var confirmPage = await http.GetStringAsync($"/c/u/{recipient.Id:N}/{recipient.Key}");
        var unsubscribed = await http.PostAsync($"/c/u/{recipient.Id:N}/{recipient.Key}",
            new StringContent("List-Unsubscribe=One-Click", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal("image/gif", pixel.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<form method=\"post\"", confirmPage);
        Assert.True(unsubscribed.IsSuccessStatusCode);
        await using var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync();
        var after = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == customer.Id);
        Assert.False(after.MarketingEmailConsent);
        var stored = await db.CampaignRecipients.AsNoTracking().SingleAsync(r => r.Id == recipient.Id);
        Assert.NotNull(stored.OpenedAt);
        Assert.NotNull(stored.UnsubscribedAt);
        Assert.Contains(await _data.TimelineAsync(customer.Id), t => t.Title == "Unsubscribed from marketing e-mail");

        // A later campaign honours it.
        var next = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email));
        await app.Service<CampaignEmailJob>().RunAsync(next, CancellationToken.None);
        Assert.Single(MailTo(email));
        Assert.Equal(DeliveryState.Skipped, Assert.Single(await _data.RecipientsAsync(next)).EmailState);
    }

    [Fact]
    public async Task QuietHoursAndTheFrequencyCap_MakeMessagesWait()
    {
        var quietEmail = $"quiet.{Guid.NewGuid():N}"[..14] + "@shop.test";
        var quiet = await _data.CustomerAsync("Quincy Quiet", quietEmail, emailConsent: true, timeZone: "UTC");
        var now = TimeOnly.FromDateTime(DateTime.UtcNow);
        var quietPlan = _data.Plan(CampaignChannels.Email, quietFrom: now.AddHours(-1), quietTo: now.AddHours(1));

        var quietCampaign = await _data.LaunchAsync(quietPlan);
        await app.Service<CampaignEmailJob>().RunAsync(quietCampaign, CancellationToken.None);

        Assert.Empty(MailTo(quietEmail));
        var waiting = Assert.Single(await _data.RecipientsAsync(quietCampaign));
        Assert.Equal(DeliveryState.Pending, waiting.EmailState);
        Assert.Equal("Quiet hours", waiting.EmailNote);
        Assert.InRange(waiting.EmailNextAttemptAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        var results = (await app.Service<CampaignResultsQuery>().GetAsync(quietCampaign))!;
        Assert.Equal(1, results.Email.Waiting);
        Assert.Contains(results.Email.Reasons, r => r.Reason == "Quiet hours");
        await app.Service<CampaignService>().StopAsync(quietCampaign, CampaignTestData.Manager);

        // Reached once this week already: a campaign capped at one message a week waits.
        var cappedEmail = $"capped.{Guid.NewGuid():N}"[..15] + "@shop.test";
        var capped = await _data.CustomerAsync("Cara Capped", cappedEmail, emailConsent: true);
        var first = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email));
        await app.Service<CampaignEmailJob>().RunAsync(first, CancellationToken.None);
        var second = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email, capMessages: 1));
        await app.Service<CampaignEmailJob>().RunAsync(second, CancellationToken.None);

        Assert.Single(MailTo(cappedEmail));
        var held = (await _data.RecipientsAsync(second)).Single(r => r.CustomerId == capped.Id);
        Assert.Equal(DeliveryState.Pending, held.EmailState);
        Assert.Equal("Frequency cap", held.EmailNote);
        Assert.True(held.EmailNextAttemptAt > DateTimeOffset.UtcNow.AddDays(6));
    }

    [Fact]
    public async Task Results_CountOrdersWithinTheWindow_InBothGroups()
    {
        var customers = new List<Guid>();
        for (var i = 0; i < 30; i++)
            customers.Add((await _data.CustomerAsync($"Otto{i} Order", $"o{i}.{Guid.NewGuid():N}"[..12] + "@shop.test", emailConsent: true)).Id);
        var campaignId = await _data.LaunchAsync(_data.Plan(CampaignChannels.Email, controlPercent: 40));
        await app.Service<CampaignEmailJob>().RunAsync(campaignId, CancellationToken.None);
        var recipients = await _data.RecipientsAsync(campaignId);
        var treated = recipients.Where(r => r.Group == CampaignGroup.Treatment).Take(3).ToList();
        var control = recipients.First(r => r.Group == CampaignGroup.Control);

        await using (var db = await app.Service<IDbContextFactory<CrmDbContext>>().CreateDbContextAsync())
        {
            foreach (var r in treated.Append(control))
                db.Orders.Add(new Order(r.CustomerId, $"C-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow, 40m, "EUR",
                    SalesChannel.Web, OrderStatus.Paid, 1, "Socks"));
            // Cancelled orders and orders before the launch do not convert anyone.
            var other = recipients.First(r => r.Group == CampaignGroup.Treatment && !treated.Contains(r));
            db.Orders.Add(new Order(other.CustomerId, $"C-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow, 40m, "EUR",
                SalesChannel.Web, OrderStatus.Cancelled, 1, "Socks"));
            db.Orders.Add(new Order(other.CustomerId, $"C-{Guid.NewGuid():N}"[..20], DateTimeOffset.UtcNow.AddDays(-2), 40m, "EUR",
                SalesChannel.Web, OrderStatus.Paid, 1, "Socks"));
            await db.SaveChangesAsync();
        }

        var results = (await app.Service<CampaignResultsQuery>().GetAsync(campaignId))!;
        Assert.Equal(3, results.Treatment.Converted);
        Assert.Equal(1, results.Control.Converted);
        var expected = Uplift.Estimate(3, results.Treatment.Customers, 1, results.Control.Customers);
        Assert.Equal(expected.Difference, results.Uplift.Difference, 10);
        Assert.Equal(expected.Lower, results.Uplift.Lower, 10);
        Assert.True(results.Uplift.HasControl);
    }
}
