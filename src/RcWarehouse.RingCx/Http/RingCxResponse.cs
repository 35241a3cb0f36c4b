namespace RcWarehouse.RingCx.Http;

/// <summary>A complete, verified answer (status 2xx, body as long as announced) and the request that produced it.</summary>
public sealed record RingCxResponse(string Method, string Path, string? RequestBody, string? ContentType, byte[] Body);
