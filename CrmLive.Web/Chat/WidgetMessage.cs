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
    DateTimeOffset CreatedAt,
    WidgetAttachment? Attachment = null)
{
    public static WidgetMessage From(MessageDto m, MarkdownRenderer markdown) =>
        new(m.ConversationId, m.Seq, m.Sender, m.AuthorName, m.Text, RenderFor(m, markdown),
            m.ClientMessageId, m.CreatedAt, WidgetAttachment.From(m.Attachment));

    public static WidgetMessage From(MessageAdded e, MarkdownRenderer markdown) => From(MessageDto.From(e), markdown);

    /// <summary>A file's message shows the file, not its name as Markdown.</summary>
    private static string? RenderFor(MessageDto m, MarkdownRenderer markdown) =>
        m.Sender is MessageSender.Agent or MessageSender.Bot && m.Attachment is null ? markdown.ToSafeHtml(m.Text) : null;
}

/// <summary>A file in the widget: a relative link (its key is the capability), what it is, and how big.</summary>
public sealed record WidgetAttachment(string Path, string FileName, string ContentType, long Length, bool IsImage)
{
    public static WidgetAttachment? From(AttachmentInfo? a) =>
        a is null ? null : new(a.Path, a.FileName, a.ContentType, a.Length, a.IsImage);
}
