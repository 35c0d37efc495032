using System.Text;

namespace IBeam.Engine.Data.Queries;

/// <summary>
/// Turns what an operator types into a query of the full-text index (SQLite FTS5): every word must
/// occur, in any order, in the message or the exception; "words in quotes" must occur together; a
/// word of three or more characters also finds the longer words it starts (gate finds gateway).
/// Case and accents do not matter. Each word is quoted, so FTS5's own syntax (AND, OR, NEAR, *, :)
/// typed by the operator is searched for as text, never obeyed. Text without any word (only
/// punctuation) is looked for as typed instead (<see cref="ToLike"/>).
/// </summary>
public static class LogSearchText
{
    private const int ShortestPrefix = 3;

    /// <summary>The MATCH expression, or null when the text has no letter or digit to look for.</summary>
    public static string? ToMatch(string? text)
    {
        var terms = Terms(text ?? "")
            .Where(t => t.Text.Any(char.IsLetterOrDigit))
            .Select(t => Quote(t.Text) + (!t.Quoted && t.Text.Length >= ShortestPrefix ? "*" : ""))
            .ToList();

        // The column filter keeps words away from the index's level and day tokens.
        return terms.Count == 0 ? null : "{Message Exception} : (" + string.Join(" AND ", terms) + ")";
    }

    /// <summary>A LIKE pattern finding the text as typed (its own % and _ taken literally), or null for blank text.</summary>
    public static string? ToLike(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : "%" + text.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static IEnumerable<(string Text, bool Quoted)> Terms(string text)
    {
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"' || (!quoted && char.IsWhiteSpace(c)))
            {
                if (current.Length > 0)
                {
                    yield return (current.ToString(), quoted);
                    current.Clear();
                }

                quoted = c == '"' ? !quoted : quoted;
                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return (current.ToString(), quoted);
        }
    }
}
