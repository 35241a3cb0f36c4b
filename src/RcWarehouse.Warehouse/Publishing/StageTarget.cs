using RcWarehouse.Core.Intervals;

namespace RcWarehouse.Warehouse.Publishing;

/// <summary>
/// What staging writes for: the batch, its source, the calendar that makes a slot's dim_interval row, and the batch's
/// window when it is known before the rows are read (every row is then inside it; null when the rows derive it).
/// </summary>
internal sealed record StageTarget(long LoadBatchId, int SourceKey, IntervalCalendar Calendar, UtcWindow? Window = null);
