using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace KnowledgeGraph.Api.Tests.Explorer;

/// <summary>
/// The explorer in a real Chromium, driven by web/e2e/explorer.mjs (playwright-core) against the real service on a
/// loopback port with the sample data: search → organisation → partners → shortlist downloads → network → path (each
/// step's evidence) → a hub organisation's lists paged to the end → indicators → policy list download → the editor's
/// workflows (a challenge advanced, a 赛马制 challenge awarded to two applicants, a pairing recorded and ended, the
/// refusals as the service words them), and what anonymous, analyst and editor users see. The reference universities
/// are loaded, so partners include ones known by public facts alone (the weak-evidence badge). Screenshots of every
/// step go to TestResults/explorer/ beside the test assembly.
/// </summary>
public sealed class ExplorerBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";

    [RequiresBrowserFact]
    public async Task WhatEachKindOfUserSeesInTheBrowser()
    {
        var port = FreeLoopbackPort();
        await using var app = new KnowledgeGraphApplication().With("Store:LoadSampleData", "true").With("Store:ReferenceOrganizations", "true");
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        app.StartServer();
        var artifacts = Path.Combine(AppContext.BaseDirectory, "TestResults", "explorer");

        var (exitCode, text) = await RunNodeAsync(
            Path.Combine(RequiresBrowserFactAttribute.WebFolder!, "e2e", "explorer.mjs"),
            "--base", $"http://127.0.0.1:{port}", "--token", KnowledgeGraphApplication.TokenFor("analyst", "editor"),
            "--analyst-token", KnowledgeGraphApplication.TokenFor("analyst"), "--out", artifacts, "--chromium", Chromium);

        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        Assert.Contains("RESULT ", text);
        foreach (var page in new[] { "search", "organization", "partners", "shortlist", "network", "path", "organization-paged", "indicators", "signin", "lists", "workflows", "race", "pairings", "graphiql" })
            Assert.True(File.Exists(Path.Combine(artifacts, page + ".png")), $"screenshot {page}.png");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Runs the script to its end (at most five minutes), and kills it with its browser otherwise.
    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A fact that needs Node.js, the explorer's npm packages and Debian's Chromium; skipped, with the reason, without them.</summary>
public sealed class RequiresBrowserFactAttribute : FactAttribute
{
    public static string? WebFolder { get; } = FindWebFolder();

    public RequiresBrowserFactAttribute()
    {
        if (!File.Exists("/usr/bin/chromium"))
            Skip = "Chromium is not installed (/usr/bin/chromium): apt-get install chromium (.ci/run does).";
        else if (WebFolder is null || !Directory.Exists(Path.Combine(WebFolder, "node_modules", "playwright-core")))
            Skip = "The explorer's npm packages are not installed: run `npm ci` in web/ (dotnet build does it with Node.js 20).";
        else if (!File.Exists(Path.Combine(RequiresExplorerBuildFactAttribute.WebRoot, "index.html")))
            Skip = "The web app is not built (dotnet build builds web/ when npm is installed).";
    }

    private static string? FindWebFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "web", "e2e", "explorer.mjs")))
                return Path.Combine(directory.FullName, "web");
        }
        return null;
    }
}
