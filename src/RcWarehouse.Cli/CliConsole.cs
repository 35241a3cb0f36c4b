namespace RcWarehouse.Cli;

/// <summary>Where a command writes: standard output for results, standard error for the one-line failure and logs.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
