namespace RcWarehouse.Simulator;

/// <summary>
/// The built-in credentials and account ids the simulator accepts. They are fake and public on purpose: the CLI prints
/// them at start so a user can point a configured source at the simulator.
/// </summary>
public sealed class SimulatorCredentials
{
    public const string DefaultClientId = "sim-client-id-7Hq2";
    public const string DefaultClientSecret = "sim-client-secret-Zx81pQ";
    public const string DefaultJwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzaW11bGF0b3IiLCJpc3MiOiJyY3dhcmVob3VzZSJ9.c2ltdWxhdGVkLXNpZ25hdHVyZQ";
    public const string DefaultMainAccountId = "11223300";
    public const string DefaultRcAccountId = "400012345678";

    public string ClientId { get; } = DefaultClientId;

    public string ClientSecret { get; } = DefaultClientSecret;

    public string Jwt { get; } = DefaultJwt;

    public string MainAccountId { get; } = DefaultMainAccountId;

    public string RcAccountId { get; } = DefaultRcAccountId;

    /// <summary>The sub-accounts under the main account, in order.</summary>
    public required IReadOnlyList<string> SubAccountIds { get; init; }

    public static string SubAccountIdFor(int index) => (11223301 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The secret and JWT are fake, but the habit of never printing credentials is kept everywhere.
    public override string ToString() =>
        $"ClientId={ClientId}, ClientSecret=***, Jwt=***, MainAccountId={MainAccountId}, RcAccountId={RcAccountId}, SubAccountIds={string.Join(",", SubAccountIds)}";
}
