using Microsoft.Extensions.DependencyInjection;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Extraction;
using RcWarehouse.RingCx.Landing;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

public sealed class RingCxServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRingCx_ResolvesOneClientAndAnExtractorLandingUnderTheConfiguredPath()
    {
        var options = new RingCxOptions { LandingPath = Path.Combine(Path.GetTempPath(), "rcw-di-landing") };
        using var provider = new ServiceCollection().AddLogging().AddRingCx(options).BuildServiceProvider();

        var extractor = provider.GetRequiredService<RingCxExtractor>();
        var client = provider.GetRequiredService<RingCxClient>();

        Assert.Same(client, provider.GetRequiredService<RingCxClient>());
        Assert.Same(options, client.Options);
        Assert.Equal(Path.GetFullPath(options.LandingPath), provider.GetRequiredService<LandingZone>().RootPath);
        Assert.NotNull(extractor.Planner);
    }
}
