-- Schema 5: email templates (the double-forward chain of layers, as JSON), the index that
-- finds a company's visits for a template's `visit.*` variables, and per-source message counts.

CREATE TABLE templates (
    name       TEXT PRIMARY KEY,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    built_in   INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX visits_company ON visits (company_id, started_at) WHERE company_id IS NOT NULL;

-- Messages per source, kept by triggers, so the Sources screen's counts do not scan the events
-- (a busy collector stores millions an hour).
ALTER TABLE sources ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
UPDATE sources SET events = (SELECT COUNT(*) FROM events WHERE events.source_id = sources.id);

CREATE TRIGGER events_sourced AFTER INSERT ON events WHEN NEW.source_id IS NOT NULL BEGIN
    UPDATE sources SET events = events + 1 WHERE id = NEW.source_id;
END;

CREATE TRIGGER events_unsourced AFTER DELETE ON events WHEN OLD.source_id IS NOT NULL BEGIN
    UPDATE sources SET events = events - 1 WHERE id = OLD.source_id;
END;
