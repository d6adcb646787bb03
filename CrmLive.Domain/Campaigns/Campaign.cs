using CrmLive.Domain.Common;
using CrmLive.Domain.Customers;

namespace CrmLive.Domain.Campaigns;

public enum CampaignStatus { Draft, Scheduled, Running, Stopped, Ended }

/// <summary>
/// A message to an audience over the widget and/or e-mail, with a randomly held-out control group so its effect
/// can be measured. Editable while a draft; launched, it runs from its start to its end (or until stopped).
/// </summary>
public sealed class Campaign : Entity
{
    public const int MaxBodyLength = 4_000;
    public const int MaxControlPercent = 50;
    public const int MaxDuration = 180;

    private Campaign() { }

    public Campaign(CampaignPlan plan, string createdById, DateTimeOffset createdAt)
    {
        CreatedById = createdById;
        CreatedAt = createdAt;
        Edit(plan);
    }

    public string Name { get; private set; } = "";
    public CampaignStatus Status { get; private set; }
    public AudienceKind AudienceKind { get; private set; }
    public string AudienceValue { get; private set; } = "";
    public string? AudienceExcept { get; private set; }
    public CampaignChannels Channels { get; private set; }
    public string? EmailSubject { get; private set; }
    public string Body { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public TimeOnly QuietFrom { get; private set; }
    public TimeOnly QuietTo { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public int CapMessages { get; private set; }
    public int CapDays { get; private set; }
    public int ControlPercent { get; private set; }
    public int ConversionDays { get; private set; }
    public string CreatedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? LaunchedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Customers chosen at launch (both groups); the audience is fixed then so the comparison is fair.</summary>
    public int AudienceSize { get; private set; }

    public CampaignAudience Audience => new(AudienceKind, AudienceValue, AudienceExcept);

    public CampaignPlan Plan => new(Name, Audience, Channels, EmailSubject, Body, StartsAt, EndsAt, QuietFrom, QuietTo,
        TimeZone, CapMessages, CapDays, ControlPercent, ConversionDays);

    public bool Uses(CampaignChannels channel) => (Channels & channel) == channel;

    public void Edit(CampaignPlan plan)
    {
        if (Status != CampaignStatus.Draft) throw new DomainException("Only a draft can be edited; this campaign has started.");
        Name = Guard.NotBlank(plan.Name, "The campaign's name", 120);
        var audience = CampaignAudience.Checked(plan.Audience.Kind, plan.Audience.Value, plan.Audience.Except);
        (AudienceKind, AudienceValue, AudienceExcept) = (audience.Kind, audience.Value, audience.Except);
        if (plan.Channels == CampaignChannels.None) throw new DomainException("Choose at least one channel: the widget or e-mail.");
        Channels = plan.Channels;
        EmailSubject = plan.Channels.HasFlag(CampaignChannels.Email)
            ? Guard.NotBlank(plan.EmailSubject, "The e-mail's subject", 200)
            : null;
        Body = Guard.NotBlank(plan.Body, "The message", MaxBodyLength);
        if (plan.EndsAt <= plan.StartsAt) throw new DomainException("The campaign must end after it starts.");
        if (plan.EndsAt - plan.StartsAt > TimeSpan.FromDays(MaxDuration))
            throw new DomainException($"A campaign runs at most {MaxDuration} days.");
        (StartsAt, EndsAt) = (plan.StartsAt, plan.EndsAt);
        (QuietFrom, QuietTo) = (plan.QuietFrom, plan.QuietTo);
        TimeZone = Locale.TimeZone(plan.TimeZone) ?? "UTC";
        if (plan.CapMessages is < 0 or > 100) throw new DomainException("The frequency cap is 0 (none) to 100 messages.");
        if (plan.CapMessages > 0 && plan.CapDays is < 1 or > 365)
            throw new DomainException("The frequency cap's period is 1 to 365 days.");
        (CapMessages, CapDays) = (plan.CapMessages, plan.CapMessages > 0 ? plan.CapDays : 0);
        if (plan.ControlPercent is < 0 or > MaxControlPercent)
            throw new DomainException($"The control group is 0 to {MaxControlPercent}% of the audience.");
        ControlPercent = plan.ControlPercent;
        if (plan.ConversionDays is < 1 or > 90) throw new DomainException("An order counts as a conversion within 1 to 90 days.");
        ConversionDays = plan.ConversionDays;
    }

    /// <summary>The audience is drawn now; messages go out from the start (now, or later when scheduled).</summary>
    public void Launch(int audienceSize, DateTimeOffset now)
    {
        if (Status != CampaignStatus.Draft) throw new DomainException("This campaign has already been launched.");
        if (EndsAt <= now) throw new DomainException("The campaign's end has passed: move it before launching.");
        if (audienceSize == 0) throw new DomainException("Nobody is in this audience yet.");
        AudienceSize = audienceSize;
        LaunchedAt = now;
        // A draft planned to "start on launch" starts now, whenever it was saved.
        if (StartsAt < now) StartsAt = now;
        Status = StartsAt > now ? CampaignStatus.Scheduled : CampaignStatus.Running;
    }

    /// <summary>Moves a scheduled campaign to running once its start has come, and a running one to ended after its end.</summary>
    public bool Advance(DateTimeOffset now)
    {
        var before = Status;
        if (Status == CampaignStatus.Scheduled && now >= StartsAt) Status = CampaignStatus.Running;
        if (Status == CampaignStatus.Running && now >= EndsAt) End(now, CampaignStatus.Ended);
        return Status != before;
    }

    public void Stop(DateTimeOffset now)
    {
        if (Status is not (CampaignStatus.Scheduled or CampaignStatus.Running))
            throw new DomainException("Only a scheduled or running campaign can be stopped.");
        End(now, CampaignStatus.Stopped);
    }

    /// <summary>Whether messages may go out at this moment (quiet hours and caps are the recipient's business).</summary>
    public bool IsSending(DateTimeOffset now) => Status == CampaignStatus.Running && now >= StartsAt && now < EndsAt;

    /// <summary>Results keep counting orders for the conversion window after the campaign ends.</summary>
    public DateTimeOffset ResultsUntil => (EndedAt ?? EndsAt).AddDays(ConversionDays);

    private void End(DateTimeOffset now, CampaignStatus status)
    {
        Status = status;
        EndedAt = now;
    }
}
