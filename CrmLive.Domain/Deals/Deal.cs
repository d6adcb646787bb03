using CrmLive.Domain.Common;

namespace CrmLive.Domain.Deals;

public enum DealStage { Lead, Qualified, Proposal, Negotiation, Won, Lost }

/// <summary>A sales opportunity with a customer, moving through the pipeline's stages.</summary>
public sealed class Deal : Entity
{
    private Deal() { }

    public Deal(Guid customerId, string title, decimal amount, string currency, string? ownerId,
        DateOnly? expectedClose, DateTimeOffset createdAt, Guid? conversationId = null)
    {
        CustomerId = customerId;
        Title = Guard.NotBlank(title, "Title", 200);
        if (amount < 0) throw new DomainException("The amount cannot be negative.");
        Amount = amount;
        Currency = Guard.NotBlank(currency, "Currency", 3).ToUpperInvariant();
        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetter)) throw new DomainException("Currency is a three-letter code like EUR.");
        OwnerId = ownerId;
        ExpectedClose = expectedClose;
        CreatedAt = createdAt;
        ConversationId = conversationId;
        Stage = DealStage.Lead;
        UpdatedAt = createdAt;
        Position = createdAt.UtcTicks;
    }

    public Guid CustomerId { get; private set; }
    public string Title { get; private set; } = "";
    public decimal Amount { get; private set; }
    public string Currency { get; private set; } = "EUR";
    public DealStage Stage { get; private set; }
    public string? OwnerId { get; private set; }
    public DateOnly? ExpectedClose { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public Guid? ConversationId { get; private set; }

    /// <summary>Order within its stage's column on the board (smaller is higher).</summary>
    public double Position { get; private set; }

    public string? LostReason { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsClosed => Stage is DealStage.Won or DealStage.Lost;

    public void Edit(string title, decimal amount, string currency, string? ownerId, DateOnly? expectedClose,
        DateTimeOffset now)
    {
        Title = Guard.NotBlank(title, "Title", 200);
        if (amount < 0) throw new DomainException("The amount cannot be negative.");
        var code = Guard.NotBlank(currency, "Currency", 3).ToUpperInvariant();
        if (code.Length != 3 || !code.All(char.IsAsciiLetter)) throw new DomainException("Currency is a three-letter code like EUR.");
        Amount = amount;
        Currency = code;
        OwnerId = string.IsNullOrWhiteSpace(ownerId) ? null : ownerId;
        ExpectedClose = expectedClose;
        UpdatedAt = now;
    }

    /// <summary>Hands the deal to another owner (null: nobody), as a bulk reassignment does.</summary>
    public void Reassign(string? ownerId, DateTimeOffset now)
    {
        OwnerId = string.IsNullOrWhiteSpace(ownerId) ? null : ownerId;
        UpdatedAt = now;
    }

    public void MoveTo(DealStage stage, DateTimeOffset now, double? position = null, string? lostReason = null)
    {
        if (stage != Stage)
            ClosedAt = stage is DealStage.Won or DealStage.Lost ? now : null;
        Stage = stage;
        LostReason = stage == DealStage.Lost && !string.IsNullOrWhiteSpace(lostReason)
            ? Guard.NotBlank(lostReason, "Reason", 200)
            : stage == DealStage.Lost ? LostReason : null;
        if (position is { } p) Position = p;
        UpdatedAt = now;
    }
}
