-- Schema 12: the review queue's working state, the pipeline's lookups in flight, and the outbound
-- sends with what came back for them.

-- A rep's snooze (the company comes back at `snoozed_until`) and note.
ALTER TABLE review_queue ADD COLUMN snoozed_until INTEGER;
ALTER TABLE review_queue ADD COLUMN note TEXT;

-- A lookup asked but not answered is marked (`enriching`, `scoring`, `prospecting`) in the
-- transaction that takes its credit, so a run killed while it waited never pays for it again:
-- the next run reports it as interrupted and asks again only when told to.
CREATE TABLE pipeline_domains_12 (
    domain     TEXT PRIMARY KEY,
    company_id INTEGER REFERENCES companies (id),
    found_at   INTEGER NOT NULL,
    stage      TEXT NOT NULL CHECK (stage IN ('identified', 'enriching', 'enriched', 'scoring',
                                              'scored', 'qualified', 'below threshold',
                                              'prospecting', 'prospected', 'skipped')),
    detail     TEXT NOT NULL,
    score      REAL,
    updated_at INTEGER NOT NULL
) STRICT;
INSERT INTO pipeline_domains_12 SELECT domain, company_id, found_at, stage, detail, score, updated_at
FROM pipeline_domains;
DROP TABLE pipeline_domains;
ALTER TABLE pipeline_domains_12 RENAME TO pipeline_domains;
CREATE INDEX pipeline_domains_stage ON pipeline_domains (stage, found_at);

-- One row per approved contact sent to the outbound campaign (an address is sent once). The
-- event id goes with the Track API call, so a send repeated after a kill is one event to
-- Customer.io. Bounced and unsubscribed stop everything for the address.
CREATE TABLE outreach (
    email        TEXT PRIMARY KEY,
    prospect_id  INTEGER NOT NULL REFERENCES prospects (id),
    campaign     TEXT NOT NULL,
    event_id     TEXT NOT NULL UNIQUE,
    state        TEXT NOT NULL CHECK (state IN ('sending', 'sent', 'delivered', 'opened',
                                                'replied', 'bounced', 'unsubscribed')),
    queued_at    INTEGER NOT NULL,
    sent_at      INTEGER,
    delivered_at INTEGER,
    opened_at    INTEGER,
    replied_at   INTEGER,
    stopped_at   INTEGER,
    -- When Customer.io was told the address stopped (replied, bounced, unsubscribed), so the
    -- campaign sends it no follow-up.
    notified_at  INTEGER,
    detail       TEXT,
    updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX outreach_state ON outreach (state);

-- Every webhook call received, once per (source, event id): a resent webhook changes nothing.
CREATE TABLE webhook_events (
    source      TEXT NOT NULL CHECK (source IN ('customerio', 'mailparser')),
    event_id    TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    email       TEXT,
    metric      TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    PRIMARY KEY (source, event_id)
) STRICT;
CREATE INDEX webhook_events_received ON webhook_events (received_at);
