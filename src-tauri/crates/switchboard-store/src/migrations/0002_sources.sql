-- Schema 2: sources that send Segment messages, the message as received, and rejected requests.

-- A source's write key identifies it (Segment's libraries embed it in web pages): it is an
-- address, not a secret, so it lives here rather than in the keychain.
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    write_key  TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
) STRICT;

ALTER TABLE events ADD COLUMN source_id INTEGER REFERENCES sources (id);
-- The message as accepted (envelope context and integrations merged in), as JSON. Written only
-- by serde_json, so not parsed again here (`json_valid` cost about 8% of an archive import).
ALTER TABLE events ADD COLUMN raw TEXT;
CREATE INDEX events_source ON events (source_id, received_at) WHERE source_id IS NOT NULL;

-- Requests the collector refused, with why, for the sender to see in the app.
CREATE TABLE rejections (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER REFERENCES sources (id),
    received_at INTEGER NOT NULL,
    path        TEXT NOT NULL,
    status      INTEGER NOT NULL,
    reason      TEXT NOT NULL
) STRICT;
CREATE INDEX rejections_received ON rejections (received_at);
