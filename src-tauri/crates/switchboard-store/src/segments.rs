//! Saved segments, their membership versions, and the engine's operations on a definition:
//! count, sample, explain and members. A definition is compiled to SQL by [`compile`].

pub mod compile;
pub mod export;

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use sea_query::{Alias, Expr, ExprTrait, Query};
use serde::Serialize;
use switchboard_core::audience::{self, Definition, Problem, Rule, Target};
use switchboard_core::{Day, Timestamp};

pub use compile::{CompileError, Scope};

use crate::Result;

/// What is wrong with a segment, in words for the person who made it.
#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    #[error("{}", describe_problems(.0))]
    Invalid(Vec<Problem>),
    #[error("segments would read each other in a circle: {}", .0.join(" → "))]
    Cycle(Vec<String>),
    #[error("no segment named `{0}`; `segment list` shows them")]
    NotFound(String),
    #[error("no saved funnel named `{0}`; `funnel list` shows them")]
    NoFunnel(String),
    #[error("a segment named `{0}` already exists; choose another name")]
    Duplicate(String),
    #[error("`{name}` is used by {}; remove it from them first", .used_by.join(", "))]
    InUse { name: String, used_by: Vec<String> },
    #[error("no version {version} of `{name}`; it has {latest}")]
    NoVersion { name: String, version: i64, latest: i64 },
    #[error(transparent)]
    Compile(#[from] CompileError),
}

fn describe_problems(problems: &[Problem]) -> String {
    match problems {
        [one] => one.to_string(),
        many => format!(
            "{} problems: {}",
            many.len(),
            many.iter().map(Problem::to_string).collect::<Vec<_>>().join("; ")
        ),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Computing,
    Ready,
    Failed,
}

impl Status {
    fn parse(s: &str) -> Status {
        match s {
            "computing" => Status::Computing,
            "ready" => Status::Ready,
            "failed" => Status::Failed,
            _ => Status::Pending,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Computing => "computing",
            Status::Ready => "ready",
            Status::Failed => "failed",
        }
    }
}

/// A saved segment with its latest version's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Saved {
    pub id: i64,
    pub definition: Definition,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub status: Status,
    /// Why the last computation failed.
    pub status_detail: Option<String>,
    pub computed_at: Option<Timestamp>,
    pub latest: Option<Version>,
}

impl Saved {
    pub fn name(&self) -> &str {
        &self.definition.name
    }
}

/// One computation of a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Version {
    pub version: i64,
    pub computed_at: Timestamp,
    /// What asked for it: `saved`, `recompute`, `import`, `schedule`, ...
    pub reason: String,
    pub size: i64,
    pub entered: i64,
    pub exited: i64,
    pub too_new: i64,
}

/// How many a rule keeps and drops of those that reach it. Inside `none`, `kept` counts those the
/// rule matches, which the group then drops.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explained {
    /// JSON pointer of the rule in the definition.
    pub path: String,
    pub kind: &'static str,
    pub description: String,
    /// `people` or `companies`: what this rule counts (people inside a company's `people` rule).
    pub unit: &'static str,
    pub input: i64,
    pub kept: i64,
    pub dropped: i64,
    pub negated: bool,
    /// For "did not do X": how many kept were first seen after the window began.
    pub too_new: Option<i64>,
    pub children: Vec<Explained>,
}

// ---- the engine ---------------------------------------------------------------------------------

/// Saved definitions by name, for `in_segment`.
fn saved_definitions(conn: &Connection) -> Result<BTreeMap<String, Definition>> {
    let mut stmt = conn.prepare_cached("SELECT definition FROM segments")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = BTreeMap::new();
    for text in rows {
        let def: Definition = serde_json::from_str(&text?)?;
        out.insert(def.name.to_lowercase(), def);
    }
    Ok(out)
}

