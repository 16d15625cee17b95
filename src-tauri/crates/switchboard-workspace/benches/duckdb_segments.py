"""The segments of benches/segments.rs written by hand as SQL over the raw events, in DuckDB.

Usage: python duckdb_segments.py WORKSPACE.sqlite [LAST_DAY]   (needs `pip install duckdb`)

Copies people, companies, events and email activity out of the workspace with the sqlite3
command-line tool (CSV), loads them into an in-memory DuckDB, then times each count (best of 5)
and prints it beside the count, so the two engines can be checked against each other.
"""

import datetime
import os
import subprocess
import sys
import tempfile
import time

import duckdb

DAY = 86_400_000


def dump(db, sql, path):
    with open(path, "w") as out:
        subprocess.run(["sqlite3", "-csv", "-header", db, sql], stdout=out, check=True)


def main():
    db = sys.argv[1]
    last_day = datetime.date.fromisoformat(sys.argv[2] if len(sys.argv) > 2 else "2026-11-28")
    today = (last_day - datetime.date(1970, 1, 1)).days + 1
    end = (today + 1) * DAY - 1

    def start(days):
        return (today - days + 1) * DAY

    tmp = tempfile.mkdtemp()
    tables = {
        "people": "SELECT id, company_id, json_extract(traits, '$.firstName') AS first_name FROM people",
        "companies": "SELECT id, employees, technologies FROM companies",
        "events": "SELECT person_id, type, name, timestamp FROM events",
        "email_activity": "SELECT person_id, kind FROM email_activity",
    }
    con = duckdb.connect()
    t0 = time.time()
    for name, sql in tables.items():
        path = os.path.join(tmp, name + ".csv")
        dump(db, sql, path)
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv_auto('{path}', header=true)")
        os.remove(path)
    print(f"loaded in {time.time() - t0:.1f} s")

    queries = {
        "count trait-only": "SELECT COUNT(*) FROM people WHERE lower(first_name) = lower('Elena')",
        "count 3 behavioural + company": f"""
            SELECT COUNT(*) FROM people p JOIN companies c ON c.id = p.company_id
            WHERE c.employees >= 50
              AND p.id IN (SELECT person_id FROM events WHERE type = 'page' AND name = 'Pricing'
                           AND timestamp BETWEEN {start(14)} AND {end}
                           GROUP BY person_id HAVING COUNT(*) >= 3)
              AND p.id IN (SELECT person_id FROM events WHERE type = 'track'
                           AND name = 'Report Exported' AND timestamp BETWEEN {start(30)} AND {end})
              AND p.id NOT IN (SELECT person_id FROM events WHERE type = 'track'
                           AND name = 'Teammate Invited' AND person_id IS NOT NULL
                           AND timestamp BETWEEN {start(7)} AND {end})""",
        "count companies (the issue's)": f"""
            SELECT COUNT(*) FROM companies c
            WHERE c.employees >= 50
              AND list_contains(list_transform(CAST(json_extract_string(c.technologies, '$[*]') AS VARCHAR[]), lambda x: lower(x)), 'segment')
              AND c.id IN (SELECT p.company_id FROM people p WHERE p.company_id IS NOT NULL AND p.id IN (
                    SELECT person_id FROM events WHERE type = 'page' AND name = 'Pricing'
                    AND timestamp BETWEEN {start(14)} AND {end}
                    GROUP BY person_id HAVING COUNT(*) >= 3))
              AND c.id NOT IN (SELECT p.company_id FROM people p WHERE p.company_id IS NOT NULL
                    AND p.id IN (SELECT person_id FROM email_activity
                                 WHERE kind = 'replied' AND person_id IS NOT NULL))""",
    }
    for name, sql in queries.items():
        best = None
        for _ in range(5):
            t = time.perf_counter()
            n = con.execute(sql).fetchone()[0]
            elapsed = time.perf_counter() - t
            best = elapsed if best is None else min(best, elapsed)
        print(f"{name}: {n} in {best * 1000:.1f} ms")


if __name__ == "__main__":
    main()
