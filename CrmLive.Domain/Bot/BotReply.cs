namespace CrmLive.Domain.Bot;

/// <summary>What the bot says back, and whether the conversation now goes to a human.</summary>
public sealed record BotReply(string Text, string RuleName, bool HandOff, string? HandoffReason = null);