/// Counts the saved funnels `def` reads (itself or through the segments it reads) into the
/// connection's `funnel_reach`, as of `today`, for its `in_funnel` rules to select from.
fn materialise_funnels(
    conn: &Connection,
    def: &Definition,
    saved: &BTreeMap<String, Definition>,
    today: Day,
) -> Result<()> {
    let mut funnels = std::collections::BTreeSet::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut todo = vec![def.clone()];
    while let Some(d) = todo.pop() {
        funnels.extend(d.funnels().into_iter().map(|f| f.trim().to_lowercase()));
        for r in d.references() {
            if seen.insert(r.to_lowercase())
                && let Some(inner) = saved.get(&r.to_lowercase())
            {
                todo.push(inner.clone());
            }
        }
    }
    if funnels.is_empty() {
        return Ok(());
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS funnel_reach (
             funnel TEXT NOT NULL, person_id INTEGER NOT NULL, reached INTEGER NOT NULL,
             PRIMARY KEY (funnel, person_id)) WITHOUT ROWID;
         DELETE FROM funnel_reach;",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO funnel_reach (funnel, person_id, reached) VALUES (?1, ?2, ?3)",
    )?;
    for name in funnels {
        let saved = crate::funnels::get(conn, &name)?
            .ok_or_else(|| SegmentError::NoFunnel(name.clone()))?;
        for (person, reached) in crate::funnels::reached(conn, &saved.funnel, today)? {
            insert.execute(params![name, person, reached as i64])?;
        }
    }
    Ok(())
}

/// Compiles `def` against the saved segments, ready to run.
struct Compiled {
    target: Target,
    cond: Expr,
}

fn compile_def(
    conn: &Connection,
    def: &Definition,
    today: Day,
    now: Timestamp,
) -> Result<Compiled> {
    let problems = def.validate();
    if !problems.is_empty() {
        return Err(SegmentError::Invalid(problems).into());
    }
    let saved = saved_definitions(conn)?;
    materialise_funnels(conn, def, &saved, today)?;
    let lookup = |name: &str| saved.get(&name.to_lowercase()).cloned();
    let scope = Scope { today, now, lookup: &lookup };
    let cond = compile::condition(&def.rule, def.target, &scope).map_err(SegmentError::from)?;
    Ok(Compiled { target: def.target, cond })
}

fn count_where(conn: &Connection, target: Target, cond: Expr) -> Result<i64> {
    let (sql, values) = compile::build(&compile::count_query(target, cond));
    Ok(conn.prepare(&sql)?.query_row(params_from_iter(values), |r| r.get(0))?)
}

/// How many people or companies `def` holds now.
pub fn count(conn: &Connection, def: &Definition, today: Day, now: Timestamp) -> Result<i64> {
    let c = compile_def(conn, def, today, now)?;
    count_where(conn, c.target, c.cond)
}

