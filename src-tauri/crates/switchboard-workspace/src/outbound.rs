//! The outbound pipeline: visitor IPs → Reveal (once per IP) → the company's firmographics →
//! its score → the threshold → contacts from Prospector → the review queue. Every stage records
//! its outcome per IP or domain in the transaction that stores its result, so a rerun (after a
//! crash or a kill) carries on from where each domain stands and repeats no finished lookup. The
//! guardrails (`switchboard_core::outbound::pipeline`) run before every paid lookup, and a
//! lookup's credit is committed before the call, so no daily budget is ever exceeded.

use std::collections::BTreeMap;

use switchboard_connectors::clearbit::{Clearbit, ProspectQuery};
use switchboard_connectors::madkudu::MadKudu;
use switchboard_connectors::sync::{firmographics, score_of};
use switchboard_connectors::{ApiError, Client, Policy, Secrets, Vendor};
use switchboard_core::outbound::pipeline::{self as rules, PipelineRules};
use switchboard_core::{
    Day, FitSegment, Prospect, Resolution, ReviewState, Score, ScoredEntity, Timestamp,
};
use switchboard_store::pipeline::{self as store, Revealed};
use switchboard_store::sync as sync_store;
use switchboard_store::{scores, settings};

use crate::{Error, Result, Workspace};

/// What a run did (or, dry, would do at most).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PipelineReport {
    pub dry_run: bool,
    /// IPs asked of Reveal, and those left for a later run by the budget.
    pub revealed: u64,
    pub ips_waiting: u64,
    /// New domains identified from visits.
    pub identified: u64,
    pub enriched: u64,
    pub scored: u64,
    pub qualified: u64,
    pub below_threshold: u64,
    /// Companies whose contacts were looked up, and the new contacts queued.
    pub prospected: u64,
    pub contacts: u64,
    /// IPs and domains that went no further, with why.
    pub skipped: Vec<(String, String)>,
    /// Lookups that failed, with why.
    pub failed: Vec<(String, String)>,
    /// Paid lookups spent by kind (`reveal`, `company`, `score`, `prospect`); at most, dry.
    pub lookups: BTreeMap<String, u64>,
    /// Each kind's budget left today after the run.
    pub budget_left: BTreeMap<String, u64>,
    /// Lookups a stopped run asked and never stored the answer of: (IP or domain, lookup). They
    /// are not asked again (that would pay twice) unless the run is told to retry them.
    pub interrupted: Vec<(String, String)>,
    /// Interrupted lookups this run put back to be asked again.
    pub retried: u64,
}

/// Where a run is: the stage (`reveal`, `company`, `score`, `prospect`), and how many of its
/// lookups are done out of how many it has to make (at most: the budget may stop it sooner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineProgress {
    pub stage: &'static str,
    pub done: u64,
    pub total: u64,
}

/// How a run goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PipelineOptions {
    /// Say what the run would look up at most, and call or write nothing.
    pub dry_run: bool,
    /// Ask again the lookups a stopped run asked but did not store the answer of (each is paid
    /// again).
    pub retry_interrupted: bool,
}

