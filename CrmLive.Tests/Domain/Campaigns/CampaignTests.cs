using CrmLive.Domain.Campaigns;
using CrmLive.Domain.Common;

namespace CrmLive.Tests.Domain.Campaigns;

public class CampaignTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private static CampaignPlan Plan(CampaignChannels channels = CampaignChannels.Email, DateTimeOffset? starts = null,
        DateTimeOffset? ends = null, int control = 10, string? subject = "Hello", AudienceKind kind = AudienceKind.Segment,
        string value = "Champions", string? except = null) =>
        new("Spring", new CampaignAudience(kind, value, except), channels, subject, "Hi {{first_name}}", starts ?? Now, ends ?? Now.AddDays(7),
            new TimeOnly(21, 0), new TimeOnly(8, 0), "Europe/Berlin", 2, 7, control, 14);

    [Fact]
    public void ADraft_LaunchedBeforeItsStart_IsScheduled_ThenRuns_ThenEnds()
    {
        var campaign = new Campaign(Plan(starts: Now.AddDays(1), ends: Now.AddDays(3)), "manager", Now);

        campaign.Launch(120, Now);

        Assert.Equal(CampaignStatus.Scheduled, campaign.Status);
        Assert.False(campaign.IsSending(Now));
        Assert.True(campaign.Advance(Now.AddDays(1)));
        Assert.Equal(CampaignStatus.Running, campaign.Status);
        Assert.True(campaign.IsSending(Now.AddDays(2)));
        Assert.True(campaign.Advance(Now.AddDays(3)));
        Assert.Equal(CampaignStatus.Ended, campaign.Status);
        Assert.Equal(Now.AddDays(3).AddDays(14), campaign.ResultsUntil);
        Assert.Throws<DomainException>(() => campaign.Edit(Plan()));
    }

    [Fact]
    public void ADraftThatStartsOnLaunch_StartsWhenLaunched_NotWhenSaved()
    {
        var campaign = new Campaign(Plan(starts: Now.AddDays(-2)), "manager", Now.AddDays(-2));

        campaign.Launch(5, Now);

        Assert.Equal(CampaignStatus.Running, campaign.Status);
        Assert.Equal(Now, campaign.StartsAt);
        Assert.Throws<DomainException>(() => campaign.Launch(5, Now));
    }

    [Fact]
    public void Stopping_EndsAt_Once()
    {
        var campaign = new Campaign(Plan(), "manager", Now);
        Assert.Throws<DomainException>(() => campaign.Stop(Now));
        campaign.Launch(5, Now);

        campaign.Stop(Now.AddHours(1));

        Assert.Equal(CampaignStatus.Stopped, campaign.Status);
        Assert.False(campaign.IsSending(Now.AddHours(2)));
        Assert.Throws<DomainException>(() => campaign.Stop(Now.AddHours(2)));
    }

    [Theory]
    [InlineData("no channel")]
    [InlineData("no subject")]
    [InlineData("ends before start")]
    [InlineData("control too large")]
    [InlineData("same products")]
    [InlineData("no audience")]
    public void APlanThatBreaksARule_IsRefused_WithTheReason(string broken)
    {
        var plan = broken switch
        {
            "no channel" => Plan(channels: CampaignChannels.None),
            "no subject" => Plan(subject: " "),
            "ends before start" => Plan(ends: Now.AddDays(-1)),
            "control too large" => Plan(control: 60),
            "same products" => Plan(kind: AudienceKind.BoughtNotBought, value: "NW-SOCKS", except: "nw-socks"),
            _ => Plan(value: ""),
        };

        var error = Assert.Throws<DomainException>(() => new Campaign(plan, "manager", Now));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void LaunchingAnEmptyAudience_IsRefused() =>
        Assert.Throws<DomainException>(() => new Campaign(Plan(), "manager", Now).Launch(0, Now));

    [Fact]
    public void TheAudience_SaysWhoItIs()
    {
        Assert.Equal("Customers who bought NW-SHOES but not NW-SOCKS",
            new CampaignAudience(AudienceKind.BoughtNotBought, "NW-SHOES", "NW-SOCKS").Describe());
        Assert.Equal("Gold tier customers", new CampaignAudience(AudienceKind.Tier, "Gold").Describe());
        Assert.Equal("Customers in the saved view “VIPs”", new CampaignAudience(AudienceKind.SavedView, "id").Describe("VIPs"));
    }
}

public class CampaignRecipientTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheControlGroup_ReceivesNothing()
    {
        var control = new CampaignRecipient(Guid.NewGuid(), Guid.NewGuid(), CampaignGroup.Control, CampaignChannels.Email | CampaignChannels.Widget, Now);

        Assert.Equal((DeliveryState.None, DeliveryState.None), (control.EmailState, control.WidgetState));
        Assert.Throws<DomainException>(() => control.EmailSent(Now));
        Assert.Throws<DomainException>(() => control.WidgetShown(Now));
    }

    [Fact]
    public void TemporaryFailures_AreRetriedLater_ThenGiveUp()
    {
        var recipient = new CampaignRecipient(Guid.NewGuid(), Guid.NewGuid(), CampaignGroup.Treatment, CampaignChannels.Email, Now);

        recipient.EmailAttemptFailed("timeout", Now);
        Assert.Equal((DeliveryState.Pending, Now.AddMinutes(1)), (recipient.EmailState, recipient.EmailNextAttemptAt!.Value));
        recipient.EmailAttemptFailed("timeout", Now);
        Assert.Equal(Now.AddMinutes(5), recipient.EmailNextAttemptAt);
        recipient.EmailAttemptFailed("timeout", Now);
        Assert.Equal(DeliveryState.Failed, recipient.EmailState);
        Assert.Null(recipient.EmailNextAttemptAt);
        Assert.Null(recipient.ReachedAt);
    }

    [Fact]
    public void Reached_IsTheFirstChannelThatGotThrough_AndRepliesNeedAShownMessage()
    {
        var recipient = new CampaignRecipient(Guid.NewGuid(), Guid.NewGuid(), CampaignGroup.Treatment,
            CampaignChannels.Email | CampaignChannels.Widget, Now);
        recipient.Replied(Guid.NewGuid(), Now);
        Assert.Null(recipient.RepliedAt);

        recipient.EmailSent(Now);
        recipient.WidgetShown(Now.AddHours(2));
        var conversation = Guid.NewGuid();
        recipient.Replied(conversation, Now.AddHours(3));

        Assert.Equal(Now, recipient.ReachedAt);
        Assert.Equal(Now.AddHours(3), recipient.OpenedAt);
        Assert.Equal(conversation, recipient.ReplyConversationId);
        Assert.False(recipient.WidgetMessageOpen);
        Assert.True(recipient.KeyMatches(recipient.Key));
        Assert.False(recipient.KeyMatches(new string('0', 32)));
    }
}
