-- Schema 6: audience segments, their membership versions and who entered or exited in each;
-- replies and unsubscribes join email activity (segments ask "nobody replied").

CREATE TABLE segments (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    target        TEXT NOT NULL CHECK (target IN ('people', 'companies')),
    definition    TEXT NOT NULL CHECK (json_valid(definition)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    -- pending (saved, not computed yet), computing, ready, failed (with the reason in detail).
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'computing', 'ready', 'failed')),
    status_detail TEXT,
    computed_at   INTEGER
) STRICT;

-- One row per computation: the definition it used, its size and the change since the last.
CREATE TABLE segment_versions (
    segment_id  INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    computed_at INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    definition  TEXT NOT NULL CHECK (json_valid(definition)),
    size        INTEGER NOT NULL,
    entered     INTEGER NOT NULL,
    exited      INTEGER NOT NULL,
    -- Members a "did not do X in N days" rule kept although they were first seen inside the window.
    too_new     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (segment_id, version)
) STRICT, WITHOUT ROWID;

-- The members as of the latest version.
CREATE TABLE segment_members (
    segment_id    INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL,
    since_version INTEGER NOT NULL,
    PRIMARY KEY (segment_id, entity_id)
) STRICT, WITHOUT ROWID;

-- Who entered and who exited in each version.
CREATE TABLE segment_changes (
    segment_id INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL,
    change     TEXT NOT NULL CHECK (change IN ('entered', 'exited')),
    PRIMARY KEY (segment_id, version, entity_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE email_activity_v6 (
    id          INTEGER PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    email       TEXT NOT NULL,
    campaign    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('sent', 'delivered', 'opened', 'clicked', 'bounced',
                                              'replied', 'unsubscribed')),
    at          INTEGER NOT NULL,
    UNIQUE (delivery_id, kind)
) STRICT;
INSERT INTO email_activity_v6 SELECT * FROM email_activity;
DROP TABLE email_activity;
ALTER TABLE email_activity_v6 RENAME TO email_activity;
CREATE INDEX email_activity_campaign ON email_activity (campaign, kind, at);
-- Email rules ask by kind (replied, opened, ...), with or without a campaign and a window.
CREATE INDEX email_activity_kind ON email_activity (kind, campaign, at, person_id);
