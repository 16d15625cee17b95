//! After the review: the reps' other queue actions (snooze, assign, note, reopen), sending the
//! approved contacts to Customer.io's outbound campaign, telling it when an address stops, and
//! the secrets of the inbound webhooks that report what happened to each send.
//!
//! A send is two Track API calls: identify the person with the attributes the template reads,
//! then the event that starts the campaign, with the template's variables as its data. The
//! contact's row (`outreach`) is committed at `sending` with the event's id before the calls, so
//! a send repeated after a kill goes out with the same id and Customer.io counts it once.

use std::collections::BTreeMap;

use rand::Rng;
use serde_json::{Map, Value, json};
use switchboard_connectors::customerio::CustomerIo;
use switchboard_connectors::{Client, Policy, Secrets, Vendor};
use switchboard_core::{Timestamp, template};
use switchboard_ingest::WebhookAuth;
use switchboard_store::outreach::{self as store, ToSend};
use switchboard_store::review_queue as queue;
use switchboard_store::{prospects, settings};

use crate::{Error, Result, Workspace};

/// The event that starts the outbound campaign when none is set.
pub const DEFAULT_OUTBOUND_EVENT: &str = "switchboard_outbound_approved";

/// Contacts sent per run at most; the rest go with the next.
const SEND_BATCH: u32 = 500;

/// What a send did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SendReport {
    /// The event sent.
    pub event: String,
    pub sent: u64,
    /// Of those, sends a stopped run had begun (sent again with their event id).
    pub resumed: u64,
    /// Contacts whose send failed, with why; each is tried again by the next send, with the same
    /// event id.
    pub failed: Vec<(String, String)>,
    /// Stopped addresses (replied, bounced, unsubscribed) Customer.io was told of.
    pub notified: u64,
    /// Approved contacts left for the next send.
    pub waiting: u64,
}

/// A ULID: 48 bits of milliseconds, then 80 random bits, in Crockford's base 32.
fn ulid(now: Timestamp) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let random: u128 = rand::rng().random::<u128>() & ((1u128 << 80) - 1);
    let value = (u128::from(now.max(0) as u64 & ((1 << 48) - 1)) << 80) | random;
    (0..26).rev().map(|i| ALPHABET[((value >> (i * 5)) & 31) as usize] as char).collect()
}

impl Workspace {
    /// The event that starts the outbound campaign.
    pub async fn outbound_event(&self) -> Result<String> {
        Ok(self
            .db
            .call(|c| settings::get(c, settings::OUTBOUND_EVENT))
            .await?
            .unwrap_or_else(|| DEFAULT_OUTBOUND_EVENT.to_owned()))
    }

    pub async fn set_outbound_event(&self, name: &str) -> Result<()> {
        let name = name.trim().to_owned();
        if name.is_empty() || name.len() > 100 {
            return Err(Error::InvalidOptions(
                "the campaign's event name is 1 to 100 bytes (Customer.io's limit)".into(),
            ));
        }
        Ok(self.db.call(move |c| settings::set(c, settings::OUTBOUND_EVENT, &name)).await?)
    }

    async fn customerio(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
    ) -> Result<CustomerIo> {
        match self.client(secrets, Vendor::CustomerIo, policy(Vendor::CustomerIo)).await? {
            (Client::CustomerIo(c), _) => Ok(c),
            _ => unreachable!("a Customer.io connection builds Customer.io's client"),
        }
    }

    /// The event data for one contact: the template's variables, with each forwarded layer's
    /// date line as `dates.layer_N` (what the Customer.io export of the template reads).
    async fn send_data(&self, prospect_id: i64, now: Timestamp) -> Result<Value> {
        let name = self.db.call(|c| settings::get(c, settings::OUTBOUND_TEMPLATE)).await?;
        let t = match name {
            Some(n) => self.template(&n, now).await?.template,
            None => template::default_template(),
        };
        let (record, senders) = self
            .db
            .call(move |c| {
                Ok((prospects::record_of(c, prospect_id)?, crate::templates::senders(c)?))
            })
            .await?;
        let record =
            record.ok_or_else(|| Error::Missing(format!("there is no prospect {prospect_id}")))?;
        let mut data = template::variables(&record, &senders);
        let rendered = template::render(&t, &data, now);
        let dates: Map<String, Value> = rendered
            .layers
            .iter()
            .enumerate()
            .map(|(i, l)| (format!("layer_{i}"), Value::String(template::forward_date(l.date))))
            .collect();
        data["dates"] = Value::Object(dates);
        Ok(data)
    }

