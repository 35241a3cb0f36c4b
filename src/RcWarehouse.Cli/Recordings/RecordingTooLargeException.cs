using System.Globalization;

namespace RcWarehouse.Cli.Recordings;

/// <summary>A recording larger than <see cref="RecordingsOptions.MaxBytes"/>: refused (a failed attempt of that segment), never landed.</summary>
public sealed class RecordingTooLargeException(string request, long maxBytes, long? announcedBytes)
    : Exception(announcedBytes is { } announced
        ? string.Create(CultureInfo.InvariantCulture, $"{request}: the recording is {announced} bytes, more than Recordings:MaxBytes ({maxBytes}); not landed.")
        : string.Create(CultureInfo.InvariantCulture, $"{request}: the recording exceeds Recordings:MaxBytes ({maxBytes} bytes); not landed."));
