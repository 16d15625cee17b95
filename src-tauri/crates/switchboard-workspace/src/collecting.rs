//! The collector running in the background of a long-lived front end (the desktop app): started
//! and stopped on request, at most one per workspace, with what it has taken in since.

use std::net::SocketAddr;

use switchboard_core::Timestamp;
use switchboard_ingest::{Clock, Collector, Counts};
use tokio::sync::oneshot;

use crate::{Error, Result, Workspace};

impl Running {
    pub(crate) fn collector(&self) -> &Collector {
        &self.collector
    }
}

pub(crate) struct Running {
    addr: SocketAddr,
    started_at: Timestamp,
    collector: Collector,
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Where the background collector is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectorState {
    Stopped,
    Running { addr: SocketAddr, started_at: Timestamp, counts: Counts },
}

impl Workspace {
    /// Starts the collector on `addr` on the current tokio runtime. Starting it again while it
    /// runs on the same address is a no-op; on another address it is an error (stop it first).
    pub async fn start_collector(&self, addr: SocketAddr, clock: Clock) -> Result<CollectorState> {
        let mut running = self.running.lock().await;
        if let Some(r) = running.as_ref() {
            if r.addr == addr && !r.task.is_finished() {
                return Ok(state(r));
            }
            if !r.task.is_finished() {
                return Err(Error::InvalidOptions(format!(
                    "the collector already runs on {}; stop it first",
                    r.addr
                )));
            }
        }
        let listener = Collector::listen(addr).await.map_err(|e| {
            Error::InvalidOptions(match e.kind() {
                std::io::ErrorKind::AddrInUse => {
                    format!("port {} is already in use; choose another port", addr.port())
                }
                std::io::ErrorKind::AddrNotAvailable => {
                    format!("{} is not an address of this machine; use 127.0.0.1", addr.ip())
                }
                std::io::ErrorKind::PermissionDenied => {
                    format!("port {} needs privileges; choose a port above 1023", addr.port())
                }
                _ => format!("could not listen on {addr}: {e}"),
            })
        })?;
        let addr = listener.local_addr().unwrap_or(addr);
        let started_at = clock();
        let collector = self.collector(clock);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(collector.clone().serve(listener, async {
            let _ = stopped.await;
        }));
        tracing::info!(%addr, "collector started");
        let r = Running { addr, started_at, collector, stop, task };
        let s = state(&r);
        *running = Some(r);
        Ok(s)
    }

    /// Turns the running collector's inbound webhooks on (with their secret) or off.
    pub async fn set_collector_webhooks(&self, auth: Option<switchboard_ingest::WebhookAuth>) {
        if let Some(r) = self.running.lock().await.as_ref() {
            r.collector.set_webhooks(auth);
        }
    }

    /// Stops the background collector after the requests in flight are answered.
    pub async fn stop_collector(&self) -> Result<CollectorState> {
        let taken = self.running.lock().await.take();
        if let Some(r) = taken {
            let _ = r.stop.send(());
            match r.task.await {
                Ok(Ok(())) => tracing::info!(addr = %r.addr, "collector stopped"),
                Ok(Err(e)) => tracing::warn!(error = %e, "the collector stopped with an error"),
                Err(e) => tracing::warn!(error = %e, "the collector task failed"),
            }
        }
        Ok(CollectorState::Stopped)
    }

    pub async fn collector_state(&self) -> CollectorState {
        match self.running.lock().await.as_ref() {
            Some(r) if !r.task.is_finished() => state(r),
            _ => CollectorState::Stopped,
        }
    }
}

fn state(r: &Running) -> CollectorState {
    CollectorState::Running { addr: r.addr, started_at: r.started_at, counts: r.collector.counts() }
}
