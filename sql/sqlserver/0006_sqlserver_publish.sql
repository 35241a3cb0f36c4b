-- Publish protocol (issue 10).
-- 1. Ids compare byte for byte, as SQLite compares them: ids that differ only in case are different members, never
--    one (Latin1_General_100_BIN2). Every column holding an id that statements compare with another table's id column
--    changes together, stage definitions included (a #temp stage copies their collations), since comparing columns of
--    two different collations fails. The indexes and constraints over these columns are dropped first and rebuilt.
-- 2. The agent repoint of the reference load (reference_repoint_agent_facts) seeks segments by agent version instead of
--    scanning the source's segments: IX_fact_segment_agent.
-- The stage.* tables now only define the columns of each batch's private #temp stage; they never hold rows.
SET XACT_ABORT ON;
GO
ALTER TABLE dw.fact_segment_event DROP CONSTRAINT FK_fact_segment_event_fact_segment;
ALTER TABLE dw.fact_segment_event DROP CONSTRAINT PK_fact_segment_event;
DROP INDEX IX_fact_segment_interval ON dw.fact_segment;
DROP INDEX IX_fact_segment_unresolved ON dw.fact_segment;
ALTER TABLE dw.fact_segment DROP CONSTRAINT PK_fact_segment;
ALTER TABLE dw.dim_source DROP CONSTRAINT UQ_dim_source_sub_account_id;
DROP INDEX UX_dim_agent_version ON dw.dim_agent;
DROP INDEX UX_dim_agent_current ON dw.dim_agent;
DROP INDEX IX_dim_agent_rc_user_id ON dw.dim_agent;
DROP INDEX IX_bridge_agent_supervisor_supervisor ON dw.bridge_agent_supervisor;
ALTER TABLE dw.bridge_agent_supervisor DROP CONSTRAINT PK_bridge_agent_supervisor;
DROP INDEX UX_dim_queue_version ON dw.dim_queue;
DROP INDEX UX_dim_queue_current ON dw.dim_queue;
DROP INDEX IX_bridge_queue_agent_agent ON dw.bridge_queue_agent;
ALTER TABLE dw.bridge_queue_agent DROP CONSTRAINT PK_bridge_queue_agent;
GO
-- A column's collation cannot change while statistics depend on it, and a warehouse that has served queries has
-- automatically created ones (_WA_Sys_...) on these id columns. Their names are the server's, hence dynamic SQL; the
-- optimizer creates them again as queries need them.
DECLARE @drop_statistics nvarchar(max) = N'';
SELECT @drop_statistics = @drop_statistics
    + N'DROP STATISTICS ' + QUOTENAME(SCHEMA_NAME(t.schema_id)) + N'.' + QUOTENAME(t.name) + N'.' + QUOTENAME(st.name) + N';' + NCHAR(10)
FROM sys.stats AS st
INNER JOIN sys.tables AS t ON t.object_id = st.object_id
WHERE (st.auto_created = 1 OR st.user_created = 1)
  AND SCHEMA_NAME(t.schema_id) IN (N'dw', N'stage')
  AND EXISTS (
      SELECT 1
      FROM sys.stats_columns AS sc
      INNER JOIN sys.columns AS c ON c.object_id = sc.object_id AND c.column_id = sc.column_id
      WHERE sc.object_id = st.object_id
        AND sc.stats_id = st.stats_id
        AND c.name IN (N'sub_account_id', N'agent_id', N'rc_user_id', N'supervisor_agent_id', N'queue_id', N'interaction_id', N'segment_id'));
IF @drop_statistics <> N''
    EXEC sys.sp_executesql @drop_statistics;
GO
ALTER TABLE dw.dim_source ALTER COLUMN sub_account_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;

ALTER TABLE dw.dim_agent ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.dim_agent ALTER COLUMN rc_user_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dw.bridge_agent_supervisor ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.bridge_agent_supervisor ALTER COLUMN supervisor_agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;

ALTER TABLE dw.dim_queue ALTER COLUMN queue_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.bridge_queue_agent ALTER COLUMN queue_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.bridge_queue_agent ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;

ALTER TABLE dw.fact_segment ALTER COLUMN interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.fact_segment ALTER COLUMN segment_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.fact_segment ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dw.fact_segment ALTER COLUMN rc_user_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE dw.fact_segment_event ALTER COLUMN interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;
ALTER TABLE dw.fact_segment_event ALTER COLUMN segment_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL;

ALTER TABLE stage.agent_extended ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.agent_extended ALTER COLUMN queue_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.queue_stats ALTER COLUMN queue_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.segment ALTER COLUMN interaction_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.segment ALTER COLUMN segment_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.segment ALTER COLUMN agent_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
ALTER TABLE stage.segment ALTER COLUMN rc_user_id nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL;
GO
ALTER TABLE dw.dim_source ADD CONSTRAINT UQ_dim_source_sub_account_id UNIQUE (sub_account_id);

CREATE UNIQUE NONCLUSTERED INDEX UX_dim_agent_version ON dw.dim_agent (source_key, agent_id, valid_from_utc) INCLUDE (valid_to_utc);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_agent_current ON dw.dim_agent (source_key, agent_id) WHERE is_current = 1;
CREATE NONCLUSTERED INDEX IX_dim_agent_rc_user_id ON dw.dim_agent (source_key, rc_user_id, valid_from_utc)
    INCLUDE (valid_to_utc, agent_id) WHERE rc_user_id IS NOT NULL;

ALTER TABLE dw.bridge_agent_supervisor ADD CONSTRAINT PK_bridge_agent_supervisor
    PRIMARY KEY CLUSTERED (source_key, agent_id, supervisor_agent_id, valid_from_utc);
CREATE NONCLUSTERED INDEX IX_bridge_agent_supervisor_supervisor ON dw.bridge_agent_supervisor (source_key, supervisor_agent_id, valid_from_utc)
    INCLUDE (valid_to_utc);

CREATE UNIQUE NONCLUSTERED INDEX UX_dim_queue_version ON dw.dim_queue (source_key, queue_id, valid_from_utc) INCLUDE (valid_to_utc);
CREATE UNIQUE NONCLUSTERED INDEX UX_dim_queue_current ON dw.dim_queue (source_key, queue_id) WHERE is_current = 1;

ALTER TABLE dw.bridge_queue_agent ADD CONSTRAINT PK_bridge_queue_agent
    PRIMARY KEY CLUSTERED (source_key, queue_id, agent_id, valid_from_utc);
CREATE NONCLUSTERED INDEX IX_bridge_queue_agent_agent ON dw.bridge_queue_agent (source_key, agent_id, valid_from_utc)
    INCLUDE (valid_to_utc);

ALTER TABLE dw.fact_segment ADD CONSTRAINT PK_fact_segment PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id);
CREATE NONCLUSTERED INDEX IX_fact_segment_interval ON dw.fact_segment (source_key, interval_key);
CREATE NONCLUSTERED INDEX IX_fact_segment_unresolved ON dw.fact_segment (source_key, rc_user_id) WHERE agent_key IS NULL;
CREATE NONCLUSTERED INDEX IX_fact_segment_agent ON dw.fact_segment (source_key, agent_key, segment_start_utc);

ALTER TABLE dw.fact_segment_event ADD CONSTRAINT PK_fact_segment_event
    PRIMARY KEY CLUSTERED (source_key, interaction_id, segment_id, event_seq);
ALTER TABLE dw.fact_segment_event ADD CONSTRAINT FK_fact_segment_event_fact_segment
    FOREIGN KEY (source_key, interaction_id, segment_id) REFERENCES dw.fact_segment (source_key, interaction_id, segment_id);
