//! `switchboard-cli pipeline`: run the outbound pipeline (Reveal, firmographics, score, threshold,
//! contacts, review queue) with a dry run that shows the lookups it would spend, and keep the
//! suppression lists it checks before any paid lookup.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::Context;
use serde_json::json;
use switchboard_workspace::{PipelineOptions, PipelineProgress, PipelineReport, Policy, Workspace};

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Run the pipeline over the visits not yet resolved. With --dry-run, show the paid lookups
    /// it would make (at most, within today's budgets) and call nothing.
    Run {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        dry_run: bool,
        /// Ask again the lookups a stopped run asked but never stored the answer of (each is
        /// paid again); without it they are listed and left alone.
        #[arg(long)]
        retry_interrupted: bool,
        #[arg(long)]
        json: bool,
    },
    /// Per day: IPs seen, domains identified, qualified companies, contacts found, approved, and
    /// the outbound campaign's sent, opened and replied; the source's figures as a reference.
    Stats {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, default_value_t = 14)]
        days: u32,
        #[arg(long)]
        json: bool,
    },
    /// The pipeline's rules: guardrails, the threshold, whom to look for, daily budgets. Options
    /// change them (and are kept); without any, they are shown.
    Rules {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// Reveal types never looked up further: isp, education, government (comma-separated;
        /// `none` for no skip).
        #[arg(long, value_delimiter = ',')]
        skip_kinds: Option<Vec<String>>,
        /// Skip Reveal's fuzzy matches.
        #[arg(long)]
        skip_fuzzy: Option<bool>,
        /// Days after a domain's contacts were looked up before it may be again.
        #[arg(long)]
        cooldown_days: Option<u32>,
        /// The score (0 to 100) at which a company qualifies.
        #[arg(long)]
        threshold: Option<f64>,
        #[arg(long, value_delimiter = ',')]
        roles: Option<Vec<String>>,
        #[arg(long, value_delimiter = ',')]
        seniorities: Option<Vec<String>>,
        /// Contacts kept per company.
        #[arg(long)]
        max_contacts: Option<u32>,
        /// A daily budget: LOOKUP=N (reveal, company, score, prospect); repeatable.
        #[arg(long, value_name = "LOOKUP=N")]
        budget: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Suppression lists: customers, competitors and the do-not-contact list.
    #[command(subcommand)]
    Suppress(SuppressCommand),
}

