//! The schema's history: append-only migrations, their number kept in `PRAGMA user_version`.
//! A migration once released is never edited; a change is a new file.

use std::sync::LazyLock;

use rusqlite_migration::{M, Migrations};

static MIGRATIONS: LazyLock<Migrations<'static>> = LazyLock::new(|| {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_core.sql")),
        M::up(include_str!("migrations/0002_sources.sql")),
        M::up(include_str!("migrations/0003_checkpoints.sql")),
        M::up(include_str!("migrations/0004_profiles.sql")),
        M::up(include_str!("migrations/0005_templates.sql")),
        M::up(include_str!("migrations/0006_segments.sql")),
        M::up(include_str!("migrations/0007_person_traits.sql")),
        M::up(include_str!("migrations/0008_funnels.sql")),
        M::up(include_str!("migrations/0009_sync.sql")),
        M::up(include_str!("migrations/0010_guard.sql")),
        M::up(include_str!("migrations/0011_pipeline.sql")),
        M::up(include_str!("migrations/0012_outreach.sql")),
        M::up(include_str!("migrations/0013_lean_writes.sql")),
    ])
});

pub fn all() -> &'static Migrations<'static> {
    &MIGRATIONS
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    13
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::all().validate().unwrap();
    }

    #[test]
    fn latest_matches_the_list() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::all().to_latest(&mut conn).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, super::latest());
    }
}
