-- Schema 8: saved funnels; a person's messages indexed with their type and name, so that a
-- funnel (and a segment's sequence rule) reads who did what when from the index alone.

CREATE TABLE funnels (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

DROP INDEX events_person;
CREATE INDEX events_person ON events (person_id, timestamp, type, name) WHERE person_id IS NOT NULL;
