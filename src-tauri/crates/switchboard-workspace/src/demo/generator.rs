//! The demo generator's model of a day: which companies visit, which of the new ones qualify,
//! the contacts found there and how reps review them, the outbound email and its opens, the
//! product's signups and their activity, and the ad spend. Pure and deterministic: all randomness
//! comes from one seeded ChaCha generator, all time from the options.

use std::collections::HashSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use switchboard_core::{
    AdPlatform, AdSpendDay, Company, Day, EmailActivity, EmailActivityKind, Event, FitSegment,
    Identity, IdentityKind, MessageType, Person, Prospect, Resolution, ReviewItem, ReviewState,
    Score, ScoredEntity, Timestamp, Visit, day::MS_PER_DAY,
};
use switchboard_store::{
    Connection, ad_spend, companies, email_activity, events, identities, people, prospects,
    review_queue, scores, settings, visits,
};

use super::{DemoOptions, vocab};
use crate::DEFAULT_OUTBOUND_CAMPAIGN;

// Daily volumes at scale 1. Together they give the source's figures: 400 new + 600 returning
// companies identified a day, 15% of the new ones qualifying (60), five contacts each (300).
const NEW_COMPANIES_PER_DAY: f64 = 400.0;
const RETURNING_COMPANIES_PER_DAY: f64 = 600.0;
const UNRESOLVED_VISITS_PER_DAY: f64 = 600.0;
const SIGNUPS_PER_DAY: f64 = 33.0;
/// Companies first identified before the first day, whose visits come back during it.
const PRIOR_COMPANIES: f64 = 3_000.0;
/// Score at or above which a company qualifies for outbound.
const QUALIFY_THRESHOLD: f64 = 70.0;
/// `score = 100 u^k` with this k puts 15% of uniform `u` at or above the threshold:
/// `1 - 0.7^(1/k) = 0.15`.
const SCORE_EXPONENT: f64 = 2.194_4;
const MAX_CONTACTS_PER_COMPANY: u32 = 9;
const OUTBOUND_OPEN_RATE: f64 = 0.71;
const OUTBOUND_BOUNCE_RATE: f64 = 0.03;
/// Of the opened outbound emails, those answered.
const OUTBOUND_REPLY_RATE: f64 = 0.08;
const ACTIVATION_OPEN_RATE: f64 = 0.45;
const ACTIVATION_CAMPAIGN: &str = "onboarding-activation";
const SCORE_MODEL: &str = "madkudu";
/// Traffic by weekday (Monday first); averages to exactly 1 over a week.
const WEEKDAY: [f64; 7] = [1.1, 1.15, 1.15, 1.1, 1.0, 0.75, 0.75];
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;

