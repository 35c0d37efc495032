using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using CsvHelper;
using IBeam.Dashboard.Endpoints;
using IBeam.Engine.Data;
using IBeam.Engine.Data.Entities;
using IBeam.Engine.Data.Queries;
using IBeam.Engine.Login;
using IBeam.Engine.Tests.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static IBeam.Engine.Tests.Shared.AttemptData;

namespace IBeam.Engine.Tests.Dashboard.Endpoints;

/// <summary>
/// The history's endpoints on a real Kestrel server (loopback, a free port), over a real SQLite
/// history, behind a fallback policy that requires a signed-in user as the dashboard's does.
/// </summary>
public sealed class HistoryEndpointsTests : IAsyncLifetime
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private readonly TempDatabase _database = new();
    private WebApplication? _app;
    private HttpClient _client = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")); // already 7 March there
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IDbContextFactory<IBeamDbContext>>(_database);
        builder.Services.AddSingleton(new AttemptHistory(_database));
        builder.Services.AddAuthentication(OperatorHeader.SchemeName).AddScheme<AuthenticationSchemeOptions, OperatorHeader>(OperatorHeader.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapHistoryEndpoints();
        await _app.StartAsync();

        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        _anonymous = new HttpClient { BaseAddress = address };
        _client = new HttpClient { BaseAddress = address };
        _client.DefaultRequestHeaders.Add(OperatorHeader.HeaderName, "operator");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        _anonymous.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _database.Dispose();
    }

    [Fact]
    public async Task Both_endpoints_refuse_a_request_that_is_not_signed_in()
    {
        var attempt = await SeedFailureWithScreenshotAsync();

        using var export = await _anonymous.GetAsync(HistoryEndpoints.ExportPath);
        using var screenshot = await _anonymous.GetAsync(HistoryEndpoints.ScreenshotPath(attempt.Id));

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (export.StatusCode, screenshot.StatusCode));
        Assert.Empty(await export.Content.ReadAsByteArrayAsync());
        Assert.Empty(await screenshot.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_export_is_a_csv_file_of_the_attempts_the_query_selects()
    {
        await _database.SeedAsync(
            Attempt(Monday, LoginOutcome.PageTimeout, "GOOGLE_MSG"),
            Attempt(Monday.AddDays(1), LoginOutcome.PageTimeout, "GOOGLE_MSG"),
            Attempt(Monday.AddDays(1).AddHours(1), LoginOutcome.CodeRejected, "GOOGLE_MSG"),
            Attempt(Monday.AddDays(1).AddHours(2), LoginOutcome.Succeeded, "GOOGLE_MSG"),
            Attempt(Monday.AddDays(1).AddHours(3), LoginOutcome.PageTimeout, "EXTERNAL_REQUEST"),
            Attempt(Monday.AddDays(2), LoginOutcome.PageTimeout, "GOOGLE_MSG"));
        var filter = new AttemptFilter
        {
            Outcomes = [LoginOutcome.PageTimeout, LoginOutcome.CodeRejected],
            From = new DateTimeOffset(Monday.AddDays(1)),
            To = new DateTimeOffset(Monday.AddDays(2)),
            Handler = "GOOGLE_MSG",
        };

        using var response = await _client.GetAsync(HistoryEndpoints.ExportPath + HistoryQuery.ToQueryString(filter));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ibeam-history-2026-03-07.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var reader = CsvReader.Create(await response.Content.ReadAsByteArrayAsync());
        var rows = reader.GetRecords<AttemptCsvRow>().ToList();
        Assert.Equal(
            [(Monday.AddDays(1).AddHours(1), LoginOutcome.CodeRejected), (Monday.AddDays(1), LoginOutcome.PageTimeout)],
            rows.Select(r => (r.Start, r.Outcome!.Value)));
    }

    [Fact]
    public async Task The_export_without_a_query_holds_every_attempt()
    {
        await _database.SeedAsync(EveryMinute(Monday, 3));

        using var response = await _client.GetAsync(HistoryEndpoints.ExportPath);

        using var reader = CsvReader.Create(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(3, reader.GetRecords<AttemptCsvRow>().Count());
    }

    [Fact]
    public async Task The_export_shows_a_code_masked_even_if_one_was_stored_whole()
    {
        var attempt = Attempt(Monday, LoginOutcome.CodeRejected);
        (attempt.CodeSource, attempt.MaskedCode) = ("EXTERNAL_REQUEST", "654321");
        await _database.SeedAsync(attempt);

        var csv = await _client.GetStringAsync(HistoryEndpoints.ExportPath);

        Assert.Contains("••••21", csv);
        Assert.DoesNotContain("654321", csv);
    }

    [Fact]
    public async Task An_unknown_outcome_in_the_query_is_a_bad_request()
    {
        using var response = await _client.GetAsync(HistoryEndpoints.ExportPath + "?outcome=Whatever");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_attempts_recorded_screenshot_is_served_as_png()
    {
        var attempt = await SeedFailureWithScreenshotAsync();

        using var response = await _client.GetAsync(HistoryEndpoints.ScreenshotPath(attempt.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_unknown_attempt_has_no_screenshot()
    {
        await SeedFailureWithScreenshotAsync();

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HistoryEndpoints.ScreenshotPath(Guid.NewGuid())));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("/history/not-an-id/screenshot"));
    }

    [Fact]
    public async Task Only_a_recorded_png_that_still_exists_is_served()
    {
        var none = Attempt(Monday, LoginOutcome.PageError);
        var notPng = Attempt(Monday.AddHours(1), LoginOutcome.PageError);
        notPng.Screenshot = Path.Combine(_database.Folder, "ibeam.db"); // as if the row pointed at another file
        var relative = Attempt(Monday.AddHours(2), LoginOutcome.PageError);
        relative.Screenshot = "failure.png";
        var gone = Attempt(Monday.AddHours(3), LoginOutcome.PageError);
        gone.Screenshot = Path.Combine(_database.Folder, "deleted.png");
        await _database.SeedAsync(none, notPng, relative, gone);

        foreach (var attempt in new[] { none, notPng, relative, gone })
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(HistoryEndpoints.ScreenshotPath(attempt.Id)));
        }
    }

    /// <summary>A failed attempt whose screenshot the engine saved, as it saves them: a full path to a PNG.</summary>
    private async Task<LoginAttempt> SeedFailureWithScreenshotAsync()
    {
        var attempt = Attempt(Monday, LoginOutcome.PageError);
        attempt.Screenshot = Path.Combine(_database.Folder, "20260302-000003-PageError.png");
        await File.WriteAllBytesAsync(attempt.Screenshot, Png);
        await _database.SeedAsync(attempt);
        return attempt;
    }

    /// <summary>Signs in whoever sends an <see cref="HeaderName"/> header: the fallback policy, not the scheme, is under test.</summary>
    private sealed class OperatorHeader(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "OperatorHeader";

        public const string HeaderName = "X-Test-Operator";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers.TryGetValue(HeaderName, out var user)
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], SchemeName)), SchemeName))
                : AuthenticateResult.NoResult());
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return response.StatusCode;
    }
}
