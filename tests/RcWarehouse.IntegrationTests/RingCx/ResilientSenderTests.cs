using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RcWarehouse.RingCx;
using RcWarehouse.RingCx.Http;
using Xunit;

namespace RcWarehouse.IntegrationTests.RingCx;

/// <summary>The Content-Length guard on its own: a body that ends early (without a reset) is an error, then retried.</summary>
public sealed class ResilientSenderTests
{
    private sealed class ShortThenFullHandler(byte[] body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var content = new ByteArrayContent(Calls == 1 ? body[..(body.Length / 2)] : body);
            content.Headers.ContentLength = body.Length;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }

    [Fact(Timeout = 30_000)]
    public async Task BodyShorterThanItsContentLength_IsRejected_AndFetchedAgain()
    {
        var body = "[{\"interval\":15}]"u8.ToArray();
        using var handler = new ShortThenFullHandler(body);
        using var http = new HttpClient(handler);
        var options = new RingCxOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(1), MaxRetries = 1 };
        var sender = new ResilientSender(http, options, TimeProvider.System, NullLogger.Instance);

        var response = await sender.SendAsync(new RingCxRequest(HttpMethod.Get, new Uri("http://127.0.0.1:9/x")), null, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, handler.Calls);
        Assert.Equal(body, response.Body);
    }

    [Fact(Timeout = 30_000)]
    public async Task BodyShorterThanItsContentLength_WithoutRetries_ThrowsTruncatedResponse()
    {
        var body = "[{\"interval\":15}]"u8.ToArray();
        using var handler = new ShortThenFullHandler(body);
        using var http = new HttpClient(handler);
        var sender = new ResilientSender(http, new RingCxOptions { MaxRetries = 0 }, TimeProvider.System, NullLogger.Instance);

        var error = await Assert.ThrowsAsync<TruncatedResponseException>(() =>
            sender.SendAsync(new RingCxRequest(HttpMethod.Get, new Uri("http://127.0.0.1:9/x")), null, null, null, TestContext.Current.CancellationToken));

        Assert.Equal((body.Length, body.Length / 2), (error.Expected, error.Received));
    }
}