/// The newest `limit` members' ids.
pub fn sample(
    conn: &Connection,
    def: &Definition,
    today: Day,
    now: Timestamp,
    limit: u64,
) -> Result<Vec<i64>> {
    let c = compile_def(conn, def, today, now)?;
    let mut q = compile::ids_query(c.target, c.cond);
    q.clear_order_by()
        .order_by((Alias::new(compile::alias(c.target)), Alias::new("id")), sea_query::Order::Desc)
        .limit(limit);
    let (sql, values) = compile::build(&q);
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt.query_map(params_from_iter(values), |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// Every member's id, in id order.
pub fn members(
    conn: &Connection,
    def: &Definition,
    today: Day,
    now: Timestamp,
) -> Result<Vec<i64>> {
    let c = compile_def(conn, def, today, now)?;
    let (sql, values) = compile::build(&compile::ids_query(c.target, c.cond));
    let mut stmt = conn.prepare(&sql)?;
    let ids = stmt.query_map(params_from_iter(values), |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// The SQL a definition compiles to, for SQLite and for Postgres (the dialect seam).
pub fn sql(
    conn: &Connection,
    def: &Definition,
    today: Day,
    now: Timestamp,
) -> Result<(String, String)> {
    let c = compile_def(conn, def, today, now)?;
    let q = compile::count_query(c.target, c.cond);
    Ok((compile::build(&q).0, compile::postgres_sql(&q)))
}

/// For each rule, how many of those that reach it it keeps.
pub fn explain(
    conn: &Connection,
    def: &Definition,
    today: Day,
    now: Timestamp,
) -> Result<Explained> {
    compile_def(conn, def, today, now)?;
    let saved = saved_definitions(conn)?;
    let lookup = |name: &str| saved.get(&name.to_lowercase()).cloned();
    let scope = Scope { today, now, lookup: &lookup };
    let ex = Explainer { conn, scope: &scope };
    ex.node(&def.rule, def.target, compile::truth(), "/rule", false)
}

struct Explainer<'a> {
    conn: &'a Connection,
    scope: &'a Scope<'a>,
}

impl Explainer<'_> {
    fn cond(&self, rule: &Rule, target: Target) -> Result<Expr> {
        Ok(compile::condition(rule, target, self.scope).map_err(SegmentError::from)?)
    }

    fn node(
        &self,
        rule: &Rule,
        target: Target,
        ctx: Expr,
        path: &str,
        negated: bool,
    ) -> Result<Explained> {
        let here = format!("{path}/{}", rule.kind());
        let cond = self.cond(rule, target)?;
        let input = count_where(self.conn, target, ctx.clone())?;
        let kept = count_where(self.conn, target, ctx.clone().and(cond.clone()))?;
        let mut children = Vec::new();
        match rule {
            Rule::All(rules) => {
                let mut running = ctx.clone();
                for (i, r) in rules.iter().enumerate() {
                    children.push(self.node(
                        r,
                        target,
                        running.clone(),
                        &format!("{here}/{i}"),
                        negated,
                    )?);
                    running = running.and(self.cond(r, target)?);
                }
            }
            Rule::Any(rules) => {
                for (i, r) in rules.iter().enumerate() {
                    children.push(self.node(
                        r,
                        target,
                        ctx.clone(),
                        &format!("{here}/{i}"),
                        negated,
                    )?);
                }
            }
            Rule::None(rules) => {
                for (i, r) in rules.iter().enumerate() {
                    children.push(self.node(
                        r,
                        target,
                        ctx.clone(),
                        &format!("{here}/{i}"),
                        !negated,
                    )?);
                }
            }
            Rule::People(pc) => {
                // The people of the companies that reach this rule.
                let people_ctx = compile::col("p", "company_id").in_subquery(
                    Query::select()
                        .expr(compile::col("c", "id"))
                        .from_as(Alias::new("companies"), Alias::new("c"))
                        .and_where(ctx.clone())
                        .to_owned(),
                );
                let negated = pc.quantifier == audience::Quantifier::None;
                children.push(self.node(
                    &pc.rule,
                    Target::People,
                    people_ctx,
                    &format!("{here}/rule"),
                    negated,
                )?);
            }
            _ => {}
        }
        let too_new = match rule {
            Rule::NotPerformed(e) => {
                let (from, _) = compile::days(&e.window, self.scope).map_err(SegmentError::from)?;
                let fresh = compile::col("p", "created_at").gt(from.start());
                Some(count_where(self.conn, target, ctx.and(cond).and(fresh))?)
            }
            _ => None,
        };
        Ok(Explained {
            path: here,
            kind: rule.kind(),
            description: rule.describe(),
            unit: target.as_str(),
            input,
            kept,
            dropped: input - kept,
            negated,
            too_new,
            children,
        })
    }
}

/// Members first seen after the start of a "did not do X" window: the rule cannot yet say
/// whether they would have done it. People segments only.
fn too_new_condition(def: &Definition, scope: &Scope<'_>) -> Option<Expr> {
    if def.target != Target::People {
        return None;
    }
    let mut starts = Vec::new();
    def.rule.visit(&mut |rule| {
        if let Rule::NotPerformed(e) = rule
            && let Some((from, _)) = e.window.days(scope.today)
        {
            starts.push(from.start());
        }
    });
    let earliest = starts.into_iter().min()?;
    Some(compile::col("p", "created_at").gt(earliest))
}

/// A `segments` row: id, definition, created, updated, status, detail, computed.
type Row = (i64, String, i64, i64, String, Option<String>, Option<i64>);

// ---- saved segments -----------------------------------------------------------------------------

fn saved_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

const SAVED: &str =
    "SELECT id, definition, created_at, updated_at, status, status_detail, computed_at
                     FROM segments";

fn hydrate(conn: &Connection, row: Row) -> Result<Saved> {
    let (id, definition, created_at, updated_at, status, status_detail, computed_at) = row;
    Ok(Saved {
        id,
        definition: serde_json::from_str(&definition)?,
        created_at,
        updated_at,
        status: Status::parse(&status),
        status_detail,
        computed_at,
        latest: versions(conn, id, 1)?.pop(),
    })
}

/// Every saved segment, by name.
pub fn list(conn: &Connection) -> Result<Vec<Saved>> {
    let rows: Vec<_> = conn
        .prepare(&format!("{SAVED} ORDER BY name COLLATE NOCASE"))?
        .query_map([], saved_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|row| hydrate(conn, row)).collect()
}

/// The segment named `name` (any case).
pub fn get(conn: &Connection, name: &str) -> Result<Saved> {
    let row = conn
        .prepare_cached(&format!("{SAVED} WHERE name = ?1"))?
        .query_row([name], saved_from_row)
        .optional()?
        .ok_or_else(|| SegmentError::NotFound(name.to_owned()))?;
    hydrate(conn, row)
}

/// Saves a new segment (`replacing` is `None`) or replaces the one named `replacing`, which may
/// rename it: segments that use it by name follow. Refuses invalid definitions, duplicates and
/// cycles. The membership is not computed here: see [`recompute`].
pub fn save(
    conn: &Connection,
    def: &Definition,
    replacing: Option<&str>,
    now: Timestamp,
) -> Result<i64> {
    let problems = def.validate();
    if !problems.is_empty() {
        return Err(SegmentError::Invalid(problems).into());
    }
    let saved = saved_definitions(conn)?;
    let existing = match replacing {
        Some(old) => Some(get(conn, old)?),
        None => None,
    };
    let renamed = existing.as_ref().is_some_and(|e| !e.name().eq_ignore_ascii_case(&def.name));
    if (existing.is_none() || renamed) && saved.contains_key(&def.name.to_lowercase()) {
        return Err(SegmentError::Duplicate(def.name.clone()).into());
    }
    for name in def.references() {
        let known = saved.contains_key(&name.to_lowercase())
            || existing.as_ref().is_some_and(|e| e.name().eq_ignore_ascii_case(&name))
            || name.eq_ignore_ascii_case(&def.name);
        if !known {
            return Err(SegmentError::Invalid(vec![Problem {
                path: "/rule".to_owned(),
                message: format!("segment `{name}` does not exist; save it first"),
            }])
            .into());
        }
    }
    let lookup = |name: &str| saved.get(&name.to_lowercase()).map(Definition::references);
    let own = existing.as_ref().map_or(def.name.as_str(), Saved::name);
    if let Some(cycle) = audience::find_cycle(own, &def.references(), &lookup) {
        return Err(SegmentError::Cycle(cycle).into());
    }
    let json = serde_json::to_string(def)?;
    match existing {
        None => {
            conn.execute(
                "INSERT INTO segments (name, target, definition, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![def.name, def.target.as_str(), json, now],
            )?;
            Ok(conn.last_insert_rowid())
        }
        Some(old) => {
            conn.execute(
                "UPDATE segments SET name = ?2, target = ?3, definition = ?4, updated_at = ?5,
                        status = 'pending', status_detail = NULL
                 WHERE id = ?1",
                params![old.id, def.name, def.target.as_str(), json, now],
            )?;
            if renamed {
                for (_, mut other) in saved {
                    if rename_references(&mut other.rule, old.name(), &def.name) {
                        conn.execute(
                            "UPDATE segments SET definition = ?2 WHERE name = ?1",
                            params![other.name, serde_json::to_string(&other)?],
                        )?;
                    }
                }
            }
            Ok(old.id)
        }
    }
}

fn rename_references(rule: &mut Rule, from: &str, to: &str) -> bool {
    match rule {
        Rule::InSegment(s) if s.segment.eq_ignore_ascii_case(from) => {
            s.segment = to.to_owned();
            true
        }
        Rule::All(rules) | Rule::Any(rules) | Rule::None(rules) => {
            rules.iter_mut().fold(false, |changed, r| rename_references(r, from, to) | changed)
        }
        Rule::People(p) => rename_references(&mut p.rule, from, to),
        _ => false,
    }
}

/// Deletes a segment, its versions and members. Refused while another segment uses it.
pub fn delete(conn: &Connection, name: &str) -> Result<()> {
    let segment = get(conn, name)?;
    let used_by: Vec<String> = saved_definitions(conn)?
        .into_values()
        .filter(|d| d.references().iter().any(|r| r.eq_ignore_ascii_case(segment.name())))
        .filter(|d| !d.name.eq_ignore_ascii_case(segment.name()))
        .map(|d| d.name)
        .collect();
    if !used_by.is_empty() {
        return Err(SegmentError::InUse { name: segment.name().to_owned(), used_by }.into());
    }
    conn.execute("DELETE FROM segments WHERE id = ?1", [segment.id])?;
    Ok(())
}

/// Marks a segment as being computed, so that screens say so while it runs.
pub fn mark_computing(conn: &Connection, id: i64) -> Result<()> {
    conn.execute("UPDATE segments SET status = 'computing' WHERE id = ?1", [id])?;
    Ok(())
}

/// Segments left "computing" by a process that stopped (a crash, a kill) go back to pending, so
/// their status stays true. Run when the app opens a workspace.
pub fn reset_interrupted(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE segments SET status = 'pending',
                status_detail = 'the last computation was interrupted; recompute it'
         WHERE status = 'computing'",
        [],
    )?)
}

