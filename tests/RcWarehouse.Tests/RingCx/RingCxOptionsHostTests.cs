using RcWarehouse.RingCx;
using Xunit;

namespace RcWarehouse.Tests.RingCx;

public sealed class RingCxOptionsHostTests
{
    [Fact]
    public void A_source_without_hosts_uses_the_global_ones_and_one_with_hosts_its_own()
    {
        var plain = new SourceOptions { Name = "a" };
        var own = new SourceOptions { Name = "b", PlatformUrl = "https://platform.second.example", RingCxUrl = "https://ringcx.second.example" };
        var platformOnly = new SourceOptions { Name = "c", PlatformUrl = "https://platform.second.example", RingCxUrl = " " };
        var options = new RingCxOptions { Sources = [plain, own, platformOnly] };

        Assert.Equal("https://platform.ringcentral.com", options.PlatformUrlFor(plain));
        Assert.Equal("https://ringcx.ringcentral.com", options.RingCxUrlFor(plain));
        Assert.Equal("https://platform.second.example", options.PlatformUrlFor(own));
        Assert.Equal("https://ringcx.second.example", options.RingCxUrlFor(own));
        Assert.Equal("https://platform.second.example", options.PlatformUrlFor(platformOnly));
        Assert.Equal("https://ringcx.ringcentral.com", options.RingCxUrlFor(platformOnly));
        Assert.Empty(options.InvalidUrlKeys());
    }

    [Fact]
    public void Hosts_that_are_not_plain_absolute_http_urls_are_named_by_key()
    {
        var options = new RingCxOptions
        {
            RingCxUrl = "ringcx.ringcentral.com",
            Sources =
            [
                new SourceOptions { PlatformUrl = "ftp://platform.example" },
                new SourceOptions { RingCxUrl = "https://user:secret@ringcx.example" },
                new SourceOptions { PlatformUrl = "https://platform.example/?token=x", RingCxUrl = "http://127.0.0.1:5080/" },
            ],
        };

        Assert.Equal(
            ["RingCx:RingCxUrl", "RingCx:Sources:0:PlatformUrl", "RingCx:Sources:1:RingCxUrl", "RingCx:Sources:2:PlatformUrl"],
            options.InvalidUrlKeys());
    }

    [Fact]
    public void A_source_prints_its_hosts_or_that_it_uses_the_global_ones_and_never_its_secrets()
    {
        var text = new SourceOptions { ClientSecret = "s3cret", Jwt = "jwt-value", RingCxUrl = "https://ringcx.second.example" }.ToString();

        Assert.Contains("PlatformUrl=(global), RingCxUrl=https://ringcx.second.example", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("jwt-value", text, StringComparison.Ordinal);
    }
}
