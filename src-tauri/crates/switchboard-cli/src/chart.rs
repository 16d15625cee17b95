//! `switchboard-cli chart NAME --out FILE.svg|png`: a chart from the workspace's data.

use std::path::PathBuf;

use anyhow::{Context, bail};
use switchboard_core::funnel::Funnel;
use switchboard_workspace::{ChartFormat, ChartKind, ChartSize, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// funnel, spend-vs-cap, channel-ladder, pipeline or open-rates.
    #[arg(value_parser = ChartKind::NAMES)]
    name: String,
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// Where to write it; `.svg` or `.png`.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// The funnel definition (for `funnel`).
    #[arg(long, value_name = "DEF.json")]
    file: Option<PathBuf>,
    #[arg(long, default_value_t = 720)]
    width: u32,
    #[arg(long, default_value_t = 360)]
    height: u32,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let kind = ChartKind::parse(&args.name).context("unknown chart")?;
    let format = match args.out.extension().and_then(|e| e.to_str()) {
        Some("svg") => ChartFormat::Svg,
        Some("png") => ChartFormat::Png,
        _ => bail!("{} should end in .svg or .png", args.out.display()),
    };
    let funnel = match &args.file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("could not read {}", path.display()))?;
            Some(Funnel::from_json(&text).map_err(|e| {
                anyhow::anyhow!("{} is not a funnel definition: {e}", path.display())
            })?)
        }
        None => None,
    };
    let ws = Workspace::open(&args.workspace.workspace)?;
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).build()?;
    let size = ChartSize { width: args.width, height: args.height };
    let bytes = runtime.block_on(ws.chart(kind, funnel, size, format, report::now()))?;
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("could not write {}", args.out.display()))?;
    report::out(&format!("Wrote {} ({})\n", args.out.display(), report::bytes(bytes.len() as u64)));
    Ok(())
}
