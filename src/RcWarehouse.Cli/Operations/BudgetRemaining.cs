using RcWarehouse.RingCx.RateLimiting;

namespace RcWarehouse.Cli.Operations;

/// <summary>One budget's input to <see cref="BackfillEta.Estimate"/>.</summary>
public sealed record BudgetRemaining(RateLimitPolicy Policy, RateLimitState Ledger, int RequestsRemaining, TimeSpan WorkPerRequest);
