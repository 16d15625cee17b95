-- Schema 5: email templates (the double-forward chain of layers, as JSON) and the index that
-- finds a company's visits for a template's `visit.*` variables.

CREATE TABLE templates (
    name       TEXT PRIMARY KEY,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    built_in   INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
    updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX visits_company ON visits (company_id, started_at) WHERE company_id IS NOT NULL;
