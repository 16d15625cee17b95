//! `identities`: the anonymous ids, user ids, emails and group ids that point to a person.
//! Each identifier points to one person; linking it again is a no-op.

use rusqlite::{Connection, params};
use switchboard_core::Identity;

use crate::Result;

/// Links an identifier to a person. Returns false when it was already linked.
pub fn link(conn: &Connection, i: &Identity) -> Result<bool> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO identities (person_id, kind, value, first_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (kind, value) DO NOTHING",
    )?;
    Ok(stmt.execute(params![i.person_id, i.kind.as_str(), i.value, i.first_seen_at])? == 1)
}
