namespace RcWarehouse.Cli;

/// <summary>
/// Where a command writes: standard output for results, standard error for the one-line failure, progress and logs.
/// <paramref name="ErrorIsTerminal"/>: standard error is a terminal (progress shows every step of a window), not redirected
/// to a file or pipe (one progress line per window).
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool ErrorIsTerminal = false);
