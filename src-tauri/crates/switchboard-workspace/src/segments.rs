//! Segments from the workspace's side: save (and compute) them, preview a definition being edited
//! (count, explanation, sample) on a read-only connection so the writer is never held up, keep
//! every saved segment's membership current after imports, and export members to a file.

use std::io::{BufWriter, Write};
use std::path::Path;

use switchboard_core::audience::{Definition, Target};
use switchboard_core::{Day, Timestamp};
use switchboard_store::segments::{
    self as store, Diff, EventName, Explained, Saved, Version, export::Format,
};
use switchboard_store::{Connection, Db};

use crate::{Error, Result, Workspace};

/// A member as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MemberRow {
    pub id: i64,
    /// A person's name (or email), a company's name.
    pub title: String,
    /// A person's email and company, a company's domain, size and industry.
    pub subtitle: String,
}

/// What the builder shows beside a definition being edited.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Preview {
    pub count: i64,
    pub explanation: Explained,
    pub sample: Vec<MemberRow>,
}

/// What the builder's pickers offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub events: Vec<EventName>,
    pub trait_keys: Vec<(String, i64)>,
    pub campaigns: Vec<String>,
    pub segments: Vec<(String, Target)>,
}

/// How an export will turn out, before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ExportEstimate {
    pub rows: u64,
    pub bytes: u64,
}

