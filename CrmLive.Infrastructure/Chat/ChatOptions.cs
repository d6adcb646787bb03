using System.ComponentModel.DataAnnotations;

namespace CrmLive.Infrastructure.Chat;

/// <summary>Settings of the <c>Chat</c> section.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Hand conversations the bot passes on to online agents in rotation, within their capacity.</summary>
    public bool AutoAssign { get; set; } = true;

    /// <summary>
    /// At most this many customer messages are stored in one transaction. Larger batches cost a little latency per
    /// batch and save a transaction per message when many conversations are busy at once.
    /// </summary>
    [Range(1, 10_000)]
    public int MessageBatchSize { get; set; } = 256;
}
