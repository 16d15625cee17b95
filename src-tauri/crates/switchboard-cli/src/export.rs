//! `switchboard-cli export segment-archive`: a workspace's messages as Segment's S3 archive
//! layout, which `import segment-archive` (here or in another workspace) reads back.

use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write `OUT/segment-logs/<source>/<day>/part-0000.gz` (gzip NDJSON), one file per source and day.
    SegmentArchive {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// The folder to write into (created if needed).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Stop after this many messages (in the order they were stored).
        #[arg(long)]
        limit: Option<u64>,
    },
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let Command::SegmentArchive { workspace, out, limit } = command;
    let ws = Workspace::open(&workspace.workspace)?;
    let bar = ProgressBar::new_spinner()
        .with_style(ProgressStyle::with_template("{spinner} {pos} messages written ({per_sec})")?);
    let started = Instant::now();
    let summary = ws.export_segment_archive(out, *limit, &mut |n| bar.set_position(n))?;
    bar.finish_and_clear();
    report::out(&format!(
        "Wrote {} messages in {} file(s) under {} in {:.1} s.\n",
        report::thousands(i64::try_from(summary.messages).unwrap_or(i64::MAX)),
        summary.files,
        out.join("segment-logs").display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(())
}