    /// Sends the approved contacts to the outbound campaign, and tells Customer.io of addresses
    /// that stopped so the campaign sends them nothing more.
    pub async fn send_approved(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
        now: Timestamp,
    ) -> Result<SendReport> {
        let event = self.outbound_event().await?;
        let cio = self.customerio(secrets, policy).await?;
        let mut report = SendReport { event: event.clone(), ..SendReport::default() };
        let contacts = self.db.call(|c| store::to_send(c, SEND_BATCH + 1)).await?;
        report.waiting = contacts.len().saturating_sub(SEND_BATCH as usize) as u64;
        for contact in contacts.into_iter().take(SEND_BATCH as usize) {
            match self.send_one(&cio, &event, &contact, now).await {
                Ok(()) => {
                    report.sent += 1;
                    report.resumed += u64::from(contact.event_id.is_some());
                }
                Err(Error::Api(e)) if e.stops_run() => return Err(Error::Api(e)),
                // The contact stays at `sending` with its event id: the next send tries it again,
                // and Customer.io counts the event once even if this one reached it.
                Err(e) => report.failed.push((contact.email, e.to_string())),
            }
        }
        for (email, state) in self.db.call(|c| store::stops_to_notify(c, 1_000)).await? {
            let attributes = json!({
                "email": email,
                "outbound_state": state,
                "outbound_stopped": true,
                "outbound_stopped_at": now / 1000,
            });
            let Value::Object(attributes) = attributes else { unreachable!("an object") };
            cio.identify(&email, &attributes).await?;
            self.db.call(move |c| store::notified(c, &email, now)).await?;
            report.notified += 1;
        }
        Ok(report)
    }

    async fn send_one(
        &self,
        cio: &CustomerIo,
        event: &str,
        contact: &ToSend,
        now: Timestamp,
    ) -> Result<()> {
        let event_id = contact.event_id.clone().unwrap_or_else(|| ulid(now));
        let (id, email, campaign, eid) =
            (contact.prospect_id, contact.email.clone(), event.to_owned(), event_id.clone());
        self.db.call(move |c| store::start_send(c, id, &email, &campaign, &eid, now)).await?;
        let data = self.send_data(contact.prospect_id, now).await?;
        let attributes = json!({
            "email": contact.email,
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "title": contact.title,
            "seniority": contact.seniority,
            "company": contact.company,
            "company_domain": contact.domain,
            "created_at": now / 1000,
            "outbound_state": "sent",
        });
        let Value::Object(attributes) = attributes else { unreachable!("an object") };
        cio.identify(&contact.email, &attributes).await?;
        cio.track(&contact.email, event, &event_id, now / 1000, &data).await?;
        let email = contact.email.clone();
        self.db.call(move |c| store::sent(c, &email, now)).await?;
        Ok(())
    }

    /// Approved contacts not sent yet.
    pub async fn waiting_to_send(&self) -> Result<u64> {
        Ok(self.db.call(|c| store::count_to_send(c)).await?)
    }
}

impl Workspace {
    /// Snoozes an undecided company for `days`; it comes back as pending then.
    pub async fn snooze_queued(
        &self,
        domain: &str,
        days: u32,
        now: Timestamp,
    ) -> Result<Timestamp> {
        if !(1..=365).contains(&days) {
            return Err(Error::InvalidOptions("snooze for 1 to 365 days".into()));
        }
        let id = self.queued(domain).await?;
        let until = now + i64::from(days) * 86_400_000;
        if !self.db.call(move |c| queue::snooze(c, id, until, now)).await? {
            return Err(Error::InvalidOptions(format!(
                "{domain} is already decided; reopen it first to snooze it"
            )));
        }
        Ok(until)
    }

    /// Assigns a queued company to a rep, or to nobody with `None` (or an empty name).
    pub async fn assign_queued(&self, domain: &str, rep: Option<&str>) -> Result<()> {
        let id = self.queued(domain).await?;
        let rep = rep.map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        if rep.as_ref().is_some_and(|r| r.chars().count() > 80) {
            return Err(Error::InvalidOptions("a rep's name is at most 80 characters".into()));
        }
        Ok(self.db.call(move |c| queue::assign(c, id, rep.as_deref())).await?)
    }

