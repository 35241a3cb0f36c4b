using System.Security.Cryptography;

namespace RcWarehouse.RingCx.Landing;

/// <summary>
/// How every landed file and manifest is written: under a temporary name beside it, flushed to disk, then moved into
/// place without ever replacing a file that is there. Report answers (<see cref="LandingZone"/>) and content-addressed
/// recordings and transcripts (Recordings/ContentAddressedLanding) both land this way.
/// </summary>
internal static class LandedFileWrite
{
    /// <summary>
    /// Writes a new file at <paramref name="path"/>. With <paramref name="sameBytesMayExist"/> (a content-addressed name),
    /// a file another process put there first is kept, since it holds the same bytes by construction; otherwise an
    /// existing file is an error.
    /// </summary>
    public static async Task WriteNewAsync(string path, Func<FileStream, Task> write, bool sameBytesMayExist, CancellationToken cancellationToken)
    {
        var temp = TempName(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await write(stream);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            MoveIntoPlace(temp, path, sameBytesMayExist);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Moves a finished temporary file to <paramref name="path"/>; never overwrites (see <see cref="WriteNewAsync"/>).</summary>
    public static void MoveIntoPlace(string temp, string path, bool sameBytesMayExist)
    {
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (sameBytesMayExist && File.Exists(path))
        {
            // Another process landed the same content (or its manifest) first: the same bytes by construction.
        }
    }

    /// <summary>A hidden, unique temporary name in the folder of <paramref name="path"/>, so the final move is a rename.</summary>
    public static string TempName(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
}
