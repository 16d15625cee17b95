-- Schema 4: profiles stitched from identify, alias and group; the history of every trait; the
-- rollups behavioural segments read instead of raw events; tracking plans and their violations.

-- A person's messages, newest first (the People screen's timeline, and merging two profiles).
CREATE INDEX events_person ON events (person_id, timestamp) WHERE person_id IS NOT NULL;

-- Every value each trait of a person has had, with the timestamp of the message that set it.
-- `people.traits` holds the one in effect: the last by message timestamp.
CREATE TABLE trait_history (
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL CHECK (json_valid(value)),
    at         INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (person_id, key, at, message_id)
) STRICT, WITHOUT ROWID;

-- Segment `group` ids and the company each stands for (from the group's domain or website).
CREATE TABLE groups (
    group_id   TEXT PRIMARY KEY,
    company_id INTEGER REFERENCES companies (id),
    traits     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(traits)),
    updated_at INTEGER NOT NULL
) STRICT;

-- Per person, message type (track, page, screen), name and day: how many, first and last time.
-- Kept by triggers, so every writer (collector, import, demo, profile merges) keeps them true.
CREATE TABLE rollups (
    person_id INTEGER NOT NULL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    day       INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    first_at  INTEGER NOT NULL,
    last_at   INTEGER NOT NULL,
    PRIMARY KEY (person_id, type, name, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX rollups_name_day ON rollups (type, name, day);

INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
    SELECT person_id, type, COALESCE(name, ''), timestamp / 86400000, COUNT(*),
           MIN(timestamp), MAX(timestamp)
    FROM events
    WHERE person_id IS NOT NULL AND type IN ('track', 'page', 'screen')
    GROUP BY 1, 2, 3, 4;

CREATE TRIGGER events_rolled_up AFTER INSERT ON events
WHEN NEW.person_id IS NOT NULL AND NEW.type IN ('track', 'page', 'screen') BEGIN
    INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
        VALUES (NEW.person_id, NEW.type, COALESCE(NEW.name, ''), NEW.timestamp / 86400000, 1,
                NEW.timestamp, NEW.timestamp)
        ON CONFLICT (person_id, type, name, day) DO UPDATE SET
            n = n + 1, first_at = MIN(first_at, excluded.first_at),
            last_at = MAX(last_at, excluded.last_at);
END;

-- A profile merge moves every message of one person to another: the counts move with them and the
-- emptied rows go (first and last times are exact, since all of a person's messages move).
CREATE TRIGGER events_rolled_over AFTER UPDATE OF person_id ON events
WHEN NEW.type IN ('track', 'page', 'screen') BEGIN
    UPDATE rollups SET n = n - 1
        WHERE OLD.person_id IS NOT NULL AND person_id = OLD.person_id AND type = OLD.type
          AND name = COALESCE(OLD.name, '') AND day = OLD.timestamp / 86400000;
    DELETE FROM rollups
        WHERE OLD.person_id IS NOT NULL AND person_id = OLD.person_id AND type = OLD.type
          AND name = COALESCE(OLD.name, '') AND day = OLD.timestamp / 86400000 AND n <= 0;
    INSERT INTO rollups (person_id, type, name, day, n, first_at, last_at)
        SELECT NEW.person_id, NEW.type, COALESCE(NEW.name, ''), NEW.timestamp / 86400000, 1,
               NEW.timestamp, NEW.timestamp
        WHERE NEW.person_id IS NOT NULL
        ON CONFLICT (person_id, type, name, day) DO UPDATE SET
            n = n + 1, first_at = MIN(first_at, excluded.first_at),
            last_at = MAX(last_at, excluded.last_at);
END;

CREATE TRIGGER events_unrolled AFTER DELETE ON events
WHEN OLD.person_id IS NOT NULL AND OLD.type IN ('track', 'page', 'screen') BEGIN
    UPDATE rollups SET n = n - 1
        WHERE person_id = OLD.person_id AND type = OLD.type AND name = COALESCE(OLD.name, '')
          AND day = OLD.timestamp / 86400000;
    DELETE FROM rollups
        WHERE person_id = OLD.person_id AND type = OLD.type AND name = COALESCE(OLD.name, '')
          AND day = OLD.timestamp / 86400000 AND n <= 0;
END;

-- Imported tracking plans; the newest is the one incoming messages are checked against.
CREATE TABLE tracking_plans (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    plan        TEXT NOT NULL CHECK (json_valid(plan)),
    imported_at INTEGER NOT NULL
) STRICT;

-- Per plan and event name: messages checked, and those with at least one violation.
CREATE TABLE plan_checks (
    plan_id   INTEGER NOT NULL REFERENCES tracking_plans (id) ON DELETE CASCADE,
    event     TEXT NOT NULL,
    seen      INTEGER NOT NULL,
    violating INTEGER NOT NULL,
    PRIMARY KEY (plan_id, event)
) STRICT, WITHOUT ROWID;

-- What a message did wrong against the plan. The message itself is stored all the same.
CREATE TABLE violations (
    id         INTEGER PRIMARY KEY,
    plan_id    INTEGER NOT NULL REFERENCES tracking_plans (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL,
    event      TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('unplanned_event', 'missing_property', 'wrong_type',
                                             'extra_property', 'invalid_value')),
    property   TEXT,
    detail     TEXT NOT NULL,
    at         INTEGER NOT NULL
) STRICT;
CREATE INDEX violations_plan ON violations (plan_id, event, kind);
CREATE INDEX violations_at ON violations (plan_id, at);
