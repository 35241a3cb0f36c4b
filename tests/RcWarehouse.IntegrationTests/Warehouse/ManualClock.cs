namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>A clock tests move by hand (FakeTimeProvider does not restore here).</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
