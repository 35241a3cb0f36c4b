using RcWarehouse.Warehouse.SqlServer;
using Xunit;

namespace RcWarehouse.Tests.Warehouse;

/// <summary>
/// SQL Server rejects a batch that uses an undeclared variable, and no SQL Server runs here: so the variables each
/// statement uses (minus the ones it declares itself) must be exactly the parameters the engine binds for it.
/// </summary>
public sealed class SqlServerParameterTests
{
    private static readonly string[] PublishParameters = ["@load_batch_id", "@source_key", "@from_key", "@to_key"];

    private static readonly string[] AgentAttributes =
    [
        "@rc_user_id", "@first_name", "@last_name", "@agent_name", "@user_name", "@email", "@agent_type", "@agent_group_id",
        "@agent_group_name", "@is_active",
    ];

    private static readonly string[] QueueAttributes = ["@queue_name", "@queue_group_id", "@queue_group_name", "@queue_type", "@is_active"];

    private static readonly string[] RepointParameters = ["@source_key", "@old_key", "@new_key", "@from_key"];

    private static readonly Dictionary<string, string[]> Bound = new()
    {
        ["session_settings"] = [],
        ["journal_exists"] = [],
        ["ensure_journal"] = [],
        ["select_journal"] = [],
        ["insert_journal"] = ["@script_name", "@applied", "@checksum"],
        ["delete_journal_entry"] = ["@script_name"],
        ["acquire_migration_lock"] = ["@lock_timeout_ms"],
        ["release_migration_lock"] = [],
        ["compatibility_level"] = [],
        ["begin_batch"] = ["@sub_account_id", "@source_name", "@report", "@window_start_utc", "@window_end_utc", "@landed_file", "@sha256", "@started_utc"],
        ["finish_batch"] = ["@load_batch_id", "@rows_read", "@rows_loaded", "@window_start_utc", "@window_end_utc", "@finished_utc"],
        ["fail_batch"] = ["@load_batch_id", "@rows_read", "@error", "@finished_utc"],
        ["select_batches"] = ["@sub_account_id", "@limit"],
        ["insert_interval"] = ["@intervals"],
        ["acquire_publish_lock"] = ["@resource", "@lock_mode", "@lock_timeout_ms"],
        ["select_compatibility_level"] = [],
        ["advance_watermark"] = ["@source_key", "@report", "@loaded_through_utc", "@now_utc"],
        ["reference_last_as_of"] = ["@source_key"],
        ["reference_select_agents"] = ["@source_key"],
        ["reference_select_agent_supervisors"] = ["@source_key", "@open_until"],
        ["reference_insert_agent"] = [.. AgentAttributes, "@source_key", "@agent_id", "@valid_from_utc", "@open_until"],
        ["reference_close_agent"] = ["@agent_key", "@as_of_utc"],
        ["reference_complete_agent"] = [.. AgentAttributes, "@agent_key"],
        ["reference_update_agent_identity"] = ["@source_key", "@agent_id", "@rc_user_id", "@user_name", "@email"],
        ["reference_close_agent_supervisor"] = ["@source_key", "@agent_id", "@supervisor_agent_id", "@as_of_utc", "@open_until"],
        ["reference_insert_agent_supervisor"] = ["@source_key", "@agent_id", "@supervisor_agent_id", "@valid_from_utc", "@open_until"],
        ["reference_repoint_agent_facts"] = [.. RepointParameters, "@as_of_utc"],
        ["reference_select_queues"] = ["@source_key"],
        ["reference_select_queue_agents"] = ["@source_key", "@open_until"],
        ["reference_insert_queue"] = [.. QueueAttributes, "@source_key", "@queue_id", "@valid_from_utc", "@open_until"],
        ["reference_close_queue"] = ["@queue_key", "@as_of_utc"],
        ["reference_complete_queue"] = [.. QueueAttributes, "@queue_key"],
        ["reference_close_queue_agent"] = ["@source_key", "@queue_id", "@agent_id", "@as_of_utc", "@open_until"],
        ["reference_insert_queue_agent"] = ["@source_key", "@queue_id", "@agent_id", "@valid_from_utc", "@open_until"],
        ["reference_repoint_queue_facts"] = RepointParameters,
        ["reference_resolve_segment_agents"] = ["@source_key"],
        ["claim_batch"] = ["@load_batch_id", "@owner", "@claimed_utc"],
        ["select_running_batches"] = [],
        ["abandon_batch"] = ["@load_batch_id", "@error", "@finished_utc"],
        ["select_watermarks"] = [],
        ["select_batch_summaries"] = [],
        ["select_open_failures"] = [],
        ["select_loaded_windows"] = ["@sub_account_id", "@report", "@from_utc", "@to_utc"],
        ["record_failed_window"] = ["@sub_account_id", "@source_name", "@report", "@window_start_utc", "@window_end_utc", "@landed_file", "@error", "@started_utc", "@finished_utc"],
        ["dismiss_failures"] = ["@load_batch_id", "@reason", "@dismissed_utc"],
        ["select_dismissed_failures"] = [],
        ["rate_limit_session"] = [],
        ["rate_limit_acquire_lock"] = ["@resource", "@lock_timeout_ms"],
        ["rate_limit_select_grants"] = ["@budget_key", "@since_utc"],
        ["rate_limit_select_block"] = ["@budget_key", "@now_utc"],
        ["rate_limit_insert_grant"] = ["@budget_key", "@granted_utc", "@holder"],
        ["rate_limit_prune_grants"] = ["@budget_key", "@before_utc"],
        ["rate_limit_block"] = ["@budget_key", "@blocked_until_utc", "@reason", "@holder", "@recorded_utc"],
        ["verify_select_sources"] = [],
        ["verify_select_report_spans"] = ["@source_key"],
        ["verify_select_batch_windows"] = ["@source_key", "@from_utc", "@to_utc"],
        ["verify_compare_queue_intervals"] = ["@source_key", "@from_key", "@to_key"],
        ["verify_compare_segment_intervals"] = ["@source_key", "@from_key", "@to_key", "@segments_to_key"],
        ["verify_compare_agent_stats_intervals"] = ["@source_key", "@from_key", "@to_key"],
        ["verify_select_inferred_facts"] = ["@source_key", "@from_key", "@to_key"],
        ["recording_select_pending"] = ["@ended_after_utc", "@ended_before_utc", "@max_attempts", "@limit"],
        ["recording_select_pending_sub_account"] = ["@sub_account_id", "@ended_after_utc", "@ended_before_utc", "@max_attempts", "@limit"],
        ["recording_insert"] =
        [
            "@source_key", "@interaction_id", "@segment_id", "@dialog_id", "@segment_start_utc", "@file_path", "@sha256", "@byte_count", "@duration_ms",
            "@sample_rate_hz", "@channel_count", "@content_type", "@fetched_utc",
        ],
        ["transcript_insert"] =
        [
            "@source_key", "@interaction_id", "@segment_id", "@file_path", "@sha256", "@byte_count", "@content_type", "@transcript_text", "@fetched_utc",
        ],
        ["recording_clear_failure"] = ["@source_key", "@interaction_id", "@segment_id", "@artifact"],
        ["recording_record_failure"] = ["@source_key", "@interaction_id", "@segment_id", "@artifact", "@error", "@failed_utc"],
        ["recording_select_failures"] = ["@limit"],
        ["recording_count_failures"] = ["@max_attempts"],
        ["recording_select_prune_candidates"] = ["@cutoff_utc"],
        ["recording_mark_pruned"] = ["@source_key", "@interaction_id", "@segment_id", "@pruned_utc"],
    };

    public static TheoryData<string> StatementNames() => [.. SqlServerStatements.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(StatementNames))]
    public void Statement_UsesOnlyTheParametersTheEngineBinds(string name)
    {
        var statement = SqlServerStatements.All().Single(s => s.Name == name);
        var (fragment, errors) = TSql.Parse(statement.Text);
        Assert.Empty(errors);

        var used = StatementVariables.Free(fragment).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var bound = Expected(name);

        Assert.True(used.IsSubsetOf(bound), $"{name} uses variables nobody binds: {string.Join(", ", used.Except(bound, StringComparer.OrdinalIgnoreCase))}");
        if (!name.Contains('.', StringComparison.Ordinal))
        {
            // Report statements all receive the same four parameters and use what they need; the others get exactly theirs.
            Assert.True(bound.IsSubsetOf(used), $"{name} is bound parameters it never uses: {string.Join(", ", bound.Except(used, StringComparer.OrdinalIgnoreCase))}");
        }
    }

    private static HashSet<string> Expected(string name) =>
        new(name.Contains('.', StringComparison.Ordinal) ? PublishParameters : Bound[name], StringComparer.OrdinalIgnoreCase);
}
