-- Schema 3: where each long job (an archive import, later each sync stream) got to. A checkpoint
-- is written in the same transaction as the rows it covers, so a kill repeats work and never
-- loses or duplicates it.
CREATE TABLE checkpoints (
    job        TEXT NOT NULL,
    stream     TEXT NOT NULL,
    position   INTEGER NOT NULL,
    complete   INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (job, stream)
) STRICT;
