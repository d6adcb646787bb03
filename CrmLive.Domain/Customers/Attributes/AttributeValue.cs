using System.Globalization;

namespace CrmLive.Domain.Customers.Attributes;

/// <summary>A custom field's value in its typed column: text (also choices), number or date.</summary>
public readonly record struct AttributeValue(string? Text, decimal? Number, DateOnly? Date)
{
    public static readonly AttributeValue Empty = new(null, null, null);

    public bool IsEmpty => Text is null && Number is null && Date is null;

    /// <summary>The value as a person types it back in (the inverse of <see cref="CustomAttributeDefinition.Parse"/>).</summary>
    public string Display() =>
        Text ?? Number?.ToString("G29", CultureInfo.InvariantCulture) ?? Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>One customer's (or company's) value of one custom field.</summary>
public sealed class CustomAttributeValue
{
    private CustomAttributeValue() { }

    public CustomAttributeValue(Guid recordId, Guid definitionId, AttributeValue value)
    {
        RecordId = recordId;
        DefinitionId = definitionId;
        Set(value);
    }

    public Guid RecordId { get; private set; }
    public Guid DefinitionId { get; private set; }
    public string? Text { get; private set; }
    public decimal? Number { get; private set; }
    public DateOnly? Date { get; private set; }

    public AttributeValue Value => new(Text, Number, Date);

    public void Set(AttributeValue value)
    {
        Text = value.Text;
        Number = value.Number;
        Date = value.Date;
    }
}
