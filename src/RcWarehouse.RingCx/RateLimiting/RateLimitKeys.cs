namespace RcWarehouse.RingCx.RateLimiting;

/// <summary>
/// The ledger keys of RingCX's limits. Reports and metadata are limited per sub-account; logins and the other APIs per
/// credential group, named by its client id (not a secret, and the same on every node whatever the source is called).
/// </summary>
public static class RateLimitKeys
{
    public static string Reports(string subAccountId) => "reports/" + subAccountId;

    public static string Reference(SourceOptions source) => "reference/" + CredentialGroup(source);

    /// <param name="call">jwt-grant, token-exchange or token-refresh.</param>
    /// <param name="source">The credential group's source.</param>
    public static string Auth(string call, SourceOptions source) => $"auth/{call}/{CredentialGroup(source)}";

    private static string CredentialGroup(SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return string.IsNullOrWhiteSpace(source.ClientId) ? "source:" + source.Name : source.ClientId;
    }
}
