namespace RcWarehouse.Core.Parsing;

internal static class ReportFileStreams
{
    public const int BufferSize = 64 * 1024;

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
}
