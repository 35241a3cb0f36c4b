using System.Globalization;
using DotNet.Testcontainers.Configurations;
using Microsoft.Data.SqlClient;
using RcWarehouse.IntegrationTests.Support;
using Testcontainers.MsSql;
using Xunit;

[assembly: AssemblyFixture(typeof(SqlServerFixture))]

namespace RcWarehouse.IntegrationTests.Support;

/// <summary>
/// The one SQL Server of a test run, found on first use in this order: the server <c>RCW_TEST_SQLSERVER</c> names; else a
/// container on a Docker engine that answers (Testcontainers, <see cref="Image"/>); else none, and every SQL Server test
/// skips with <see cref="SkipReason"/>, which is also sent once as an xUnit diagnostic message so that the default
/// <c>dotnet test</c> output shows it (xunit.runner.json turns diagnostic messages on; VSTest prints them as warnings).
/// Whatever the server, tests never touch the database the connection string names: they get scratch databases with
/// unique names, created here and dropped when the run ends.
/// </summary>
public sealed class SqlServerFixture : IAsyncDisposable
{
    public const string Variable = "RCW_TEST_SQLSERVER";
    public const string Image = "mcr.microsoft.com/mssql/server:2022-latest";

    /// <summary>The start of the skip line; <c>.ci/run</c> finds it in the test output and repeats it in its summary.</summary>
    public const string SkipPrefix = "SQL Server tests skipped: ";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<string> _scratchDatabases = [];
    private bool _resolved;
    private string? _serverConnectionString;
    private string? _skipReason;
    private Exception? _failure;
    private MsSqlContainer? _container;
    private int _skipAnnounced;

    /// <summary>Why SQL Server tests skip in this run, or null when a server was found (or not looked for yet).</summary>
    public string? SkipReason => _skipReason;

    /// <summary>
    /// A new empty database on the run's server, dropped when the run ends; skips the calling test when there is no server.
    /// </summary>
    /// <returns>A connection string to that database, with the server's own settings (encryption, login) unchanged.</returns>
    public async Task<string> CreateScratchDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = await ServerAsync(cancellationToken);
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"rcw_test_{TimeProvider.System.GetUtcNow():yyyyMMdd_HHmmss}_{Guid.NewGuid().ToString("N")[..8]}");

        await using (var connection = new SqlConnection(Catalog(server, "master")))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {Quote(name)};";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_scratchDatabases)
        {
            _scratchDatabases.Add(name);
        }

        return Catalog(server, name);
    }

    private async Task<string> ServerAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_resolved)
            {
                try
                {
                    (_serverConnectionString, _skipReason) = await ResolveAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A Docker engine that answers but cannot start the container fails every SQL Server test with
                    // the same cause, once, instead of each test pulling and starting again.
                    _failure = ex;
                }

                _resolved = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        if (_failure is not null)
        {
            throw new InvalidOperationException($"The SQL Server container ({Image}) did not start: {_failure.Message}", _failure);
        }

        if (_serverConnectionString is null)
        {
            if (Interlocked.Exchange(ref _skipAnnounced, 1) == 0)
            {
                TestContext.Current.SendDiagnosticMessage(SkipPrefix + _skipReason);
            }

            Assert.Skip(_skipReason!);
        }

        return _serverConnectionString;
    }

    private async Task<(string? Server, string? SkipReason)> ResolveAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // Named explicitly: a server that cannot be reached fails the tests rather than skipping them.
            return (configured, null);
        }

        // Testcontainers' auto-discovery pings each candidate endpoint (DOCKER_HOST, the local socket, ...) once and
        // keeps the first that answers; null means none did. Asking here, rather than letting Build() throw
        // DockerUnavailableException, keeps the no-Docker path to one quiet check.
        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
        {
            return (null, $"{Variable} is not set and no Docker engine answered; set {Variable} to a SQL Server connection string or start Docker (see README, SQL Server)");
        }

        _container = new MsSqlBuilder(Image).Build();
        await _container.StartAsync(cancellationToken);

        // The container's login is sa with a generated password; its connection string trusts the container's
        // self-signed certificate, which is right for a throwaway local server only.
        return (_container.GetConnectionString(), null);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            string[] databases;
            lock (_scratchDatabases)
            {
                databases = [.. _scratchDatabases];
            }

            if (databases.Length > 0 && _serverConnectionString is not null)
            {
                // Pooled sessions of this process would otherwise hold the databases open; SINGLE_USER ends any other.
                SqlConnection.ClearAllPools();
                await using var connection = new SqlConnection(Catalog(_serverConnectionString, "master"));
                await connection.OpenAsync(CancellationToken.None);
                foreach (var name in databases)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText =
                        $"""
                        IF DB_ID(@name) IS NOT NULL
                        BEGIN
                            ALTER DATABASE {Quote(name)} SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                            DROP DATABASE {Quote(name)};
                        END;
                        """;
                    command.Parameters.Add(new SqlParameter("@name", System.Data.SqlDbType.NVarChar, 128) { Value = name });
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            if (_container is not null)
            {
                await _container.DisposeAsync();
            }

            _gate.Dispose();
        }
    }

    private static string Catalog(string server, string database) =>
        new SqlConnectionStringBuilder(server) { InitialCatalog = database }.ConnectionString;

    /// <summary>The names are generated here (letters, digits, underscores); bracket-quoting them is still the rule for DDL.</summary>
    private static string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";
}
