using CrmLive.Domain.Deals;

namespace CrmLive.Infrastructure.Deals;

/// <summary>One card on the board, or one line of a customer's deals.</summary>
public sealed record DealCard(
    Guid Id,
    string Title,
    Guid CustomerId,
    string CustomerName,
    decimal Amount,
    string Currency,
    DealStage Stage,
    string? OwnerId,
    string? OwnerName,
    DateOnly? ExpectedClose,
    double Position,
    string? LostReason)
{
    /// <summary>Still open and its expected close date has passed.</summary>
    public bool IsOverdue(DateOnly today) =>
        Stage is not (DealStage.Won or DealStage.Lost) && ExpectedClose is { } close && close < today;
}

/// <summary>What a stage's deals add up to in one currency; amounts in different currencies are never summed together.</summary>
public sealed record MoneyTotal(string Currency, decimal Amount);

/// <summary>A stage's column: its first cards in board order, and count and totals over all of its deals.</summary>
public sealed record DealColumn(DealStage Stage, IReadOnlyList<DealCard> Cards, int Count, IReadOnlyList<MoneyTotal> Totals)
{
    /// <summary>Deals in the stage beyond the cards shown.</summary>
    public int Hidden => Math.Max(0, Count - Cards.Count);
}

public sealed record DealBoard(IReadOnlyList<DealColumn> Columns)
{
    public bool IsEmpty => Columns.All(c => c.Count == 0);
}

/// <summary>Which deals the board shows.</summary>
/// <param name="OwnerId">Only this person's deals; null for everyone's.</param>
public sealed record DealBoardQuery(string? OwnerId = null);

/// <summary>What the create and edit forms collect.</summary>
public sealed record DealInput(
    Guid CustomerId,
    string Title,
    decimal Amount,
    string Currency,
    string? OwnerId,
    DateOnly? ExpectedClose,
    Guid? ConversationId = null);
