using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

public sealed class WarehouseOptionsTests
{
    [Fact]
    public void TheDefaultWaits_AreAccepted()
    {
        new WarehouseOptions().Validate();
    }

    [Theory]
    [InlineData(nameof(WarehouseOptions.LockTimeout))]
    [InlineData(nameof(WarehouseOptions.PublishLockTimeout))]
    public void ALockWaitNoShorterThanTheCommandTimeout_IsRefusedNamingBothSettings(string setting)
    {
        // Given a lock wait as long as the command it runs in (the client's timeout would end it first)
        var options = new WarehouseOptions { CommandTimeout = TimeSpan.FromMinutes(5) };
        if (setting == nameof(WarehouseOptions.LockTimeout))
        {
            options.LockTimeout = TimeSpan.FromMinutes(5);
        }
        else
        {
            options.PublishLockTimeout = TimeSpan.FromMinutes(5);
        }

        // When the options are checked, then they are refused naming both settings
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains($"Warehouse:{setting} (00:05:00) must be shorter than Warehouse:CommandTimeout (00:05:00)", error.Message, StringComparison.Ordinal);
    }
}
