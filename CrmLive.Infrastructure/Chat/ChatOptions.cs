namespace CrmLive.Infrastructure.Chat;

/// <summary>Settings of the <c>Chat</c> section.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Hand conversations the bot passes on to online agents in rotation, within their capacity.</summary>
    public bool AutoAssign { get; set; } = true;
}
