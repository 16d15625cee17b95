//! People and their profiles, and the tracking plan: what the People and Tracking plan screens
//! and the `plan` commands read and write.

use switchboard_core::Timestamp;
use switchboard_core::plan::TrackingPlan;
use switchboard_core::profile::{PersonProfile, PersonSummary};
use switchboard_ingest::plan;
use switchboard_store::tracking_plans::{
    self, EventCheck, StoredPlan, ViolationCount, ViolationRow,
};

use crate::{Error, Result, Workspace};

/// How many of a person's messages the profile lists.
const TIMELINE: u32 = 100;

/// The active plan and what messages did against it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanReport {
    pub plan: Option<StoredPlan>,
    pub checks: Vec<EventCheck>,
    pub counts: Vec<ViolationCount>,
    pub recent: Vec<ViolationRow>,
}

impl Workspace {
    /// People matching `query` (name, email, ids, company), or the most recently active.
    pub async fn people(&self, query: &str, limit: u32) -> Result<Vec<PersonSummary>> {
        let query = query.to_owned();
        let limit = limit.clamp(1, 500);
        Ok(self.db.call(move |c| switchboard_store::people::search(c, &query, limit)).await?)
    }

    /// One person's profile: identities, traits and their history, activity, timeline.
    pub async fn person(&self, id: i64) -> Result<PersonProfile> {
        self.db
            .call(move |c| switchboard_store::people::profile(c, id, TIMELINE))
            .await?
            .ok_or_else(|| {
                Error::Missing(format!(
                    "there is no person {id}; it may have been merged into another profile"
                ))
            })
    }

    /// Reads a tracking plan file's text, checks every schema compiles, and makes it the active
    /// plan. The collector picks it up within seconds; messages already stored are not rechecked.
    pub async fn import_plan(
        &self,
        text: &str,
        fallback_name: &str,
        now: Timestamp,
    ) -> Result<PlanReport> {
        let plan = TrackingPlan::from_json(text, fallback_name)
            .map_err(|e| Error::InvalidOptions(e.to_string()))?;
        plan::compile(0, &plan).map_err(|e| Error::InvalidOptions(e.to_string()))?;
        self.db.call(move |c| tracking_plans::import(c, &plan, now)).await?;
        if let Some(running) = self.running.lock().await.as_ref() {
            running.collector().reload_plan().await;
        }
        self.plan_report(20).await
    }

    /// The active plan, its per-event checks, violation counts and the newest `recent` examples.
    pub async fn plan_report(&self, recent: u32) -> Result<PlanReport> {
        Ok(self
            .db
            .call(move |c| {
                let Some(plan) = tracking_plans::active(c)? else {
                    return Ok(PlanReport {
                        plan: None,
                        checks: vec![],
                        counts: vec![],
                        recent: vec![],
                    });
                };
                Ok(PlanReport {
                    checks: tracking_plans::checks(c, plan.id)?,
                    counts: tracking_plans::counts(c, plan.id)?,
                    recent: tracking_plans::recent(c, plan.id, recent)?,
                    plan: Some(plan),
                })
            })
            .await?)
    }
}
