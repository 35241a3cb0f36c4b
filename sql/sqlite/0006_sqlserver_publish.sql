-- Publish protocol (issue 10), SQLite's part. Ids already compare byte for byte here (TEXT columns use the BINARY
-- collation), which SQL Server's 0006 now matches. The reference load's agent repoint seeks segments by agent version
-- instead of scanning the source's segments, as on SQL Server.
CREATE INDEX ix_fact_segment_agent ON fact_segment (source_key, agent_key, segment_start_utc);
