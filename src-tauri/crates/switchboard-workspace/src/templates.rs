//! Email templates: the list (the shipped double-forward one installed on first use), editing,
//! previews with a real prospect's data, a check over every prospect, and exports.

use switchboard_core::Timestamp;
use switchboard_core::template::{self, ProspectRecord, Rendered, Senders, Template};
use switchboard_store::templates::{self as store, StoredTemplate};
use switchboard_store::{prospects, settings};

use crate::{Error, Result, Workspace};

/// The setting that names the bot, the VP and the reps (JSON: `{"bot": {"name", "email"}, "vp":
/// {...}, "reps": [{...}]}`); Switchboard's defaults apply to whatever it leaves out.
pub const SENDERS: &str = "outbound.senders";

/// How an exported template is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    CustomerIo,
    Eml,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub file_name: String,
    pub content: String,
    pub notes: Vec<String>,
}

/// `template check`: every prospect's render, summarised.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckReport {
    pub prospects: u64,
    pub with_errors: u64,
    pub with_warnings: u64,
    /// Every prospect's email with the issues of their render (none when it is clean).
    pub renders: Vec<(String, Vec<template::Issue>)>,
}

pub(crate) fn senders(conn: &switchboard_store::Connection) -> switchboard_store::Result<Senders> {
    let mut s = Senders::default();
    let Some(text) = settings::get(conn, SENDERS)? else { return Ok(s) };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let sender = |v: &serde_json::Value| {
        Some(template::Sender {
            name: v.get("name")?.as_str()?.to_owned(),
            email: v.get("email")?.as_str()?.to_owned(),
        })
    };
    if let Some(b) = v.get("bot").and_then(sender) {
        s.bot = b;
    }
    if let Some(vp) = v.get("vp").and_then(sender) {
        s.vp = vp;
    }
    if let Some(reps) = v.get("reps").and_then(|r| r.as_array()) {
        s.reps = reps.iter().filter_map(sender).collect();
        if let Some(first) = s.reps.first() {
            s.default_rep = first.clone();
        }
    }
    Ok(s)
}

/// Installs the shipped template the first time a workspace's templates are read.
fn install_default(
    c: &switchboard_store::Connection,
    now: Timestamp,
) -> switchboard_store::Result<()> {
    if !store::has_built_in(c)? {
        store::save(c, &template::default_template(), true, now)?;
    }
    Ok(())
}

fn named(
    c: &switchboard_store::Connection,
    name: &str,
    now: Timestamp,
) -> switchboard_store::Result<Option<StoredTemplate>> {
    install_default(c, now)?;
    store::get(c, name)
}

fn not_found(name: &str) -> Error {
    Error::Missing(format!("there is no template named `{name}`; `template list` shows them"))
}

impl Workspace {
    /// Every template, the built-in default first (installed on first use).
    pub async fn templates(&self, now: Timestamp) -> Result<Vec<StoredTemplate>> {
        Ok(self
            .db
            .call(move |c| {
                install_default(c, now)?;
                store::list(c)
            })
            .await?)
    }

    pub async fn template(&self, name: &str, now: Timestamp) -> Result<StoredTemplate> {
        let key = name.to_owned();
        self.db.call(move |c| named(c, &key, now)).await?.ok_or_else(|| not_found(name))
    }

