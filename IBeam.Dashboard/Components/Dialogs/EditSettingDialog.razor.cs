using IBeam.Dashboard.Components.Controls;
using IBeam.Dashboard.Security;
using IBeam.Engine.Operators;
using IBeam.Engine.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace IBeam.Dashboard.Components.Dialogs;

/// <summary>What the edit dialog did, for the page's message.</summary>
public sealed record SettingSaved(string Name, bool Cleared, bool RequiresRestart);

public sealed partial class EditSettingDialog : ComponentBase
{
    private const string AuditAction = "ChangeSetting";
    private string? _value;
    private IReadOnlyList<string> _problems = [];
    private bool _busy;

    [CascadingParameter]
    public required IMudDialogInstance Dialog { get; set; }

    [Parameter, EditorRequired]
    public required SettingView Setting { get; set; }

    [Inject]
    public required SettingsService Settings { get; init; }

    [Inject]
    public required OperatorAudit Audit { get; init; }

    [Inject]
    public required CurrentOperator Operator { get; init; }

    private bool Changed => !string.IsNullOrWhiteSpace(_value) && (Setting.Secret || _value.Trim() != Setting.Value);

    // A secret stays a one-line password field: a text area would show what is typed.
    private bool Multiline => !Setting.Secret && SettingLabels.Multiline(Setting.Name);

    private string Helper => Setting.Secret || Setting.DefaultValue.Length == 0
        ? SettingLabels.Hint(Setting.Name)
        : $"{SettingLabels.Hint(Setting.Name)}; default {Setting.DefaultValue}";

    protected override void OnInitialized() => _value = Setting.Secret ? null : Setting.Value;

    private Task SaveAsync() => ChangeAsync(_value);

    /// <summary>Removes the stored value: IBeam falls back to appsettings.json or the default.</summary>
    private Task ClearAsync() => ChangeAsync(null);

    private async Task ChangeAsync(string? value)
    {
        _busy = true;
        try
        {
            var who = await Operator.GetAsync();
            // Not cancelled with the dialog: the write is short and must not stop between the setting and its audit.
            var result = await Settings.SetAsync(Setting.Name, value, who.Name, CancellationToken.None);
            // The name only: the value may be a secret.
            await Audit.RecordAsync(who, AuditAction, result.Applied, Setting.Name, CancellationToken.None);
            if (!result.Applied)
            {
                _problems = result.Problems;
                return;
            }

            _value = null;
            Dialog.Close(DialogResult.Ok(new SettingSaved(Setting.Name, value is null, result.RequiresRestart)));
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
