using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>A channel a company embeds on its site; the widget names it by <see cref="Key"/>.</summary>
public sealed class Inbox : Entity
{
    private Inbox() { }

    public Inbox(string key, string name, string greeting)
    {
        Key = Guard.NotBlank(key, nameof(key), 50).ToLowerInvariant();
        Name = Guard.NotBlank(name, nameof(name), 100);
        Greeting = greeting;
    }

    public string Key { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Greeting { get; private set; } = "";
}
