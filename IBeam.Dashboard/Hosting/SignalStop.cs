using System.Runtime.InteropServices;

namespace IBeam.Dashboard.Hosting;

/// <summary>
/// For a command without a host (--sandbox-gateway): turns SIGINT, SIGTERM and SIGQUIT into a
/// cancellation, so the command ends by its own path rather than by the runtime's exit. The
/// generic host's console lifetime does the same for the other commands.
/// </summary>
internal sealed class SignalStop : IDisposable
{
    private readonly PosixSignalRegistration[] _registrations;

    public SignalStop(CancellationTokenSource stop) =>
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT }.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        }))];

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
