namespace IBeam.Engine.Configuration;

/// <summary>
/// A page element in IBeam's <c>KIND@@value</c> notation (for example <c>NAME@@username</c> or
/// <c>CSS_SELECTOR@@.btn.btn-lg</c>), translated to a selector Playwright understands.
/// </summary>
public sealed record ElementSelector(string Kind, string Value)
{
    public static readonly IReadOnlyList<string> Kinds = ["ID", "NAME", "CSS_SELECTOR", "CLASS_NAME", "FOR", "TAG_NAME"];

    /// <summary>The IBeam notation, as an operator would write it.</summary>
    public override string ToString() => $"{Kind}@@{Value}";

    /// <summary>True when the element is found by its text rather than by its markup (TAG_NAME, IBeam's success text).</summary>
    public bool IsText => Kind == "TAG_NAME";

    /// <summary>A CSS selector for the element; for TAG_NAME, the text to look for.</summary>
    public string Css => Kind switch
    {
        "ID" => $"[id=\"{Escape(Value)}\"]",
        "NAME" => $"[name=\"{Escape(Value)}\"]",
        "CLASS_NAME" => string.Concat(Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => "." + c)),
        "FOR" => $"label[for=\"{Escape(Value)}\"]",
        "CSS_SELECTOR" => Value,
        _ => Value,
    };

    /// <summary>
    /// Parses <c>KIND@@value</c>. A bare value is accepted as <paramref name="bareKind"/>, because
    /// IBeam's older variables held bare names and ids.
    /// </summary>
    public static bool TryParse(string? text, string bareKind, out ElementSelector? selector, out string? error)
    {
        selector = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }

        var parts = text.Split("@@", 2);
        var (kind, value) = parts.Length == 2 ? (parts[0].Trim().ToUpperInvariant(), parts[1].Trim()) : (bareKind, text.Trim());
        if (!Kinds.Contains(kind))
        {
            error = $"has the unknown kind '{kind}'; use one of {string.Join(", ", Kinds)} as KIND@@value";
            return false;
        }

        if (value.Length == 0)
        {
            error = $"has no value after '{kind}@@'";
            return false;
        }

        selector = new ElementSelector(kind, value);
        return true;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");
}