    /// Saves a template (a new name makes a new template).
    pub async fn save_template(&self, t: Template, now: Timestamp) -> Result<StoredTemplate> {
        let name = t.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(Error::InvalidOptions(
                "a template's name must have 1 to 100 characters".into(),
            ));
        }
        if t.layers.is_empty() {
            return Err(Error::InvalidOptions("a template needs at least one layer".into()));
        }
        let t = Template { name: name.clone(), ..t };
        self.db.call(move |c| store::save(c, &t, false, now)).await?;
        self.template(&name, now).await
    }

    pub async fn delete_template(&self, name: &str) -> Result<()> {
        let key = name.to_owned();
        let stored =
            self.db.call(move |c| store::get(c, &key)).await?.ok_or_else(|| not_found(name))?;
        if stored.built_in {
            return Err(Error::InvalidOptions(format!(
                "`{name}` is the built-in template; it can be edited but not deleted"
            )));
        }
        let key = name.to_owned();
        self.db.call(move |c| store::delete(c, &key)).await?;
        Ok(())
    }

    /// Prospects matching `query` (name, email, company, domain), newest first.
    pub async fn prospects(&self, query: &str, limit: u32) -> Result<Vec<ProspectRecord>> {
        let query = query.to_owned();
        let limit = limit.clamp(1, 500);
        Ok(self.db.call(move |c| prospects::search(c, &query, limit)).await?)
    }

    async fn prospect_and_senders(&self, id: i64) -> Result<(ProspectRecord, Senders)> {
        let (record, senders) =
            self.db.call(move |c| Ok((prospects::record_of(c, id)?, senders(c)?))).await?;
        let record = record.ok_or_else(|| Error::Missing(format!("there is no prospect {id}")))?;
        Ok((record, senders))
    }

    /// Renders `t` (saved or not) for a prospect, as if sent at `now`.
    pub async fn preview(
        &self,
        t: &Template,
        prospect_id: i64,
        now: Timestamp,
    ) -> Result<Rendered> {
        let (record, senders) = self.prospect_and_senders(prospect_id).await?;
        Ok(template::render(t, &template::variables(&record, &senders), now))
    }

    /// The prospect with this email.
    pub async fn prospect_by_email(&self, email: &str) -> Result<ProspectRecord> {
        let key = email.to_owned();
        self.db
            .call(move |c| prospects::by_email(c, &key))
            .await?
            .ok_or_else(|| Error::Missing(format!("there is no prospect with the email {email}")))
    }

    /// Renders a saved template for every prospect. Blocking: call it from a thread of its own.
    pub fn check_template(
        &self,
        name: &str,
        now: Timestamp,
        progress: &mut dyn FnMut(u64),
    ) -> Result<CheckReport> {
        let key = name.to_owned();
        let t = self
            .db
            .call_blocking(move |c| named(c, &key, now))?
            .ok_or_else(|| not_found(name))?
            .template;
        let senders = self.db.call_blocking(|c| senders(c))?;
        let mut report = CheckReport::default();
        let mut after = 0;
        loop {
            let page = self.db.call_blocking(move |c| prospects::page(c, after, 1_000))?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for p in &page {
                let r = template::render(&t, &template::variables(p, &senders), now);
                report.prospects += 1;
                if r.errors() > 0 {
                    report.with_errors += 1;
                } else if !r.issues.is_empty() {
                    report.with_warnings += 1;
                }
                report.renders.push((p.email.clone(), r.issues));
            }
            progress(report.prospects);
        }
        Ok(report)
    }

    /// A saved template as a Customer.io template, or rendered for one prospect as an `.eml`.
    /// Refused while the prospect's render has errors.
    pub async fn export_template(
        &self,
        name: &str,
        prospect_id: i64,
        format: ExportFormat,
        now: Timestamp,
    ) -> Result<Exported> {
        let t = self.template(name, now).await?.template;
        let (record, senders) = self.prospect_and_senders(prospect_id).await?;
        let rendered = template::render(&t, &template::variables(&record, &senders), now);
        let errors = rendered.errors();
        if errors > 0 {
            return Err(Error::InvalidOptions(format!(
                "`{name}` has {errors} unresolved variable(s) or error(s) for {}; fix them before exporting",
                record.email
            )));
        }
        let slug: String = t
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        Ok(match format {
            ExportFormat::CustomerIo => {
                let (content, notes) = template::export::customerio(&t);
                Exported { file_name: format!("{slug}.liquid"), content, notes }
            }
            ExportFormat::Eml => {
                let domain = senders
                    .vp
                    .email
                    .rsplit_once('@')
                    .map_or("switchboard.example", |(_, d)| d)
                    .to_owned();
                Exported {
                    file_name: format!("{}.eml", record.email),
                    content: template::export::eml(&rendered, &domain),
                    notes: vec![format!(
                        "Rendered for {} as if sent now; open it in a mail client to send a test.",
                        record.email
                    )],
                }
            }
        })
    }
}
