//! The sync engine: runs one connector into the store. The plan (what to fetch) comes from
//! `switchboard_core::sync` over the cursors, freshness and budgets read here; this module is the
//! thin executor around it.
//!
//! Every batch's rows, raw payloads, counts and cursor are written in one transaction, so a kill
//! repeats work on the next run and never loses or duplicates rows. A paid lookup's credit is
//! committed before the call, so a kill can never let the daily budget be exceeded. Progress goes
//! out through a callback after every batch; a cancel flag is checked between batches.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use switchboard_core::segment::{self, Arrival, Envelope};
use switchboard_core::sync::{self as plan, Budget, RunCounts, RunStatus, SyncRun, SyncTrigger};
use switchboard_core::{Day, EmailActivity, Score, ScoredEntity, Timestamp};
use switchboard_store::sync::{self as table, Firmographics, PersonFacts, Subject};
use switchboard_store::{Db, ad_spend, email_activity, messages, scores};

use crate::settings::{Client, ConnectorSettings};
use crate::{ApiError, Fetched, Vendor, clearbit, customerio, madkudu, segment_profiles};

pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// Set it to stop a run between batches; what was committed stays.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Where a run is, after each batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub vendor: Vendor,
    pub run_id: i64,
    pub stream: &'static str,
    pub counts: RunCounts,
    /// Units of work done and planned in this stream (lookups, deliveries, spend windows), when
    /// known.
    pub done: u64,
    pub total: Option<u64>,
    pub started_at: Timestamp,
    pub now: Timestamp,
}

impl Progress {
    /// Rows fetched per second so far.
    pub fn rate(&self) -> f64 {
        let secs = (self.now - self.started_at).max(1) as f64 / 1000.0;
        self.counts.fetched as f64 / secs
    }

