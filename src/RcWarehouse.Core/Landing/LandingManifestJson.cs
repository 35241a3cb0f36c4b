using System.Text.Json.Serialization;

namespace RcWarehouse.Core.Landing;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(LandingManifest))]
internal sealed partial class LandingManifestJson : JsonSerializerContext;
