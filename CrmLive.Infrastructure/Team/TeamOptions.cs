using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Team;

/// <summary>Settings of the <c>Team</c> section.</summary>
public sealed class TeamOptions
{
    public const string Section = "Team";

    /// <summary>How long an invitation link stays usable.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = Domain.Team.Invitation.DefaultLifetime;
}
