-- Rate-limit budgets shared by every process that uses this warehouse (see sql/README.md, "Rate-limit budgets").
-- One row per request RingCX was (or is about to be) sent under a budget: reports per sub-account, logins and the
-- other APIs per credential group. A grant is decided and written in one BEGIN IMMEDIATE transaction; grants older
-- than the budget's longest window are deleted in the same transaction.
CREATE TABLE rate_limit_grant (
    rate_limit_grant_id INTEGER NOT NULL PRIMARY KEY,
    budget_key          TEXT NOT NULL,
    granted_utc         TEXT NOT NULL,
    holder              TEXT NOT NULL
);

CREATE INDEX ix_rate_limit_grant_key ON rate_limit_grant (budget_key, granted_utc);

-- A 429 blocks its budget for everyone until blocked_until_utc (Retry-After, or the retry backoff without one).
CREATE TABLE rate_limit_block (
    budget_key        TEXT NOT NULL PRIMARY KEY,
    blocked_until_utc TEXT NOT NULL,
    reason            TEXT NOT NULL,
    holder            TEXT NOT NULL,
    recorded_utc      TEXT NOT NULL
);
