-- Dimensions from reference data (issue 5). The reference load and the segments publish step look agents up by
-- RingCentral user id (legacy segments name nothing else), fact_segment rows waiting for that lookup are found by the
-- filtered index, and the supervisor roll-up reads the bridge by supervisor.
CREATE INDEX ix_dim_agent_rc_user_id ON dim_agent (source_key, rc_user_id, valid_from_utc) WHERE rc_user_id IS NOT NULL;
CREATE INDEX ix_fact_segment_unresolved ON fact_segment (source_key, rc_user_id) WHERE agent_key IS NULL;
CREATE INDEX ix_bridge_agent_supervisor_supervisor ON bridge_agent_supervisor (source_key, supervisor_agent_id, valid_from_utc);
CREATE INDEX ix_bridge_queue_agent_agent ON bridge_queue_agent (source_key, agent_id, valid_from_utc);
