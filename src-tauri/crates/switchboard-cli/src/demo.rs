//! `switchboard-cli demo`: writes a demo workspace with a progress bar and prints what it wrote.

use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use switchboard_core::Day;
use switchboard_workspace::demo::{self, DemoOptions};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// Seed of the generator: the same seed gives the same workspace.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Volume multiplier: 1 matches the source's daily figures, 100 gives ~1M people and ~20M events.
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Days of history.
    #[arg(long, default_value_t = 30)]
    days: u32,
    /// Last day with data, YYYY-MM-DD (default: yesterday, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    last_day: Option<Day>,
    /// Replace the file if it exists.
    #[arg(long)]
    force: bool,
}

pub fn parse_day(s: &str) -> Result<Day, String> {
    Day::parse(s).ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let path = &args.workspace.workspace;
    let options = DemoOptions {
        seed: args.seed,
        scale: args.scale,
        days: args.days,
        last_day: args.last_day.unwrap_or_else(|| report::today().plus(-1)),
    };
    options.validate()?;
    if args.force && path.exists() {
        std::fs::remove_file(path)
            .with_context(|| format!("could not replace {}", path.display()))?;
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            let _ = std::fs::remove_file(side);
        }
    }

    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let summary = demo::generate(path, &options, &mut |p| {
        bar.set_length(p.total);
        bar.set_position(p.done);
        bar.set_message(p.step.clone());
    })?;
    bar.finish_and_clear();

    let rows = [
        ("companies", summary.companies),
        ("people", summary.people),
        ("visits", summary.visits),
        ("events", summary.events),
        ("prospects", summary.prospects),
        ("email activities", summary.email_activities),
        ("ad spend rows", summary.ad_spend_rows),
    ]
    .map(|(what, n)| {
        vec![what.to_owned(), report::thousands(i64::try_from(n).unwrap_or(i64::MAX))]
    });
    report::out(&format!(
        "Wrote {} ({:.1} MB) in {:.1} s: seed {}, scale {}, {} days from {} to {}.\n\n{}",
        path.display(),
        summary.file_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        options.seed,
        options.scale,
        options.days,
        options.first_day(),
        options.last_day,
        report::table(&["rows", "count"], &rows),
    ));
    Ok(())
}
