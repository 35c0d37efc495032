using System.Globalization;
using Bunit;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Serilog.Events;

namespace IBeam.Engine.Tests.Shared;

/// <summary>A bUnit context for the Logs page's components, reading a real SQLite log through <see cref="LogQueries"/>.</summary>
public abstract class LogsTestContext : DashboardTestContext, IAsyncLifetime
{
    protected static readonly DateTime Noon = new(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    protected LogsTestContext() => Services.AddSingleton(new LogQueries(Database.Contexts));

    protected TempDatabase Database { get; } = new();

    /// <summary>Renders <typeparamref name="T"/> below the popover provider MudBlazor's chips and fields need.</summary>
    protected IRenderedComponent<T> RenderWithPopovers<T>() where T : IComponent
    {
        Render<MudPopoverProvider>();
        return Render<T>();
    }

    /// <summary>The ids of the events a list shows, top to bottom.</summary>
    protected static List<long> Ids<T>(IRenderedComponent<T> rendered, string list) where T : IComponent =>
        [.. rendered.FindAll($"#{list} [data-id]").Select(e => long.Parse(e.GetAttribute("data-id")!, CultureInfo.InvariantCulture))];

    protected static LogEntry Entry(LogEventLevel level, string message, DateTime? at = null, string? exception = null) =>
        new() { Level = (int)level, Timestamp = at ?? Noon, Message = message, Exception = exception, Category = "IBeam.Test" };

    /// <summary>The components first (as <see cref="DashboardTestContext"/> does), then the database: a tail has stopped reading before its file goes.</summary>
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        Database.Dispose();
    }
}