#[derive(Debug, clap::Subcommand)]
pub enum SuppressCommand {
    /// Add domains (arguments, or a file of one per line or CSV rows) to a list.
    Add {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// customer, competitor or do-not-contact.
        #[arg(long)]
        list: String,
        #[arg(long, value_name = "FILE.csv")]
        file: Option<PathBuf>,
        #[arg(long)]
        note: Option<String>,
        domains: Vec<String>,
    },
    /// Every suppressed domain.
    List {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Take a domain off a list.
    Remove {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        list: String,
        domain: String,
    },
}

fn list_kind(text: &str) -> String {
    text.replace('-', "_")
}

pub fn run(command: &Command) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match command {
        Command::Run { workspace, dry_run, retry_interrupted, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let secrets = crate::sync::secrets();
            let policy = |v| Policy::for_vendor(v);
            let options =
                PipelineOptions { dry_run: *dry_run, retry_interrupted: *retry_interrupted };
            // What the run may spend, said before it spends anything.
            let planned = if *dry_run {
                None
            } else {
                let dry = PipelineOptions { dry_run: true, retry_interrupted: false };
                let plan = runtime.block_on(ws.run_pipeline(
                    &secrets,
                    &policy,
                    dry,
                    report::now(),
                    &mut |_| {},
                ))?;
                if !*json {
                    let at_most: Vec<String> = plan
                        .lookups
                        .iter()
                        .map(|(k, n)| format!("{k} {}", report::thousands(*n as i64)))
                        .collect();
                    report::note(&format!(
                        "This run spends at most: {} (within today's budgets)",
                        at_most.join(", ")
                    ));
                }
                Some(plan.lookups)
            };
            let bar = (!*dry_run && !*json).then(|| {
                let bar = indicatif::ProgressBar::new_spinner().with_style(
                    indicatif::ProgressStyle::with_template("{spinner} {msg}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
                );
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
                bar
            });
            let mut on_progress = |p: &PipelineProgress| {
                if let Some(bar) = &bar
                    && p.stage != "done"
                {
                    bar.set_message(format!("{}: {} of {}", p.stage, p.done, p.total));
                }
            };
            let result = runtime.block_on(ws.run_pipeline(
                &secrets,
                &policy,
                options,
                report::now(),
                &mut on_progress,
            ));
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            let r = result?;
            show(&r, planned.as_ref(), *json);
        }
        Command::Rules {
            workspace,
            skip_kinds,
            skip_fuzzy,
            cooldown_days,
            threshold,
            roles,
            seniorities,
            max_contacts,
            budget,
            json,
        } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let mut r = runtime.block_on(ws.pipeline_rules())?;
            let before = r.clone();
            if let Some(k) = skip_kinds {
                r.skip_kinds = k
                    .iter()
                    .filter(|k| k.as_str() != "none")
                    .map(|k| k.trim().to_owned())
                    .collect();
            }
            if let Some(b) = skip_fuzzy {
                r.skip_fuzzy = *b;
            }
            if let Some(d) = cooldown_days {
                r.cooldown_days = *d;
            }
            if let Some(t) = threshold {
                r.threshold = *t;
            }
            if let Some(v) = roles {
                r.roles = v.iter().map(|x| x.trim().to_owned()).collect();
            }
            if let Some(v) = seniorities {
                r.seniorities = v.iter().map(|x| x.trim().to_owned()).collect();
            }
            if let Some(n) = max_contacts {
                r.max_contacts = *n;
            }
            for b in budget {
                let Some((k, n)) = b.split_once('=') else {
                    anyhow::bail!("--budget takes LOOKUP=N, for example reveal=500; got `{b}`");
                };
                let n: u64 = n.trim().parse().with_context(|| {
                    format!("--budget {k}= takes a whole number of lookups a day")
                })?;
                r.budgets.insert(k.trim().to_owned(), n);
            }
            if r != before {
                runtime.block_on(ws.set_pipeline_rules(&r))?;
            }
            show_rules(&r, *json);
        }
        Command::Stats { workspace, days, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let all = runtime.block_on(ws.pipeline_stats(*days, report::now()))?;
            stats(&all, *json);
        }
        Command::Suppress(SuppressCommand::Add { workspace, list, file, note, domains }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let mut texts = Vec::new();
            if !domains.is_empty() {
                texts.push(domains.join("\n"));
            }
            if let Some(f) = file {
                texts.push(
                    std::fs::read_to_string(f)
                        .with_context(|| format!("could not read {}", f.display()))?,
                );
            }
            let mut r = switchboard_workspace::SuppressionImport::default();
            for text in texts {
                let one = runtime.block_on(ws.import_suppressions(
                    &text,
                    &list_kind(list),
                    note.as_deref(),
                    report::now(),
                ))?;
                r.added += one.added;
                r.already += one.already;
                r.refused.extend(one.refused);
            }
            report::out(&format!("{} added, {} already on the list\n", r.added, r.already));
            for (line, content) in &r.refused {
                report::note(&format!("line {line} holds no domain: {content}"));
            }
        }
        Command::Suppress(SuppressCommand::List { workspace, json }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let all = runtime.block_on(ws.suppressions())?;
            if *json {
                let v: Vec<_> = all
                    .iter()
                    .map(|s| json!({"domain": s.domain, "list": s.kind, "note": s.note, "added_at": switchboard_core::day::rfc3339(s.added_at)}))
                    .collect();
                report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|s| {
                        vec![s.domain.clone(), s.kind.clone(), s.note.clone().unwrap_or_default()]
                    })
                    .collect();
                report::out(&report::table(&["domain", "list", "note"], &rows));
            }
        }
        Command::Suppress(SuppressCommand::Remove { workspace, list, domain }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            if !runtime.block_on(ws.unsuppress(domain, &list_kind(list)))? {
                anyhow::bail!(
                    "{domain} is not on the {list} list; `pipeline suppress list` shows them"
                );
            }
            report::out(&format!("{domain} is off the {list} list\n"));
        }
    }
    Ok(())
}

