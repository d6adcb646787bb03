using CrmLive.Domain.Conversations;
using CrmLive.Domain.Live;
using CrmLive.Infrastructure.Chat;
using CrmLive.Infrastructure.Text;

namespace CrmLive.Web.Chat;

/// <summary>
/// A message as the widget receives it. Replies from the team and the bot carry <see cref="Html"/>: their Markdown
/// rendered and sanitized on the server, so the widget never parses untrusted markup itself. The customer's own
/// words stay plain text.
/// </summary>
public sealed record WidgetMessage(
    Guid ConversationId,
    long Seq,
    MessageSender Sender,
    string? AuthorName,
    string Text,
    string? Html,
    string? ClientMessageId,
    DateTimeOffset CreatedAt)
{
    public static WidgetMessage From(MessageDto m, MarkdownRenderer markdown) =>
        new(m.ConversationId, m.Seq, m.Sender, m.AuthorName, m.Text, RenderFor(m.Sender, m.Text, markdown),
            m.ClientMessageId, m.CreatedAt);

    public static WidgetMessage From(MessageAdded e, MarkdownRenderer markdown) =>
        new(e.ConversationId, e.Seq, e.Sender, e.AuthorName, e.Text, RenderFor(e.Sender, e.Text, markdown),
            e.ClientMessageId, e.CreatedAt);

    private static string? RenderFor(MessageSender sender, string text, MarkdownRenderer markdown) =>
        sender is MessageSender.Agent or MessageSender.Bot ? markdown.ToSafeHtml(text) : null;
}