/// A lookup asked: of an IP, or of a domain (with the stage that marks it in flight).
#[derive(Debug, Clone)]
enum Asked {
    Ip(String),
    Domain(String, &'static str),
}

/// Credits are counted per vendor and pipeline lookup, apart from the syncs' budgets.
fn credit(lookup: &str) -> (&'static str, String) {
    let vendor = if lookup == "score" { "madkudu" } else { "clearbit" };
    (vendor, format!("pipeline {lookup}"))
}

impl Workspace {
    /// The pipeline's rules: Switchboard's defaults, the workspace's qualification threshold, and
    /// what `outbound.pipeline` sets.
    pub async fn pipeline_rules(&self) -> Result<PipelineRules> {
        let (text, threshold) = self
            .db
            .call(|c| {
                Ok((
                    settings::get(c, settings::PIPELINE)?,
                    settings::get(c, settings::QUALIFY_THRESHOLD)?,
                ))
            })
            .await?;
        let mut r = PipelineRules::default();
        if let Some(t) = threshold.and_then(|t| t.parse::<f64>().ok()) {
            r.threshold = t;
        }
        let Some(text) = text else { return Ok(r) };
        let v: serde_json::Value = serde_json::from_str(&text)?;
        let strings = |key: &str| -> Option<Vec<String>> {
            v[key]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        };
        if let Some(k) = strings("skip_kinds") {
            r.skip_kinds = k.into_iter().collect();
        }
        if let Some(b) = v["skip_fuzzy"].as_bool() {
            r.skip_fuzzy = b;
        }
        if let Some(d) = v["cooldown_days"].as_u64() {
            r.cooldown_days = u32::try_from(d).unwrap_or(u32::MAX);
        }
        if let Some(roles) = strings("roles") {
            r.roles = roles;
        }
        if let Some(s) = strings("seniorities") {
            r.seniorities = s;
        }
        if let Some(n) = v["max_contacts"].as_u64() {
            r.max_contacts = u32::try_from(n).unwrap_or(u32::MAX).clamp(1, 100);
        }
        if let Some(b) = v["budgets"].as_object() {
            for (k, n) in b {
                if let Some(n) = n.as_u64() {
                    r.budgets.insert(k.clone(), n);
                }
            }
        }
        Ok(r)
    }

    /// Saves the pipeline's rules (the threshold stays the workspace's own setting), refusing
    /// values that make no sense with what to use instead.
    pub async fn set_pipeline_rules(&self, r: &PipelineRules) -> Result<()> {
        r.check().map_err(Error::InvalidOptions)?;
        let text = serde_json::json!({
            "skip_kinds": r.skip_kinds,
            "skip_fuzzy": r.skip_fuzzy,
            "cooldown_days": r.cooldown_days,
            "roles": r.roles,
            "seniorities": r.seniorities,
            "max_contacts": r.max_contacts,
            "budgets": r.budgets,
        })
        .to_string();
        let threshold = r.threshold.to_string();
        Ok(self
            .db
            .call(move |c| {
                settings::set(c, settings::PIPELINE, &text)?;
                settings::set(c, settings::QUALIFY_THRESHOLD, &threshold)
            })
            .await?)
    }

    async fn budget_left(
        &self,
        r: &PipelineRules,
        now: Timestamp,
    ) -> Result<BTreeMap<String, u64>> {
        let today = Day::of(now);
        let mut out = BTreeMap::new();
        for lookup in rules::LOOKUPS {
            let (vendor, kind) = credit(lookup);
            let used =
                self.db.call(move |c| sync_store::credits_used(c, vendor, &kind, today)).await?;
            out.insert(lookup.to_owned(), r.budget(lookup).saturating_sub(used));
        }
        Ok(out)
    }

    /// Commits one credit of `lookup`, if today's budget has one left, with the mark that says
    /// the lookup is asked (so a run killed while it waits never pays for it again).
    async fn take_credit(
        &self,
        lookup: &str,
        mark: &Asked,
        left: &mut BTreeMap<String, u64>,
        report: &mut PipelineReport,
        now: Timestamp,
    ) -> Result<bool> {
        let remaining = left.get(lookup).copied().unwrap_or(0);
        if remaining == 0 {
            return Ok(false);
        }
        let (vendor, kind) = credit(lookup);
        let today = Day::of(now);
        let mark = mark.clone();
        self.db
            .call(move |c| {
                let tx = c.transaction()?;
                sync_store::spend_credit(&tx, vendor, &kind, today)?;
                match &mark {
                    Asked::Ip(ip) => store::mark_ip_asked(&tx, ip, now)?,
                    Asked::Domain(domain, stage) => store::set_stage(
                        &tx,
                        domain,
                        stage,
                        "asked; no answer stored yet",
                        None,
                        now,
                    )?,
                }
                tx.commit()?;
                Ok(())
            })
            .await?;
        left.insert(lookup.to_owned(), remaining - 1);
        *report.lookups.entry(lookup.to_owned()).or_default() += 1;
        Ok(true)
    }

