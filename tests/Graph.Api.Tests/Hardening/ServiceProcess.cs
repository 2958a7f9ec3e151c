using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KnowledgeGraph.Api.Tests.Hardening;

/// <summary>
/// The built service (Graph.Api.dll beside the tests) run as a process of its own, as a deployment runs it: for the
/// tests that need a real process — its start-up, its address settings, and what a <c>kill -9</c> leaves behind.
/// Output is collected so a failure can show it.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs <c>Graph.Api.dll</c> with these arguments in <paramref name="directory"/>, in the Production
    /// environment, without the sample data, on the SQLite file <paramref name="database"/>.</summary>
    public static ServiceProcess Start(string directory, string database, IDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Graph.Api.dll"), .. args])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Store__LoadSampleData"] = "false";
        start.Environment["Store__Sqlite__Path"] = database;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new ServiceProcess(Process.Start(start)!);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The process id, to read its memory from /proc.</summary>
    public int Id => _process.Id;

    public int ExitCode => _process.ExitCode;

    /// <summary>What the process printed so far, both streams.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits until <paramref name="port"/> answers <c>/health/live</c>; false when the process exits first or a minute passes.</summary>
    public async Task<bool> WaitUntilLiveAsync(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 120 && !_process.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"))).IsSuccessStatusCode)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        return false;
    }

    /// <summary>Waits until the output holds <paramref name="text"/>; false when the process exits first or the time passes.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
                return true;
            if (_process.HasExited)
                return false;
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>SIGKILL to the process and its children, as <c>kill -9</c>: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
            _output.AppendLine(line);
    }
}