impl Workspace {
    /// Runs `f` on a read-only connection on a blocking thread.
    async fn read<R, F>(&self, f: F) -> Result<R>
    where
        F: FnOnce(&Connection) -> switchboard_store::Result<R> + Send + 'static,
        R: Send + 'static,
    {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || db.read(f))
            .await
            .map_err(|e| Error::Missing(format!("a background read stopped: {e}")))?
            .map_err(Error::from)
    }

    pub async fn segments(&self) -> Result<Vec<Saved>> {
        self.read(store::list).await
    }

    pub async fn segment(&self, name: &str) -> Result<Saved> {
        let name = name.to_owned();
        self.read(move |c| store::get(c, &name)).await
    }

    /// Saves a new segment (or replaces `replacing`) and computes its first (next) version.
    pub async fn save_segment(
        &self,
        def: Definition,
        replacing: Option<String>,
        now: Timestamp,
    ) -> Result<Saved> {
        let name = def.name.clone();
        let id = self.db.call(move |c| store::save(c, &def, replacing.as_deref(), now)).await?;
        self.recompute_segment_id(id, "saved", now).await?;
        self.segment(&name).await
    }

    /// A copy of `name` under `new_name`, computed.
    pub async fn duplicate_segment(
        &self,
        name: &str,
        new_name: &str,
        now: Timestamp,
    ) -> Result<Saved> {
        let mut def = self.segment(name).await?.definition;
        def.name = new_name.to_owned();
        self.save_segment(def, None, now).await
    }

    pub async fn rename_segment(
        &self,
        name: &str,
        new_name: &str,
        now: Timestamp,
    ) -> Result<Saved> {
        let mut def = self.segment(name).await?.definition;
        def.name = new_name.to_owned();
        self.save_segment(def, Some(name.to_owned()), now).await
    }

    pub async fn delete_segment(&self, name: &str) -> Result<()> {
        let name = name.to_owned();
        Ok(self.db.call(move |c| store::delete(c, &name)).await?)
    }

    /// Puts segments a stopped process left "computing" back to pending.
    pub async fn reset_interrupted_segments(&self) -> Result<usize> {
        Ok(self.db.call(|c| store::reset_interrupted(c)).await?)
    }

    /// Computes a new version of `name` now.
    pub async fn recompute_segment(
        &self,
        name: &str,
        reason: &str,
        now: Timestamp,
    ) -> Result<Version> {
        let id = self.segment(name).await?.id;
        self.recompute_segment_id(id, reason, now).await
    }

    async fn recompute_segment_id(&self, id: i64, reason: &str, now: Timestamp) -> Result<Version> {
        self.db.call(move |c| store::mark_computing(c, id)).await?;
        let reason = reason.to_owned();
        let result =
            self.db.call(move |c| store::recompute(c, id, &reason, Day::of(now), now)).await;
        match result {
            Ok(v) => Ok(v),
            Err(e) => {
                let why = e.to_string();
                self.db.call(move |c| store::mark_failed(c, id, &why, now)).await?;
                Err(e.into())
            }
        }
    }

    /// Recomputes every saved segment (after an import, a sync, or on the schedule). A segment
    /// that fails is marked failed with its reason; the others go on.
    pub async fn recompute_segments(
        &self,
        reason: &str,
        now: Timestamp,
    ) -> Result<Vec<(i64, Result<Version>)>> {
        let ids = self.read(store::ids).await?;
        let mut out = Vec::new();
        for id in ids {
            out.push((id, self.recompute_segment_id(id, reason, now).await));
        }
        Ok(out)
    }

    /// Blocking form for the CLI and the archive import, which run outside an async runtime.
    pub fn recompute_segments_blocking(db: &Db, reason: &str, now: Timestamp) -> Result<usize> {
        let ids = db.read(store::ids)?;
        for id in &ids {
            let (id, reason) = (*id, reason.to_owned());
            db.call_blocking(move |c| store::mark_computing(c, id))?;
            if let Err(e) =
                db.call_blocking(move |c| store::recompute(c, id, &reason, Day::of(now), now))
            {
                let why = e.to_string();
                db.call_blocking(move |c| store::mark_failed(c, id, &why, now))?;
            }
        }
        Ok(ids.len())
    }

    pub async fn segment_count(&self, def: Definition, now: Timestamp) -> Result<i64> {
        self.read(move |c| store::count(c, &def, Day::of(now), now)).await
    }

    pub async fn segment_explain(&self, def: Definition, now: Timestamp) -> Result<Explained> {
        self.read(move |c| store::explain(c, &def, Day::of(now), now)).await
    }

    /// Count, explanation and a sample of `def` as it is being edited.
    pub async fn segment_preview(
        &self,
        def: Definition,
        sample: u64,
        now: Timestamp,
    ) -> Result<Preview> {
        self.read(move |c| {
            let today = Day::of(now);
            let explanation = store::explain(c, &def, today, now)?;
            let ids = store::sample(c, &def, today, now, sample)?;
            Ok(Preview { count: explanation.kept, explanation, sample: rows(c, def.target, &ids)? })
        })
        .await
    }

    /// Versions of `name`, newest first.
    pub async fn segment_history(&self, name: &str, limit: i64) -> Result<Vec<Version>> {
        let id = self.segment(name).await?.id;
        self.read(move |c| store::versions(c, id, limit)).await
    }

    pub async fn segment_diff(
        &self,
        name: &str,
        version: Option<i64>,
    ) -> Result<(Diff, Vec<MemberRow>, Vec<MemberRow>)> {
        let name = name.to_owned();
        self.read(move |c| {
            let target = store::get(c, &name)?.definition.target;
            let diff = store::diff(c, &name, version)?;
            let entered = rows(c, target, &diff.entered)?;
            let exited = rows(c, target, &diff.exited)?;
            Ok((diff, entered, exited))
        })
        .await
    }

    /// The members of the latest version, first `limit`.
    pub async fn segment_members(&self, name: &str, limit: i64) -> Result<Vec<MemberRow>> {
        let name = name.to_owned();
        self.read(move |c| {
            let saved = store::get(c, &name)?;
            let mut stmt = c.prepare_cached(
                "SELECT entity_id FROM segment_members WHERE segment_id = ?1 ORDER BY entity_id LIMIT ?2",
            )?;
            let ids: Vec<i64> = stmt
                .query_map(switchboard_store::params![saved.id, limit], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            rows(c, saved.definition.target, &ids)
        })
        .await
    }

    pub async fn segment_fields(&self) -> Result<Fields> {
        self.read(|c| {
            Ok(Fields {
                events: store::event_names(c)?,
                trait_keys: store::trait_keys(c)?,
                campaigns: store::campaigns(c)?,
                segments: store::refs(c)?,
            })
        })
        .await
    }

    pub async fn segment_values(
        &self,
        target: Target,
        key: String,
        prefix: String,
    ) -> Result<Vec<(String, i64)>> {
        self.read(move |c| store::values(c, target, &key, &prefix)).await
    }

    pub async fn segment_export_estimate(
        &self,
        name: &str,
        columns: Vec<String>,
        format: Format,
    ) -> Result<ExportEstimate> {
        let name = name.to_owned();
        self.read(move |c| {
            let saved = store::get(c, &name)?;
            let (rows, bytes) =
                store::export::estimate(c, saved.id, saved.definition.target, &columns, format)?;
            Ok(ExportEstimate { rows, bytes })
        })
        .await
    }

    /// Writes the latest members of `name` to `path` (a temporary file renamed into place, so a
    /// failed export never leaves half a file). Blocking: run it on a thread of its own.
    pub fn export_segment(
        &self,
        name: &str,
        columns: &[String],
        format: Format,
        path: &Path,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        let io = |source| Error::Io { path: path.to_owned(), source };
        let partial = path.with_extension(format!(
            "{}.partial",
            path.extension().and_then(|e| e.to_str()).unwrap_or("out")
        ));
        let file = std::fs::File::create(&partial).map_err(io)?;
        let mut out = BufWriter::with_capacity(1 << 20, file);
        let written = self.write_segment(name, columns, format, &mut out, progress);
        let written = match written {
            Ok(n) => n,
            Err(e) => {
                drop(out);
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        };
        out.flush().map_err(io)?;
        drop(out);
        std::fs::rename(&partial, path).map_err(io)?;
        Ok(written)
    }
}

impl Workspace {
    /// Streams the latest members of `name` to `out`. Blocking.
    pub fn write_segment(
        &self,
        name: &str,
        columns: &[String],
        format: Format,
        out: &mut dyn Write,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        Ok(self.db.read(|c| {
            let saved = store::get(c, name)?;
            store::export::write(
                c,
                saved.id,
                saved.definition.target,
                columns,
                format,
                out,
                progress,
            )
        })?)
    }
}

/// Rows for the members `ids`, in the order given.
fn rows(
    conn: &Connection,
    target: Target,
    ids: &[i64],
) -> switchboard_store::Result<Vec<MemberRow>> {
    let sql = match target {
        Target::People => {
            "SELECT p.id,
                    COALESCE(NULLIF(trim(COALESCE(p.first_name, '') || ' ' || COALESCE(p.last_name, '')), ''),
                             p.email, p.user_id, 'Person ' || p.id),
                    trim(COALESCE(p.email, '') || COALESCE(' · ' || c.name, ''), ' ·')
             FROM people p LEFT JOIN companies c ON c.id = p.company_id WHERE p.id = ?1"
        }
        Target::Companies => {
            "SELECT c.id, c.name,
                    c.domain || COALESCE(' · ' || c.employees || ' employees', '')
                             || COALESCE(' · ' || c.industry, '')
             FROM companies c WHERE c.id = ?1"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = stmt.query_row([id], |r| {
            Ok(MemberRow { id: r.get(0)?, title: r.get(1)?, subtitle: r.get(2)? })
        })?;
        out.push(row);
    }
    Ok(out)
}

