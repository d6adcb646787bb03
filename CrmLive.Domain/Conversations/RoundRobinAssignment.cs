namespace CrmLive.Domain.Conversations;

/// <summary>An agent as the assignment policy sees them.</summary>
/// <param name="OpenConversations">Conversations assigned to the agent and not yet resolved.</param>
/// <param name="LastAssignedAt">When the agent last received a conversation automatically; null if never.</param>
public sealed record AgentLoad(string AgentId, bool Online, int OpenConversations, int Capacity, DateTimeOffset? LastAssignedAt);

/// <summary>
/// Automatic assignment: among agents who are online and below their capacity, the one who has waited longest
/// since their last automatic assignment gets the next conversation (a rotation that skips whoever is full or away).
/// Ties go to the lighter load, then to the agent id, so the choice is deterministic.
/// </summary>
public static class RoundRobinAssignment
{
    public static string? Choose(IEnumerable<AgentLoad> agents) =>
        agents
            .Where(a => a.Online && a.Capacity > 0 && a.OpenConversations < a.Capacity)
            .OrderBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.OpenConversations)
            .ThenBy(a => a.AgentId, StringComparer.Ordinal)
            .Select(a => a.AgentId)
            .FirstOrDefault();
}