    /// Takes a lookup's mark off when its answer is not kept (queued, failed), so a later run
    /// asks again.
    async fn unmark(&self, mark: Asked, why: String, now: Timestamp) -> Result<()> {
        Ok(self
            .db
            .call(move |c| match &mark {
                Asked::Ip(ip) => store::unmark_ip(c, ip),
                Asked::Domain(domain, stage) => {
                    let back = store::IN_FLIGHT
                        .iter()
                        .find(|(s, _)| s == stage)
                        .map_or("identified", |(_, back)| back);
                    store::set_stage(c, domain, back, &why, None, now)
                }
            })
            .await?)
    }

    async fn pipeline_clients(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
    ) -> Result<(Clearbit, MadKudu)> {
        let clearbit =
            match self.client(secrets, Vendor::Clearbit, policy(Vendor::Clearbit)).await? {
                (Client::Clearbit(c), _) => c,
                _ => unreachable!("a Clearbit connection builds Clearbit's client"),
            };
        let madkudu = match self.client(secrets, Vendor::MadKudu, policy(Vendor::MadKudu)).await? {
            (Client::MadKudu(m), _) => m,
            _ => unreachable!("a MadKudu connection builds MadKudu's client"),
        };
        Ok((clearbit, madkudu))
    }

    /// Runs the pipeline once. With `dry_run` nothing is called or written: the report says what
    /// the run would look up at most, within today's budgets.
    pub async fn run_pipeline(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
        options: PipelineOptions,
        now: Timestamp,
        progress: &mut (dyn FnMut(&PipelineProgress) + Send),
    ) -> Result<PipelineReport> {
        let r = self.pipeline_rules().await?;
        let mut left = self.budget_left(&r, now).await?;
        let mut report = PipelineReport { dry_run: options.dry_run, ..PipelineReport::default() };
        if options.retry_interrupted && !options.dry_run {
            report.retried = self.db.call(move |c| store::retry_interrupted(c, now)).await? as u64;
        }
        report.interrupted = self.db.call(|c| store::interrupted(c)).await?;
        if options.dry_run {
            return self.plan_pipeline(left, report).await;
        }
        let (clearbit, madkudu) = self.pipeline_clients(secrets, policy).await?;
        let stop = |e: &ApiError| e.stops_run();

        // 1. Reveal, once per IP.
        let limit = u32::try_from(left["reveal"]).unwrap_or(u32::MAX);
        let (ips, total) = self.db.call(move |c| store::ips_to_reveal(c, limit)).await?;
        report.ips_waiting = total.saturating_sub(ips.len() as u64);
        let total = ips.len() as u64;
        for (done, ip) in (0..).zip(ips) {
            progress(&PipelineProgress { stage: "reveal", done, total });
            let mark = Asked::Ip(ip.clone());
            if !self.take_credit("reveal", &mark, &mut left, &mut report, now).await? {
                break;
            }
            let answer = match clearbit.reveal(&ip).await {
                Ok(a) => a,
                Err(e) => {
                    self.unmark(mark, e.to_string(), now).await?;
                    if stop(&e) {
                        return Err(e.into());
                    }
                    if !matches!(e, ApiError::Queued { .. }) {
                        report.failed.push((ip, e.to_string()));
                    }
                    continue;
                }
            };
            report.revealed += 1;
            let rules = r.clone();
            let (identified, skipped) = self
                .db
                .call(move |c| {
                    let tx = c.transaction()?;
                    let out = reveal_outcome(&tx, &ip, answer.map(|a| a.value), &rules, now)?;
                    tx.commit()?;
                    Ok(out)
                })
                .await?;
            report.identified += u64::from(identified);
            report.skipped.extend(skipped);
        }

        // 2. Each identified domain: guardrails, then its firmographics.
        let identified = self.db.call(|c| store::at_stage(c, "identified", 10_000)).await?;
        let total = identified.len() as u64;
        for (done, (domain, _, _)) in (0..).zip(identified) {
            progress(&PipelineProgress { stage: "company", done, total });
            let d = domain.clone();
            let facts = self.db.call(move |c| store::facts(c, &d)).await?;
            if let Err(skip) = rules::may_look_up(&facts, now, &r) {
                let (d, why) = (domain.clone(), skip.to_string());
                self.db.call(move |c| store::set_stage(c, &d, "skipped", &why, None, now)).await?;
                report.skipped.push((domain, skip.to_string()));
                continue;
            }
            let mark = Asked::Domain(domain.clone(), "enriching");
            if !self.take_credit("company", &mark, &mut left, &mut report, now).await? {
                break;
            }
            match clearbit.company(&domain).await {
                Ok(found) => {
                    let d = domain.clone();
                    self.db
                        .call(move |c| {
                            let tx = c.transaction()?;
                            let payload = found.as_ref().map(|f| f.raw.to_string());
                            sync_store::record_payload(
                                &tx,
                                "clearbit",
                                "company",
                                &d,
                                payload.as_deref(),
                                now,
                            )?;
                            if let Some(f) = &found {
                                let mut facts = firmographics(&f.value);
                                facts.domain.clone_from(&d);
                                sync_store::apply_firmographics(&tx, &facts, now)?;
                            }
                            store::set_stage(
                                &tx,
                                &d,
                                "enriched",
                                "firmographics from Clearbit",
                                None,
                                now,
                            )?;
                            tx.commit()?;
                            Ok(())
                        })
                        .await?;
                    report.enriched += 1;
                }
                Err(e) => {
                    self.unmark(mark, format!("not answered: {e}"), now).await?;
                    if stop(&e) {
                        return Err(e.into());
                    }
                    report.failed.push((domain, e.to_string()));
                }
            }
        }

        // 3. Score, then the threshold.
        let enriched = self.db.call(|c| store::at_stage(c, "enriched", 10_000)).await?;
        let total = enriched.len() as u64;
        for (done, (domain, company_id, _)) in (0..).zip(enriched) {
            progress(&PipelineProgress { stage: "score", done, total });
            let mark = Asked::Domain(domain.clone(), "scoring");
            if !self.take_credit("score", &mark, &mut left, &mut report, now).await? {
                break;
            }
            match madkudu.company(&domain).await {
                Ok(fit) => {
                    let threshold = r.threshold;
                    let d = domain.clone();
                    let qualified = self
                        .db
                        .call(move |c| {
                            let tx = c.transaction()?;
                            let stored = match &fit {
                                Some(f) => {
                                    score_of(&f.value, ScoredEntity::Company, company_id, now)
                                }
                                None => Score {
                                    entity: ScoredEntity::Company,
                                    entity_id: company_id,
                                    model: "madkudu".into(),
                                    score: 0.0,
                                    segment: FitSegment::Low,
                                    signals: vec!["MadKudu does not know it".to_owned()],
                                    scored_at: now,
                                },
                            };
                            let score = stored.score;
                            scores::upsert(&tx, &stored)?;
                            let qualified = score >= threshold;
                            if qualified {
                                store::qualify(&tx, company_id, now)?;
                                store::set_stage(
                                    &tx,
                                    &d,
                                    "qualified",
                                    &format!("score {score} (at least {threshold})"),
                                    Some(score),
                                    now,
                                )?;
                            } else {
                                store::set_stage(
                                    &tx,
                                    &d,
                                    "below threshold",
                                    &format!("score {score}, under {threshold}"),
                                    Some(score),
                                    now,
                                )?;
                            }
                            tx.commit()?;
                            Ok(qualified)
                        })
                        .await?;
                    report.scored += 1;
                    if qualified {
                        report.qualified += 1;
                    } else {
                        report.below_threshold += 1;
                    }
                }
                Err(e) => {
                    self.unmark(mark, format!("not answered: {e}"), now).await?;
                    if stop(&e) {
                        return Err(e.into());
                    }
                    report.failed.push((domain, e.to_string()));
                }
            }
        }

        // 4. Contacts at each qualified company, into the review queue.
        let qualified = self.db.call(|c| store::at_stage(c, "qualified", 10_000)).await?;
        let total = qualified.len() as u64;
        for (done, (domain, company_id, _)) in (0..).zip(qualified) {
            progress(&PipelineProgress { stage: "prospect", done, total });
            let mark = Asked::Domain(domain.clone(), "prospecting");
            if !self.take_credit("prospect", &mark, &mut left, &mut report, now).await? {
                break;
            }
            let query = ProspectQuery {
                domain: domain.clone(),
                roles: r.roles.clone(),
                seniorities: r.seniorities.clone(),
                titles: Vec::new(),
                page: 1,
                page_size: r.max_contacts,
            };
            match clearbit.prospect(&query).await {
                Ok(page) => {
                    let d = domain.clone();
                    let max = r.max_contacts as usize;
                    let added = self
                        .db
                        .call(move |c| {
                            let tx = c.transaction()?;
                            let mut added = 0u64;
                            for contact in
                                page.value.results.iter().filter(|c| c.email.is_some()).take(max)
                            {
                                let p = Prospect {
                                    id: None,
                                    company_id,
                                    person_id: None,
                                    email: contact.email.clone().unwrap_or_default(),
                                    email_verified: contact.verified,
                                    first_name: contact.given_name.clone().unwrap_or_default(),
                                    last_name: contact.family_name.clone().unwrap_or_default(),
                                    title: contact.title.clone().unwrap_or_default(),
                                    role: contact.role.clone().unwrap_or_default(),
                                    seniority: contact.seniority.clone().unwrap_or_default(),
                                    found_at: now,
                                    state: ReviewState::Pending,
                                };
                                added += u64::from(store::add_prospect(&tx, &p)?);
                            }
                            store::queue(&tx, company_id, now)?;
                            store::set_stage(
                                &tx,
                                &d,
                                "prospected",
                                &format!("{added} contacts found"),
                                None,
                                now,
                            )?;
                            tx.commit()?;
                            Ok(added)
                        })
                        .await?;
                    report.prospected += 1;
                    report.contacts += added;
                }
                Err(e) => {
                    self.unmark(mark, format!("not answered: {e}"), now).await?;
                    if stop(&e) {
                        return Err(e.into());
                    }
                    report.failed.push((domain, e.to_string()));
                }
            }
        }
        progress(&PipelineProgress { stage: "done", done: 0, total: 0 });
        report.budget_left = left;
        Ok(report)
    }

