-- Schema 10: the budget guard's log. Every pause it made, would have made (dry run) or failed to
-- make, with the spend and cap that triggered it and the platform's answer.
CREATE TABLE guard_actions (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    platform      TEXT NOT NULL,
    campaign_id   TEXT NOT NULL,
    campaign_name TEXT NOT NULL,
    spend_minor   INTEGER NOT NULL,
    cap_minor     INTEGER NOT NULL,
    currency      TEXT NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('dry run', 'live')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('would pause', 'paused', 'failed')),
    detail        TEXT NOT NULL
) STRICT;
CREATE INDEX guard_actions_campaign ON guard_actions (platform, campaign_id, id);
