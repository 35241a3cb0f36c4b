namespace RcWarehouse.Warehouse.Publishing;

/// <summary>The non-key columns fact_agent_interval copies from its stage (named identically), for both engines' statements.</summary>
internal static class AgentStatsColumns
{
    public static IReadOnlyList<string> Measures { get; } =
    [
        "interval_minutes", "logged_in_dur_sec", "available_dur_sec", "talking_call_dur_sec", "wrap_up_dur_sec", "away_dur_sec",
        "presented_call_cnt", "answ_call_cnt", "transfer_out_call_cnt",
    ];
}