    /// What a run would look up at most, within today's budgets; nothing is called or written.
    async fn plan_pipeline(
        &self,
        left: BTreeMap<String, u64>,
        mut report: PipelineReport,
    ) -> Result<PipelineReport> {
        let (ips, total) = self.db.call(|c| store::ips_to_reveal(c, u32::MAX)).await?;
        let at = |stage: &'static str| async move {
            self.db.call(move |c| store::count_at_stage(c, stage)).await
        };
        let (identified, enriched, qualified) =
            (at("identified").await?, at("enriched").await?, at("qualified").await?);
        let cap = |lookup: &str, n: u64| n.min(left.get(lookup).copied().unwrap_or(0));
        let reveal = cap("reveal", ips.len() as u64);
        // Every revealed IP may identify a new domain, and every domain may qualify.
        let company = cap("company", identified + reveal);
        let score = cap("score", enriched + company);
        let prospect = cap("prospect", qualified + score);
        report.ips_waiting = total.saturating_sub(reveal);
        for (k, n) in
            [("reveal", reveal), ("company", company), ("score", score), ("prospect", prospect)]
        {
            report.lookups.insert(k.to_owned(), n);
        }
        report.budget_left = left;
        Ok(report)
    }
}

/// Stores Reveal's answer for an IP: a company domain goes on to the next stage unless a
/// guardrail stops it. Returns whether a new domain was identified, and what was skipped.
fn reveal_outcome(
    c: &switchboard_store::Connection,
    ip: &str,
    answer: Option<switchboard_connectors::clearbit::Revealed>,
    r: &PipelineRules,
    now: Timestamp,
) -> switchboard_store::Result<(bool, Vec<(String, String)>)> {
    let Some(a) = answer else {
        let revealed = Revealed {
            ip,
            resolution: Resolution::Unresolved,
            fuzzy: false,
            company_id: None,
            domain: None,
            detail: "Reveal does not know this IP",
        };
        store::record_ip(c, &revealed, now)?;
        return Ok((false, vec![(ip.to_owned(), "Reveal does not know this IP".into())]));
    };
    let kind = a
        .kind
        .clone()
        .unwrap_or_else(|| if a.domain.is_some() { "company".into() } else { "unresolved".into() });
    let resolution = kind.parse::<Resolution>().unwrap_or(Resolution::Unresolved);
    if let Err(skip) = rules::after_reveal(Some(&kind), a.fuzzy, r) {
        let why = skip.to_string();
        let revealed = Revealed {
            ip,
            resolution,
            fuzzy: a.fuzzy,
            company_id: None,
            domain: a.domain.as_deref(),
            detail: &why,
        };
        store::record_ip(c, &revealed, now)?;
        return Ok((false, vec![(ip.to_owned(), why)]));
    }
    let Some(domain) = a.domain.as_deref().and_then(rules::normalise_domain) else {
        let revealed = Revealed {
            ip,
            resolution: Resolution::Unresolved,
            fuzzy: a.fuzzy,
            company_id: None,
            domain: None,
            detail: "Reveal named no domain",
        };
        store::record_ip(c, &revealed, now)?;
        return Ok((false, vec![(ip.to_owned(), "Reveal named no domain".into())]));
    };
    let mut facts = a.company.as_ref().map(firmographics).unwrap_or_default();
    facts.domain.clone_from(&domain);
    let company_id = sync_store::apply_firmographics(c, &facts, now)?;
    store::first_seen(c, company_id, now)?;
    let revealed = Revealed {
        ip,
        resolution: Resolution::Company,
        fuzzy: a.fuzzy,
        company_id: Some(company_id),
        domain: Some(&domain),
        detail: "a company",
    };
    store::record_ip(c, &revealed, now)?;
    Ok((store::identify(c, &domain, company_id, now)?, Vec::new()))
}

