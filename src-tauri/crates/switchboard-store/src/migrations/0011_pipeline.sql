-- Schema 11: the outbound pipeline's records. What Reveal said of each visitor IP (asked once),
-- where each domain it identified stands (identified, enriched, scored, qualified, below
-- threshold, prospected, or skipped with the reason), and the suppression lists checked before
-- any paid lookup.

CREATE TABLE pipeline_ips (
    ip          TEXT PRIMARY KEY,
    revealed_at INTEGER NOT NULL,
    outcome     TEXT NOT NULL,
    domain      TEXT,
    detail      TEXT NOT NULL
) STRICT;

CREATE TABLE pipeline_domains (
    domain     TEXT PRIMARY KEY,
    company_id INTEGER REFERENCES companies (id),
    found_at   INTEGER NOT NULL,
    stage      TEXT NOT NULL CHECK (stage IN ('identified', 'enriched', 'scored', 'qualified',
                                              'below threshold', 'prospected', 'skipped')),
    detail     TEXT NOT NULL,
    score      REAL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX pipeline_domains_stage ON pipeline_domains (stage, found_at);

CREATE TABLE suppressions (
    domain   TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('customer', 'competitor', 'do_not_contact')),
    note     TEXT,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (domain, kind)
) STRICT;
