-- Dimensions from reference data (issue 5). The reference load and the segments publish step look agents up by
-- RingCentral user id (legacy segments name nothing else), fact_segment rows waiting for that lookup are found by the
-- filtered index, and the supervisor roll-up reads the bridge by supervisor.
SET XACT_ABORT ON;
GO
CREATE NONCLUSTERED INDEX IX_dim_agent_rc_user_id ON dw.dim_agent (source_key, rc_user_id, valid_from_utc)
    INCLUDE (valid_to_utc, agent_id) WHERE rc_user_id IS NOT NULL;
CREATE NONCLUSTERED INDEX IX_fact_segment_unresolved ON dw.fact_segment (source_key, rc_user_id) WHERE agent_key IS NULL;
CREATE NONCLUSTERED INDEX IX_bridge_agent_supervisor_supervisor ON dw.bridge_agent_supervisor (source_key, supervisor_agent_id, valid_from_utc)
    INCLUDE (valid_to_utc);
CREATE NONCLUSTERED INDEX IX_bridge_queue_agent_agent ON dw.bridge_queue_agent (source_key, agent_id, valid_from_utc)
    INCLUDE (valid_to_utc);