#[cfg(test)]
mod tests;

/// What importing a suppression list did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SuppressionImport {
    pub added: u64,
    pub already: u64,
    /// Lines that hold no domain: (line number, text).
    pub refused: Vec<(usize, String)>,
}

const SUPPRESSION_KINDS: [&str; 3] = ["customer", "competitor", "do_not_contact"];

impl Workspace {
    /// Puts domains on a suppression list: one per line or CSV row (the first cell that is a
    /// domain, an email's domain, or a URL's host); a header row is skipped.
    pub async fn import_suppressions(
        &self,
        text: &str,
        kind: &str,
        note: Option<&str>,
        now: Timestamp,
    ) -> Result<SuppressionImport> {
        if !SUPPRESSION_KINDS.contains(&kind) {
            return Err(Error::InvalidOptions(format!(
                "`{kind}` is not a suppression list; use customer, competitor or do_not_contact"
            )));
        }
        let mut domains = Vec::new();
        let mut report = SuppressionImport::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let found = line.split([',', ';', '\t']).find_map(|cell| {
                let cell = cell.trim().trim_matches('"');
                let candidate = cell.rsplit_once('@').map_or(cell, |(_, d)| d);
                rules::normalise_domain(candidate)
            });
            match found {
                Some(d) => domains.push(d),
                None if i == 0 => {}
                None => report.refused.push((i + 1, line.chars().take(80).collect())),
            }
        }
        let (kind, note) = (kind.to_owned(), note.map(str::to_owned));
        let (added, already) = self
            .db
            .call(move |c| {
                let tx = c.transaction()?;
                let mut added = 0;
                for d in &domains {
                    added += u64::from(store::suppress(&tx, d, &kind, note.as_deref(), now)?);
                }
                tx.commit()?;
                Ok((added, domains.len() as u64 - added))
            })
            .await?;
        report.added = added;
        report.already = already;
        Ok(report)
    }

    pub async fn suppressions(&self) -> Result<Vec<store::Suppression>> {
        Ok(self.db.call(|c| store::suppressions(c)).await?)
    }

    pub async fn unsuppress(&self, domain: &str, kind: &str) -> Result<bool> {
        let (domain, kind) = (domain.trim().to_lowercase(), kind.to_owned());
        Ok(self.db.call(move |c| store::unsuppress(c, &domain, &kind)).await?)
    }
}