/// Everything one step of the generator writes, in one transaction.
#[derive(Debug, Default)]
pub struct Batch {
    pub settings: Vec<(&'static str, String)>,
    pub companies: Vec<Company>,
    pub people: Vec<Person>,
    pub identities: Vec<Identity>,
    pub prospects: Vec<Prospect>,
    pub reviews: Vec<ReviewItem>,
    pub visits: Vec<Visit>,
    pub events: Vec<Event>,
    pub scores: Vec<Score>,
    pub emails: Vec<EmailActivity>,
    pub spend: Vec<AdSpendDay>,
}

impl Batch {
    pub fn write(self, conn: &mut Connection) -> switchboard_store::Result<()> {
        let tx = conn.transaction()?;
        for (key, value) in &self.settings {
            settings::set(&tx, key, value)?;
        }
        for c in &self.companies {
            companies::insert(&tx, c)?;
        }
        for p in &self.people {
            people::insert(&tx, p)?;
        }
        for i in &self.identities {
            identities::link(&tx, i)?;
        }
        for p in &self.prospects {
            prospects::insert(&tx, p)?;
        }
        for r in &self.reviews {
            review_queue::upsert(&tx, r)?;
        }
        for v in &self.visits {
            visits::insert(&tx, v)?;
        }
        for e in &self.events {
            events::insert(&tx, e)?;
        }
        for s in &self.scores {
            scores::upsert(&tx, s)?;
        }
        for e in &self.emails {
            email_activity::record(&tx, e)?;
        }
        for s in &self.spend {
            ad_spend::upsert(&tx, s)?;
        }
        tx.commit()?;
        Ok(())
    }
}

struct CompanyState {
    domain: String,
    name: String,
    /// Score / 100: good fits come back and read more.
    fit: f64,
}

struct User {
    person_id: i64,
    user_id: String,
    anonymous_id: String,
}

pub(super) struct Generator {
    rng: ChaCha8Rng,
    options: DemoOptions,
    /// The last instant with data: nothing is generated after it.
    horizon: Timestamp,
    companies: Vec<CompanyState>,
    /// Companies identified so far, the pool returning visits come from.
    seen: Vec<usize>,
    /// Companies identified on the day being generated.
    today: Vec<usize>,
    users: Vec<User>,
    next_person: i64,
    next_prospect: i64,
    next_delivery: u64,
    next_message: u64,
}

impl Generator {
    pub fn new(options: &DemoOptions) -> Generator {
        Generator {
            rng: ChaCha8Rng::seed_from_u64(options.seed),
            options: options.clone(),
            horizon: options.last_day.plus(1).start() - 1,
            companies: Vec::new(),
            seen: Vec::new(),
            today: Vec::new(),
            users: Vec::new(),
            next_person: 1,
            next_prospect: 1,
            next_delivery: 1,
            next_message: 1,
        }
    }

    fn scaled(&mut self, per_day: f64, weekday: f64) -> usize {
        let jitter = self.rng.random_range(0.95..1.05);
        (per_day * self.options.scale * weekday * jitter).round() as usize
    }

    /// Settings and the companies identified before the first day.
    pub fn prologue(&mut self) -> Batch {
        let mut b = Batch {
            settings: vec![
                (settings::NAME, "Demo workspace".to_owned()),
                (settings::OUTBOUND_CAMPAIGN, DEFAULT_OUTBOUND_CAMPAIGN.to_owned()),
                (settings::QUALIFY_THRESHOLD, QUALIFY_THRESHOLD.to_string()),
                ("demo.seed", self.options.seed.to_string()),
                ("demo.scale", self.options.scale.to_string()),
                ("demo.days", self.options.days.to_string()),
            ],
            ..Batch::default()
        };
        let start = self.options.first_day().start();
        let n = (PRIOR_COMPANIES * self.options.scale).round() as usize;
        for _ in 0..n {
            let first_seen = start - self.rng.random_range(1..60 * MS_PER_DAY);
            let u = self.rng.random();
            let idx = self.new_company(&mut b, first_seen, u);
            self.seen.push(idx);
        }
        b
    }

    pub fn day(&mut self, day: Day) -> Batch {
        let mut b = Batch::default();
        let weekday = WEEKDAY[day.weekday()];
        self.today.clear();

        // Returning companies come from those seen before today.
        let returning = self.scaled(RETURNING_COMPANIES_PER_DAY, weekday).min(self.seen.len());
        let mut picked = HashSet::with_capacity(returning);
        while picked.len() < returning {
            let idx = self.seen[self.rng.random_range(0..self.seen.len())];
            if picked.insert(idx) {
                self.today.push(idx);
                let fit = self.companies[idx].fit;
                self.company_visits(&mut b, idx, day, fit);
            }
        }

        let new = self.scaled(NEW_COMPANIES_PER_DAY, weekday);
        for _ in 0..new {
            let idx = self.companies.len();
            let u: f64 = self.rng.random();
            let first_visit = self.company_visits(&mut b, idx, day, score_of(u) / 100.0);
            self.new_company(&mut b, first_visit, u);
            self.today.push(idx);
            self.seen.push(idx);
        }

        for _ in 0..self.scaled(UNRESOLVED_VISITS_PER_DAY, weekday) {
            self.unresolved_visit(&mut b, day);
        }
        for _ in 0..self.scaled(SIGNUPS_PER_DAY, weekday) {
            self.signup(&mut b, day);
        }
        self.user_activity(&mut b, day);
        self.ad_spend(&mut b, day, weekday);

        // Stored in time order, message ids in that order too, so both indexes grow at their end.
        b.events.sort_by_key(|e| e.timestamp);
        number_messages(&mut b.events, &mut self.next_message);
        b
    }

