using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CrmLive.Infrastructure.Persistence;

/// <summary>
/// A prepared INSERT of domain entities, built from the EF model: the same columns, value converters (Guid and
/// DateTimeOffset forms, enums as strings, JSON lists) and parameter types EF itself would use, so bulk-written rows
/// are exactly what the product writes, at raw ADO.NET speed (imports, benchmark data). Store-generated keys
/// (autoincrement ids) are left out.
/// </summary>
public sealed class EntityRowWriter : IDisposable
{
    private readonly DbCommand _command;
    private readonly (IProperty Property, IClrPropertyGetter Getter, RelationalTypeMapping Mapping)[] _columns;
    private readonly object?[] _values;
    private readonly Sqlite.SqlitePositionalCommand? _positional;

    public EntityRowWriter(DbContext model, DbConnection connection, Type entity)
    {
        var entityType = model.GetService<IDesignTimeModel>().Model.FindEntityType(entity)
            ?? throw new InvalidOperationException($"{entity.Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        _columns = entityType.GetFlattenedProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (p, p.GetGetter(), (RelationalTypeMapping)p.GetTypeMapping()))
            .ToArray();
        Columns = _columns.Select(c => c.Property.GetColumnName(table)!).ToArray();
        var name = table.Schema is null ? $"\"{table.Name}\"" : $"\"{table.Schema}\".\"{table.Name}\"";
        _command = connection.CreateCommand();
        _command.CommandText = $"""
            INSERT INTO {name} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))})
            VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))})
            """;
        for (var i = 0; i < _columns.Length; i++)
            _command.Parameters.Add(_columns[i].Mapping.CreateParameter(_command, $"@p{i}", null));
        _values = new object?[_columns.Length];
        _positional = Sqlite.SqlitePositionalCommand.TryPrepare(_command);
        Table = table.Name;
    }

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Whether rows go through SQLite's positional binding rather than ADO.NET's named parameters.</summary>
    internal bool BindsByPosition => _positional is not null;

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Insert(object entity)
    {
        if (Read(entity)) return;
        _command.ExecuteNonQuery();
    }

    public async Task InsertAsync(object entity, CancellationToken ct)
    {
        if (Read(entity)) return;
        await _command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads the entity's provider values; true when SQLite's positional path has already inserted them.</summary>
    private bool Read(object entity)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var (_, getter, mapping) = _columns[i];
            var value = getter.GetClrValueUsingContainingEntity(entity);
            if (value is not null && mapping.Converter is { } converter) value = converter.ConvertToProvider(value);
            _values[i] = value;
        }
        if (_positional?.TryExecute(_values) == true) return true;
        for (var i = 0; i < _values.Length; i++) _command.Parameters[i].Value = _values[i] ?? DBNull.Value;
        return false;
    }

    public void Dispose()
    {
        _positional?.Dispose();
        _command.Dispose();
    }
}

/// <summary>The typed form the benchmark's generators use.</summary>
public sealed class EntityRowWriter<T>(DbContext model, DbConnection connection) : IDisposable where T : class
{
    private readonly EntityRowWriter _writer = new(model, connection, typeof(T));

    public string Table => _writer.Table;

    public IReadOnlyList<string> Columns => _writer.Columns;

    public DbTransaction? Transaction
    {
        set => _writer.Transaction = value;
    }

    public void Insert(T entity) => _writer.Insert(entity);

    public void Dispose() => _writer.Dispose();
}

/// <summary>
/// New rows gathered while a batch is worked out, written in the order their types first appeared (parents before
/// children) inside the batch's transaction: the fast path for inserts, while updates go through EF's change tracker.
/// </summary>
public sealed class PendingInserts
{
    private readonly List<(Type Type, List<object> Rows)> _byType = [];

    public int Count => _byType.Sum(t => t.Rows.Count);

    public bool Has<T>() => _byType.Any(t => t.Type == typeof(T));

    public void Add<T>(T entity) where T : class
    {
        var slot = _byType.FindIndex(t => t.Type == typeof(T));
        if (slot < 0) _byType.Add((typeof(T), [entity]));
        else _byType[slot].Rows.Add(entity);
    }

    public async Task WriteAsync(DbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Pending inserts are written inside the batch's transaction.");
        foreach (var (type, rows) in _byType)
        {
            using var writer = new EntityRowWriter(db, connection, type) { Transaction = transaction };
            foreach (var row in rows) await writer.InsertAsync(row, ct);
        }
    }
}
