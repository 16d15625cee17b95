//! `switchboard-cli collect`: runs the Segment-compatible collector until interrupted, with a
//! line a minute of what it has taken in.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use switchboard_workspace::{Clock, Collector, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// Port to listen on.
    #[arg(long, default_value_t = 8088)]
    port: u16,
    /// Address to listen on. Anything but loopback lets other machines send.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
}

#[allow(clippy::print_stderr)]
pub fn run(args: &Args) -> anyhow::Result<()> {
    let ws = Workspace::open(&args.workspace.workspace)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(async {
        let sources = ws.sources(report::now() - 60_000).await?;
        let addr = SocketAddr::new(args.bind, args.port);
        let listener = Collector::listen(addr).await.with_context(|| {
            format!("could not listen on {addr}; choose another --port or stop what uses it")
        })?;
        let clock: Clock = Arc::new(report::now);
        let collector = ws.collector(clock);
        let webhooks = ws.webhook_auth(&crate::sync::secrets()).await?;
        let webhooks_on = webhooks.is_some();
        collector.set_webhooks(webhooks);
        eprintln!(
            "Collecting on http://{addr}/v1 for {} source(s); point a Segment library's host here. \
             Ctrl-C stops.",
            sources.len()
        );
        if webhooks_on {
            eprintln!("Webhooks on: /webhooks/…/customerio and /webhooks/…/mailparser (`switchboard-cli webhook setup` prints the URLs).");
        }
        if sources.is_empty() {
            eprintln!("No source yet: every request will be refused until you run `switchboard-cli source add NAME`.");
        }
        if !args.bind.is_loopback() {
            eprintln!("Listening on {} lets other machines on the network send events.", args.bind);
        }
        let ticker = tokio::spawn(log_every_minute(collector.clone()));
        collector
            .serve(listener, stop_signal())
            .await
            .context("the collector stopped")?;
        ticker.abort();
        eprintln!("Stopped.");
        anyhow::Ok(())
    })
}

#[allow(clippy::print_stderr)]
async fn log_every_minute(collector: Collector) {
    let mut interval = tokio::time::interval(Duration::from_secs(60));
    interval.tick().await;
    let mut before = collector.counts();
    loop {
        interval.tick().await;
        let now = collector.counts();
        eprintln!(
            "{} accepted {} (+{} this minute), duplicates {}, rejected messages {}, rejected requests {}",
            switchboard_core::day::rfc3339(report::now()),
            now.accepted,
            now.accepted - before.accepted,
            now.duplicates,
            now.rejected_messages,
            now.rejected_requests
        );
        before = now;
    }
}

/// Ctrl-C, or SIGTERM from a service manager.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
