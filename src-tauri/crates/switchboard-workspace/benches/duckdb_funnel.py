"""benches/funnel.rs's four-step funnel written by hand over the raw events, in DuckDB.

Usage: python duckdb_funnel.py WORKSPACE.sqlite [LAST_DAY]   (needs `pip install duckdb`)

The same counting rules: a person enters at any step-1 event in the 30-day range, has 14 days
from that entry, steps in order; each person is counted once by their furthest attempt.
"""

import datetime
import os
import subprocess
import sys
import tempfile
import time

import duckdb

DAY = 86_400_000
STEPS = ["Signed Up", "Source Connected", "Destination Enabled", "Report Exported"]


def main():
    db = sys.argv[1]
    last_day = datetime.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2 else "2026-11-28")
    today = (last_day - datetime.date(1970, 1, 1)).days + 1
    start, end = (today - 29) * DAY, (today + 1) * DAY - 1
    window = 14 * DAY
    path = os.path.join(tempfile.mkdtemp(), "events.csv")
    with open(path, "w") as out:
        subprocess.run(
            ["sqlite3", "-csv", "-header", db,
             "SELECT person_id, timestamp, name FROM events WHERE person_id IS NOT NULL AND type = 'track'"],
            stdout=out, check=True)
    con = duckdb.connect()
    con.execute(f"CREATE TABLE events AS SELECT * FROM read_csv_auto('{path}', header=true)")
    os.remove(path)
    names = ", ".join(f"'{s}'" for s in STEPS)
    # Each entry's furthest step: step k's first time after step k-1's, within the window.
    sql = f"""
        WITH e AS (SELECT person_id, timestamp AS t, name FROM events WHERE name IN ({names})),
        s1 AS (SELECT person_id, t AS t1 FROM e WHERE name = '{STEPS[0]}' AND t BETWEEN {start} AND {end}),
        s2 AS (SELECT s1.person_id, s1.t1, MIN(e.t) AS t2 FROM s1 JOIN e ON e.person_id = s1.person_id
               AND e.name = '{STEPS[1]}' AND e.t > s1.t1 AND e.t <= s1.t1 + {window} GROUP BY 1, 2),
        s3 AS (SELECT s2.person_id, s2.t1, MIN(e.t) AS t3 FROM s2 JOIN e ON e.person_id = s2.person_id
               AND e.name = '{STEPS[2]}' AND e.t > s2.t2 AND e.t <= s2.t1 + {window} GROUP BY 1, 2, s2.t2),
        s4 AS (SELECT s3.person_id FROM s3 JOIN e ON e.person_id = s3.person_id
               AND e.name = '{STEPS[3]}' AND e.t > s3.t3 AND e.t <= s3.t1 + {window})
        SELECT (SELECT COUNT(DISTINCT person_id) FROM s1), (SELECT COUNT(DISTINCT person_id) FROM s2),
               (SELECT COUNT(DISTINCT person_id) FROM s3), (SELECT COUNT(DISTINCT person_id) FROM s4)
    """
    best = None
    for _ in range(5):
        t = time.perf_counter()
        counts = con.execute(sql).fetchone()
        elapsed = time.perf_counter() - t
        best = elapsed if best is None else min(best, elapsed)
    print(f"people per step: {list(counts)} in {best * 1000:.1f} ms")


if __name__ == "__main__":
    main()
