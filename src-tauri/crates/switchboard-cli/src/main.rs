//! `switchboard-cli`: the workspace operations, headless, for analysts and cron jobs. A front end
//! like the desktop shell: it parses arguments, reads the clock, calls `switchboard-workspace`
//! and prints. It never links WebKit.

mod cac;
mod chart;
mod collect;
mod demo;
mod export;
mod funnel;
mod import;
mod init;
mod people;
mod pipeline;
mod plan;
mod queue;
mod report;
mod segment;
mod source;
mod stats;
mod sync;
mod template;
mod webhook;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "switchboard-cli",
    version,
    about = "Switchboard's operations from the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Create an empty workspace.
    Init(init::Args),
    /// Write a demo workspace with a coherent, synthetic marketing stack's data.
    Demo(demo::Args),
    /// Print the Overview's figures for a workspace.
    Stats(stats::Args),
    /// Manage the sources that may send Segment messages.
    #[command(subcommand)]
    Source(source::Command),
    /// Run the Segment-compatible collector until interrupted.
    Collect(collect::Args),
    /// Import data from files.
    #[command(subcommand)]
    Import(import::Command),
    /// Export data to files.
    #[command(subcommand)]
    Export(export::Command),
    /// People: search, and one person's profile.
    #[command(subcommand)]
    People(people::Command),
    /// The CAC cap: P(convert) x LTV x allowed share, in exact money.
    Cac(cac::Args),
    /// Email templates: list, preview, check against every prospect, export.
    #[command(subcommand)]
    Template(template::Command),
    /// Draw a chart (funnel, spend-vs-cap, channel-ladder, pipeline, open-rates) as SVG or PNG.
    Chart(chart::Args),
    /// Funnels: count people through ordered steps.
    #[command(subcommand)]
    Funnel(funnel::Command),
    /// Audience segments: create, list, count, explain, export members, diff versions.
    #[command(subcommand)]
    Segment(segment::Command),
    /// Tracking plans: import one, list violations.
    #[command(subcommand)]
    Plan(plan::Command),
    /// The sales reps' review queue: list, approve, reject, snooze, assign, note, send.
    #[command(subcommand)]
    Queue(queue::Command),
    /// The outbound pipeline: reveal, enrich, score, prospect into the review queue.
    #[command(subcommand)]
    Pipeline(pipeline::Command),
    /// Inbound webhooks (Customer.io reporting, Mailparser replies): set up, list calls.
    #[command(subcommand)]
    Webhook(webhook::Command),
    /// Connect a tool: fields with --set, keys on stdin or in SWITCHBOARD_<TOOL>_<FIELD>.
    Connect(sync::ConnectArgs),
    /// Pull from the connected tools (or those named), or read the sync log.
    Sync(sync::SyncArgs),
}

/// `--workspace FILE`, shared by every command.
#[derive(Debug, clap::Args)]
struct WorkspaceArg {
    /// The workspace file (SQLite).
    #[arg(long, value_name = "FILE")]
    workspace: PathBuf,
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SWITCHBOARD_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => init::run(&args),
        Command::Demo(args) => demo::run(&args),
        Command::Stats(args) => stats::run(&args),
        Command::Source(command) => source::run(&command),
        Command::Collect(args) => collect::run(&args),
        Command::Import(command) => import::run(&command),
        Command::Plan(command) => plan::run(&command),
        Command::People(command) => people::run(&command),
        Command::Template(command) => template::run(&command),
        Command::Cac(args) => cac::run(&args),
        Command::Segment(command) => segment::run(&command),
        Command::Funnel(command) => funnel::run(&command),
        Command::Chart(args) => chart::run(&args),
        Command::Export(command) => export::run(&command),
        Command::Pipeline(command) => pipeline::run(&command),
        Command::Queue(command) => queue::run(&command),
        Command::Webhook(command) => webhook::run(&command),
        Command::Connect(args) => sync::connect(&args),
        Command::Sync(args) => sync::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::debug!(error = ?e, "command failed");
            report::error(&e);
            ExitCode::FAILURE
        }
    }
}
