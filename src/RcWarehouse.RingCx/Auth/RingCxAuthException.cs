namespace RcWarehouse.RingCx.Auth;

/// <summary>Logging in failed for a source. The message names the source and the step, never a credential.</summary>
public sealed class RingCxAuthException(string message, Exception? inner = null) : Exception(message, inner);