    // ---- companies, scores, prospects, review, outbound email -----------------------------

    /// Creates company `self.companies.len()` first identified at `first_seen`, scores it and,
    /// when it qualifies, finds its contacts and takes them through review and outbound.
    fn new_company(&mut self, b: &mut Batch, first_seen: Timestamp, u: f64) -> usize {
        let v = vocab::get();
        let idx = self.companies.len();
        let id = idx as i64 + 1;
        let (name, domain) = company_name(idx);

        let score = score_of(u);
        let fit = score / 100.0;

        // Firmographics follow the score: good fits are mid-sized software companies using the
        // tools our product connects.
        let bucket = (fit * 3.5 + self.rng.random_range(0.0..2.5)).floor() as usize;
        let employees = employees_in_bucket(&mut self.rng, bucket.min(6));
        let industry = if fit > 0.6 && self.rng.random_bool(fit) {
            v.industries[self.rng.random_range(0..4)].0.clone()
        } else {
            weighted(&mut self.rng, &v.industries, |i| i.1).0.clone()
        };
        let (country, _, cities) = weighted(&mut self.rng, &v.countries, |c| c.1);
        let city = cities[self.rng.random_range(0..cities.len())].clone();
        let mut technologies: Vec<String> = Vec::new();
        for _ in 0..self.rng.random_range(2..=7) {
            let t = if self.rng.random_bool((fit * 0.6).clamp(0.0, 1.0)) {
                let relevant: Vec<_> = v.technologies.iter().filter(|t| t.2 == 1).collect();
                relevant[self.rng.random_range(0..relevant.len())]
            } else {
                weighted(&mut self.rng, &v.technologies, |t| t.1)
            };
            if !technologies.contains(&t.0) {
                technologies.push(t.0.clone());
            }
        }

        let segment = FitSegment::for_score(score);
        let mut signals: Vec<String> = technologies
            .iter()
            .filter(|t| v.technologies.iter().any(|(name, _, rel)| name == *t && *rel == 1))
            .take(2)
            .map(|t| format!("Uses {t}"))
            .collect();
        signals.push(format!("{employees} employees"));
        signals.push(format!("Industry: {industry}"));
        if score < 50.0 {
            signals.reverse();
        }

        let qualified_at = (score >= QUALIFY_THRESHOLD).then(|| {
            (first_seen + self.rng.random_range(5 * MINUTE..90 * MINUTE)).min(self.horizon)
        });

        b.companies.push(Company {
            id: Some(id),
            domain: domain.clone(),
            name: name.clone(),
            employees: Some(employees),
            industry: Some(industry),
            country: Some(country.clone()),
            city: Some(city),
            technologies,
            first_seen_at: Some(first_seen),
            qualified_at,
            created_at: first_seen,
        });
        b.scores.push(Score {
            entity: ScoredEntity::Company,
            entity_id: id,
            model: SCORE_MODEL.to_owned(),
            score,
            segment,
            signals,
            scored_at: first_seen + MINUTE,
        });
        self.companies.push(CompanyState { domain, name, fit });
        if let Some(at) = qualified_at {
            self.prospect(b, idx, at);
        }
        idx
    }

