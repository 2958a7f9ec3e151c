using System.Diagnostics;
using System.Globalization;
using KnowledgeGraph.Api.Exchange;
using Spectre.Console;

namespace KnowledgeGraph.Api.Cli;

/// <summary>
/// Shows how a long verb advances: a Spectre.Console progress bar per stage when the output is an interactive terminal,
/// else a plain line per stage every few seconds (logs, pipes, tests).
/// </summary>
internal static class ConsoleProgress
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    public static async Task<T> RunAsync<T>(TextWriter output, Func<IProgress<ImportStage>, Task<T>> work)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return await work(new PlainProgress(output)).ConfigureAwait(false);

        return await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                var progress = new Relay(stage =>
                {
                    lock (tasks)
                    {
                        if (!tasks.TryGetValue(stage.Name, out var task))
                            tasks[stage.Name] = task = context.AddTask(stage.Name, maxValue: Math.Max(1, stage.Total));
                        task.MaxValue = Math.Max(1, stage.Total);
                        task.Value = stage.Done;
                    }
                });
                return await work(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private sealed class Relay(Action<ImportStage> report) : IProgress<ImportStage>
    {
        public void Report(ImportStage value) => report(value);
    }

    private sealed class PlainProgress(TextWriter output) : IProgress<ImportStage>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private string? _stage;
        private TimeSpan _last;

        public void Report(ImportStage value)
        {
            lock (_clock)
            {
                if (value.Name == _stage && _clock.Elapsed - _last < PlainEvery) return;
                _stage = value.Name;
                _last = _clock.Elapsed;
                var percent = value.Total > 0 ? 100.0 * value.Done / value.Total : 0;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{value.Name}: {percent:0}% after {_clock.Elapsed.TotalSeconds:0} s"));
            }
        }
    }
}
