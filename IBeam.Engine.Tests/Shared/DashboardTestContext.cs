using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace IBeam.Engine.Tests.Shared;

/// <summary>
/// A bUnit context for the dashboard's components with MudBlazor's services. MudBlazor's popover
/// service is only IAsyncDisposable, so the context is disposed asynchronously (xunit's IAsyncLifetime).
/// </summary>
public abstract class DashboardTestContext : BunitContext, IAsyncLifetime
{
    protected DashboardTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DisposeTestResourcesAsync();
    }

    /// <summary>What a test class made beside the components (an engine, a database), disposed after them.</summary>
    protected virtual ValueTask DisposeTestResourcesAsync() => ValueTask.CompletedTask;
}
