using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.Core.Intervals;
using RcWarehouse.Core.Parsing;
using RcWarehouse.Core.Reports;
using RcWarehouse.Core.Reports.AgentExtended;
using RcWarehouse.Warehouse;
using RcWarehouse.Warehouse.Loading;

namespace RcWarehouse.Bench;

/// <summary>
/// End-to-end load of a generated agent extended CSV into SQLite, with the two baselines measured in the same run:
/// parse-only (read every row, store nothing) and insert-only (the same rows made in memory, staged and published).
/// A fourth mode, reload, loads the file once untimed and then times loading it again (every row unchanged).
/// Each measurement runs in a child process of its own so its peak memory (VmHWM) is its own.
/// Usage: dotnet run -c Release --project bench/RcWarehouse.Bench -- [--rows 1000000] [--rows 5000000 ...]
/// </summary>
internal static class LoadBenchmark
{
    private static readonly string[] Modes = ["parse", "insert", "load", "reload", "sep-parse", "floor", "floor-keys", "floor-staged"];

    public static async Task<int> MainAsync(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length >= 1 && args[0] == "extract")
        {
            return await ExtractBenchmark.RunAsync(cancellationToken);
        }

        if (args.Length >= 1 && args[0] == "sqlserver")
        {
            return await SqlServerLoadBenchmark.RunAsync(RowCounts(args), cancellationToken);
        }

        if (args.Length >= 3 && args[0] == "--child")
        {
            return await ChildAsync(args[1], args[2], long.Parse(args[3], CultureInfo.InvariantCulture), cancellationToken);
        }

        var rowCounts = RowCounts(args);
        var work = Path.Combine(Path.GetTempPath(), "rcw-bench");
        Directory.CreateDirectory(work);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine("| rows | mode | seconds | CPU s | rows/s | peak RSS MB |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var rows in rowCounts)
        {
            var csv = Path.Combine(work, $"agent-extended-{rows}.csv");
            if (!File.Exists(csv))
            {
                await AgentExtendedCsvGenerator.WriteAsync(csv, rows, cancellationToken);
            }

            foreach (var mode in Modes)
            {
                var line = await RunChildAsync(mode, csv, rows, cancellationToken);
                Console.WriteLine(line);
            }
        }

        return 0;
    }

    /// <summary>The <c>--rows N</c> values, 1,000,000 when none is given.</summary>
    internal static List<long> RowCounts(string[] args)
    {
        var rowCounts = new List<long>();
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--rows")
            {
                rowCounts.Add(long.Parse(args[i + 1], CultureInfo.InvariantCulture));
            }
        }

        if (rowCounts.Count == 0)
        {
            rowCounts.Add(1_000_000);
        }