    fn prospect(&mut self, b: &mut Batch, idx: usize, qualified_at: Timestamp) {
        let v = vocab::get();
        let company_id = idx as i64 + 1;
        let domain = self.companies[idx].domain.clone();
        let rep = &v.reps[self.rng.random_range(0..v.reps.len())];

        // Reps review within a working day or so; what would be decided after the last day is
        // still pending.
        let decided = qualified_at + self.rng.random_range(HOUR..30 * HOUR);
        let state = if decided > self.horizon {
            ReviewState::Pending
        } else {
            match self.rng.random_range(0..100) {
                0..85 => ReviewState::Approved,
                85..95 => ReviewState::Rejected,
                _ => ReviewState::Snoozed,
            }
        };
        b.reviews.push(ReviewItem {
            company_id,
            state,
            assigned_to: Some(rep.0.clone()),
            reason: (state == ReviewState::Rejected).then(|| "Not a fit right now".to_owned()),
            queued_at: qualified_at,
            decided_at: (state != ReviewState::Pending).then_some(decided),
        });

        let found_at =
            (qualified_at + self.rng.random_range(MINUTE..10 * MINUTE)).min(self.horizon);
        let roles: Vec<(&String, &Vec<String>)> = v.roles.iter().collect();
        let mut used = HashSet::new();
        for _ in 0..self.rng.random_range(1..=MAX_CONTACTS_PER_COMPANY) {
            let first = &v.first_names[self.rng.random_range(0..v.first_names.len())];
            let last = &v.last_names[self.rng.random_range(0..v.last_names.len())];
            let local = format!("{}.{}", first.to_lowercase(), last.to_lowercase());
            if !used.insert(local.clone()) {
                continue;
            }
            let email = format!("{local}@{domain}");
            let (role, titles) = roles[self.rng.random_range(0..roles.len())];
            let title = titles[self.rng.random_range(0..titles.len())].clone();
            let person_id = self.next_person;
            self.next_person += 1;
            b.people.push(Person {
                id: Some(person_id),
                user_id: None,
                email: Some(email.clone()),
                first_name: Some(first.clone()),
                last_name: Some(last.clone()),
                title: Some(title.clone()),
                company_id: Some(company_id),
                traits_json: serde_json::json!({ "source": "prospector" }).to_string(),
                created_at: found_at,
            });
            b.identities.push(Identity {
                person_id,
                kind: IdentityKind::Email,
                value: email.clone(),
                first_seen_at: found_at,
            });
            let contact_state = match state {
                ReviewState::Approved if self.rng.random_bool(0.1) => ReviewState::Rejected,
                s => s,
            };
            b.prospects.push(Prospect {
                id: Some(self.next_prospect),
                company_id,
                person_id: Some(person_id),
                email: email.clone(),
                email_verified: self.rng.random_bool(0.8),
                first_name: first.clone(),
                last_name: last.clone(),
                title: title.clone(),
                role: role.clone(),
                seniority: seniority(&title).to_owned(),
                found_at,
                state: contact_state,
            });
            self.next_prospect += 1;
            if contact_state == ReviewState::Approved {
                let sent = decided + self.rng.random_range(30 * MINUTE..3 * HOUR);
                self.email(
                    b,
                    person_id,
                    &email,
                    DEFAULT_OUTBOUND_CAMPAIGN,
                    sent,
                    OUTBOUND_OPEN_RATE,
                );
            }
        }
    }

    /// One delivery of a campaign and what happens to it, up to the horizon.
    fn email(
        &mut self,
        b: &mut Batch,
        person_id: i64,
        email: &str,
        campaign: &str,
        sent: Timestamp,
        open_rate: f64,
    ) {
        if sent > self.horizon {
            return;
        }
        let delivery_id = format!("dlv_{:08x}", self.next_delivery);
        self.next_delivery += 1;
        let mut push = |kind, at: Timestamp| {
            b.emails.push(EmailActivity {
                delivery_id: delivery_id.clone(),
                person_id: Some(person_id),
                email: email.to_owned(),
                campaign: campaign.to_owned(),
                kind,
                at,
            });
        };
        let horizon = self.horizon;
        push(EmailActivityKind::Sent, sent);
        let delivered = (sent + self.rng.random_range(1_000..30_000)).min(horizon);
        if self.rng.random_bool(OUTBOUND_BOUNCE_RATE) {
            push(EmailActivityKind::Bounced, delivered);
            return;
        }
        push(EmailActivityKind::Delivered, delivered);
        if self.rng.random_bool(open_rate) {
            let delay = (-(1.0 - self.rng.random::<f64>()).ln() * 4.0 * HOUR as f64) as i64;
            let opened = (delivered + MINUTE + delay).min(horizon);
            push(EmailActivityKind::Opened, opened);
            if self.rng.random_bool(0.15) {
                push(
                    EmailActivityKind::Clicked,
                    (opened + self.rng.random_range(MINUTE..10 * MINUTE)).min(horizon),
                );
            }
            if campaign == DEFAULT_OUTBOUND_CAMPAIGN && self.rng.random_bool(OUTBOUND_REPLY_RATE) {
                let replied = opened + self.rng.random_range(10 * MINUTE..2 * 24 * HOUR);
                if replied <= horizon {
                    push(EmailActivityKind::Replied, replied);
                }
            }
        }
    }

