using CrmLive.Domain.Conversations;

namespace CrmLive.Tests.Domain;

public class RoundRobinAssignmentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Choose_RotatesFairlyAcrossOnlineAgents()
    {
        var agents = new Dictionary<string, AgentLoad>
        {
            ["ana"] = new("ana", true, 0, 5, null),
            ["ben"] = new("ben", true, 0, 5, null),
            ["cho"] = new("cho", true, 0, 5, null),
        };
        var picks = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var pick = RoundRobinAssignment.Choose(agents.Values)!;
            picks.Add(pick);
            var a = agents[pick];
            agents[pick] = a with { OpenConversations = a.OpenConversations + 1, LastAssignedAt = T0.AddMinutes(i) };
        }

        Assert.Equal(["ana", "ben", "cho", "ana", "ben", "cho"], picks);
    }

    [Fact]
    public void Choose_SkipsAgentsAtCapacity()
    {
        var agents = new[]
        {
            new AgentLoad("ana", true, 3, 3, null),
            new AgentLoad("ben", true, 1, 3, T0),
        };

        Assert.Equal("ben", RoundRobinAssignment.Choose(agents));
    }

    [Fact]
    public void Choose_SkipsOfflineAgents_AndGivesNobodyWhenAllAreAwayOrFull()
    {
        Assert.Equal("ben", RoundRobinAssignment.Choose([new("ana", false, 0, 5, null), new("ben", true, 4, 5, T0)]));
        Assert.Null(RoundRobinAssignment.Choose([new("ana", false, 0, 5, null), new("ben", true, 5, 5, null)]));
        Assert.Null(RoundRobinAssignment.Choose([new("zero", true, 0, 0, null)]));
        Assert.Null(RoundRobinAssignment.Choose([]));
    }

    [Fact]
    public void Choose_AgentComingBackOnline_IsNextBecauseTheyWaitedLongest()
    {
        var agents = new[]
        {
            new AgentLoad("ana", true, 2, 5, T0.AddMinutes(10)),
            new AgentLoad("ben", true, 2, 5, T0.AddMinutes(11)),
            new AgentLoad("cho", true, 0, 5, T0), // was offline for a while
        };

        Assert.Equal("cho", RoundRobinAssignment.Choose(agents));
    }

    [Fact]
    public void Choose_Ties_GoToLighterLoadThenId()
    {
        Assert.Equal("ben", RoundRobinAssignment.Choose([new("ana", true, 2, 5, T0), new("ben", true, 1, 5, T0)]));
        Assert.Equal("ana", RoundRobinAssignment.Choose([new("bob", true, 1, 5, T0), new("ana", true, 1, 5, T0)]));
    }
}
