//! Connections to vendor tools: what each needs, what is set (secrets shown only as "set" and
//! their last four characters), connecting and disconnecting, testing a connection, running a
//! sync, its log, and which scheduled syncs are due.
//!
//! Keys go to the [`Secrets`] store the front end opened, under this workspace's id; the
//! workspace file keeps only the non-secret settings.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use switchboard_connectors::sync::Clock;
use switchboard_connectors::{
    Cancel, Client, ConnectorSettings, Credentials, Field, Policy, Progress, Run, Secrets, Vendor,
    secrets::masked,
};
use switchboard_core::Timestamp;
use switchboard_core::sync::{Schedule, SyncRow, SyncRun, SyncTrigger};
use switchboard_store::{settings, sync as table};

use crate::{Error, Result, Workspace};

/// One field of a connection and what is set for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldState {
    pub field: Field,
    /// The value of a non-secret field.
    pub value: Option<String>,
    /// For a secret: "set"-style text with its last four characters, never the key.
    pub masked: Option<String>,
}

/// A connector as the Connections screen shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Connection {
    pub vendor: Vendor,
    pub fields: Vec<FieldState>,
    /// Every required field is set.
    pub connected: bool,
    pub settings: ConnectorSettings,
    pub last_run: Option<SyncRun>,
    pub next_run: Option<Timestamp>,
    pub running: bool,
}

/// Changes to a connector's settings; `None` leaves a value as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub schedule: Option<Schedule>,
    /// `Some(None)` clears the override.
    pub base_url: Option<Option<String>>,
    pub freshness_days: Option<u32>,
    pub daily_budget: Option<u64>,
}

/// Runs under way in this process, so a second one of a connector is refused and a cancel finds
/// its run.
#[derive(Debug, Clone, Default)]
pub struct Running(Arc<Mutex<HashMap<Vendor, Cancel>>>);

impl Running {
    fn start(&self, vendor: Vendor) -> Option<Cancel> {
        let mut map = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.contains_key(&vendor) {
            return None;
        }
        let cancel = Cancel::default();
        map.insert(vendor, cancel.clone());
        Some(cancel)
    }

    fn end(&self, vendor: Vendor) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(&vendor);
    }

    fn is_running(&self, vendor: Vendor) -> bool {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).contains_key(&vendor)
    }

    /// Asks a running sync to stop after its current batch. False when none is running.
    pub fn cancel(&self, vendor: Vendor) -> bool {
        match self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).get(&vendor) {
            Some(c) => {
                c.cancel();
                true
            }
            None => false,
        }
    }
}

fn all_required_set(fields: &[FieldState]) -> bool {
    fields.iter().all(|s| !s.field.required || s.value.is_some() || s.masked.is_some())
}

fn settings_key(vendor: Vendor) -> String {
    format!("connector.{}", vendor.id())
}

/// Parses a connector's id as the CLI and the UI give it.
pub fn vendor(id: &str) -> Result<Vendor> {
    Vendor::from_id(id).ok_or_else(|| {
        let known: Vec<&str> = Vendor::ALL.iter().map(|v| v.id()).collect();
        Error::InvalidOptions(format!("unknown tool `{id}`; use one of {}", known.join(", ")))
    })
}

impl Workspace {
    pub(crate) async fn workspace_id(&self) -> Result<String> {
        Ok(self
            .db
            .call(|c| {
                if let Some(id) = settings::get(c, settings::WORKSPACE_ID)? {
                    return Ok(id);
                }
                let id: String = (0..16).map(|_| format!("{:02x}", rand::random::<u8>())).collect();
                settings::set(c, settings::WORKSPACE_ID, &id)?;
                Ok(id)
            })
            .await?)
    }

    fn secret_name(workspace_id: &str, vendor: Vendor, field: &str) -> String {
        format!("{workspace_id}/{}/{field}", vendor.id())
    }

    pub async fn connector_settings(&self, vendor: Vendor) -> Result<ConnectorSettings> {
        let key = settings_key(vendor);
        let text = self.db.call(move |c| settings::get(c, &key)).await?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }

    async fn save_connector_settings(&self, vendor: Vendor, s: &ConnectorSettings) -> Result<()> {
        let key = settings_key(vendor);
        let text = serde_json::to_string(s)?;
        Ok(self.db.call(move |c| settings::set(c, &key, &text)).await?)
    }

    async fn credentials(&self, secrets: &Secrets, vendor: Vendor) -> Result<Credentials> {
        let id = self.workspace_id().await?;
        let mut values = BTreeMap::new();
        for f in vendor.fields().iter().filter(|f| f.secret) {
            if let Some(v) = secrets.get(&Workspace::secret_name(&id, vendor, f.name))? {
                values.insert(f.name.to_owned(), v);
            }
        }
        Ok(Credentials::new(values))
    }

