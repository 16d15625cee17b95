-- Schema 13: fewer B-tree writes per imported message. A large import was bound by them.

-- Identities keyed by what they are: one B-tree instead of a table and its unique index. The
-- surrogate id went with it (nothing pointed to it); ties of `first_seen_at` order by value.
CREATE TABLE identities_13 (
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('anonymous_id', 'user_id', 'email', 'group_id')),
    value         TEXT NOT NULL,
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (kind, value)
) STRICT, WITHOUT ROWID;
INSERT INTO identities_13 (person_id, kind, value, first_seen_at)
SELECT person_id, kind, value, first_seen_at FROM identities;
DROP TABLE identities;
ALTER TABLE identities_13 RENAME TO identities;
CREATE INDEX identities_person ON identities (person_id);

-- Most people are anonymous visitors, without an email or a company: the indexes skip them
-- (every query through them asks for a value).
DROP INDEX people_email;
CREATE INDEX people_email ON people (email) WHERE email IS NOT NULL;
DROP INDEX people_company;
CREATE INDEX people_company ON people (company_id) WHERE company_id IS NOT NULL;
