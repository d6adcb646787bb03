using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmLive.Bench.Customers;

/// <summary>
/// A prepared INSERT of domain entities, built from the EF model: the same columns, value converters (Guid and
/// DateTimeOffset forms, enums as strings, JSON lists) and parameter types EF itself would use, so bulk-loaded rows
/// are exactly what the product writes, at raw ADO.NET speed. Store-generated keys (autoincrement ids) are left out.
/// </summary>
internal sealed class EntityRowWriter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, IClrPropertyGetter Getter, RelationalTypeMapping Mapping)[] _columns;

    public EntityRowWriter(DbContext model, SqliteConnection connection)
    {
        var entityType = model.GetService<IDesignTimeModel>().Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (p, p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping()))
            .ToArray();
        Columns = _columns.Select(c => c.Property.GetColumnName(table)!).ToArray();
        _command = connection.CreateCommand();
        _command.CommandText = $"""
            INSERT INTO "{table.Name}" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))})
            VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})
            """;
        for (var i = 0; i < _columns.Length; i++)
            _command.Parameters.Add(_columns[i].Mapping.CreateParameter(_command, $"$p{i}", null));
        Table = table.Name;
    }

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Insert(T entity)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (_, getter, mapping) = _columns[i];
            var value = getter.GetClrValueUsingContainingEntity(entity);
            if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            _command.Parameters[i].Value = value ?? DBNull.Value;
        }
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
