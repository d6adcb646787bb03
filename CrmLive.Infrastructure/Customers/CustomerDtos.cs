using CrmLive.Domain.Customers;
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
    int? RfmMonetary);

public enum CustomerSort { Name, Email, Company, CreatedAt, LastSeenAt }

public sealed record CustomerListQuery(
    string? Search,
    CustomerSort SortBy = CustomerSort.Name,
    bool Descending = false,
    int Page = 0,
    int PageSize = 25);

public sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record CustomerProfile(
    Guid Id,
    string Name,
    string? Email,
    string? Phone,
    string? CompanyName,
    string? CompanyDomain,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    int? RfmRecency,
    int? RfmFrequency,
    int? RfmMonetary,
    DateTimeOffset? RfmComputedAt,
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

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, TimelineCursor? Next);
