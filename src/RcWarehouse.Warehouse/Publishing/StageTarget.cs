namespace RcWarehouse.Warehouse.Publishing;

/// <summary>What staging writes for: the batch, its source, and the calendar that makes a slot's dim_interval row.</summary>
internal sealed record StageTarget(long LoadBatchId, int SourceKey, IntervalCalendar Calendar);