        return rowCounts;
    }

    private static async Task<string> RunChildAsync(string mode, string csv, long rows, CancellationToken cancellationToken)
    {
        var self = Environment.ProcessPath!;
        var startInfo = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            startInfo.ArgumentList.Add(typeof(LoadBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "--child", mode, csv, rows.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var child = Process.Start(startInfo)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        return child.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"{mode} failed: {output}");
    }

    private static async Task<int> ChildAsync(string mode, string csv, long rows, CancellationToken cancellationToken)
    {
        var database = Path.Combine(Path.GetDirectoryName(csv)!, $"bench-{mode}-{rows}.db");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        var options = new WarehouseOptions { ConnectionString = $"Data Source={database}" };
        await using var warehouse = WarehouseFactory.Create(options, TimeProvider.System, NullLoggerFactory.Instance);
        await warehouse.MigrateAsync(cancellationToken);

        // CPU time of the whole process over the timed part (every thread: parser, writer, GC, JIT): on a shared machine
        // the wall time varies with the neighbours' load far more than this does.
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long count = 0;
        switch (mode)
        {
            case "parse":
                await foreach (var row in ReportFileReader.ReadAgentExtendedAsync(new ReportFileContext(csv, TimeZoneInfo.Utc), ReportFormat.Csv, cancellationToken))
                {
                    count += row.AnswCallCnt >= 0 ? 1 : 0;
                }

                break;
            case "insert":
                count = (await warehouse.LoadAsync(new BatchRequest("bench", ReportKind.AgentExtended, Window(rows), null, null), InMemoryRows(rows, cancellationToken), cancellationToken)).RowsLoaded;
                break;
            case "sep-parse":
                count = FloorBenchmark.SepParse(csv);
                break;
            case "floor":
                count = await FloorBenchmark.FloorAsync(csv, database + ".floor", FloorRoute.Plain, cancellationToken);
                break;
            case "floor-keys":
                count = await FloorBenchmark.FloorAsync(csv, database + ".floor", FloorRoute.Keys, cancellationToken);
                break;
            case "floor-staged":
                count = await FloorBenchmark.FloorAsync(csv, database + ".floor", FloorRoute.Staged, cancellationToken);
                break;
            case "reload":
                clock.Stop();
                await ReportFileLoader.LoadAsync(warehouse, FileRequest(csv, rows), null, cancellationToken);
                cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
                clock.Restart();
                count = (await ReportFileLoader.LoadAsync(warehouse, FileRequest(csv, rows), null, cancellationToken)).RowsLoaded;
                break;
            default:
                count = (await ReportFileLoader.LoadAsync(warehouse, FileRequest(csv, rows), null, cancellationToken)).RowsLoaded;
                break;
        }

        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        if (count != rows)
        {
            throw new InvalidOperationException($"{mode}: expected {rows} rows, got {count}");
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {rows:N0} | {mode} | {clock.Elapsed.TotalSeconds:F2} | {cpu.TotalSeconds:F2} | {rows / clock.Elapsed.TotalSeconds:N0} | {PeakRssMegabytes():F0} |"));
        return 0;
    }

    // The file's window, as a landed file's manifest states it (sync and backfill always know it): loading into slots
    // that hold nothing yet is then the writer's first-load path, a second load of it the reload path.
    internal static FileLoadRequest FileRequest(string csv, long rows) =>
        new(csv, "bench", ReportKind.AgentExtended, TimeZoneInfo.Utc, ReportFormat.Csv, Window(rows));

    internal static UtcWindow Window(long rows) => new(
        AgentExtendedCsvGenerator.FirstInterval,
        AgentExtendedCsvGenerator.FirstInterval.AddMinutes(15 * ((rows + AgentExtendedCsvGenerator.PairsPerInterval - 1) / AgentExtendedCsvGenerator.PairsPerInterval)));

    // The same rows the generator writes, made in memory: the insert-only baseline's input.
    internal static async IAsyncEnumerable<AgentExtendedRow> InMemoryRows(long rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long i = 0; i < rows; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pair = (int)(i % AgentExtendedCsvGenerator.PairsPerInterval);
            var agent = 100000 + (pair / 4);
            var queue = 2000 + (pair % 4);
            var answered = (int)((i * 7) % 9);
            yield return new AgentExtendedRow
            {
                IntervalStartUtc = AgentExtendedCsvGenerator.FirstInterval.AddMinutes(15 * (i / AgentExtendedCsvGenerator.PairsPerInterval)),
                IntervalMinutes = 15,
                AgentId = agent.ToString(CultureInfo.InvariantCulture),
                AgentName = "Agent " + agent.ToString(CultureInfo.InvariantCulture),
                QueueId = queue.ToString(CultureInfo.InvariantCulture),
                QueueName = "Queue " + queue.ToString(CultureInfo.InvariantCulture),
                TalkingCallDurSec = answered * 180,
                WrapUpDurSec = answered * 30,
                AnswCallCnt = answered,
                TransferOutCallCnt = answered > 6 ? 1 : 0,
            };
        }

        await Task.CompletedTask;
    }

    internal static double PeakRssMegabytes()
    {
        // VmHWM is the process's peak resident set; Linux only, which is where the benchmark is run and recorded.
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
