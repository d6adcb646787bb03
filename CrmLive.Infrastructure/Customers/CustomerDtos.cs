using CrmLive.Domain.Customers;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Domain.Orders;

namespace CrmLive.Infrastructure.Customers;

public sealed record CustomerRow(
    Guid Id,
    string Name,
    string? Email,
    string? Phone,
    string? CompanyName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    int? RfmRecency,
    int? RfmFrequency,
    int? RfmMonetary,
    LifecycleStage Stage = LifecycleStage.Customer,
    string? OwnerId = null,
    string? Segment = null,
    string? LoyaltyTier = null)
{
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Custom field values by definition id, for the columns the user chose.</summary>
    public IReadOnlyDictionary<Guid, string> Attributes { get; init; } = new Dictionary<Guid, string>();
}

public enum CustomerSort { Name, Email, Company, CreatedAt, LastSeenAt }

public sealed record CustomerListQuery(
    string? Search,
    CustomerSort SortBy = CustomerSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25,
    CustomerFilter? Filter = null,
    IReadOnlyList<Guid>? AttributeColumns = null);

/// <param name="TotalCount">Exact, except for a search or filter that found more than it counts (see
/// <see cref="CustomerQueries.SearchCap"/>, <see cref="CustomerQueries.FilterCountCap"/>): then
/// <paramref name="Capped"/> is true and the count is a lower bound ("1,000+").</param>
public sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount, bool Capped = false);

public sealed record CustomerProfile(
    Guid Id,
    string Name,
    string? Email,
    string? Phone,
    IReadOnlyList<string> OtherEmails,
    IReadOnlyList<string> OtherPhones,
    Guid? CompanyId,
    string? CompanyName,
    string? CompanyDomain,
    Address Address,
    string? Language,
    string? TimeZone,
    string? OwnerId,
    LifecycleStage Stage,
    bool MarketingEmailConsent,
    bool ProactiveChatConsent,
    string? ExternalId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    int? RfmRecency,
    int? RfmFrequency,
    int? RfmMonetary,
    DateTimeOffset? RfmComputedAt,
    CustomerMetrics Metrics,
    IReadOnlyList<string> Tags,
    int OrderCount,
    decimal LifetimeRevenue,
    int OpenConversations,
    int OpenTickets);

public sealed record OrderRow(
    Guid Id,
    string Number,
    DateTimeOffset PlacedAt,
    decimal Amount,
    string Currency,
    SalesChannel Channel,
    OrderStatus Status,
    int ItemCount,
    string ItemsSummary);

public sealed record TimelineItem(long Id, DateTimeOffset OccurredAt, TimelineKind Kind, string Title, string? Detail,
    Guid? SubjectId);

/// <summary>Keyset position: the last item a page ended with. Null asks for the newest page.</summary>
public sealed record TimelineCursor(DateTimeOffset OccurredAt, long Id);

/// <summary>Which entries a timeline shows: some kinds only (none = all), between two days (UTC) inclusive.</summary>
public sealed record TimelineFilter(IReadOnlyList<TimelineKind>? Kinds = null, DateOnly? From = null, DateOnly? To = null);

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, TimelineCursor? Next);

/// <summary>What the customers list is narrowed to; every part is optional and they combine with AND.</summary>
/// <summary>What a saved customers view remembers: the search, the filter and the custom-field columns.</summary>
public sealed record CustomerViewDefinition(string? Search, CustomerFilter? Filter, IReadOnlyList<Guid>? Columns = null);

public sealed record CustomerFilter
{
    /// <summary>Customers with any of these tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>An owner's id, or <see cref="NoOwner"/> for customers nobody owns.</summary>
    public string? OwnerId { get; init; }

    public LifecycleStage? Stage { get; init; }
    public Guid? CompanyId { get; init; }
    public string? Segment { get; init; }
    public string? LoyaltyTier { get; init; }
    public DateOnly? CreatedFrom { get; init; }
    public DateOnly? CreatedTo { get; init; }
    public IReadOnlyList<AttributeCondition> Attributes { get; init; } = [];

    public const string NoOwner = "(none)";

    public bool IsEmpty => Tags.Count == 0 && OwnerId is null && Stage is null && CompanyId is null && Segment is null
        && LoyaltyTier is null && CreatedFrom is null && CreatedTo is null && Attributes.Count == 0;
}

public enum AttributeOperator { Is, Contains, AtLeast, AtMost, IsSet, IsNotSet }

/// <summary>A condition on one custom field; <paramref name="Value"/> is typed as a person types it.</summary>
public sealed record AttributeCondition(Guid DefinitionId, AttributeOperator Operator, string? Value);