    /// What is set of each of a connector's fields (keys masked), with its settings.
    async fn field_states(
        &self,
        secrets: &Secrets,
        vendor: Vendor,
    ) -> Result<(Vec<FieldState>, ConnectorSettings)> {
        let settings = self.connector_settings(vendor).await?;
        let creds = self.credentials(secrets, vendor).await?;
        let fields = vendor
            .fields()
            .iter()
            .map(|f| FieldState {
                field: *f,
                value: if f.secret { None } else { settings.field(f.name).map(str::to_owned) },
                masked: if f.secret { creds.get(f.name).map(masked) } else { None },
            })
            .collect();
        Ok((fields, settings))
    }

    /// Whether every field a connector needs is set; reads only that connector's keys.
    pub async fn is_connected(&self, secrets: &Secrets, vendor: Vendor) -> Result<bool> {
        Ok(all_required_set(&self.field_states(secrets, vendor).await?.0))
    }

    /// Every connector with what is set, its last run and when the next scheduled one is due.
    pub async fn connections(
        &self,
        secrets: &Secrets,
        running: &Running,
        now: Timestamp,
    ) -> Result<Vec<Connection>> {
        let mut out = Vec::new();
        for vendor in Vendor::ALL {
            let (fields, settings) = self.field_states(secrets, vendor).await?;
            let connected = all_required_set(&fields);
            let id = vendor.id();
            let last_run = self.db.call(move |c| Ok(table::runs(c, Some(id), 1)?.pop())).await?;
            let next_run = if connected {
                settings.schedule.next_run(last_run.as_ref().map(|r| r.started_at), now)
            } else {
                None
            };
            out.push(Connection {
                vendor,
                fields,
                connected,
                settings,
                last_run,
                next_run,
                running: running.is_running(vendor),
            });
        }
        Ok(out)
    }

    /// Sets a connector's fields: secrets go to the keychain, the rest to the workspace. An empty
    /// value leaves a secret as it is (the form never shows it), and clears a plain field.
    pub async fn connect(
        &self,
        secrets: &Secrets,
        vendor: Vendor,
        values: &BTreeMap<String, String>,
    ) -> Result<()> {
        for name in values.keys() {
            if !vendor.fields().iter().any(|f| f.name == name) {
                let known: Vec<&str> = vendor.fields().iter().map(|f| f.name).collect();
                return Err(Error::InvalidOptions(format!(
                    "{vendor} has no field `{name}`; its fields are {}",
                    known.join(", ")
                )));
            }
        }
        let mut settings = self.connector_settings(vendor).await?;
        for f in vendor.fields().iter().filter(|f| !f.secret) {
            if let Some(v) = values.get(f.name) {
                let v = v.trim();
                if !v.is_empty() && !f.choices.is_empty() && !f.choices.contains(&v) {
                    return Err(Error::InvalidOptions(format!(
                        "{} must be one of {}",
                        f.label,
                        f.choices.join(", ")
                    )));
                }
                if v.is_empty() {
                    settings.fields.remove(f.name);
                } else {
                    settings.fields.insert(f.name.to_owned(), v.to_owned());
                }
            }
        }
        let id = self.workspace_id().await?;
        for f in vendor.fields().iter().filter(|f| f.secret) {
            if let Some(v) = values.get(f.name).map(|v| v.trim()).filter(|v| !v.is_empty()) {
                secrets.set(&Workspace::secret_name(&id, vendor, f.name), v)?;
            }
        }
        self.save_connector_settings(vendor, &settings).await
    }

    /// Forgets a connector's keys and fields; its sync history stays.
    pub async fn disconnect(&self, secrets: &Secrets, vendor: Vendor) -> Result<()> {
        let id = self.workspace_id().await?;
        for f in vendor.fields().iter().filter(|f| f.secret) {
            secrets.delete(&Workspace::secret_name(&id, vendor, f.name))?;
        }
        let mut settings = self.connector_settings(vendor).await?;
        settings.fields.clear();
        settings.schedule = Schedule::Off;
        self.save_connector_settings(vendor, &settings).await
    }

