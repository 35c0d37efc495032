using Microsoft.Playwright;

namespace IBeam.Engine.Login;

/// <summary>
/// Told of every request made by a Chromium the engine starts (the login's, and a handler's with a
/// kept profile), so that a host can audit where the engine's browsers go. The engine registers
/// none: with none registered, no request is watched.
/// </summary>
public interface IBrowserRequestObserver
{
    void Requested(string url);
}

internal static class BrowserRequests
{
    /// <summary>Reports each request of <paramref name="context"/>'s pages to the observers.</summary>
    public static void ReportTo(this IBrowserContext context, IReadOnlyCollection<IBrowserRequestObserver> observers)
    {
        if (observers.Count == 0)
        {
            return;
        }

        context.Request += (_, request) =>
        {
            foreach (var observer in observers)
            {
                observer.Requested(request.Url);
            }
        };
    }
}