/// Records a failed computation with its reason; the last good version stays.
pub fn mark_failed(conn: &Connection, id: i64, reason: &str, now: Timestamp) -> Result<()> {
    conn.execute(
        "UPDATE segments SET status = 'failed', status_detail = ?2, computed_at = ?3 WHERE id = ?1",
        params![id, reason, now],
    )?;
    Ok(())
}

/// Computes the segment's membership now and writes it as a new version, with who entered and
/// who exited since the last. One transaction: a crash leaves the previous version whole.
pub fn recompute(
    conn: &mut Connection,
    id: i64,
    reason: &str,
    today: Day,
    now: Timestamp,
) -> Result<Version> {
    let tx = conn.transaction()?;
    let (json,): (String,) =
        tx.query_row("SELECT definition FROM segments WHERE id = ?1", [id], |r| Ok((r.get(0)?,)))?;
    let def: Definition = serde_json::from_str(&json)?;
    let compiled = compile_def(&tx, &def, today, now)?;
    let saved = saved_definitions(&tx)?;
    let lookup = |name: &str| saved.get(&name.to_lowercase()).cloned();
    let scope = Scope { today, now, lookup: &lookup };

    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS segment_next (entity_id INTEGER PRIMARY KEY);
         DELETE FROM segment_next;",
    )?;
    let (sql, values) = compile::build(&compile::ids_query(compiled.target, compiled.cond));
    tx.execute(&format!("INSERT INTO segment_next (entity_id) {sql}"), params_from_iter(values))?;
    let version: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM segment_versions WHERE segment_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let entered = tx.execute(
        "INSERT INTO segment_changes (segment_id, version, entity_id, change)
         SELECT ?1, ?2, n.entity_id, 'entered' FROM segment_next n
         WHERE NOT EXISTS (SELECT 1 FROM segment_members m
                           WHERE m.segment_id = ?1 AND m.entity_id = n.entity_id)",
        params![id, version],
    )? as i64;
    let exited = tx.execute(
        "INSERT INTO segment_changes (segment_id, version, entity_id, change)
         SELECT ?1, ?2, m.entity_id, 'exited' FROM segment_members m
         WHERE m.segment_id = ?1
           AND NOT EXISTS (SELECT 1 FROM segment_next n WHERE n.entity_id = m.entity_id)",
        params![id, version],
    )? as i64;
    tx.execute(
        "DELETE FROM segment_members WHERE segment_id = ?1
           AND entity_id IN (SELECT entity_id FROM segment_changes
                             WHERE segment_id = ?1 AND version = ?2 AND change = 'exited')",
        params![id, version],
    )?;
    tx.execute(
        "INSERT INTO segment_members (segment_id, entity_id, since_version)
         SELECT ?1, entity_id, ?2 FROM segment_changes
         WHERE segment_id = ?1 AND version = ?2 AND change = 'entered'",
        params![id, version],
    )?;
    let size: i64 = tx.query_row("SELECT COUNT(*) FROM segment_next", [], |r| r.get(0))?;
    let too_new = match too_new_condition(&def, &scope) {
        None => 0,
        Some(fresh) => {
            let q = Query::select()
                .expr(Expr::cust("COUNT(*)"))
                .from_as(Alias::new("people"), Alias::new("p"))
                .and_where(
                    compile::col("p", "id").in_subquery(
                        Query::select()
                            .column(Alias::new("entity_id"))
                            .from(Alias::new("segment_next"))
                            .to_owned(),
                    ),
                )
                .and_where(fresh)
                .to_owned();
            let (sql, values) = compile::build(&q);
            tx.query_row(&sql, params_from_iter(values), |r| r.get(0))?
        }
    };
    tx.execute(
        "INSERT INTO segment_versions
             (segment_id, version, computed_at, reason, definition, size, entered, exited, too_new)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![id, version, now, reason, json, size, entered, exited, too_new],
    )?;
    tx.execute(
        "UPDATE segments SET status = ?2, status_detail = NULL, computed_at = ?3 WHERE id = ?1",
        params![id, Status::Ready.as_str(), now],
    )?;
    tx.execute("DELETE FROM segment_next", [])?;
    tx.commit()?;
    Ok(Version {
        version,
        computed_at: now,
        reason: reason.to_owned(),
        size,
        entered,
        exited,
        too_new,
    })
}

