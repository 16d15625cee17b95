//! `switchboard-cli stats`: the Overview's figures, as a table for people or JSON for scripts.

use serde::Serialize;
use switchboard_core::{Day, KpiWindow, Overview, day::rfc3339};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, demo::parse_day, report};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    workspace: WorkspaceArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Count as if today were this day, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    today: Option<Day>,
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let workspace = Workspace::open(&args.workspace.workspace)?;
    let today = args.today.unwrap_or_else(report::today);
    let runtime = tokio::runtime::Builder::new_current_thread().build()?;
    let overview = runtime.block_on(workspace.overview(today))?;
    let stats = Stats::from(&overview, &workspace.path().display().to_string());
    if args.json {
        report::out(&(serde_json::to_string_pretty(&stats)? + "\n"));
    } else {
        report::out(&human(&stats));
    }
    Ok(())
}

/// The JSON printed by `stats --json`. The four daily figures at the top level are those of the
/// 30-day window; `windows` has the 7-day one too.
#[derive(Debug, Serialize)]
struct Stats {
    workspace: String,
    path: String,
    as_of: String,
    first_day: String,
    window_days: u32,
    covered_days: u32,
    identified_domains_per_day: f64,
    qualified_companies_per_day: f64,
    new_contacts_per_day: f64,
    /// A fraction (0.71 for 71%), null when nothing was delivered.
    outbound_open_rate: Option<f64>,
    people: i64,
    companies: i64,
    events_total: i64,
    events_by_type: serde_json::Map<String, serde_json::Value>,
    windows: Vec<Window>,
    daily: Vec<Daily>,
    top_companies: Vec<Company>,
    latest_events: Vec<EventLine>,
}

#[derive(Debug, Serialize)]
struct Window {
    days: u32,
    covered_days: u32,
    identified_domains_per_day: f64,
    qualified_companies_per_day: f64,
    new_contacts_per_day: f64,
    outbound_open_rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct Daily {
    day: String,
    identified_domains: i64,
    qualified_companies: i64,
    new_contacts: i64,
}

#[derive(Debug, Serialize)]
struct Company {
    domain: String,
    name: String,
    industry: Option<String>,
    employees: Option<i64>,
    country: Option<String>,
    technologies: Vec<String>,
    visits: i64,
    last_seen: String,
    score: Option<f64>,
    fit_segment: Option<String>,
}

#[derive(Debug, Serialize)]
struct EventLine {
    message_id: String,
    timestamp: String,
    #[serde(rename = "type")]
    message_type: String,
    name: Option<String>,
    who: String,
    ip: Option<String>,
    company_domain: Option<String>,
}

impl From<&KpiWindow> for Window {
    fn from(w: &KpiWindow) -> Window {
        Window {
            days: w.days,
            covered_days: w.covered_days,
            identified_domains_per_day: w.identified_domains_per_day,
            qualified_companies_per_day: w.qualified_companies_per_day,
            new_contacts_per_day: w.new_contacts_per_day,
            outbound_open_rate: w.outbound_open_rate,
        }
    }
}

impl Stats {
    fn from(o: &Overview, path: &str) -> Stats {
        let longest = o.windows.iter().max_by_key(|w| w.days).map(Window::from).unwrap_or(Window {
            days: 0,
            covered_days: 0,
            identified_domains_per_day: 0.0,
            qualified_companies_per_day: 0.0,
            new_contacts_per_day: 0.0,
            outbound_open_rate: None,
        });
        Stats {
            workspace: o.workspace_name.clone(),
            path: path.to_owned(),
            as_of: o.as_of.to_string(),
            first_day: o.first_day.to_string(),
            window_days: longest.days,
            covered_days: longest.covered_days,
            identified_domains_per_day: longest.identified_domains_per_day,
            qualified_companies_per_day: longest.qualified_companies_per_day,
            new_contacts_per_day: longest.new_contacts_per_day,
            outbound_open_rate: longest.outbound_open_rate,
            people: o.people,
            companies: o.companies,
            events_total: o.events_total,
            events_by_type: o
                .events_by_type
                .iter()
                .map(|t| (t.message_type.as_str().to_owned(), t.count.into()))
                .collect(),
            windows: o.windows.iter().map(Window::from).collect(),
            daily: o
                .daily
                .iter()
                .map(|d| Daily {
                    day: d.day.to_string(),
                    identified_domains: d.identified_domains,
                    qualified_companies: d.qualified_companies,
                    new_contacts: d.new_contacts,
                })
                .collect(),
            top_companies: o
                .top_companies
                .iter()
                .map(|c| Company {
                    domain: c.domain.clone(),
                    name: c.name.clone(),
                    industry: c.industry.clone(),
                    employees: c.employees,
                    country: c.country.clone(),
                    technologies: c.technologies.clone(),
                    visits: c.visits,
                    last_seen: rfc3339(c.last_seen),
                    score: c.score,
                    fit_segment: c.fit_segment.map(|s| s.as_str().to_owned()),
                })
                .collect(),
            latest_events: o
                .latest_events
                .iter()
                .map(|e| EventLine {
                    message_id: e.message_id.clone(),
                    timestamp: rfc3339(e.timestamp),
                    message_type: e.message_type.as_str().to_owned(),
                    name: e.name.clone(),
                    who: e.who.clone(),
                    ip: e.ip.clone(),
                    company_domain: e.company_domain.clone(),
                })
                .collect(),
        }
    }
}

fn per_day(v: f64) -> String {
    if v >= 100.0 { report::thousands(v.round() as i64) } else { format!("{v:.1}") }
}

fn percent(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

fn human(s: &Stats) -> String {
    let window = |days| s.windows.iter().find(|w| w.days == days);
    let col = |days, f: &dyn Fn(&Window) -> String| window(days).map_or_else(|| "-".into(), f);
    let kpis = [
        (
            "identified domains / day",
            &(|w: &Window| per_day(w.identified_domains_per_day)) as &dyn Fn(&Window) -> String,
        ),
        ("qualified companies / day", &|w: &Window| per_day(w.qualified_companies_per_day)),
        ("new contacts / day", &|w: &Window| per_day(w.new_contacts_per_day)),
        ("outbound open rate", &|w: &Window| percent(w.outbound_open_rate)),
    ]
    .map(|(name, f)| vec![name.to_owned(), col(7, f), col(30, f)]);
    let counts: Vec<Vec<String>> =
        [("people", s.people), ("companies", s.companies), ("events", s.events_total)]
            .into_iter()
            .map(|(k, n)| (k.to_owned(), n))
            .chain(
                s.events_by_type.iter().map(|(k, v)| (format!("  {k}"), v.as_i64().unwrap_or(0))),
            )
            .map(|(k, n)| vec![k, report::thousands(n)])
            .collect();
    let companies: Vec<Vec<String>> = s
        .top_companies
        .iter()
        .map(|c| {
            vec![
                c.domain.clone(),
                c.industry.clone().unwrap_or_default(),
                c.employees.map(report::thousands).unwrap_or_default(),
                c.visits.to_string(),
                c.score.map(|v| format!("{v:.0}")).unwrap_or_default(),
            ]
        })
        .collect();
    format!(
        "{} ({})\ndata through {}, {} of the last 30 days covered\n\n{}\n{}\ntop identified companies, last 30 days\n{}",
        s.workspace,
        s.path,
        s.as_of,
        s.covered_days,
        report::table(&["kpi", "7 days", "30 days"], &kpis),
        report::table(&["count", "total"], &counts),
        report::table(&["domain", "industry", "employees", "visits", "score"], &companies),
    )
}
