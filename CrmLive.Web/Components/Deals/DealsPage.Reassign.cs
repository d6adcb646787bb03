using CrmLive.Domain.Deals;
using CrmLive.Infrastructure.Deals;
using CrmLive.Infrastructure.Lists;
using CrmLive.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CrmLive.Web.Components.Deals;

/// <summary>
/// The board has no row selection, so its one bulk action acts on what it shows: hand every deal of the current owner
/// filter (in every column, not only the cards on screen) to someone else — typically when a person leaves.
/// </summary>
public sealed partial class DealsPage
{
    private const string OpenChoice = "open";
    private const string AllChoice = "all";

    [Inject] private DealBulkActions Bulk { get; set; } = default!;

    private IReadOnlyList<BulkChoice> _bulkChoices = [];

    private void BuildBulkChoices() => _bulkChoices =
    [
        // Open deals first: won and lost ones usually stay with whoever closed them.
        BulkChoice.Person(OpenChoice, "Reassign open deals to", _staff),
        BulkChoice.Person(AllChoice, "Reassign all deals to", _staff),
    ];

    /// <summary>How many deals the board shows for the choice, from its column counts.</summary>
    private int ShownCount(string choiceKey) => _board?.Columns
        .Where(c => choiceKey == AllChoice || c.Stage is not (DealStage.Won or DealStage.Lost))
        .Sum(c => c.Count) ?? 0;

    private string ReassignScope(BulkChoice choice)
    {
        var whose = OwnerId is null ? "" : OwnerId == _userId ? " of mine" : $" of {OwnerName(OwnerId)}";
        var count = ShownCount(choice.Key);
        return choice.Key == OpenChoice ? $"{count:N0} open deals{whose} shown" : $"{count:N0} deals{whose} shown";
    }

    private string OwnerName(string id) => _staff.FirstOrDefault(s => s.Id == id)?.DisplayName ?? "someone";

    private Task<int> ReassignAsync(BulkChoice choice, string? ownerId, IProgress<BulkProgress> progress, CancellationToken ct) =>
        Bulk.ReassignAsync(new DealBoardQuery(OwnerId), openOnly: choice.Key == OpenChoice, ownerId, progress, ct);
}
