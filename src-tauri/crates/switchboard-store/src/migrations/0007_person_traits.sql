-- Schema 7: every person's traits as (key, value) rows, kept by triggers on `people.traits`, so
-- that segment rules on traits read an index instead of parsing each person's JSON.
-- `key` is the trait's name, `a.b` for a nested one; `element` is 0 for a value, 1 for an element
-- of a list, 2 for a list or an object itself (only "exists" reads those). Values compare
-- without case.

CREATE TABLE person_traits (
    key       TEXT NOT NULL,
    value     ANY NOT NULL COLLATE NOCASE,
    person_id INTEGER NOT NULL,
    element   INTEGER NOT NULL CHECK (element IN (0, 1, 2)),
    PRIMARY KEY (key, value, person_id, element)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_traits_person ON person_traits (person_id);

CREATE VIEW person_trait_rows AS
    SELECT p.id AS person_id,
           CASE WHEN t.path = '$' THEN t.key
                WHEN typeof(t.key) = 'integer' THEN substr(t.path, 3)
                ELSE substr(t.path, 3) || '.' || t.key END AS key,
           CASE WHEN t.type IN ('object', 'array') THEN t.value ELSE t.atom END AS value,
           CASE WHEN t.type IN ('object', 'array') THEN 2
                WHEN typeof(t.key) = 'integer' THEN 1 ELSE 0 END AS element
    FROM people p, json_tree(p.traits) t
    WHERE t.type <> 'null' AND t.fullkey <> '$';

INSERT OR IGNORE INTO person_traits (key, value, person_id, element)
    SELECT key, value, person_id, element FROM person_trait_rows;

CREATE TRIGGER people_traits_indexed AFTER INSERT ON people WHEN NEW.traits <> '{}' BEGIN
    INSERT OR IGNORE INTO person_traits (key, value, person_id, element)
        SELECT key, value, person_id, element FROM person_trait_rows WHERE person_id = NEW.id;
END;

CREATE TRIGGER people_traits_reindexed AFTER UPDATE OF traits ON people BEGIN
    DELETE FROM person_traits WHERE person_id = OLD.id;
    INSERT OR IGNORE INTO person_traits (key, value, person_id, element)
        SELECT key, value, person_id, element FROM person_trait_rows WHERE person_id = NEW.id;
END;

CREATE TRIGGER people_traits_unindexed AFTER DELETE ON people BEGIN
    DELETE FROM person_traits WHERE person_id = OLD.id;
END;

-- Behavioural rules sum `n` over a name's days: the index carries it (and, as the table is
-- WITHOUT ROWID, the person), so those sums never touch the table.
DROP INDEX rollups_name_day;
CREATE INDEX rollups_name_day ON rollups (type, name, day, n);
