using System.Globalization;
using System.Text;

namespace RcWarehouse.Bench;

/// <summary>Writes a legacy agent extended CSV of a given number of rows: 1,000 agent x queue pairs per 15-minute interval.</summary>
internal static class AgentExtendedCsvGenerator
{
    public const int PairsPerInterval = 1000;

    public static readonly DateTime FirstInterval = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task WriteAsync(string path, long rows, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        await writer.WriteLineAsync("interval,date_from,time (H24:MI),agent_id,agent_name,queue,queue_name,talking_call_dur,wrap_up_dur,answ_call_cnt,transfer_out_call_cnt");
        var line = new StringBuilder(128);
        for (long i = 0; i < rows; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var interval = FirstInterval.AddMinutes(15 * (i / PairsPerInterval));
            var pair = (int)(i % PairsPerInterval);
            var agent = 100000 + (pair / 4);
            var queue = 2000 + (pair % 4);
            var answered = (int)((i * 7) % 9);
            line.Clear()
                .Append("15,").Append(interval.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(',')
                .Append(interval.ToString("HH:mm", CultureInfo.InvariantCulture)).Append(',')
                .Append(agent).Append(",Agent ").Append(agent).Append(',')
                .Append(queue).Append(",Queue ").Append(queue).Append(',')
                .Append(answered * 180).Append(',').Append(answered * 30).Append(',')
                .Append(answered).Append(',').Append(answered > 6 ? 1 : 0);
            await writer.WriteLineAsync(line, cancellationToken);
        }
    }
}