impl Workspace {
    /// The review queue, newest and best scored first; of one state (`pending`, `approved`,
    /// `rejected`, `snoozed`), or all.
    pub async fn review_queue(
        &self,
        state: Option<&str>,
        limit: u32,
        now: Timestamp,
    ) -> Result<Vec<switchboard_store::review_queue::QueueEntry>> {
        if let Some(s) = state
            && s.parse::<ReviewState>().is_err()
        {
            return Err(Error::InvalidOptions(format!(
                "`{s}` is not a review state; use pending, approved, rejected or snoozed"
            )));
        }
        let state = state.map(str::to_owned);
        Ok(self
            .db
            .call(move |c| {
                switchboard_store::review_queue::wake(c, now)?;
                switchboard_store::review_queue::list(c, state.as_deref(), limit)
            })
            .await?)
    }

    pub(crate) async fn queued(&self, domain: &str) -> Result<i64> {
        let d = domain.to_owned();
        self.db.call(move |c| switchboard_store::review_queue::company_of(c, &d)).await?.ok_or_else(
            || {
                Error::Missing(format!(
                    "{domain} is not in the review queue; `queue list` shows it"
                ))
            },
        )
    }

    /// Approves a queued company's contacts: those named (all, with `None`); the others are
    /// rejected. Returns how many were approved.
    pub async fn approve_queued(
        &self,
        domain: &str,
        contacts: Option<Vec<String>>,
        now: Timestamp,
    ) -> Result<usize> {
        let id = self.queued(domain).await?;
        if let Some(named) = &contacts {
            let entry = self
                .review_queue(None, 100_000, now)
                .await?
                .into_iter()
                .find(|e| e.company_id == id);
            let known: Vec<String> = entry
                .map(|e| e.contacts.into_iter().map(|c| c.email).collect())
                .unwrap_or_default();
            if let Some(unknown) =
                named.iter().find(|n| !known.iter().any(|k| k.eq_ignore_ascii_case(n)))
            {
                return Err(Error::InvalidOptions(format!(
                    "{unknown} is not a contact found at {domain}; its contacts are {}",
                    known.join(", ")
                )));
            }
        }
        Ok(self
            .db
            .call(move |c| {
                switchboard_store::review_queue::approve(c, id, contacts.as_deref(), now)
            })
            .await?)
    }

