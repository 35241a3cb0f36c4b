-- Rate-limit budgets shared by every process and node that uses this warehouse (see sql/README.md, "Rate-limit budgets").
-- One row per request RingCX was (or is about to be) sent under a budget: reports per sub-account, logins and the
-- other APIs per credential group. A grant is decided and written in one transaction holding the applock
-- rcwarehouse/rate-limit/{budget_key}; grants older than the budget's longest window are deleted in the same transaction.
CREATE TABLE etl.rate_limit_grant (
    rate_limit_grant_id bigint IDENTITY(1, 1) NOT NULL,
    budget_key          nvarchar(200) NOT NULL,
    granted_utc         datetime2(3) NOT NULL,
    holder              nvarchar(400) NOT NULL,
    CONSTRAINT PK_rate_limit_grant PRIMARY KEY NONCLUSTERED (rate_limit_grant_id)
);

CREATE CLUSTERED INDEX CIX_rate_limit_grant_key ON etl.rate_limit_grant (budget_key, granted_utc);

-- A 429 blocks its budget for everyone until blocked_until_utc (Retry-After, or the retry backoff without one).
CREATE TABLE etl.rate_limit_block (
    budget_key        nvarchar(200) NOT NULL,
    blocked_until_utc datetime2(3) NOT NULL,
    reason            nvarchar(400) NOT NULL,
    holder            nvarchar(400) NOT NULL,
    recorded_utc      datetime2(3) NOT NULL,
    CONSTRAINT PK_rate_limit_block PRIMARY KEY CLUSTERED (budget_key)
);