    pub async fn change_connector(
        &self,
        vendor: Vendor,
        change: SettingsChange,
    ) -> Result<ConnectorSettings> {
        let mut s = self.connector_settings(vendor).await?;
        if let Some(schedule) = change.schedule {
            s.schedule = schedule;
        }
        if let Some(base) = change.base_url {
            let base =
                base.map(|b| b.trim().trim_end_matches('/').to_owned()).filter(|b| !b.is_empty());
            if let Some(b) = &base
                && !(b.starts_with("http://") || b.starts_with("https://"))
            {
                return Err(Error::InvalidOptions(format!(
                    "the base URL `{b}` must start with http:// or https://"
                )));
            }
            s.base_url = base;
        }
        if let Some(days) = change.freshness_days {
            s.freshness_days = days;
        }
        if let Some(budget) = change.daily_budget {
            s.daily_budget = budget;
        }
        self.save_connector_settings(vendor, &s).await?;
        Ok(s)
    }

    /// The vendor's client from its settings and keys (finding Customer.io's region once).
    pub(crate) async fn client(
        &self,
        secrets: &Secrets,
        vendor: Vendor,
        policy: Policy,
    ) -> Result<(Client, ConnectorSettings)> {
        let mut settings = self.connector_settings(vendor).await?;
        let creds = self.credentials(secrets, vendor).await?;
        let mut client = Client::build(vendor, &settings, &creds, policy.clone())?;
        // Customer.io's region, when not chosen, is asked of the Track API once and kept.
        if let Client::CustomerIo(cio) = &client
            && settings.field("region").is_none()
        {
            let region = cio.region().await?;
            settings.fields.insert("region".into(), region.id().to_owned());
            self.save_connector_settings(vendor, &settings).await?;
            client = Client::build(vendor, &settings, &creds, policy)?;
        }
        Ok((client, settings))
    }

    /// Calls the vendor's cheapest endpoint with the stored keys.
    pub async fn test_connection(
        &self,
        secrets: &Secrets,
        vendor: Vendor,
        policy: Policy,
    ) -> Result<()> {
        let (client, _) = self.client(secrets, vendor, policy).await?;
        Ok(client.check().await?)
    }

    /// Runs one sync of `vendor` and returns its record. Refused while another sync of the same
    /// connector runs in this process.
    #[allow(clippy::too_many_arguments)]
    pub async fn sync(
        &self,
        secrets: &Secrets,
        running: &Running,
        vendor: Vendor,
        trigger: SyncTrigger,
        policy: Policy,
        clock: Clock,
        progress: &mut (dyn FnMut(&Progress) + Send),
    ) -> Result<SyncRun> {
        let guard_policy = policy.clone();
        let (client, settings) = self.client(secrets, vendor, policy).await?;
        let Some(cancel) = running.start(vendor) else {
            return Err(Error::SyncRunning(vendor.to_string()));
        };
        let run =
            Run { db: &self.db, client: &client, settings: &settings, trigger, clock, cancel };
        let result = run.execute(progress).await;
        running.end(vendor);
        let record = result.map_err(|e| match e {
            switchboard_connectors::SyncError::Store(e) => Error::Store(e),
            switchboard_connectors::SyncError::Missing(m) => Error::NotConnected(m),
        })?;
        let now = record.finished_at.unwrap_or(record.started_at);
        if record.counts.written > 0 {
            self.recompute_segments("sync", now).await?;
        }
        // Deliveries pulled from Customer.io move the outbound contacts they were sent to.
        if vendor == Vendor::CustomerIo && record.counts.written > 0 {
            self.db.call(switchboard_store::outreach::advance_from_activity).await?;
        }
        // New spend may take a campaign past its cap: the budget guard looks at once.
        if matches!(vendor, Vendor::Facebook | Vendor::GoogleAds | Vendor::AdRoll)
            && record.counts.written > 0
        {
            let policy =
                |v: Vendor| if v == vendor { guard_policy.clone() } else { Policy::for_vendor(v) };
            if let Err(e) = self.run_budget_guard(secrets, &policy, now).await {
                tracing::warn!(error = %e, "the budget guard could not run after the sync");
            }
        }
        Ok(record)
    }

    /// The newest sync runs first, of one connector or all.
    pub async fn sync_log(&self, vendor: Option<Vendor>, limit: u32) -> Result<Vec<SyncRun>> {
        Ok(self.db.call(move |c| table::runs(c, vendor.map(Vendor::id), limit)).await?)
    }

    /// The rows a run failed or skipped, with reasons.
    pub async fn sync_rows(&self, run_id: i64, limit: u32) -> Result<Vec<SyncRow>> {
        Ok(self.db.call(move |c| table::run_rows(c, run_id, limit)).await?)
    }

    /// Marks syncs a stopped process left running as interrupted.
    pub async fn interrupt_stale_syncs(&self, now: Timestamp) -> Result<usize> {
        Ok(self.db.call(move |c| table::interrupt_running(c, now)).await?)
    }
}

#[cfg(test)]
mod tests;
