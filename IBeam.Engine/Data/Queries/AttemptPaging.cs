namespace IBeam.Engine.Data.Queries;

/// <summary>
/// Which page of the newest-first history to read: by number (what a paged table asks for), or
/// after a <see cref="AttemptCursor"/> (what "load more" asks for, equally cheap at any depth).
/// </summary>
public sealed record AttemptPaging
{
    public const int MaxSize = 500;

    private AttemptPaging(int size, int index, AttemptCursor? after)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxSize);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Size = size;
        Index = index;
        After = after;
    }

    public int Size { get; }

    /// <summary>0-based page number; 0 when reading after a cursor.</summary>
    public int Index { get; }

    /// <summary>The last attempt already shown; the page holds the attempts older than it.</summary>
    public AttemptCursor? After { get; }

    public static AttemptPaging First(int size = 50) => new(size, 0, null);

    public static AttemptPaging Number(int index, int size = 50) => new(size, index, null);

    public static AttemptPaging Following(AttemptCursor after, int size = 50) => new(size, 0, after);
}

/// <summary>A place in the newest-first order: the start time, and the id to break ties between equal times.</summary>
public sealed record AttemptCursor(DateTime StartedAt, Guid Id);
