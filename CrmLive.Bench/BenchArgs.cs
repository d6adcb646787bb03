namespace CrmLive.Bench;

/// <summary>"--name value" pairs from the command line.</summary>
internal sealed class BenchArgs(string[] args)
{
    public string? String(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int Int(string name, int fallback) => int.TryParse(String(name), out var v) ? v : fallback;
}
