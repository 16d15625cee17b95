//! Writing a workspace's messages as Segment's S3 archive (`segment-logs/<source>/<day>/*.gz`,
//! gzip NDJSON), the same layout `import segment-archive` reads: to move data between
//! workspaces, and to measure imports at scale from the demo generator's data.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use switchboard_core::{Day, segment};
use switchboard_store::{events, sources};

use crate::{Error, Result, Workspace};

/// Events read per query.
const PAGE: u32 = 20_000;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub messages: u64,
    pub files: u64,
}

type Writer = GzEncoder<BufWriter<File>>;

impl Workspace {
    /// Writes every message under `out/segment-logs/`, one gzip file per source and day.
    /// `limit` stops after that many messages. Blocking: call it from a thread of its own.
    pub fn export_segment_archive(
        &self,
        out: &Path,
        limit: Option<u64>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ExportSummary> {
        let names: HashMap<i64, String> = self
            .db
            .call_blocking(|c| sources::list(c, i64::MAX))?
            .into_iter()
            .map(|s| (s.source.id, s.source.name))
            .collect();
        let root = out.join("segment-logs");
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| Error::Io { path, source }
        };
        let mut files: HashMap<(String, Day), Writer> = HashMap::new();
        let mut summary = ExportSummary::default();
        let mut after = 0;
        'pages: loop {
            let page = self.db.call_blocking(move |c| events::scan(c, after, PAGE))?;
            let Some((last, _)) = page.last() else { break };
            after = *last;
            for (_, e) in &page {
                if limit.is_some_and(|l| summary.messages >= l) {
                    break 'pages;
                }
                let source = e
                    .source_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_else(|| "workspace".to_owned());
                let day = Day::of(e.received_at);
                let key = (source, day);
                if !files.contains_key(&key) {
                    let dir = root.join(sanitise(&key.0)).join(day.to_string());
                    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
                    let path: PathBuf = dir.join("part-0000.gz");
                    let file = File::create(&path).map_err(io(&path))?;
                    files.insert(
                        key.clone(),
                        GzEncoder::new(
                            BufWriter::with_capacity(1 << 20, file),
                            Compression::fast(),
                        ),
                    );
                    summary.files += 1;
                }
                let w = files.get_mut(&key).expect("inserted above");
                let mut line = serde_json::to_vec(&segment::to_message(e))?;
                line.push(b'\n');
                w.write_all(&line).map_err(io(&root))?;
                summary.messages += 1;
            }
            progress(summary.messages);
        }
        for (_, w) in files {
            w.finish().and_then(|mut b| b.flush()).map_err(io(&root))?;
        }
        Ok(summary)
    }
}

/// A source name as a folder name.
fn sanitise(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect()
}