    /// Sets a queued company's note, or clears it with `None` (or an empty note).
    pub async fn note_queued(&self, domain: &str, note: Option<&str>) -> Result<()> {
        let id = self.queued(domain).await?;
        let note = note.map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned);
        if note.as_ref().is_some_and(|n| n.chars().count() > 2_000) {
            return Err(Error::InvalidOptions("a note is at most 2,000 characters".into()));
        }
        Ok(self.db.call(move |c| queue::set_note(c, id, note.as_deref())).await?)
    }

    /// Puts a decided or snoozed company back to pending, unless a contact was already sent.
    pub async fn reopen_queued(&self, domain: &str) -> Result<()> {
        let id = self.queued(domain).await?;
        if self.db.call(move |c| queue::any_sent(c, id)).await? {
            return Err(Error::InvalidOptions(format!(
                "{domain}'s contacts were already sent to the campaign; it cannot be reopened"
            )));
        }
        Ok(self.db.call(move |c| queue::reopen(c, id)).await?)
    }

    /// The reps companies are assigned to.
    pub async fn queue_reps(&self) -> Result<Vec<String>> {
        Ok(self.db.call(|c| queue::reps(c)).await?)
    }

    /// Where each contact of the queue stands, by state.
    pub async fn outreach_counts(&self) -> Result<BTreeMap<String, u64>> {
        Ok(self
            .db
            .call(|c| {
                let mut stmt = c.prepare("SELECT state, COUNT(*) FROM outreach GROUP BY state")?;
                let mut out = BTreeMap::new();
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    out.insert(r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64);
                }
                Ok(out)
            })
            .await?)
    }
}

/// The keychain names of the webhooks' secrets.
fn webhook_secret_name(workspace_id: &str, field: &str) -> String {
    format!("{workspace_id}/webhooks/{field}")
}

impl Workspace {
    /// The webhooks' authentication, if they were set up.
    pub async fn webhook_auth(&self, secrets: &Secrets) -> Result<Option<WebhookAuth>> {
        let id = self.workspace_id().await?;
        let Some(secret) = secrets.get(&webhook_secret_name(&id, "secret"))? else {
            return Ok(None);
        };
        let cio_signing_key = secrets.get(&webhook_secret_name(&id, "cio_signing_key"))?;
        Ok(Some(WebhookAuth { secret, cio_signing_key }))
    }

    /// Sets the webhooks up: a random secret in the keychain (kept when there is one already, a
    /// new one with `rotate`), and Customer.io's signing key when given (`Some("")` removes it).
    pub async fn webhook_setup(
        &self,
        secrets: &Secrets,
        rotate: bool,
        cio_signing_key: Option<&str>,
    ) -> Result<WebhookAuth> {
        let id = self.workspace_id().await?;
        let name = webhook_secret_name(&id, "secret");
        if rotate || secrets.get(&name)?.is_none() {
            let secret: String = rand::rng()
                .sample_iter(rand::distr::Alphanumeric)
                .take(32)
                .map(char::from)
                .collect();
            secrets.set(&name, &secret)?;
        }
        match cio_signing_key.map(str::trim) {
            Some("") => secrets.delete(&webhook_secret_name(&id, "cio_signing_key"))?,
            Some(key) => secrets.set(&webhook_secret_name(&id, "cio_signing_key"), key)?,
            None => {}
        }
        self.webhook_auth(secrets).await?.ok_or_else(|| {
            Error::InvalidOptions("the keychain did not keep the webhook secret".into())
        })
    }

    /// The latest webhook calls received.
    pub async fn webhook_events(&self, limit: u32) -> Result<Vec<store::WebhookEvent>> {
        Ok(self.db.call(move |c| store::webhooks(c, limit)).await?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ulids_are_26_crockford_characters_in_time_order() {
        let a = super::ulid(1_700_000_000_000);
        let b = super::ulid(1_700_000_000_001);
        assert_eq!(a.len(), 26);
        assert!(a.chars().all(|c| "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)));
        assert!(a[..10] < b[..10]);
    }
}