    // ---- traffic ------------------------------------------------------------------------------

    /// Visits from a company's office on `day`; returns the first visit's start.
    fn company_visits(&mut self, b: &mut Batch, idx: usize, day: Day, fit: f64) -> Timestamp {
        // 1.6 visits on average (E[fit] is about 0.31), more for good fits.
        let n = 1
            + usize::from(self.rng.random_bool(0.3 + 0.4 * fit))
            + usize::from(self.rng.random_bool(0.1 + 0.2 * fit));
        let ip = company_ip(idx, self.rng.random_range(0..2));
        let fuzzy = self.rng.random_bool(0.08);
        let mut first = Timestamp::MAX;
        for _ in 0..n {
            let at = self.time_of_day(day);
            first = first.min(at);
            let anonymous_id = self.uuid();
            self.visit(
                b,
                anonymous_id,
                ip.clone(),
                at,
                Some(idx as i64 + 1),
                Resolution::Company,
                fuzzy,
            );
        }
        first
    }

    fn unresolved_visit(&mut self, b: &mut Batch, day: Day) {
        let resolution = match self.rng.random_range(0..100) {
            0..70 => Resolution::Isp,
            70..80 => Resolution::Education,
            80..85 => Resolution::Government,
            _ => Resolution::Unresolved,
        };
        let ip = isp_ip(self.rng.random());
        let at = self.time_of_day(day);
        let anonymous_id = self.uuid();
        self.visit(b, anonymous_id, ip, at, None, resolution, false);
    }

    #[allow(clippy::too_many_arguments)]
    fn visit(
        &mut self,
        b: &mut Batch,
        anonymous_id: String,
        ip: String,
        at: Timestamp,
        company_id: Option<i64>,
        resolution: Resolution,
        fuzzy: bool,
    ) {
        let pages = 1 + self.geometric(0.64);
        let mut t = at;
        for _ in 0..pages {
            self.page(b, &anonymous_id, None, &ip, t);
            t += self.rng.random_range(20_000..150_000);
        }
        b.visits.push(Visit {
            anonymous_id,
            ip,
            started_at: at,
            pages: pages as i64,
            company_id,
            resolution,
            fuzzy,
        });
    }

    fn page(
        &mut self,
        b: &mut Batch,
        anonymous_id: &str,
        user: Option<(&str, i64)>,
        ip: &str,
        at: Timestamp,
    ) {
        let v = vocab::get();
        let (path, title, _) = weighted(&mut self.rng, &v.pages, |p| p.2);
        b.events.push(Event {
            message_id: String::new(),
            message_type: MessageType::Page,
            name: Some(title.clone()),
            user_id: user.map(|u| u.0.to_owned()),
            anonymous_id: Some(anonymous_id.to_owned()),
            person_id: user.map(|u| u.1),
            timestamp: at.min(self.horizon),
            received_at: at.min(self.horizon) + 150,
            ip: Some(ip.to_owned()),
            properties_json: Some(serde_json::json!({ "path": path, "title": title }).to_string()),
            context_json: None,
            source_id: None,
            raw_json: None,
        });
    }

    // ---- the product's users ------------------------------------------------------------------

