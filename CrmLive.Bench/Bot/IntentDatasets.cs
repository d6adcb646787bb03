using System.Text;
using System.Text.Json;
using CrmLive.Infrastructure.Bot.Classifier;

namespace CrmLive.Bench.Bot;

/// <summary>Readers for the public intent data sets in ../shared/datasets (see its README).</summary>
internal static class IntentDatasets
{
    /// <summary>BANKING77's CSV: header "text,category", RFC 4180 quoting.</summary>
    public static List<LabelledUtterance> ReadBanking77(string path)
    {
        var rows = ReadCsv(File.ReadAllText(path)).ToList();
        if (rows.Count == 0 || rows[0] is not ["text", "category"])
            throw new InvalidDataException($"{path}: expected the header text,category.");
        return rows.Skip(1).Where(r => r.Count == 2).Select(r => new LabelledUtterance(r[0], r[1])).ToList();
    }

    /// <summary>CLINC150's data_full.json: split name to [text, intent] pairs.</summary>
    public static Dictionary<string, List<LabelledUtterance>> ReadClinc150(string path)
    {
        var splits = JsonSerializer.Deserialize<Dictionary<string, string[][]>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} is empty.");
        return splits.ToDictionary(s => s.Key, s => s.Value.Select(p => new LabelledUtterance(p[0], p[1])).ToList());
    }

    /// <summary>Quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static IEnumerable<List<string>> ReadCsv(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
                row.Add(Take(field));
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    i++;
                row.Add(Take(field));
                yield return row;
                row = [];
            }
            else
                field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(Take(field));
            yield return row;
        }
    }

    private static string Take(StringBuilder field)
    {
        var s = field.ToString();
        field.Clear();
        return s;
    }
}