impl Workspace {
    /// Runs a funnel as of `now`, on a read-only connection.
    pub async fn run_funnel(
        &self,
        funnel: switchboard_core::funnel::Funnel,
        now: Timestamp,
    ) -> Result<switchboard_store::funnels::FunnelRun> {
        self.read(move |c| switchboard_store::funnels::run(c, &funnel, Day::of(now))).await
    }

    /// Saves a funnel under `name` (replacing one of that name), so segments can read it.
    pub async fn save_funnel(
        &self,
        name: &str,
        funnel: switchboard_core::funnel::Funnel,
        now: Timestamp,
    ) -> Result<()> {
        let name = name.to_owned();
        Ok(self.db.call(move |c| switchboard_store::funnels::save(c, &name, &funnel, now)).await?)
    }

    pub async fn funnels(&self) -> Result<Vec<switchboard_store::funnels::SavedFunnel>> {
        self.read(switchboard_store::funnels::list).await
    }

    /// Deletes a saved funnel; refused while a segment reads it.
    pub async fn delete_funnel(&self, name: &str) -> Result<()> {
        let name = name.to_owned();
        Ok(self.db.call(move |c| switchboard_store::funnels::delete(c, &name)).await?)
    }

    /// A live segment of the people who reached (or dropped out at) `step` of the saved funnel,
    /// computed now and again whenever segments are. Named for what it holds unless `name` says.
    pub async fn segment_from_funnel(
        &self,
        funnel: &str,
        step: u32,
        outcome: switchboard_core::audience::FunnelOutcome,
        name: Option<&str>,
        now: Timestamp,
    ) -> Result<Saved> {
        use switchboard_core::audience::{FunnelOutcome, InFunnel, Rule, Target};
        let saved = {
            let funnel = funnel.to_owned();
            self.read(move |c| switchboard_store::funnels::get(c, &funnel)).await?
        }
        .ok_or_else(|| {
            Error::Missing(format!("no saved funnel named `{funnel}`; save it first"))
        })?;
        let label = saved.funnel.steps.get(step.saturating_sub(1) as usize).map(|s| s.label());
        let Some(label) = label else {
            return Err(Error::InvalidOptions(format!(
                "`{}` has {} steps; choose one of 1 to {}",
                saved.name,
                saved.funnel.steps.len(),
                saved.funnel.steps.len()
            )));
        };
        let default_name = match outcome {
            FunnelOutcome::Reached => format!("{}: reached {label}", saved.name),
            FunnelOutcome::Dropped => format!("{}: dropped at {label}", saved.name),
        };
        let mut def = Definition::empty(name.unwrap_or(&default_name), Target::People);
        def.description = format!(
            "People who {} step {step} ({label}) of the funnel “{}”, counted as the funnel counts; kept up to date.",
            match outcome {
                FunnelOutcome::Reached => "reached",
                FunnelOutcome::Dropped => "dropped out at",
            },
            saved.name
        );
        def.rule = Rule::InFunnel(InFunnel { funnel: saved.name.clone(), step, outcome });
        self.save_segment(def, None, now).await
    }
}
