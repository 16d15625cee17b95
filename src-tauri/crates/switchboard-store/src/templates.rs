//! `templates`: email templates by name, each a JSON chain of layers. The shipped default is
//! marked built in: it can be edited, not deleted.

use rusqlite::{Connection, OptionalExtension, params};
use switchboard_core::Timestamp;
use switchboard_core::template::Template;

use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredTemplate {
    pub template: Template,
    pub built_in: bool,
    pub updated_at: Timestamp,
}

fn decode(name: &str, json: &str) -> Result<Template> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("template {name}: {e}")))
}

pub fn list(conn: &Connection) -> Result<Vec<StoredTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, definition, built_in, updated_at FROM templates ORDER BY built_in DESC, name",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get(3)?))
    })?;
    rows.map(|row| {
        let (name, json, built_in, updated_at) = row?;
        Ok(StoredTemplate { template: decode(&name, &json)?, built_in, updated_at })
    })
    .collect()
}

pub fn get(conn: &Connection, name: &str) -> Result<Option<StoredTemplate>> {
    let row: Option<(String, bool, i64)> = conn
        .prepare_cached("SELECT definition, built_in, updated_at FROM templates WHERE name = ?1")?
        .query_row([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(json, built_in, updated_at)| {
        Ok(StoredTemplate { template: decode(name, &json)?, built_in, updated_at })
    })
    .transpose()
}

/// Saves a template under its name (replacing one of that name), keeping its built-in mark.
pub fn save(conn: &Connection, t: &Template, built_in: bool, at: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO templates (name, definition, built_in, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (name) DO UPDATE SET definition = excluded.definition,
             updated_at = excluded.updated_at, built_in = built_in OR excluded.built_in",
    )?
    .execute(params![t.name, serde_json::to_string(t)?, built_in, at])?;
    Ok(())
}

/// Deletes a template that is not built in. Returns false when there was none of that name.
pub fn delete(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM templates WHERE name = ?1 AND built_in = 0")?
        .execute([name])?
        == 1)
}

/// Whether any template is marked built in (the default has been installed).
pub fn has_built_in(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM templates WHERE built_in = 1)", [], |r| {
        r.get(0)
    })?)
}
