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
mod routes;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};

use switchboard_core::Timestamp;
use switchboard_store::Db;
use tokio::net::TcpListener;

pub use counts::Counts;

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
}

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
            }),
        }
    }

    /// What has been accepted and refused since the collector started.
    pub fn counts(&self) -> Counts {
        self.inner.counts.snapshot()
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