    /// Milliseconds left at the current pace, when the total is known.
    pub fn eta_ms(&self) -> Option<i64> {
        let total = self.total?;
        if self.done == 0 {
            return None;
        }
        let elapsed = (self.now - self.started_at).max(0) as f64;
        let left = total.saturating_sub(self.done) as f64;
        Some((elapsed / self.done as f64 * left) as i64)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Store(#[from] switchboard_store::Error),
    #[error(transparent)]
    Missing(#[from] crate::settings::Missing),
}

enum Stop {
    Api(ApiError),
    Cancelled,
    Store(switchboard_store::Error),
}

impl From<switchboard_store::Error> for Stop {
    fn from(e: switchboard_store::Error) -> Self {
        Stop::Store(e)
    }
}

/// One run of one connector.
pub struct Run<'a> {
    pub db: &'a Db,
    pub client: &'a Client,
    pub settings: &'a ConnectorSettings,
    pub trigger: SyncTrigger,
    pub clock: Clock,
    pub cancel: Cancel,
}

struct Ctx<'a, 'p> {
    db: &'a Db,
    vendor: Vendor,
    settings: &'a ConnectorSettings,
    clock: Clock,
    cancel: Cancel,
    run_id: i64,
    started_at: Timestamp,
    counts: RunCounts,
    progress: &'p mut (dyn FnMut(&Progress) + Send),
}

impl Run<'_> {
    /// Runs the connector to its end (or to a stop), records the run and returns it.
    pub async fn execute(
        self,
        progress: &mut (dyn FnMut(&Progress) + Send),
    ) -> Result<SyncRun, SyncError> {
        let vendor = vendor_of(self.client);
        let started_at = (self.clock)();
        let trigger = self.trigger;
        let run_id =
            self.db.call(move |c| table::start_run(c, vendor.id(), trigger, started_at)).await?;
        let mut ctx = Ctx {
            db: self.db,
            vendor,
            settings: self.settings,
            clock: self.clock.clone(),
            cancel: self.cancel.clone(),
            run_id,
            started_at,
            counts: RunCounts::default(),
            progress,
        };
        let outcome = match self.client {
            Client::Clearbit(c) => clearbit_streams(&mut ctx, c).await,
            Client::MadKudu(c) => madkudu_streams(&mut ctx, c).await,
            Client::CustomerIo(c) => deliveries(&mut ctx, c).await,
            Client::Facebook(_) | Client::GoogleAds(_) | Client::AdRoll(_) => {
                spend(&mut ctx, self.client).await
            }
            Client::SegmentProfiles(c) => profiles(&mut ctx, c).await,
        };
        let now = (self.clock)();
        let (status, error) = match outcome {
            Ok(()) => (None, None),
            Err(Stop::Cancelled) => (Some(RunStatus::Cancelled), Some("cancelled".to_owned())),
            Err(Stop::Api(e)) => (None, Some(e.to_string())),
            Err(Stop::Store(e)) => {
                tracing::error!(error = ?e, "a sync could not write the workspace");
                (None, Some(format!("the workspace could not be written: {}", chain(&e))))
            }
        };
        if let Some(e) = &error {
            tracing::warn!(connector = vendor.id(), run_id, error = %e, "sync stopped");
        }
        Ok(self
            .db
            .call(move |c| table::finish_run(c, run_id, status, error.as_deref(), now))
            .await?)
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

pub(crate) fn vendor_of(client: &Client) -> Vendor {
    match client {
        Client::Clearbit(_) => Vendor::Clearbit,
        Client::MadKudu(_) => Vendor::MadKudu,
        Client::CustomerIo(_) => Vendor::CustomerIo,
        Client::Facebook(_) => Vendor::Facebook,
        Client::GoogleAds(_) => Vendor::GoogleAds,
        Client::AdRoll(_) => Vendor::AdRoll,
        Client::SegmentProfiles(_) => Vendor::SegmentProfiles,
    }
}

impl Ctx<'_, '_> {
    fn now(&self) -> Timestamp {
        (self.clock)()
    }

    fn check_cancel(&self) -> Result<(), Stop> {
        if self.cancel.is_cancelled() { Err(Stop::Cancelled) } else { Ok(()) }
    }

    fn report(&mut self, stream: &'static str, done: u64, total: Option<u64>) {
        let p = Progress {
            vendor: self.vendor,
            run_id: self.run_id,
            stream,
            counts: self.counts,
            done,
            total,
            started_at: self.started_at,
            now: self.now(),
        };
        (self.progress)(&p);
    }

    /// Commits `write` with the batch's counts (and its rejected rows) in one transaction.
    async fn commit<F>(&mut self, stream: &'static str, write: F) -> Result<(), Stop>
    where
        F: FnOnce(&switchboard_store::Connection, &mut Batch) -> switchboard_store::Result<()>
            + Send
            + 'static,
    {
        let run_id = self.run_id;
        let now = self.now();
        let counts = self
            .db
            .call(move |c| {
                let tx = c.transaction()?;
                let mut batch = Batch::default();
                write(&tx, &mut batch)?;
                for (key, failed, reason) in &batch.rows {
                    table::record_row(&tx, run_id, stream, key, *failed, reason, now)?;
                }
                table::add_counts(&tx, run_id, batch.counts)?;
                tx.commit()?;
                Ok(batch.counts)
            })
            .await?;
        self.counts.add(counts);
        Ok(())
    }

    /// Records a failed row (or stops the run when no later row can succeed).
    async fn fail(&mut self, stream: &'static str, key: &str, error: ApiError) -> Result<(), Stop> {
        let key = key.to_owned();
        let reason = error.to_string();
        self.commit(stream, move |_, b| {
            b.failed(&key, &reason);
            Ok(())
        })
        .await?;
        if error.stops_run() { Err(Stop::Api(error)) } else { Ok(()) }
    }
}

/// What one transaction did.
#[derive(Default)]
struct Batch {
    counts: RunCounts,
    rows: Vec<(String, bool, String)>,
}

impl Batch {
    fn failed(&mut self, key: &str, reason: &str) {
        self.counts.failed += 1;
        self.rows.push((key.to_owned(), true, reason.to_owned()));
    }

    fn skipped(&mut self, key: &str, reason: &str) {
        self.counts.skipped += 1;
        self.rows.push((key.to_owned(), false, reason.to_owned()));
    }
}

// ---- lookups: Clearbit and MadKudu ----

/// Plans a lookup stream: the stale entities the day's budget allows.
async fn plan_lookups(
    ctx: &mut Ctx<'_, '_>,
    stream: &'static str,
    subject: Subject,
    kind: &'static str,
) -> Result<Vec<String>, Stop> {
    let vendor = ctx.vendor.id();
    let today = Day::of(ctx.now());
    let stale_before = plan::stale_before(ctx.now(), ctx.settings.freshness_days);
    let per_day = ctx.settings.daily_budget;
    let (candidates, total, used) = ctx
        .db
        .call(move |c| {
            let used = table::credits_used(c, vendor, kind, today)?;
            let limit = u32::try_from(per_day.saturating_sub(used)).unwrap_or(u32::MAX);
            let (keys, total) = table::stale(c, subject, vendor, kind, stale_before, limit)?;
            Ok((keys, total, used))
        })
        .await?;
    let planned = plan::plan_lookups(candidates, total, Budget { per_day, used_today: used });
    if planned.over_budget > 0 {
        let n = planned.over_budget;
        let reason =
            format!("{n} {kind} lookups wait for tomorrow: today's budget of {per_day} is spent");
        ctx.commit(stream, move |_, b| {
            b.counts.skipped += n;
            b.rows.push((format!("{n} {kind}s"), false, reason));
            Ok(())
        })
        .await?;
    }
    Ok(planned.keys)
}

/// Commits one credit before a paid lookup.
async fn spend_credit(ctx: &mut Ctx<'_, '_>, kind: &'static str) -> Result<(), Stop> {
    let vendor = ctx.vendor.id();
    let today = Day::of(ctx.now());
    let run_id = ctx.run_id;
    ctx.db
        .call(move |c| {
            let tx = c.transaction()?;
            table::spend_credit(&tx, vendor, kind, today)?;
            table::add_counts(&tx, run_id, RunCounts { credits: 1, ..RunCounts::default() })?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    ctx.counts.credits += 1;
    Ok(())
}

/// Runs a lookup stream: for each planned key, a credit, the call, then its result written with
/// its payload. `apply` folds a found value into the store.
async fn lookups<T, Call, Fut, Apply>(
    ctx: &mut Ctx<'_, '_>,
    stream: &'static str,
    subject: Subject,
    kind: &'static str,
    call: Call,
    apply: Apply,
) -> Result<(), Stop>
where
    T: Send + 'static,
    Call: Fn(String) -> Fut,
    Fut: Future<Output = Result<Option<Fetched<T>>, ApiError>>,
    Apply: Fn(&switchboard_store::Connection, &str, &T, Timestamp) -> switchboard_store::Result<bool>
        + Send
        + Sync
        + Copy
        + 'static,
{
    let keys = plan_lookups(ctx, stream, subject, kind).await?;
    let total = keys.len() as u64;
    ctx.report(stream, 0, Some(total));
    let vendor = ctx.vendor.id();
    for (i, key) in keys.into_iter().enumerate() {
        ctx.check_cancel()?;
        spend_credit(ctx, kind).await?;
        match call(key.clone()).await {
            Ok(found) => {
                let now = ctx.now();
                ctx.commit(stream, move |c, b| {
                    b.counts.fetched += 1;
                    match found {
                        Some(f) => {
                            table::record_payload(
                                c,
                                vendor,
                                kind,
                                &key,
                                Some(&f.raw.to_string()),
                                now,
                            )?;
                            if apply(c, &key, &f.value, now)? {
                                b.counts.written += 1;
                            } else {
                                b.skipped(&key, "nothing in the workspace to update");
                            }
                        }
                        None => {
                            table::record_payload(c, vendor, kind, &key, None, now)?;
                            b.skipped(&key, "not found");
                        }
                    }
                    Ok(())
                })
                .await?;
            }
            Err(ApiError::Queued { vendor: v }) => {
                let reason = ApiError::Queued { vendor: v }.to_string();
                ctx.commit(stream, move |_, b| {
                    b.skipped(&key, &reason);
                    Ok(())
                })
                .await?;
            }
            Err(e) => ctx.fail(stream, &key, e).await?,
        }
        ctx.report(stream, i as u64 + 1, Some(total));
    }
    Ok(())
}

/// What a Clearbit company record says, as the store keeps firmographics.
pub fn firmographics(c: &clearbit::CompanyData) -> Firmographics {
    Firmographics {
        domain: c.domain.clone(),
        name: Some(c.name.clone()).filter(|n| !n.is_empty()),
        employees: c.employees,
        industry: c.industry.clone().or_else(|| c.sector.clone()),
        country: c.country.clone(),
        city: c.city.clone(),
        technologies: c.technologies.clone(),
    }
}

async fn clearbit_streams(ctx: &mut Ctx<'_, '_>, client: &clearbit::Clearbit) -> Result<(), Stop> {
    lookups(
        ctx,
        "people",
        Subject::PersonEmail,
        "person",
        |email| {
            let client = client.clone();
            async move { client.combined(&email).await }
        },
        |c, email, found: &clearbit::Combined, now| {
            let company_id = match &found.company {
                Some(company) if !company.domain.is_empty() => {
                    Some(table::apply_firmographics(c, &firmographics(company), now)?)
                }
                _ => None,
            };
            let facts = match &found.person {
                Some(p) => PersonFacts {
                    first_name: p.given_name.clone(),
                    last_name: p.family_name.clone(),
                    title: p.title.clone(),
                    company_id,
                },
                None => PersonFacts { company_id, ..PersonFacts::default() },
            };
            Ok(table::apply_person_facts(c, email, &facts)? > 0 || company_id.is_some())
        },
    )
    .await?;
    lookups(
        ctx,
        "companies",
        Subject::CompanyDomain,
        "company",
        |domain| {
            let client = client.clone();
            async move { client.company(&domain).await }
        },
        |c, domain, found: &clearbit::CompanyData, now| {
            let mut f = firmographics(found);
            domain.clone_into(&mut f.domain);
            table::apply_firmographics(c, &f, now)?;
            Ok(true)
        },
    )
    .await
}

/// A MadKudu fit as a stored score, its signals as one line each (↑ positive, ↓ negative).
pub fn score_of(fit: &madkudu::Fit, entity: ScoredEntity, entity_id: i64, now: Timestamp) -> Score {
    Score {
        entity,
        entity_id,
        model: "madkudu".into(),
        score: fit.score,
        segment: fit.segment,
        signals: fit
            .signals
            .iter()
            .map(|s| format!("{} {}: {}", if s.positive { "↑" } else { "↓" }, s.name, s.value))
            .collect(),
        scored_at: now,
    }
}

async fn madkudu_streams(ctx: &mut Ctx<'_, '_>, client: &madkudu::MadKudu) -> Result<(), Stop> {
    lookups(
        ctx,
        "people",
        Subject::PersonEmail,
        "person",
        |email| {
            let client = client.clone();
            async move { client.person(&email).await }
        },
        |c, email, fit: &madkudu::Fit, now| {
            let people = table::people_with_email(c, email)?;
            for id in &people {
                scores::upsert(c, &score_of(fit, ScoredEntity::Person, *id, now))?;
            }
            Ok(!people.is_empty())
        },
    )
    .await?;
    lookups(
        ctx,
        "companies",
        Subject::CompanyDomain,
        "company",
        |domain| {
            let client = client.clone();
            async move { client.company(&domain).await }
        },
        |c, domain, fit: &madkudu::Fit, now| {
            let Some(id) = table::company_with_domain(c, domain)? else { return Ok(false) };
            scores::upsert(c, &score_of(fit, ScoredEntity::Company, id, now))?;
            Ok(true)
        },
    )
    .await
}

// ---- Customer.io deliveries ----

/// Where the deliveries stream stands, kept as its cursor.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct DeliveriesCursor {
    /// `start_ts` of the pass under way (unix seconds).
    since: Option<i64>,
    /// The page token within the pass, when it stopped half-way.
    page: Option<String>,
    /// The newest `created` seen in the pass.
    newest: Option<i64>,
}

const DELIVERIES_PAGE: u32 = 500;

async fn deliveries(ctx: &mut Ctx<'_, '_>, client: &customerio::CustomerIo) -> Result<(), Stop> {
    const STREAM: &str = "deliveries";
    let connector = ctx.vendor.id();
    let campaigns: HashMap<i64, String> = match client.campaigns().await {
        Ok(list) => list.into_iter().map(|c| (c.id, c.name)).collect(),
        Err(e) => return Err(Stop::Api(e)),
    };
    let stored = ctx.db.call(move |c| table::cursor(c, connector, STREAM)).await?;
    let mut state: DeliveriesCursor =
        stored.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
    ctx.report(STREAM, 0, None);
    loop {
        ctx.check_cancel()?;
        let page = match client.messages(state.page.as_deref(), state.since, DELIVERIES_PAGE).await
        {
            Ok(page) => page,
            Err(e) => return Err(Stop::Api(e)),
        };
        let newest = page.value.deliveries.iter().map(|d| d.created).max();
        state.newest = state.newest.max(newest);
        let next = page.value.next.clone();
        let finished = next.is_none();
        let cursor = if finished {
            DeliveriesCursor {
                since: plan::deliveries_since(state.newest, ctx.settings.lookback_days)
                    .or(state.since),
                page: None,
                newest: None,
            }
        } else {
            DeliveriesCursor { page: next, ..state.clone() }
        };
        let cursor_text = serde_json::to_string(&cursor).unwrap_or_default();
        let payload_key =
            format!("since={:?} page={}", state.since, state.page.as_deref().unwrap_or("first"));
        let campaigns = campaigns.clone();
        let now = ctx.now();
        ctx.commit(STREAM, move |c, b| {
            table::record_payload(
                c,
                connector,
                "messages",
                &payload_key,
                Some(&page.raw.to_string()),
                now,
            )?;
            for d in &page.value.deliveries {
                b.counts.fetched += 1;
                let Some(email) = d.email.as_deref().filter(|e| !e.is_empty()) else {
                    b.failed(&d.id, "the delivery has no email address");
                    continue;
                };
                let campaign = match (d.campaign_id, d.newsletter_id, d.broadcast_id) {
                    (Some(id), _, _) => {
                        campaigns.get(&id).cloned().unwrap_or_else(|| format!("campaign {id}"))
                    }
                    (None, Some(id), _) => format!("newsletter {id}"),
                    (None, None, Some(id)) => format!("broadcast {id}"),
                    (None, None, None) => "transactional".to_owned(),
                };
                let person_id = table::people_with_email(c, email)?.first().copied();
                let mut new = false;
                for (kind, at) in &d.metrics {
                    new |= email_activity::record(
                        c,
                        &EmailActivity {
                            delivery_id: d.id.clone(),
                            person_id,
                            email: email.to_lowercase(),
                            campaign: campaign.clone(),
                            kind: *kind,
                            at: at * 1000,
                        },
                    )?;
                }
                if new {
                    b.counts.written += 1;
                } else {
                    b.counts.skipped += 1;
                }
            }
            table::set_cursor(c, connector, STREAM, &cursor_text, now)
        })
        .await?;
        state = if finished { cursor } else { DeliveriesCursor { page: cursor.page, ..state } };
        // The total is unknown until the last page: progress counts deliveries.
        ctx.report(STREAM, ctx.counts.fetched, None);
        if finished {
            return Ok(());
        }
    }
}

// ---- ad spend ----

/// Days of spend asked for in one request (and committed with their cursor).
const SPEND_CHUNK_DAYS: i64 = 31;

async fn spend(ctx: &mut Ctx<'_, '_>, client: &Client) -> Result<(), Stop> {
    const STREAM: &str = "spend";
    let connector = ctx.vendor.id();
    let stored = ctx.db.call(move |c| table::cursor(c, connector, STREAM)).await?;
    let cursor = stored.as_deref().and_then(Day::parse);
    let today = Day::of(ctx.now());
    let (since, until) =
        plan::spend_window(cursor, today, ctx.settings.settle_days, ctx.settings.first_sync_days);
    let chunks = ((until.0 - since.0) / SPEND_CHUNK_DAYS + 1) as u64;
    ctx.report(STREAM, 0, Some(chunks));
    let mut from = since;
    let mut done = 0;
    while from <= until {
        ctx.check_cancel()?;
        let to = from.plus(SPEND_CHUNK_DAYS - 1).min(until);
        let fetched = match client {
            Client::Facebook(c) => c.spend(from, to).await,
            Client::GoogleAds(c) => c.spend(from, to).await,
            Client::AdRoll(c) => c.spend(from, to).await,
            _ => unreachable!("spend streams are only built for ad platforms"),
        };
        let fetched = match fetched {
            Ok(f) => f,
            Err(e) => return Err(Stop::Api(e)),
        };
        let now = ctx.now();
        let key = format!("{from}..{to}");
        let cursor_text = to.to_string();
        ctx.commit(STREAM, move |c, b| {
            table::record_payload(
                c,
                connector,
                "spend",
                &key,
                Some(&fetched.raw.to_string()),
                now,
            )?;
            for row in &fetched.value {
                b.counts.fetched += 1;
                if row.spend_minor < 0 || row.currency.len() != 3 {
                    b.failed(
                        &format!("{} {}", row.campaign_id, row.day),
                        "spend is negative or the currency is not an ISO code",
                    );
                    continue;
                }
                ad_spend::upsert(c, row)?;
                b.counts.written += 1;
            }
            table::set_cursor(c, connector, STREAM, &cursor_text, now)
        })
        .await?;
        done += 1;
        ctx.report(STREAM, done, Some(chunks));
        from = to.plus(1);
    }
    Ok(())
}

// ---- Segment profiles ----

/// Events per profile fetched on a sync (the API keeps 14 days).
const PROFILE_EVENTS: usize = 200;

async fn profiles(ctx: &mut Ctx<'_, '_>, client: &segment_profiles::Profiles) -> Result<(), Stop> {
    const STREAM: &str = "profiles";
    let keys = plan_lookups(ctx, STREAM, Subject::PersonUserId, "profile").await?;
    let total = keys.len() as u64;
    ctx.report(STREAM, 0, Some(total));
    let connector = ctx.vendor.id();
    for (i, user_id) in keys.into_iter().enumerate() {
        ctx.check_cancel()?;
        let id = segment_profiles::ProfileId::UserId(user_id.clone());
        let traits = match client.traits(&id).await {
            Ok(t) => t,
            Err(e) => {
                ctx.fail(STREAM, &user_id, e).await?;
                continue;
            }
        };
        let events = match client.events(&id, PROFILE_EVENTS).await {
            Ok(e) => e.unwrap_or_default(),
            Err(e) => {
                ctx.fail(STREAM, &user_id, e).await?;
                continue;
            }
        };
        let now = ctx.now();
        ctx.commit(STREAM, move |c, b| {
            b.counts.fetched += 1;
            let Some(traits) = traits else {
                table::record_payload(c, connector, "profile", &user_id, None, now)?;
                b.skipped(&user_id, "Segment has no profile for this user id");
                return Ok(());
            };
            table::record_payload(
                c,
                connector,
                "profile",
                &user_id,
                Some(&traits.raw.to_string()),
                now,
            )?;
            let arrival =
                Arrival { received_at: now, peer_ip: None, source_id: None, corrected: true };
            let mut messages_in = vec![profile_identify(&user_id, &traits.value, now)];
            messages_in.extend(events.iter().map(|e| profile_event(&user_id, e)));
            let mut new = 0;
            for value in messages_in {
                match segment::accept(value, None, &Envelope::default(), &arrival) {
                    Ok(mut event) => {
                        if messages::store(c, &mut event, None)? == messages::Stored::New {
                            new += 1;
                        }
                    }
                    Err(problem) => b.failed(&user_id, &format!("an event was refused: {problem}")),
                }
            }
            if new > 0 {
                b.counts.written += 1;
            } else {
                b.counts.skipped += 1;
            }
            Ok(())
        })
        .await?;
        ctx.report(STREAM, i as u64 + 1, Some(total));
    }
    Ok(())
}

/// The profile's traits as an identify call. Its message id is the traits' fingerprint, so
/// unchanged traits are a duplicate and change nothing.
fn profile_identify(
    user_id: &str,
    traits: &serde_json::Map<String, serde_json::Value>,
    now: Timestamp,
) -> serde_json::Value {
    let text = serde_json::to_string(traits).unwrap_or_default();
    let fingerprint = crate::stable_hash(&text);
    serde_json::json!({
        "type": "identify",
        "userId": user_id,
        "traits": traits,
        "messageId": format!("segment-profile-{user_id}-{fingerprint:016x}"),
        "timestamp": switchboard_core::day::rfc3339(now),
    })
}

fn profile_event(user_id: &str, e: &segment_profiles::ProfileEvent) -> serde_json::Value {
    let mut message = serde_json::json!({
        "type": e.kind,
        "userId": user_id,
        "properties": e.properties,
        "context": e.context,
        "messageId": e.message_id,
        "timestamp": e.timestamp,
    });
    if let Some(name) = &e.event {
        let key = if e.kind == "track" { "event" } else { "name" };
        message[key] = serde_json::Value::String(name.clone());
    }
    message
}
#[cfg(test)]
pub(crate) mod tests;