fn show_rules(r: &switchboard_workspace::PipelineRules, json: bool) {
    if json {
        let v = json!({
            "skip_kinds": r.skip_kinds, "skip_fuzzy": r.skip_fuzzy,
            "cooldown_days": r.cooldown_days, "threshold": r.threshold, "roles": r.roles,
            "seniorities": r.seniorities, "max_contacts": r.max_contacts, "budgets": r.budgets,
        });
        report::out(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
        return;
    }
    let join = |v: &mut dyn Iterator<Item = &String>| v.cloned().collect::<Vec<_>>().join(", ");
    let rows = vec![
        vec!["skip Reveal types".to_owned(), join(&mut r.skip_kinds.iter())],
        vec!["skip fuzzy matches".to_owned(), r.skip_fuzzy.to_string()],
        vec!["cool-down".to_owned(), format!("{} days", r.cooldown_days)],
        vec!["qualifies at".to_owned(), format!("score {}", r.threshold)],
        vec!["roles".to_owned(), join(&mut r.roles.iter())],
        vec!["seniorities".to_owned(), join(&mut r.seniorities.iter())],
        vec!["contacts per company".to_owned(), r.max_contacts.to_string()],
    ];
    report::out(&report::table(&["rule", "value"], &rows));
    let budgets: Vec<Vec<String>> =
        r.budgets.iter().map(|(k, n)| vec![k.clone(), report::thousands(*n as i64)]).collect();
    report::out(&report::table(&["lookup", "budget a day"], &budgets));
}

fn show(r: &PipelineReport, planned: Option<&BTreeMap<String, u64>>, json: bool) {
    if json {
        let v = json!({
            "planned": planned,
            "dry_run": r.dry_run,
            "revealed": r.revealed,
            "ips_waiting": r.ips_waiting,
            "identified": r.identified,
            "enriched": r.enriched,
            "scored": r.scored,
            "qualified": r.qualified,
            "below_threshold": r.below_threshold,
            "prospected": r.prospected,
            "contacts": r.contacts,
            "lookups": r.lookups,
            "budget_left": r.budget_left,
            "skipped": r.skipped.iter().map(|(k, why)| json!({"key": k, "reason": why})).collect::<Vec<_>>(),
            "failed": r.failed.iter().map(|(k, why)| json!({"key": k, "reason": why})).collect::<Vec<_>>(),
            "interrupted": r.interrupted.iter().map(|(k, lookup)| json!({"key": k, "lookup": lookup})).collect::<Vec<_>>(),
            "retried": r.retried,
        });
        report::out(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
        return;
    }
    let rows: Vec<Vec<String>> = r
        .lookups
        .iter()
        .map(|(k, n)| {
            vec![
                k.clone(),
                n.to_string(),
                r.budget_left.get(k).map(ToString::to_string).unwrap_or_default(),
            ]
        })
        .collect();
    if r.retried > 0 {
        report::out(&format!("{} interrupted lookups asked again\n", r.retried));
    }
    if !r.interrupted.is_empty() {
        report::note(&format!(
            "{} lookups were asked by a run that stopped before storing the answer ({}); they are not asked again unless you run `pipeline run --retry-interrupted`",
            r.interrupted.len(),
            r.interrupted
                .iter()
                .take(5)
                .map(|(k, l)| format!("{l} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if r.dry_run {
        report::out("Dry run: nothing was looked up. At most, this run would spend:\n");
        report::out(&report::table(&["lookup", "at most", "budget left today"], &rows));
        if r.ips_waiting > 0 {
            report::out(&format!(
                "{} visitor IPs wait for tomorrow's Reveal budget\n",
                r.ips_waiting
            ));
        }
        return;
    }
    report::out(&format!(
        "Revealed {} IPs ({} wait for tomorrow), identified {} domains, enriched {}, scored {} ({} qualified, {} below the threshold), prospected {} companies: {} new contacts in the review queue\n",
        r.revealed,
        r.ips_waiting,
        r.identified,
        r.enriched,
        r.scored,
        r.qualified,
        r.below_threshold,
        r.prospected,
        r.contacts
    ));
    report::out(&report::table(&["lookup", "spent", "budget left today"], &rows));
    for (key, why) in r.failed.iter().take(10) {
        report::note(&format!("failed: {key}: {why}"));
    }
}

/// The source report's daily figures, shown beside the workspace's own.
const REFERENCE: (i64, i64, i64, f64) = (1_000, 60, 300, 0.71);

fn stats(days: &[switchboard_workspace::PipelineDay], json: bool) {
    let rate = |d: &switchboard_workspace::PipelineDay| {
        (d.sent > 0).then(|| d.opened as f64 / d.sent as f64)
    };
    if json {
        let v = json!({
            "reference": {"domains_identified": REFERENCE.0, "qualified": REFERENCE.1,
                          "contacts_found": REFERENCE.2, "open_rate": REFERENCE.3},
            "days": days.iter().map(|d| json!({
                "day": switchboard_core::Day(d.day).to_string(),
                "ips_seen": d.ips_seen, "domains_identified": d.domains_identified,
                "qualified": d.qualified, "contacts_found": d.contacts_found,
                "approved": d.approved, "sent": d.sent, "opened": d.opened,
                "replied": d.replied, "open_rate": rate(d),
            })).collect::<Vec<_>>(),
        });
        report::out(&(serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"));
        return;
    }
    let mut rows: Vec<Vec<String>> = days
        .iter()
        .map(|d| {
            vec![
                switchboard_core::Day(d.day).to_string(),
                report::thousands(d.ips_seen),
                report::thousands(d.domains_identified),
                report::thousands(d.qualified),
                report::thousands(d.contacts_found),
                report::thousands(d.approved),
                report::thousands(d.sent),
                report::thousands(d.opened),
                report::thousands(d.replied),
                rate(d).map(|r| format!("{:.0}%", r * 100.0)).unwrap_or_default(),
            ]
        })
        .collect();
    rows.push(vec![
        "source".into(),
        String::new(),
        report::thousands(REFERENCE.0),
        report::thousands(REFERENCE.1),
        report::thousands(REFERENCE.2),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        format!("{:.0}%", REFERENCE.3 * 100.0),
    ]);
    report::out(&report::table(
        &[
            "day",
            "IPs",
            "domains",
            "qualified",
            "contacts",
            "approved",
            "sent",
            "opened",
            "replied",
            "open rate",
        ],
        &rows,
    ));
}
