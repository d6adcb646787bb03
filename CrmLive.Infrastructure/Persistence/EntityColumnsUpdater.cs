using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>
/// A prepared <c>UPDATE … SET a = @p0, b = @p1 WHERE Id = @id</c> over chosen properties of an entity, built from the EF
/// model like <see cref="EntityRowWriter"/> (same columns, converters and parameter types), for jobs that set a few
/// computed columns on a million rows, one row per execution, without loading the entities.
/// </summary>
public sealed class EntityColumnsUpdater : IDisposable
{
    private readonly DbCommand _command;
    private readonly RelationalTypeMapping[] _mappings;

    /// <param name="properties">Property names, or <c>Complex.Property</c> for a complex property's part.</param>
    public EntityColumnsUpdater(DbContext model, DbConnection connection, Type entity, IReadOnlyList<string> properties)
    {
        var entityType = model.GetService<IDesignTimeModel>().Model.FindEntityType(entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var key = entityType.FindPrimaryKey()!.Properties.Single();
        var set = properties.Select(p => Find(entityType, p)).Append(key).ToArray();
        _mappings = set.Select(p => (RelationalTypeMapping)p.GetTypeMapping()).ToArray();
        var name = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        var assignments = set[..^1].Select((p, i) => $"\"{p.GetColumnName(table)}\" = @p{i}");
        _command = connection.CreateCommand();
        _command.CommandText = $"UPDATE {name} SET {string.Join(", ", assignments)} WHERE \"{key.GetColumnName(table)}\" = @p{set.Length - 1}";
        for (var i = 0; i < set.Length; i++)
            _command.Parameters.Add(_mappings[i].CreateParameter(_command, $"@p{i}", null));
    }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    /// <summary>Sets the row with this key; values in the order the properties were given.</summary>
    public async Task<int> UpdateAsync(object key, IReadOnlyList<object?> values, CancellationToken ct)
    {
        if (values.Count != _mappings.Length - 1)
            throw new ArgumentException($"Expected {_mappings.Length - 1} values, got {values.Count}.", nameof(values));
        for (var i = 0; i < values.Count; i++) Bind(i, values[i]);
        Bind(values.Count, key);
        return await _command.ExecuteNonQueryAsync(ct);
    }

    private void Bind(int i, object? value)
    {
        if (value is not null && _mappings[i].Converter is { } converter) value = converter.ConvertToProvider(value);
        _command.Parameters[i].Value = value ?? DBNull.Value;
    }

    private static IProperty Find(IEntityType entityType, string path)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
            return entityType.FindProperty(path) ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no {path}.");
        var complex = entityType.FindComplexProperty(parts[0])
            ?? throw new InvalidOperationException($"{entityType.DisplayName()} has no {parts[0]}.");
        return complex.ComplexType.FindProperty(parts[1])
            ?? throw new InvalidOperationException($"{parts[0]} has no {parts[1]}.");
    }

    public void Dispose() => _command.Dispose();
}
