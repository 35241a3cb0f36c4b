namespace RcWarehouse.Simulator.Data;

/// <summary>
/// SplitMix64: a tiny deterministic generator whose stream depends only on its key, so any interval of any day can be
/// generated on its own and always gives the same calls (System.Random's algorithm is not guaranteed across versions).
/// </summary>
internal struct DetRandom
{
    private ulong _state;

    public DetRandom(params ReadOnlySpan<long> key)
    {
        _state = 0x9E3779B97F4A7C15UL;
        foreach (var part in key)
        {
            _state ^= (ulong)part;
            NextULong();
        }
    }

    public ulong NextULong()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int min, int max) => min + (int)(NextULong() % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public int Poisson(double lambda)
    {
        var limit = Math.Exp(-lambda);
        var product = NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= NextDouble();
        }

        return count;
    }
}