    /// Rejects a queued company, with the reason.
    pub async fn reject_queued(&self, domain: &str, reason: &str, now: Timestamp) -> Result<()> {
        let reason = reason.trim().to_owned();
        if reason.is_empty() {
            return Err(Error::InvalidOptions("say why the company is rejected".into()));
        }
        let id = self.queued(domain).await?;
        Ok(self
            .db
            .call(move |c| switchboard_store::review_queue::reject(c, id, &reason, now))
            .await?)
    }
}

impl Workspace {
    /// The pipeline's numbers for each of the last `days` days with data (never after `now`'s
    /// day): IPs seen, domains identified, qualified companies, contacts found, approved, and the
    /// outbound campaign's sent, opened and replied.
    pub async fn pipeline_stats(
        &self,
        days: u32,
        now: Timestamp,
    ) -> Result<Vec<switchboard_store::pipeline::PipelineDay>> {
        if days == 0 || days > 366 {
            return Err(Error::InvalidOptions("--days must be from 1 to 366".into()));
        }
        let today = Day::of(now);
        Ok(self
            .db
            .call(move |c| {
                let last = switchboard_store::overview::visit_day_range(c)?
                    .map_or(today, |(_, last)| last.min(today));
                let campaign = settings::get(c, settings::OUTBOUND_CAMPAIGN)?
                    .unwrap_or_else(|| crate::DEFAULT_OUTBOUND_CAMPAIGN.to_owned());
                store::daily(c, last.plus(-(i64::from(days) - 1)).0, last.0, &campaign)
            })
            .await?)
    }
}