    fn signup(&mut self, b: &mut Batch, day: Day) {
        let v = vocab::get();
        let first = v.first_names[self.rng.random_range(0..v.first_names.len())].clone();
        let last = v.last_names[self.rng.random_range(0..v.last_names.len())].clone();
        let person_id = self.next_person;
        self.next_person += 1;
        let user_id = format!("usr_{person_id:07}");
        let company = (self.rng.random_bool(0.7) && !self.today.is_empty())
            .then(|| self.today[self.rng.random_range(0..self.today.len())]);
        let email_domain = match company {
            Some(idx) => self.companies[idx].domain.clone(),
            None => v.personal_email_domains
                [self.rng.random_range(0..v.personal_email_domains.len())]
            .clone(),
        };
        let email = format!(
            "{}.{}{}@{email_domain}",
            first.to_lowercase(),
            last.to_lowercase(),
            person_id % 100
        );
        let anonymous_id = self.uuid();
        let ip = match company {
            Some(idx) => company_ip(idx, 0),
            None => isp_ip(self.rng.random()),
        };
        let at = self.time_of_day(day);

        self.page(b, &anonymous_id, None, &ip, at);
        let signed_up = at + self.rng.random_range(MINUTE..5 * MINUTE);
        let traits = serde_json::json!({
            "email": email, "firstName": first, "lastName": last,
            "createdAt": switchboard_core::day::rfc3339(signed_up),
            "company": company.map(|idx| serde_json::json!({ "name": self.companies[idx].name })),
        });
        let context =
            serde_json::json!({ "library": { "name": "analytics.js", "version": "5.2.0" } });
        let horizon = self.horizon;
        let message = |t: MessageType, name: Option<&str>, at: Timestamp, props: String| Event {
            message_id: String::new(),
            message_type: t,
            name: name.map(str::to_owned),
            user_id: Some(user_id.clone()),
            anonymous_id: Some(anonymous_id.clone()),
            person_id: Some(person_id),
            timestamp: at.min(horizon),
            received_at: at.min(horizon) + 120,
            ip: Some(ip.clone()),
            properties_json: Some(props),
            context_json: Some(context.to_string()),
            source_id: None,
            raw_json: None,
        };
        b.events.push(message(MessageType::Identify, None, signed_up, traits.to_string()));
        b.events.push(message(
            MessageType::Track,
            Some("Signed Up"),
            signed_up + 1_000,
            serde_json::json!({ "plan": "free" }).to_string(),
        ));
        if let Some(idx) = company {
            let props = serde_json::json!({ "name": self.companies[idx].name }).to_string();
            b.events.push(message(MessageType::Group, None, signed_up + 2_000, props));
        }
        if self.rng.random_bool(0.15) {
            // Signed in again from a second device: its anonymous id is aliased to the user.
            let previous_id = self.uuid();
            let props = serde_json::json!({ "previousId": previous_id }).to_string();
            let mut alias = message(MessageType::Alias, None, signed_up + 3 * HOUR, props);
            alias.anonymous_id = None;
            b.events.push(alias);
            b.identities.push(Identity {
                person_id,
                kind: IdentityKind::AnonymousId,
                value: previous_id,
                first_seen_at: (signed_up + 3 * HOUR).min(self.horizon),
            });
        }
        if self.rng.random_bool(0.55) {
            let at = signed_up + self.rng.random_range(10 * MINUTE..6 * HOUR);
            let props = serde_json::json!({ "source": "javascript" }).to_string();
            b.events.push(message(MessageType::Track, Some("Source Connected"), at, props));
        }

        b.people.push(Person {
            id: Some(person_id),
            user_id: Some(user_id.clone()),
            email: Some(email.clone()),
            first_name: Some(first),
            last_name: Some(last),
            title: None,
            company_id: company.map(|idx| idx as i64 + 1),
            traits_json: traits.to_string(),
            created_at: signed_up,
        });
        for (kind, value) in [
            (IdentityKind::AnonymousId, anonymous_id.clone()),
            (IdentityKind::UserId, user_id.clone()),
            (IdentityKind::Email, email.clone()),
        ] {
            b.identities.push(Identity { person_id, kind, value, first_seen_at: signed_up });
        }
        let score = (100.0 * self.rng.random::<f64>().powf(1.5) * 10.0).round() / 10.0;
        b.scores.push(Score {
            entity: ScoredEntity::Person,
            entity_id: person_id,
            model: SCORE_MODEL.to_owned(),
            score,
            segment: FitSegment::for_score(score),
            signals: vec![
                if company.is_some() { "Work email" } else { "Personal email" }.to_owned(),
            ],
            scored_at: signed_up + MINUTE,
        });
        let sent = signed_up + HOUR;
        self.email(b, person_id, &email, ACTIVATION_CAMPAIGN, sent, ACTIVATION_OPEN_RATE);
        self.users.push(User { person_id, user_id, anonymous_id });
    }

