-- Schema 9: syncs from vendor APIs. Each run and its counts, the rows it could not take and why,
-- the raw payloads beside the normalised rows (and when each was fetched: the freshness window
-- reads it), the paid lookups spent per day (the credit budget reads it), and the cursors of
-- incremental streams. A sync writes its rows, their payloads and its cursor in one transaction.

CREATE TABLE sync_runs (
    id          INTEGER PRIMARY KEY,
    connector   TEXT NOT NULL,
    trigger     TEXT NOT NULL CHECK (trigger IN ('manual', 'schedule', 'cli')),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    status      TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'partial', 'failed',
                                                'cancelled', 'interrupted')),
    fetched     INTEGER NOT NULL DEFAULT 0,
    written     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    credits     INTEGER NOT NULL DEFAULT 0,
    error       TEXT
) STRICT;
CREATE INDEX sync_runs_connector ON sync_runs (connector, started_at);

CREATE TABLE sync_rows (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    stream  TEXT NOT NULL,
    key     TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'skipped')),
    reason  TEXT NOT NULL,
    at      INTEGER NOT NULL
) STRICT;
CREATE INDEX sync_rows_run ON sync_rows (run_id, id);

CREATE TABLE enrichments (
    vendor     TEXT NOT NULL,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('found', 'not_found')),
    payload    TEXT CHECK (payload IS NULL OR json_valid(payload)),
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (vendor, kind, key)
) STRICT;

CREATE TABLE credits (
    vendor TEXT NOT NULL,
    kind   TEXT NOT NULL,
    day    INTEGER NOT NULL,
    used   INTEGER NOT NULL CHECK (used >= 0),
    PRIMARY KEY (vendor, kind, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE sync_cursors (
    connector  TEXT NOT NULL,
    stream     TEXT NOT NULL,
    cursor     TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (connector, stream)
) STRICT;
