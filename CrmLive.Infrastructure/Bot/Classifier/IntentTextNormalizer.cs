using System.Globalization;
using System.Text;

namespace CrmLive.Infrastructure.Bot.Classifier;

/// <summary>
/// Lower-case, no diacritics, no punctuation, single spaces; optionally every number becomes "0". Applied to
/// training and live text alike, outside the ML.NET pipeline so a saved model needs no custom transform to load.
/// </summary>
public static class IntentTextNormalizer
{
    public static string Normalize(string text, bool digitsAsToken)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        var inNumber = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
                continue;
            // "don't" reads as "dont", not "don t": apostrophes join.
            if (c is '\'' or '’' or '`')
                continue;
            if (char.IsLetterOrDigit(c))
            {
                if (digitsAsToken && char.IsDigit(c))
                {
                    if (inNumber)
                        continue;
                    inNumber = true;
                    Append(sb, '0', ref pendingSpace);
                    continue;
                }
                inNumber = false;
                Append(sb, char.ToLowerInvariant(c), ref pendingSpace);
            }
            else if (!(inNumber && c is '.' or ','))
            {
                inNumber = false;
                pendingSpace = sb.Length > 0;
            }
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c, ref bool pendingSpace)
    {
        if (pendingSpace)
            sb.Append(' ');
        pendingSpace = false;
        sb.Append(c);
    }
}
