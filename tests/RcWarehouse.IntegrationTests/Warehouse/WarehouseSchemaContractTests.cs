using RcWarehouse.Warehouse;
using Xunit;

namespace RcWarehouse.IntegrationTests.Warehouse;

/// <summary>The star schema's table and column names are a contract with BI users (design.md); this checks the migrated database keeps it.</summary>
[Collection(WarehouseCollectionDefinition.Name)]
public sealed class WarehouseSchemaContractTests(WarehouseFixture fixture)
{
    private static readonly Dictionary<string, string[]> Contract = new()
    {
        ["dim_source"] = ["source_key", "source_name", "main_account_id", "sub_account_id", "sub_account_name"],
        ["dim_agent"] =
        [
            "agent_key", "source_key", "agent_id", "rc_user_id", "first_name", "last_name", "agent_name", "user_name", "email", "agent_type",
            "agent_group_id", "agent_group_name", "is_active", "is_inferred", "valid_from_utc", "valid_to_utc", "is_current",
        ],
        ["bridge_agent_supervisor"] = ["agent_id", "supervisor_agent_id", "source_key", "valid_from_utc", "valid_to_utc"],
        ["dim_queue"] =
        [
            "queue_key", "source_key", "queue_id", "queue_name", "queue_group_id", "queue_group_name", "queue_type", "is_active", "is_inferred",
            "valid_from_utc", "valid_to_utc", "is_current",
        ],
        ["bridge_queue_agent"] = ["queue_id", "agent_id", "source_key", "valid_from_utc", "valid_to_utc"],
        ["dim_interval"] = ["interval_key", "start_utc", "local_start", "local_date", "local_time", "local_hour", "day_of_week", "is_weekend"],
        ["fact_agent_queue_interval"] =
        [
            "source_key", "agent_key", "queue_key", "interval_key", "interval_minutes", "talking_call_dur_sec", "wrap_up_dur_sec", "answ_call_cnt",
            "transfer_out_call_cnt", "load_batch_id",
        ],
        ["fact_queue_interval"] =
        [
            "source_key", "queue_key", "interval_key", "interval_minutes", "offd_direct_call_cnt", "overflow_in_call_cnt", "aband_call_cnt",
            "overflow_out_call_cnt", "answ_call_cnt", "queued_and_answ_call_dur_sec", "queued_and_aband_call_dur_sec", "talking_call_dur_sec",
            "wrap_up_dur_sec", "queued_answ_longest_que_dur_sec", "queued_aband_longest_que_dur_sec", "ans_servicelevel_cnt", "wait_dur_sec",
            "aband_short_call_cnt", "aband_within_sl_cnt", "completed_contacts", "segment_hold_time_ms", "load_batch_id",
        ],
        ["fact_segment"] =
        [
            "source_key", "dialog_id", "interaction_id", "segment_id", "interval_key", "agent_key", "agent_id", "rc_user_id", "agent_group_id",
            "segment_type", "channel_type", "channel_class", "direction", "interaction_start_utc", "interaction_duration_ms", "segment_start_utc",
            "segment_end_utc", "segment_duration_ms", "calling_address", "called_address", "recording_url", "has_recording", "has_transcript",
            "system_disposition", "agent_disposition", "agent_notes", "load_batch_id",
        ],
        ["fact_segment_event"] =
        [
            "source_key", "interaction_id", "segment_id", "event_seq", "event_type", "event_time_utc", "client_event_time_utc", "load_batch_id",
        ],
        ["load_batch"] =
        [
            "load_batch_id", "source_key", "report", "window_start_utc", "window_end_utc", "landed_file", "sha256", "rows_read", "rows_loaded",
            "status", "error", "started_utc", "finished_utc",
        ],
        ["watermark"] = ["source_key", "report", "loaded_through_utc", "updated_utc"],
        ["v_queue_interval"] = ["queue_name", "local_start", "service_level_pct", "abandon_rate_pct", "avg_handle_time_sec"],
        ["v_agent_queue_interval"] = ["agent_name", "queue_name", "local_start", "avg_handle_time_sec"],
    };

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryContractTableAndColumn_Exists(WarehouseProvider provider)
    {
        var warehouse = await fixture.GetAsync(provider);
        var missing = new List<string>();
        foreach (var (table, columns) in Contract)
        {
            var actual = await ColumnsAsync(warehouse, table);
            missing.AddRange(columns.Where(c => !actual.Contains(c)).Select(c => $"{warehouse.Table(table)}.{c}"));
        }

        Assert.Empty(missing);
    }

    private static async Task<HashSet<string>> ColumnsAsync(TestWarehouse warehouse, string table)
    {
        var ct = TestContext.Current.CancellationToken;
        if (warehouse.Provider == WarehouseProvider.Sqlite)
        {
            var rows = await warehouse.QueryAsync($"SELECT name FROM pragma_table_info('{table}')", ct);
            return [.. rows.Select(r => (string)r[0]!)];
        }

        var schema = table is "load_batch" or "watermark" ? "etl" : "dw";
        var columns = await warehouse.QueryAsync(
            "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = @schema AND TABLE_NAME = @table",
            ct,
            ("@schema", schema),
            ("@table", table));
        return [.. columns.Select(r => (string)r[0]!)];
    }
}
