using System.Security.Cryptography;
using CrmLive.Domain.Common;

namespace CrmLive.Domain.Conversations;

/// <summary>
/// A file sent in a conversation. Its bytes live apart (<see cref="AttachmentContent"/>) so lists never load them;
/// <see cref="AccessKey"/> is the secret part of the link the customer's widget receives.
/// </summary>
public sealed class Attachment : Entity
{
    private Attachment() { }

    public Attachment(Guid conversationId, string fileName, string contentType, long length, DateTimeOffset createdAt)
    {
        ConversationId = conversationId;
        FileName = FileSniffer.CleanFileName(fileName);
        ContentType = contentType;
        Length = length;
        CreatedAt = createdAt;
        AccessKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    public Guid ConversationId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }
    public string AccessKey { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsImage => FileSniffer.IsSafeImage(ContentType);

    public AttachmentInfo Info => new(Id, FileName, ContentType, Length, AccessKey);
}

/// <summary>What a message shows of its file, with the link only the conversation's parties receive.</summary>
public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Length, string AccessKey)
{
    public bool IsImage => FileSniffer.IsSafeImage(ContentType);

    /// <summary>Relative link; the key in it is the capability, so only people shown the message can fetch it.</summary>
    public string Path => $"/attachments/{Id:N}/{AccessKey}/{Uri.EscapeDataString(FileName)}";

    public string Size => AttachmentRules.FormatSize(Length);
}

public sealed class AttachmentContent
{
    private AttachmentContent() { }

    public AttachmentContent(Guid attachmentId, byte[] bytes)
    {
        AttachmentId = attachmentId;
        Bytes = bytes;
    }

    public Guid AttachmentId { get; private set; }
    public byte[] Bytes { get; private set; } = [];
}
