//! `switchboard-cli import segment-archive`: Segment's S3 archive files into a workspace, with a
//! progress bar; resumable after an interrupt and idempotent on a second run.

use std::path::PathBuf;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use switchboard_workspace::{ImportOptions, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Import Segment's S3 archive (`segment-logs/<source>/<day>/*.gz`, gzip or plain NDJSON).
    SegmentArchive {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Archive files, or folders to search for them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Lines stored per transaction: more is faster; fewer repeats less work after an
        /// interrupt and lets other writers (a running collector) in sooner.
        #[arg(long, value_name = "LINES", default_value_t = ImportOptions::default().lines_per_commit)]
        commit_every: u64,
    },
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let Command::SegmentArchive { workspace, paths, commit_every } = command;
    let options = ImportOptions { lines_per_commit: (*commit_every).max(1) };
    let ws = Workspace::open(&workspace.workspace)?;
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {bytes}/{total_bytes} {msg} ({eta})")
            .expect("the template is valid")
            .progress_chars("=> "),
    );
    let started = Instant::now();
    let summary = ws.import_segment_archive(paths, options, report::now(), &mut |p| {
        bar.set_length(p.bytes_total);
        bar.set_position(p.bytes_done);
        bar.set_message(p.file.file_name().unwrap_or_default().to_string_lossy().into_owned());
    })?;
    bar.finish_and_clear();

    let secs = started.elapsed().as_secs_f64();
    let mut text = format!(
        "Imported {} messages from {} file(s) in {secs:.1} s; {} were already in the workspace; \
         {} file(s) were finished by an earlier run and skipped; {} line(s) rejected.\n",
        report::thousands(i64::try_from(summary.imported).unwrap_or(i64::MAX)),
        summary.files,
        report::thousands(i64::try_from(summary.duplicates).unwrap_or(i64::MAX)),
        summary.files_already_done,
        summary.rejected,
    );
    for r in &summary.rejected_lines {
        text.push_str(&format!("  {}:{}: {}\n", r.file.display(), r.line, r.reason));
    }
    if summary.rejected > summary.rejected_lines.len() as u64 {
        text.push_str(&format!(
            "  ... and {} more\n",
            summary.rejected - summary.rejected_lines.len() as u64
        ));
    }
    report::out(&text);
    Ok(())
}