    /// Users who signed up on earlier days come back now and then.
    fn user_activity(&mut self, b: &mut Batch, day: Day) {
        let v = vocab::get();
        for i in 0..self.users.len() {
            if !self.rng.random_bool(0.25) {
                continue;
            }
            let at = self.time_of_day(day);
            let user = &self.users[i];
            let (user_id, anonymous_id, person_id) =
                (user.user_id.clone(), user.anonymous_id.clone(), user.person_id);
            // A fifth of the sessions are in the mobile app, which sends screens.
            let mobile = self.rng.random_bool(0.2);
            if !mobile {
                // Signed-in web sessions view a few pages first (pricing among them).
                for k in 0..self.rng.random_range(1..=4) {
                    let (path, title, _) = weighted(&mut self.rng, &v.pages, |p| p.2);
                    let t = (at - (k + 1) * 30_000).min(self.horizon);
                    b.events.push(Event {
                        message_id: String::new(),
                        message_type: MessageType::Page,
                        name: Some(title.clone()),
                        user_id: Some(user_id.clone()),
                        anonymous_id: Some(anonymous_id.clone()),
                        person_id: Some(person_id),
                        timestamp: t,
                        received_at: t + 150,
                        ip: None,
                        properties_json: Some(
                            serde_json::json!({ "path": path, "title": title }).to_string(),
                        ),
                        context_json: None,
                        source_id: None,
                        raw_json: None,
                    });
                }
            }
            for k in 0..self.rng.random_range(1..=3) {
                let name =
                    v.activity_events[self.rng.random_range(0..v.activity_events.len())].clone();
                let (message_type, name) = if mobile {
                    (MessageType::Screen, name.split(' ').next().unwrap_or("Home").to_owned())
                } else {
                    (MessageType::Track, name)
                };
                b.events.push(Event {
                    message_id: String::new(),
                    message_type,
                    name: Some(name),
                    user_id: Some(user_id.clone()),
                    anonymous_id: Some(anonymous_id.clone()),
                    person_id: Some(person_id),
                    timestamp: (at + k * 40_000).min(self.horizon),
                    received_at: (at + k * 40_000).min(self.horizon) + 90,
                    ip: None,
                    properties_json: None,
                    context_json: None,
                    source_id: None,
                    raw_json: None,
                });
            }
        }
    }

    fn ad_spend(&mut self, b: &mut Batch, day: Day, weekday: f64) {
        for (platform, id, name, cents) in &vocab::get().ad_campaigns {
            let spend =
                (*cents as f64 * self.options.scale * weekday * self.rng.random_range(0.8..1.2))
                    .round() as i64;
            let cpm_cents = self.rng.random_range(600..1_400);
            let impressions = spend * 1_000 / cpm_cents;
            let clicks = (impressions as f64 * self.rng.random_range(0.004..0.015)).round() as i64;
            b.spend.push(AdSpendDay {
                platform: platform.parse::<AdPlatform>().expect("checked by the vocabulary test"),
                campaign_id: id.clone(),
                campaign_name: name.clone(),
                day,
                spend_minor: spend,
                currency: "USD".to_owned(),
                impressions,
                clicks,
            });
        }
    }

    // ---- small draws --------------------------------------------------------------------------

    /// A time on `day`, busiest in the (UTC) afternoon when Europe and America overlap.
    fn time_of_day(&mut self, day: Day) -> Timestamp {
        let hours: f64 = (0..3).map(|_| self.rng.random_range(0.0..24.0)).sum::<f64>() / 3.0;
        let shifted = (hours + 3.0).rem_euclid(24.0);
        day.start() + (shifted * HOUR as f64) as i64
    }