/// The latest `limit` versions, newest first.
pub fn versions(conn: &Connection, id: i64, limit: i64) -> Result<Vec<Version>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, computed_at, reason, size, entered, exited, too_new
         FROM segment_versions WHERE segment_id = ?1 ORDER BY version DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![id, limit], |r| {
        Ok(Version {
            version: r.get(0)?,
            computed_at: r.get(1)?,
            reason: r.get(2)?,
            size: r.get(3)?,
            entered: r.get(4)?,
            exited: r.get(5)?,
            too_new: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who entered and who exited in `version` (the latest when `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diff {
    pub version: Version,
    pub entered: Vec<i64>,
    pub exited: Vec<i64>,
}

pub fn diff(conn: &Connection, name: &str, version: Option<i64>) -> Result<Diff> {
    let segment = get(conn, name)?;
    let all = versions(conn, segment.id, i64::MAX)?;
    let latest = all.first().map_or(0, |v| v.version);
    let wanted = version.unwrap_or(latest);
    let Some(v) = all.into_iter().find(|v| v.version == wanted) else {
        return Err(SegmentError::NoVersion {
            name: segment.name().to_owned(),
            version: wanted,
            latest,
        }
        .into());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT entity_id FROM segment_changes WHERE segment_id = ?1 AND version = ?2 AND change = ?3
         ORDER BY entity_id",
    )?;
    let mut ids = |change: &str| -> Result<Vec<i64>> {
        let rows = stmt.query_map(params![segment.id, wanted, change], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let entered = ids("entered")?;
    let exited = ids("exited")?;
    Ok(Diff { version: v, entered, exited })
}

/// The ids of the saved segments that need computing after new data (all of them).
pub fn ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM segments ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the workspace holds, for the builder's pickers: event names with their type and count,
/// person trait keys, and the most common values of one key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventName {
    pub event_type: String,
    pub name: String,
    pub count: i64,
}

pub fn event_names(conn: &Connection) -> Result<Vec<EventName>> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, name, SUM(n) FROM rollups GROUP BY type, name ORDER BY SUM(n) DESC LIMIT 500",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(EventName { event_type: r.get(0)?, name: r.get(1)?, count: r.get(2)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Trait keys seen on the latest 5,000 people, most common first.
pub fn trait_keys(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT j.key, COUNT(*) FROM (SELECT traits FROM people ORDER BY id DESC LIMIT 5000) p,
                json_each(p.traits) j
         GROUP BY j.key ORDER BY COUNT(*) DESC, j.key LIMIT 200",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The most common values of a person trait or field, or of a company field, with counts.
pub fn values(
    conn: &Connection,
    target: Target,
    key: &str,
    prefix: &str,
) -> Result<Vec<(String, i64)>> {
    let (from, expr): (&str, Expr) = match target {
        Target::Companies if key == "technologies" => {
            let sql = "SELECT j.value, COUNT(*) FROM companies c, json_each(c.technologies) j
                       WHERE lower(j.value) LIKE lower(?1) || '%' ESCAPE '\\'
                       GROUP BY j.value ORDER BY COUNT(*) DESC LIMIT 50";
            let rows: Vec<(String, i64)> = conn
                .prepare_cached(sql)?
                .query_map([escape_like(prefix)], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            return Ok(rows);
        }
        Target::Companies if audience::COMPANY_FIELDS.contains(&key) => {
            ("companies", compile::col("t", key))
        }
        Target::Companies => return Ok(Vec::new()),
        Target::People if audience::PERSON_FIELDS.contains(&key) => {
            ("people", compile::col("t", key))
        }
        Target::People => {
            let sql = "SELECT CAST(value AS TEXT), COUNT(*) FROM person_traits
                       WHERE key = ?1 AND element < 2
                         AND lower(CAST(value AS TEXT)) LIKE lower(?2) || '%' ESCAPE '\\'
                       GROUP BY 1 ORDER BY 2 DESC LIMIT 50";
            let rows: Vec<(String, i64)> = conn
                .prepare_cached(sql)?
                .query_map(params![key, escape_like(prefix)], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            return Ok(rows);
        }
    };
    let q = Query::select()
        .expr(Expr::cust_with_expr("CAST(? AS TEXT)", expr.clone()))
        .expr(Expr::cust("COUNT(*)"))
        .from_as(Alias::new(from), Alias::new("t"))
        .and_where(expr.clone().is_not_null())
        .and_where(Expr::cust_with_exprs(
            "lower(CAST(? AS TEXT)) LIKE lower(?) || '%' ESCAPE '\\'",
            [expr, Expr::val(escape_like(prefix))],
        ))
        .add_group_by([Expr::cust("1")])
        .order_by_expr(Expr::cust("COUNT(*)"), sea_query::Order::Desc)
        .limit(50)
        .to_owned();
    let (sql, values) = compile::build(&q);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// The latest version's members per fit segment (very good, good, medium, low), by their own
/// score, else (for people) their company's; members without a score count as low fits.
pub fn members_by_fit(conn: &Connection, name: &str) -> Result<[u64; 4]> {
    let segment = get(conn, name)?;
    let sql = match segment.definition.target {
        Target::People => {
            "SELECT COALESCE(
                 (SELECT segment FROM scores WHERE entity = 'person' AND entity_id = p.id
                  ORDER BY scored_at DESC LIMIT 1),
                 (SELECT segment FROM scores WHERE entity = 'company' AND entity_id = p.company_id
                  ORDER BY scored_at DESC LIMIT 1), 'low'), COUNT(*)
             FROM segment_members m JOIN people p ON p.id = m.entity_id
             WHERE m.segment_id = ?1 GROUP BY 1"
        }
        Target::Companies => {
            "SELECT COALESCE(
                 (SELECT segment FROM scores WHERE entity = 'company' AND entity_id = m.entity_id
                  ORDER BY scored_at DESC LIMIT 1), 'low'), COUNT(*)
             FROM segment_members m WHERE m.segment_id = ?1 GROUP BY 1"
        }
    };
    let mut out = [0u64; 4];
    let mut stmt = conn.prepare_cached(sql)?;
    let rows =
        stmt.query_map([segment.id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    for row in rows {
        let (fit, n) = row?;
        let fit: switchboard_core::FitSegment = fit.parse()?;
        let i = switchboard_core::FitSegment::ALL.iter().position(|f| *f == fit).unwrap_or(3);
        out[i] += n as u64;
    }
    Ok(out)
}

/// Campaigns with email activity, by name.
pub fn campaigns(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT DISTINCT campaign FROM email_activity ORDER BY 1")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Saved segments' names and targets, for `in_segment`.
pub fn refs(conn: &Connection) -> Result<Vec<(String, Target)>> {
    Ok(saved_definitions(conn)?.into_values().map(|d| (d.name, d.target)).collect())
}

#[cfg(test)]
mod tests;
