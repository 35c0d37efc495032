using IBeam.Engine.State;
using MudBlazor;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>The live status and the operator's actions.</summary>
public sealed partial class Status : LivePage
{
    private string PhaseText => PhaseNames.Describe(Snapshot.Phase);

    private Color PhaseColor => Snapshot.Gateway.IsHealthy ? Color.Success : Snapshot.Gateway.Running ? Color.Warning : Color.Error;

    private static string Time(DateTimeOffset? time) => time?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss") ?? "—";
}
