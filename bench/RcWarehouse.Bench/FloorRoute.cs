namespace RcWarehouse.Bench;

/// <summary>How <see cref="FloorBenchmark.FloorAsync"/> writes the parsed rows.</summary>
internal enum FloorRoute
{
    /// <summary><c>floor</c>: 100-row INSERTs straight into the fact-shaped table.</summary>
    Plain,

    /// <summary><c>floor-keys</c>: each buffer's grains into a TEMP keys table, then the multi-row upsert into the fact.</summary>
    Keys,

    /// <summary><c>floor-staged</c>: 100-row INSERTs into a TEMP stage, a unique grain index, one INSERT ... SELECT into the fact.</summary>
    Staged,
}