    fn geometric(&mut self, p_continue: f64) -> usize {
        let mut n = 0;
        while n < 30 && self.rng.random_bool(p_continue) {
            n += 1;
        }
        n
    }

    fn uuid(&mut self) -> String {
        let a: u128 = self.rng.random();
        let h = format!("{a:032x}");
        format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
    }
}

/// A company's score from a uniform draw `u`, one decimal.
fn score_of(u: f64) -> f64 {
    (100.0 * u.powf(SCORE_EXPONENT) * 10.0).round() / 10.0
}

/// Assigns message ids in time order once a batch is complete.
fn number_messages(events: &mut [Event], next: &mut u64) {
    for e in events {
        e.message_id = format!("demo-{:011}", *next);
        *next += 1;
    }
}

/// Company `idx`'s name and domain. A fixed permutation spreads consecutive companies over the
/// name space; past its size, a number keeps domains unique.
fn company_name(idx: usize) -> (String, String) {
    let v = vocab::get();
    let (np, nc, ns) = (v.name_prefixes.len(), v.name_cores.len(), v.name_suffixes.len());
    let space = np * nc * ns;
    let k = (idx % space).wrapping_mul(7_919) % space;
    let round = idx / space;
    let (p, c, s) =
        (&v.name_prefixes[k % np], &v.name_cores[(k / np) % nc], &v.name_suffixes[k / (np * nc)]);
    let mut name = format!("{p}{c} {s}");
    let mut domain = format!("{}{}-{}", p.to_lowercase(), c, s.to_lowercase());
    if round > 0 {
        name.push_str(&format!(" {}", round + 1));
        domain.push_str(&format!("-{}", round + 1));
    }
    domain.push_str(".example");
    (name, domain)
}

/// Office IPs come from 100.64.0.0/10 (shared address space, never a real company's public
/// address), two per company.
fn company_ip(idx: usize, which: u32) -> String {
    let n = ((idx as u32).wrapping_mul(2).wrapping_add(which)) % (1 << 22);
    let ip = (100u32 << 24) | (64 << 16) | n;
    std::net::Ipv4Addr::from(ip).to_string()
}

/// ISP and other unresolvable visitors come from 198.18.0.0/15 (reserved for benchmarking).
fn isp_ip(r: u32) -> String {
    std::net::Ipv4Addr::from((198u32 << 24) | (18 << 16) | (r % (1 << 17))).to_string()
}

fn employees_in_bucket(rng: &mut ChaCha8Rng, bucket: usize) -> i64 {
    const BUCKETS: [(i64, i64); 7] =
        [(2, 10), (11, 50), (51, 200), (201, 500), (501, 1_000), (1_001, 5_000), (5_001, 40_000)];
    let (lo, hi) = BUCKETS[bucket];
    rng.random_range(lo..=hi)
}

fn seniority(title: &str) -> &'static str {
    if title.starts_with("VP") || title.starts_with("Chief") || title.len() == 3 {
        "executive"
    } else if title.starts_with("Head") || title.starts_with("Director") {
        "director"
    } else {
        "manager"
    }
}

fn weighted<'a, T>(rng: &mut ChaCha8Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for item in items {
        let w = weight(item);
        if pick < w {
            return item;
        }
        pick -= w;
    }
    &items[items.len() - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_are_unique_and_synthetic() {
        let mut seen = HashSet::new();
        for idx in (0..300_000).step_by(7) {
            let (_, domain) = company_name(idx);
            assert!(domain.ends_with(".example"), "{domain}");
            assert!(seen.insert(domain.clone()), "duplicate {domain} at {idx}");
        }
    }

    #[test]
    fn score_exponent_qualifies_fifteen_percent() {
        let share = 1.0 - (QUALIFY_THRESHOLD / 100.0).powf(1.0 / SCORE_EXPONENT);
        assert!((share - 0.15).abs() < 0.001, "{share}");
    }

    #[test]
    fn seniorities() {
        assert_eq!(seniority("CTO"), "executive");
        assert_eq!(seniority("VP of Growth"), "executive");
        assert_eq!(seniority("Head of Data"), "director");
        assert_eq!(seniority("Growth Manager"), "manager");
    }
}
