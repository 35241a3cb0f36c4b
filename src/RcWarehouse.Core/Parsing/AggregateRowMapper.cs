using System.Globalization;
using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Core.Parsing;

/// <summary>The format-independent half of every aggregate parser: interval, local start to UTC, slot and window checks, row.</summary>
internal sealed class AggregateRowMapper<TRow>(AggregateSchema<TRow> schema, ReportFileContext context)
{
    private readonly LocalIntervalConverter _converter = new(context);

    public TRow Map(AggregateRecord record)
    {
        record.OnWarning ??= context.OnWarning;
        record.CheckRequired();
        var minutes = record.IntervalMinutes();
        var (local, startField) = record.LocalStart();
        var at = record.Where(startField);
        var name = record.NameOf(startField);
        var utc = _converter.ToUtc(local, (schema, record), static s => s.schema.DescribeEntity(s.record), at, name);
        if (!IntervalKey.IsSlotStart(utc))
        {
            ReportThrow.Format(context.FilePath, at, name,
                string.Create(CultureInfo.InvariantCulture, $"interval start {local:yyyy-MM-dd HH:mm:ss} ({utc:yyyy-MM-ddTHH:mm:ss}Z) is not on a 15-minute boundary"));
        }

        if (context.Window is { } window && !window.Contains(utc))
        {
            ReportThrow.Format(context.FilePath, at, name,
                string.Create(CultureInfo.InvariantCulture, $"interval start {local:yyyy-MM-dd HH:mm} local ({utc:yyyy-MM-ddTHH:mm}Z) is outside the requested window {window}; is the day/month order or the time zone wrong?"));
        }

        return schema.Build(record, utc, minutes);
    }
}
