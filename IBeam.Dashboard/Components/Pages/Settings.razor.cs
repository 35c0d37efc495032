using System.Threading.Channels;
using IBeam.Dashboard.Components.Controls;
using IBeam.Dashboard.Components.Dialogs;
using IBeam.Engine.Configuration;
using IBeam.Engine.Settings;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace IBeam.Dashboard.Components.Pages;

/// <summary>
/// Every setting with its effective value and source, editable unless the environment or the
/// command line sets it, and the latest changes. It follows the configuration's change event, so a
/// change made elsewhere (another operator, appsettings.json) shows without a reload.
/// </summary>
public sealed partial class Settings : ComponentBase, IAsyncDisposable
{
    private const int HistoryLength = 25;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private IDisposable? _subscription;
    private Task? _watch;
    private IReadOnlyList<SettingView> _settings = [];
    private IReadOnlyList<SettingChangeView> _history = [];
    private string? _search;

    [Inject]
    public required SettingsService Service { get; init; }

    [Inject]
    public required IOptionsMonitor<IBeamOptions> Options { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    private bool SecretsFromFiles => Options.CurrentValue.Secrets.Source == SecretsSource.Fs;

    private IEnumerable<IGrouping<string, SettingView>> Areas => _settings
        .Where(Matches)
        .GroupBy(s => SettingLabels.Area(s.Name))
        .OrderBy(a => SettingLabels.AreaOrder(a.Key));

    protected override async Task OnInitializedAsync()
    {
        // A full channel already holds a pending reload, so a burst of changes makes one.
        _subscription = Options.OnChange(_ => _changes.Writer.TryWrite(true));
        _watch = WatchAsync(_stop.Token);
        await LoadAsync(_stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            await _watch;
        }

        _stop.Dispose();
    }

    private bool Matches(SettingView setting) =>
        string.IsNullOrWhiteSpace(_search)
        || setting.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || setting.Description.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || SettingLabels.Area(setting.Name).Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _settings = Service.GetAll();
        _history = await Service.HistoryAsync(null, HistoryLength, cancellationToken);
    }

    private async Task EditAsync(SettingView setting)
    {
        var parameters = new DialogParameters<EditSettingDialog> { { d => d.Setting, setting } };
        var dialog = await Dialogs.ShowAsync<EditSettingDialog>(setting.Name, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseButton = true });
        if (await dialog.Result is not { Canceled: false, Data: SettingSaved saved })
        {
            return;
        }

        var what = saved.Cleared ? $"{saved.Name} cleared: IBeam uses appsettings.json or the default." : $"{saved.Name} saved.";
        Snackbar.Add(saved.RequiresRestart ? $"{what} It takes effect after a restart." : what, Severity.Success);
        if (!_stop.IsCancellationRequested)
        {
            // The dialog can outlive the page (it belongs to the layout); a closed page loads nothing.
            await LoadAsync(_stop.Token);
        }
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _changes.Reader.ReadAllAsync(cancellationToken))
            {
                await InvokeAsync(() => LoadAsync(cancellationToken));
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page closed.
        }
    }
}
