using CrmLive.Domain.Common;
using CrmLive.Domain.Customers.Attributes;
using CrmLive.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CrmLive.Infrastructure.Customers;

/// <summary>
/// Conditions on custom fields, for customers and companies alike: each becomes the ids of the records whose value
/// matches (read from the (DefinitionId, typed value) indexes), which the list then keeps or — "is empty" — drops.
/// </summary>
internal static class AttributeConditions
{
    public sealed record Match(IQueryable<Guid> RecordIds, bool Keep);

    public static async Task<IReadOnlyList<Match>> ResolveAsync(CrmDbContext db, IReadOnlyList<AttributeCondition> conditions,
        AttributeTarget target, CancellationToken ct)
    {
        if (conditions.Count == 0) return [];
        var ids = conditions.Select(a => a.DefinitionId).ToList();
        var definitions = await db.CustomAttributes.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Target == target)
            .ToDictionaryAsync(d => d.Id, ct);
        return conditions.Select(condition => definitions.TryGetValue(condition.DefinitionId, out var definition)
            ? ToMatch(db, definition, condition)
            : throw new DomainException("A filter names a custom field that no longer exists.")).ToList();
    }

    private static Match ToMatch(CrmDbContext db, CustomAttributeDefinition definition, AttributeCondition condition)
    {
        var id = definition.Id;
        var values = db.CustomAttributeValues.Where(v => v.DefinitionId == id);
        switch (condition.Operator)
        {
            case AttributeOperator.IsSet:
                return new Match(values.Select(v => v.RecordId), Keep: true);
            case AttributeOperator.IsNotSet:
                return new Match(values.Select(v => v.RecordId), Keep: false);
        }
        // Parse as the field would be filled in, but an empty filter value is a mistake, not "no value".
        if (string.IsNullOrWhiteSpace(condition.Value))
            throw new DomainException($"Give a value to filter {definition.Label} by.");
        var value = definition.Parse(condition.Value);
        var matching = (definition.Type, condition.Operator) switch
        {
            (AttributeType.Text, AttributeOperator.Contains) =>
                values.Where(v => v.Text != null && v.Text.ToLower().Contains(value.Text!.ToLower())),
            (AttributeType.Text or AttributeType.Choice, _) => values.Where(v => v.Text == value.Text),
            (AttributeType.Number, AttributeOperator.AtLeast) => values.Where(v => v.Number >= value.Number),
            (AttributeType.Number, AttributeOperator.AtMost) => values.Where(v => v.Number <= value.Number),
            (AttributeType.Number, _) => values.Where(v => v.Number == value.Number),
            (AttributeType.Date, AttributeOperator.AtLeast) => values.Where(v => v.Date >= value.Date),
            (AttributeType.Date, AttributeOperator.AtMost) => values.Where(v => v.Date <= value.Date),
            _ => values.Where(v => v.Date == value.Date),
        };
        return new Match(matching.Select(v => v.RecordId), Keep: true);
    }
}
