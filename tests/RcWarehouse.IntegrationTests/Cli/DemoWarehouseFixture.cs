using Microsoft.Data.Sqlite;
using RcWarehouse.IntegrationTests.Support;
using Xunit;

namespace RcWarehouse.IntegrationTests.Cli;

/// <summary>One <c>demo</c> warehouse per test class (a simulated day of both generations); each test works on its own copy.</summary>
public sealed class DemoWarehouseFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string Database => _temp.File("demo.db");

    // Two days back, not the demo's default of yesterday: every interval of it has settled whenever the tests run
    // (just after midnight, yesterday's last intervals would not be loaded yet).
    public DateTime Day { get; } = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-2);

    public async ValueTask InitializeAsync()
    {
        var settings = _temp.File("demo.json");
        await File.WriteAllTextAsync(settings, $$"""{ "RingCx": { "LandingPath": "{{_temp.File("landing").Replace("\\", "\\\\", StringComparison.Ordinal)}}" } }""");
        var run = await CliRun.InvokeAsync("demo", "--settings", settings, "--connection", $"Data Source={Database}", "--date", Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    /// <summary>A consistent copy of the demo warehouse (VACUUM INTO, so nothing still in the WAL is lost) at <paramref name="path"/>.</summary>
    public async Task<string> CopyToAsync(string path)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @path;";
        command.Parameters.AddWithValue("@path", path);
        await command.ExecuteNonQueryAsync();
        return path;
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
