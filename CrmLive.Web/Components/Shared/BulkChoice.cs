using CrmLive.Infrastructure.Identity;
using CrmLive.Infrastructure.Lists;

namespace CrmLive.Web.Components.Shared;

/// <summary>One action a <see cref="BulkActionsBar"/> offers, and what it asks for before it runs.</summary>
/// <param name="Key">What the page's run callback switches on.</param>
/// <param name="Options">Values to pick from; null asks for free text (a tag).</param>
/// <param name="NoneLabel">When set, picking nothing is allowed and means this (e.g. "Nobody" to clear an owner).</param>
public sealed record BulkChoice(string Key, string Label, IReadOnlyList<BulkOption>? Options = null, string? NoneLabel = null)
{
    public static BulkChoice Tag(string key, string label) => new(key, label);

    /// <summary>Pick a person from the team, or nobody.</summary>
    public static BulkChoice Person(string key, string label, IEnumerable<StaffMember> staff, string noneLabel = "Nobody") =>
        new(key, label, staff.Select(s => new BulkOption(s.Id, s.DisplayName)).ToList(), noneLabel);
}

public sealed record BulkOption(string Value, string Label);

/// <summary>The bulk actions customers and companies share: tag, untag, assign an owner.</summary>
public static class RecordBulkChoices
{
    public static IReadOnlyList<BulkChoice> For(IEnumerable<StaffMember> staff) =>
    [
        BulkChoice.Tag(nameof(BulkActionKind.AddTag), "Add tag"),
        BulkChoice.Tag(nameof(BulkActionKind.RemoveTag), "Remove tag"),
        BulkChoice.Person(nameof(BulkActionKind.AssignOwner), "Assign owner", staff),
    ];

    public static BulkAction Action(BulkChoice choice, string? value) => new(Enum.Parse<BulkActionKind>(choice.Key), value);
}
