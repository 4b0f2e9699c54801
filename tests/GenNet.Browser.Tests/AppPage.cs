using System.Globalization;
using PuppeteerSharp;

namespace GenNet.Browser.Tests;

/// <summary>The sample's page in a new tab, with every console error, uncaught exception and failed request it had.</summary>
internal sealed class AppPage : IAsyncDisposable
{
    /// <summary>Long enough for .NET to start on a busy 2-core machine.</summary>
    public static readonly int Timeout = 120_000;

    private readonly List<string> problems = [];

    private AppPage(IPage page) => Page = page;

    public IPage Page { get; }

    /// <summary>What went wrong in the page so far: console errors, uncaught exceptions, failed or refused requests.</summary>
    public IReadOnlyList<string> Problems
    {
        get { lock (problems) return [.. problems]; }
    }

    public static async Task<AppPage> OpenAsync(BrowserApp app)
    {
        var page = new AppPage(await app.Browser.NewPageAsync());
        page.Page.DefaultTimeout = Timeout;
        page.Page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error) page.Add("console error: " + e.Message.Text); };
        page.Page.PageError += (_, e) => page.Add("uncaught: " + e.Message);
        page.Page.RequestFailed += (_, e) => page.Add($"request failed: {e.Request.Url} {e.Request.FailureText}");
        page.Page.Response += (_, e) => { if ((int)e.Response.Status >= 400) page.Add($"HTTP {(int)e.Response.Status}: {e.Response.Url}"); };
        await page.Page.GoToAsync(app.Address.ToString(), WaitUntilNavigation.Load);
        // Blazor has started and rendered when the panels are there.
        await page.Page.WaitForSelectorAsync("#speed");
        return page;
    }

    /// <summary>Waits until <paramref name="condition"/> (a JavaScript expression) is true.</summary>
    public Task WaitForAsync(string condition) =>
        Page.WaitForFunctionAsync($"() => {condition}", new WaitForFunctionOptions { Timeout = Timeout, PollingInterval = 50 });

    /// <summary>An attribute of the first element <paramref name="selector"/> finds.</summary>
    public Task<string> AttributeAsync(string selector, string attribute) =>
        Page.EvaluateFunctionAsync<string>("(s, a) => document.querySelector(s).getAttribute(a)", selector, attribute);

    public async Task<double> NumberAsync(string selector, string attribute) =>
        double.Parse(await AttributeAsync(selector, attribute), CultureInfo.InvariantCulture);

    public async Task ScreenshotAsync(string name)
    {
        string path = Path.Combine(BrowserApp.ScreenshotFolder, name + ".png");
        await Page.ScreenshotAsync(path, new ScreenshotOptions { FullPage = true });
    }

    private void Add(string problem)
    {
        lock (problems)
            problems.Add(problem);
    }

    public async ValueTask DisposeAsync() => await Page.CloseAsync();
}
