//! The collector: Segment's HTTP Tracking API on a local socket, so that any Segment library can
//! send here by changing only its host. It owns the wire: paths, write-key auth, gzip bodies,
//! size and count limits, and the JSON answers. What a message must contain is
//! `switchboard_core::segment`'s; storing it is `switchboard_store`'s.
//!
//! A 200 is sent only after the accepted messages are committed. Rejections are 4xx with a
//! `{code, message}` body that names the problem (and, for a batch, which items), and are kept
//! for the app to show.

pub mod archive;
mod body;
mod counts;
pub mod plan;
mod routes;
pub mod webhooks;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use switchboard_core::Timestamp;
use switchboard_store::{Db, tracking_plans};
use tokio::net::TcpListener;

pub use counts::Counts;
use plan::CompiledPlan;
pub use webhooks::{MAILPARSER_TEMPLATE, WebhookAuth};

/// Where the collector's time comes from (tests fix it).
pub type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// Requests served at once; more wait in the kernel's queue instead of in memory.
pub const MAX_IN_FLIGHT: usize = 64;

/// The collector for one workspace. Cheap to clone.
#[derive(Clone)]
pub struct Collector {
    inner: Arc<Inner>,
}

struct Inner {
    db: Db,
    clock: Clock,
    /// write key → source id, filled from the store on first use of a key.
    keys: RwLock<HashMap<String, i64>>,
    counts: counts::Counters,
    plan: tokio::sync::Mutex<PlanCache>,
    webhooks: RwLock<Option<WebhookAuth>>,
}

/// The active tracking plan, compiled; looked up again at most every [`PLAN_RECHECK`], so that a
/// plan imported by another process (the CLI) applies within seconds.
#[derive(Default)]
struct PlanCache {
    checked: Option<Instant>,
    plan: Option<Arc<CompiledPlan>>,
}

const PLAN_RECHECK: Duration = Duration::from_secs(2);

impl std::fmt::Debug for Collector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Collector").field("db", &self.inner.db.path()).finish_non_exhaustive()
    }
}

impl Collector {
    pub fn new(db: Db, clock: Clock) -> Collector {
        Collector {
            inner: Arc::new(Inner {
                db,
                clock,
                keys: RwLock::new(HashMap::new()),
                counts: counts::Counters::default(),
                plan: tokio::sync::Mutex::new(PlanCache::default()),
                webhooks: RwLock::new(None),
            }),
        }
    }

    /// What has been accepted and refused since the collector started.
    pub fn counts(&self) -> Counts {
        self.inner.counts.snapshot()
    }

    /// The plan incoming messages are checked against, if any.
    pub(crate) async fn plan(&self) -> Option<Arc<CompiledPlan>> {
        let mut cache = self.inner.plan.lock().await;
        if cache.checked.is_some_and(|t| t.elapsed() < PLAN_RECHECK) {
            return cache.plan.clone();
        }
        let current = cache.plan.as_ref().map(|p| p.id);
        let db = self.inner.db.clone();
        let loaded = db
            .call(move |c| match tracking_plans::active_id(c)? {
                id if id == current => Ok(None),
                _ => tracking_plans::active(c).map(Some),
            })
            .await;
        match loaded {
            Ok(None) => {}
            Ok(Some(stored)) => {
                cache.plan = stored.and_then(|s| match CompiledPlan::from_stored(&s) {
                    Ok(p) => Some(Arc::new(p)),
                    Err(e) => {
                        tracing::error!(error = %e, "the active tracking plan does not compile");
                        None
                    }
                });
            }
            Err(e) => tracing::warn!(error = ?e, "could not read the tracking plan"),
        }
        cache.checked = Some(Instant::now());
        cache.plan.clone()
    }

    /// Looks the plan up again on the next message (after an import in this process).
    pub async fn reload_plan(&self) {
        self.inner.plan.lock().await.checked = None;
    }

    /// Turns the inbound webhooks on (with their secret), or off.
    pub fn set_webhooks(&self, auth: Option<WebhookAuth>) {
        *self.inner.webhooks.write().unwrap_or_else(std::sync::PoisonError::into_inner) = auth;
    }

    pub(crate) fn webhook_auth(&self) -> Option<WebhookAuth> {
        self.inner.webhooks.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn router(&self) -> axum::Router {
        routes::router(self.clone())
    }

    /// Binds the collector's socket. Loopback unless the caller asks for another address.
    pub async fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
        TcpListener::bind(addr).await
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let app = self.router().into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app).with_graceful_shutdown(shutdown).await
    }
}
