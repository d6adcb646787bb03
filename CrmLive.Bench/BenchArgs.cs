namespace CrmLive.Bench;

/// <summary>"--name value" pairs from the command line.</summary>
internal sealed class BenchArgs(string[] args)
{
    public string? String(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public bool Flag(string name) => Array.IndexOf(args, name) >= 0;

    public double Double(string name, double fallback) =>
        double.TryParse(String(name), System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public int Int(string name, int fallback) => int.TryParse(String(name), out var v) ? v : fallback;
}
