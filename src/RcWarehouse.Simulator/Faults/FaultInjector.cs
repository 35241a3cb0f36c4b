namespace RcWarehouse.Simulator.Faults;

/// <summary>Decides which fault (if any) a request gets: the script first, then the seeded random rate.</summary>
internal sealed class FaultInjector
{
    private static readonly SimulatedFaultKind[] RandomKinds =
    [
        SimulatedFaultKind.TooManyRequests,
        SimulatedFaultKind.InternalServerError,
        SimulatedFaultKind.ServiceUnavailable,
        SimulatedFaultKind.Delay,
        SimulatedFaultKind.TruncatedBody,
        SimulatedFaultKind.AbortedConnection,
        SimulatedFaultKind.TokenExpired,
    ];

    private readonly List<SimulatedFault> _script;
    private readonly double _rate;
    private readonly Random _random;
    private readonly Lock _gate = new();

    public FaultInjector(SimulatorOptions options)
    {
        _script = [.. options.FaultScript ?? []];
        _rate = options.FaultRate;
        _random = new Random(options.Seed ^ 0x5F3759DF);
    }

    public int ScriptRemaining
    {
        get
        {
            lock (_gate)
            {
                return _script.Count;
            }
        }
    }

    /// <summary>Adds faults at the end of the script (tests arrange faults on a shared simulator this way).</summary>
    public void Enqueue(IEnumerable<SimulatedFault> faults)
    {
        lock (_gate)
        {
            _script.AddRange(faults);
        }
    }

    public SimulatedFault? Next(string path)
    {
        lock (_gate)
        {
            var index = _script.FindIndex(f => f.PathContains is null || path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                var fault = _script[index];
                _script.RemoveAt(index);
                return fault.Kind == SimulatedFaultKind.None ? null : fault;
            }

            if (_rate > 0 && _random.NextDouble() < _rate)
            {
                return new SimulatedFault(RandomKinds[_random.Next(RandomKinds.Length)]);
            }

            return null;
        }
    }
}
