using System.Data.Common;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrmLive.Bench.Customers;

/// <summary>
/// <c>--plans</c>: SQLite's EXPLAIN QUERY PLAN of every distinct statement EF Core sends, run on the same connection
/// with the same parameters just before it, so the plan is the one the product gets from the bundled SQLite (the
/// sqlite3 shell may be another version with another planner). Listens to EF Core's diagnostic events.
/// </summary>
internal sealed class QueryPlans(TextWriter output) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly HashSet<string> _seen = [];
    private readonly List<IDisposable> _subscriptions = [];

    public static QueryPlans Start(TextWriter output)
    {
        var plans = new QueryPlans(output);
        plans._subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(plans));
        return plans;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key != RelationalEventId.CommandExecuting.Name || e.Value is not CommandEventData { Command: var command }) return;
        lock (_seen)
        {
            if (!_seen.Add(command.CommandText) || command.CommandText.StartsWith("PRAGMA", StringComparison.Ordinal)) return;
            output.WriteLine(command.CommandText);
            output.WriteLine(Explain(command));
        }
    }

    private static string Explain(DbCommand command)
    {
        using var explain = command.Connection!.CreateCommand();
        explain.Transaction = command.Transaction;
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (DbParameter p in command.Parameters)
        {
            var copy = explain.CreateParameter();
            (copy.ParameterName, copy.Value, copy.DbType) = (p.ParameterName, p.Value, p.DbType);
            explain.Parameters.Add(copy);
        }
        var plan = new StringBuilder();
        using var reader = explain.ExecuteReader();
        while (reader.Read()) plan.Append("  -- ").AppendLine(reader.GetString(3));
        return plan.ToString();
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
}
