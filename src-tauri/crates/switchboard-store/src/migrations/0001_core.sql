-- Schema 1: the core tables of a workspace. Times are milliseconds since the Unix epoch (UTC);
-- days are days since the epoch; money is integer minor units with its currency.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE companies (
    id            INTEGER PRIMARY KEY,
    domain        TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    employees     INTEGER,
    industry      TEXT,
    country       TEXT,
    city          TEXT,
    technologies  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(technologies)),
    first_seen_at INTEGER,
    qualified_at  INTEGER,
    created_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX companies_qualified_at ON companies (qualified_at) WHERE qualified_at IS NOT NULL;

CREATE TABLE people (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT UNIQUE,
    email      TEXT,
    first_name TEXT,
    last_name  TEXT,
    title      TEXT,
    company_id INTEGER REFERENCES companies (id),
    traits     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(traits)),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX people_email ON people (email);
CREATE INDEX people_company ON people (company_id);

CREATE TABLE identities (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('anonymous_id', 'user_id', 'email', 'group_id')),
    value         TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    UNIQUE (kind, value)
) STRICT;
CREATE INDEX identities_person ON identities (person_id);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    message_id   TEXT NOT NULL UNIQUE,
    type         TEXT NOT NULL
                 CHECK (type IN ('identify', 'track', 'page', 'screen', 'group', 'alias')),
    name         TEXT,
    user_id      TEXT,
    anonymous_id TEXT,
    person_id    INTEGER REFERENCES people (id),
    timestamp    INTEGER NOT NULL,
    received_at  INTEGER NOT NULL,
    ip           TEXT,
    properties   TEXT CHECK (properties IS NULL OR json_valid(properties)),
    context      TEXT CHECK (context IS NULL OR json_valid(context)),
    CHECK (user_id IS NOT NULL OR anonymous_id IS NOT NULL)
) STRICT;
CREATE INDEX events_timestamp ON events (timestamp);

-- Messages per day and type, kept by triggers so that totals never scan the events.
CREATE TABLE event_counts (
    day  INTEGER NOT NULL,
    type TEXT NOT NULL,
    n    INTEGER NOT NULL,
    PRIMARY KEY (day, type)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER events_counted AFTER INSERT ON events BEGIN
    INSERT INTO event_counts (day, type, n) VALUES (NEW.timestamp / 86400000, NEW.type, 1)
        ON CONFLICT (day, type) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER events_uncounted AFTER DELETE ON events BEGIN
    UPDATE event_counts SET n = n - 1 WHERE day = OLD.timestamp / 86400000 AND type = OLD.type;
END;

CREATE TABLE visits (
    id           INTEGER PRIMARY KEY,
    anonymous_id TEXT NOT NULL,
    ip           TEXT NOT NULL,
    started_at   INTEGER NOT NULL,
    day          INTEGER NOT NULL,
    pages        INTEGER NOT NULL CHECK (pages >= 0),
    company_id   INTEGER REFERENCES companies (id),
    resolution   TEXT NOT NULL
                 CHECK (resolution IN ('company', 'isp', 'education', 'government', 'unresolved')),
    fuzzy        INTEGER NOT NULL DEFAULT 0 CHECK (fuzzy IN (0, 1))
) STRICT;
CREATE INDEX visits_day_company ON visits (day, company_id, started_at);
CREATE INDEX visits_anonymous_id ON visits (anonymous_id);

CREATE TABLE scores (
    id        INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL CHECK (entity IN ('person', 'company')),
    entity_id INTEGER NOT NULL,
    model     TEXT NOT NULL,
    score     REAL NOT NULL,
    segment   TEXT NOT NULL CHECK (segment IN ('very good', 'good', 'medium', 'low')),
    signals   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(signals)),
    scored_at INTEGER NOT NULL,
    UNIQUE (entity, entity_id, model)
) STRICT;

CREATE TABLE email_activity (
    id          INTEGER PRIMARY KEY,
    delivery_id TEXT NOT NULL,
    person_id   INTEGER REFERENCES people (id),
    email       TEXT NOT NULL,
    campaign    TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('sent', 'delivered', 'opened', 'clicked', 'bounced')),
    at          INTEGER NOT NULL,
    UNIQUE (delivery_id, kind)
) STRICT;
CREATE INDEX email_activity_campaign ON email_activity (campaign, kind, at);

CREATE TABLE ad_spend (
    platform      TEXT NOT NULL CHECK (platform IN ('facebook', 'adroll', 'google_ads')),
    campaign_id   TEXT NOT NULL,
    campaign_name TEXT NOT NULL,
    day           INTEGER NOT NULL,
    spend_minor   INTEGER NOT NULL CHECK (spend_minor >= 0),
    currency      TEXT NOT NULL,
    impressions   INTEGER NOT NULL,
    clicks        INTEGER NOT NULL,
    PRIMARY KEY (platform, campaign_id, day)
) STRICT;

CREATE TABLE prospects (
    id             INTEGER PRIMARY KEY,
    company_id     INTEGER NOT NULL REFERENCES companies (id),
    person_id      INTEGER REFERENCES people (id),
    email          TEXT NOT NULL UNIQUE,
    email_verified INTEGER NOT NULL CHECK (email_verified IN (0, 1)),
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    title          TEXT NOT NULL,
    role           TEXT NOT NULL,
    seniority      TEXT NOT NULL,
    found_at       INTEGER NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'snoozed'))
) STRICT;
CREATE INDEX prospects_found_at ON prospects (found_at);
CREATE INDEX prospects_company ON prospects (company_id);

CREATE TABLE review_queue (
    company_id  INTEGER PRIMARY KEY REFERENCES companies (id),
    state       TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'snoozed')),
    assigned_to TEXT,
    reason      TEXT,
    queued_at   INTEGER NOT NULL,
    decided_at  INTEGER
) STRICT;
CREATE INDEX review_queue_state ON review_queue (state, queued_at);
