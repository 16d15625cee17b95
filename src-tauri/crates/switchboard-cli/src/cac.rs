//! `switchboard-cli cac`: the CAC cap, the most worth spending to acquire one prospect:
//! `P(convert) x LTV x allowed share of LTV`, in exact money.

use std::path::PathBuf;

use anyhow::bail;
use serde_json::json;
use switchboard_core::FitSegment;
use switchboard_core::cac::report::CampaignReport;
use switchboard_core::cac::{self, CacModel, Currency, Fraction, Money, Override};
use switchboard_workspace::Workspace;

use crate::{WorkspaceArg, report};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Probability that the prospect converts: 0.1 or 10%.
    #[arg(long, value_name = "P", conflicts_with = "fit")]
    p: Option<String>,
    /// Use a fit segment's probability instead (the workspace's model with --workspace,
    /// Switchboard's defaults without): very-good, good, medium or low.
    #[arg(long, value_name = "SEGMENT")]
    fit: Option<String>,
    /// With --fit: the campaign (its id, as `cac report` lists it) whose LTV or share override applies.
    #[arg(long, value_name = "ID", requires = "fit")]
    campaign: Option<String>,
    /// Take the model (probabilities, LTV, share, overrides) from this workspace.
    #[arg(long, value_name = "FILE")]
    workspace: Option<PathBuf>,
    /// Lifetime value of a customer, in the currency's units: 1000 or 1000.50.
    #[arg(long, value_name = "AMOUNT")]
    ltv: Option<String>,
    /// The share of the LTV you allow for acquiring them: 0.2 or 20%.
    #[arg(long, value_name = "SHARE")]
    share: Option<String>,
    /// The LTV's currency (default: the workspace model's, else USD).
    #[arg(long)]
    currency: Option<String>,
    /// Print JSON instead of a sentence.
    #[arg(long)]
    json: bool,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Spend against cap per campaign: spend, people reached, the sum of their caps, the share
    /// used and the day the cap is reached at the current pace.
    Report {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Set the segment a campaign reaches (its caps are summed over that segment's members).
    Audience {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "ID")]
        campaign: String,
        /// The segment; leave out with --clear.
        #[arg(long, value_name = "NAME", required_unless_present = "clear")]
        segment: Option<String>,
        #[arg(long, conflicts_with = "segment")]
        clear: bool,
    },
    /// The workspace's CAC model, with the conversion it has observed per fit segment.
    Model {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Change the workspace's CAC model; with --segment or --campaign, LTV and share are that
    /// segment's or campaign's override.
    Set {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "AMOUNT")]
        ltv: Option<String>,
        #[arg(long)]
        share: Option<String>,
        /// The currency of every amount in the model.
        #[arg(long)]
        currency: Option<String>,
        #[arg(long, value_name = "P")]
        p_very_good: Option<String>,
        #[arg(long, value_name = "P")]
        p_good: Option<String>,
        #[arg(long, value_name = "P")]
        p_medium: Option<String>,
        #[arg(long, value_name = "P")]
        p_low: Option<String>,
        #[arg(long, value_name = "FIT", conflicts_with = "campaign")]
        segment: Option<String>,
        #[arg(long, value_name = "ID")]
        campaign: Option<String>,
    },
    /// The budget guard: pause each campaign whose spend reached its cap on its platform.
    #[command(subcommand)]
    Guard(GuardCommand),
    /// The channel ladder: cost per person reached on each channel, cheapest first, and how
    /// many people (of a segment, with --segment) sit on each rung.
    Ladder {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "NAME")]
        segment: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set what email or web personalisation costs a month (in the CAC model's currency), to put
    /// them on the ladder.
    ChannelCost {
        #[command(flatten)]
        workspace: WorkspaceArg,
        /// `email` or `web personalisation`.
        channel: String,
        /// The monthly cost: 300 or 299.99; leave out with --clear.
        #[arg(required_unless_present = "clear")]
        monthly: Option<String>,
        #[arg(long, conflicts_with = "monthly")]
        clear: bool,
    },
}

#[derive(Debug, clap::Subcommand)]
enum GuardCommand {
    /// Act on every campaign at or over its cap as its mode says: record the pause it would make
    /// (dry run, the default) or ask the platform to pause it (live).
    Run {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long)]
        json: bool,
    },
    /// Set a campaign's mode (off, dry-run or live), or with no --campaign the mode of the others.
    Mode {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, value_name = "ID")]
        campaign: Option<String>,
        mode: String,
    },
    /// Every action the guard took, newest first.
    Log {
        #[command(flatten)]
        workspace: WorkspaceArg,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

fn fit_segment(text: &str) -> anyhow::Result<FitSegment> {
    text.replace('-', " ").parse().map_err(|_| {
        anyhow::anyhow!("`{text}` is not a fit segment; use very-good, good, medium or low")
    })
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    match &args.command {
        Some(Command::Report { workspace, json }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let reports = runtime.block_on(ws.cac_report())?;
            show_report(&reports, *json)
        }
        Some(Command::Audience { workspace, campaign, segment, clear: _ }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.set_campaign_audience(campaign, segment.as_deref()))?;
            report::out(&match segment {
                Some(s) => format!("{campaign} reaches {s}\n"),
                None => format!("{campaign} has no audience now\n"),
            });
            Ok(())
        }
        Some(Command::Guard(command)) => guard(&runtime, command),
        Some(Command::Ladder { workspace, segment, json }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let ladder = runtime.block_on(ws.channel_ladder(segment.as_deref(), report::now()))?;
            show_ladder(&ladder, *json);
            Ok(())
        }
        Some(Command::ChannelCost { workspace, channel, monthly, clear: _ }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.set_channel_cost(channel, monthly.as_deref()))?;
            report::out(&match monthly {
                Some(m) => format!("{channel} costs {m} a month\n"),
                None => format!("{channel} has no monthly cost now\n"),
            });
            Ok(())
        }
        Some(Command::Model { workspace, json }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let (model, observed) = runtime.block_on(async {
                Ok::<_, anyhow::Error>((ws.cac_model().await?, ws.observed_conversion().await?))
            })?;
            show_model(&model, &observed, *json)
        }
        Some(Command::Set {
            workspace,
            ltv,
            share,
            currency,
            p_very_good,
            p_good,
            p_medium,
            p_low,
            segment,
            campaign,
        }) => {
            let ws = Workspace::open(&workspace.workspace)?;
            let mut model = runtime.block_on(ws.cac_model())?;
            if let Some(c) = currency {
                let c = Currency::parse(c)?;
                model.ltv = Money::parse(&model.ltv.decimal(), &c)?;
            }
            let currency = model.ltv.currency.clone();
            for (value, fit) in [
                (p_very_good, FitSegment::VeryGood),
                (p_good, FitSegment::Good),
                (p_medium, FitSegment::Medium),
                (p_low, FitSegment::Low),
            ] {
                if let Some(v) = value {
                    model.p_by_fit.set(fit, Fraction::parse(v)?);
                }
            }
            let ltv = ltv.as_deref().map(|l| Money::parse(l, &currency)).transpose()?;
            let share = share.as_deref().map(Fraction::parse).transpose()?;
            match (segment, campaign) {
                (Some(fit), _) => {
                    let fit = fit_segment(fit)?;
                    model.by_segment.retain(|(f, _)| *f != fit);
                    model.by_segment.push((fit, Override { ltv, share }));
                }
                (None, Some(name)) => {
                    model.by_campaign.retain(|(c, _)| c != name);
                    model.by_campaign.push((name.clone(), Override { ltv, share }));
                }
                (None, None) => {
                    model.ltv = ltv.unwrap_or(model.ltv);
                    model.share = share.unwrap_or(model.share);
                }
            }
            runtime.block_on(ws.set_cac_model(&model))?;
            let observed = runtime.block_on(ws.observed_conversion())?;
            show_model(&model, &observed, false)
        }
        None => cap(args, &runtime),
    }
}

fn show_model(
    model: &CacModel,
    observed: &[switchboard_workspace::Observed],
    json: bool,
) -> anyhow::Result<()> {
    if json {
        let mut v = model.to_json();
        v["observed"] = observed
            .iter()
            .map(|o| json!({"fit": o.fit.as_str(), "scored": o.scored, "signed_up": o.signed_up}))
            .collect();
        v["caps"] = FitSegment::ALL
            .iter()
            .map(|f| {
                (
                    f.as_str().to_owned(),
                    serde_json::Value::from(model.cap(*f, None).max_spend.decimal()),
                )
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
        report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = FitSegment::ALL
        .iter()
        .map(|f| {
            let cap = model.cap(*f, None);
            let o = observed.iter().find(|o| o.fit == *f);
            let seen = o.map_or_else(String::new, |o| {
                if o.scored == 0 {
                    "no companies scored".to_owned()
                } else {
                    format!(
                        "{:.1}% ({} of {})",
                        o.signed_up as f64 * 100.0 / o.scored as f64,
                        o.signed_up,
                        o.scored
                    )
                }
            });
            vec![
                f.as_str().to_owned(),
                cap.p.to_string(),
                seen,
                cap.ltv.to_string(),
                cap.share.to_string(),
                cap.max_spend.to_string(),
            ]
        })
        .collect();
    let mut text = report::table(
        &["fit", "P(convert)", "observed: signed up", "LTV", "share", "max spend"],
        &rows,
    );
    for (c, o) in &model.by_campaign {
        text += &format!(
            "campaign {c}: {}{}\n",
            o.ltv.as_ref().map(|l| format!("LTV {l} ")).unwrap_or_default(),
            o.share.map(|s| format!("share {s}")).unwrap_or_default()
        );
    }
    report::out(&text);
    Ok(())
}

fn cap(args: &Args, runtime: &tokio::runtime::Runtime) -> anyhow::Result<()> {
    let model = match &args.workspace {
        Some(path) => runtime.block_on(Workspace::open(path)?.cac_model())?,
        None => CacModel::default(),
    };
    let currency = match &args.currency {
        Some(c) => Currency::parse(c)?,
        None => model.ltv.currency.clone(),
    };
    let from_model = args
        .fit
        .as_deref()
        .map(fit_segment)
        .transpose()?
        .map(|fit| model.cap(fit, args.campaign.as_deref()));
    let p = match (&args.p, &from_model) {
        (Some(p), _) => Fraction::parse(p)?,
        (None, Some(cap)) => cap.p,
        (None, None) => bail!("give the probability to convert: --p 0.1 (or --fit good)"),
    };
    let ltv = match (&args.ltv, &from_model) {
        (Some(l), _) => Money::parse(l, &currency)?,
        (None, Some(cap)) if args.workspace.is_some() => cap.ltv.clone(),
        _ => bail!("give the lifetime value: --ltv 1000 (or --workspace FILE to use its model)"),
    };
    let share = match (&args.share, &from_model) {
        (Some(s), _) => Fraction::parse(s)?,
        (None, Some(cap)) if args.workspace.is_some() => cap.share,
        _ => bail!(
            "give the allowed share of LTV: --share 0.2 (or --workspace FILE to use its model)"
        ),
    };
    let cap = cac::max_spend(p, &ltv, share);
    if args.json {
        let v = json!({
            "p_convert_ppm": p.ppm(),
            "ltv_minor": ltv.minor,
            "share_ppm": share.ppm(),
            "currency": ltv.currency.code,
            "max_spend_minor": cap.minor,
            "max_spend": cap.to_string(),
        });
        report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
    } else {
        report::out(&format!(
            "Max spend per prospect: {cap} ({p} chance to convert x {ltv} lifetime value x {share} of it \
             for acquisition).\n"
        ));
    }
    Ok(())
}

fn show_report(reports: &[CampaignReport], json: bool) -> anyhow::Result<()> {
    let percent = |ppm: Option<u64>| ppm.map(|p| format!("{:.1}%", p as f64 / 10_000.0));
    if json {
        let v: Vec<serde_json::Value> = reports
            .iter()
            .map(|r| {
                serde_json::json!({
                    "platform": r.platform,
                    "campaign_id": r.campaign_id,
                    "campaign": r.campaign_name,
                    "audience": r.audience,
                    "currency": r.spend.currency.code,
                    "spend": r.spend.decimal(),
                    "spend_minor": r.spend.minor,
                    "reached": r.reached,
                    "cap": r.cap.as_ref().map(Money::decimal),
                    "cap_minor": r.cap.as_ref().map(|c| c.minor),
                    "share_used": r.used_ppm.map(|p| p as f64 / 1_000_000.0),
                    "pace_per_day": r.pace_per_day.decimal(),
                    "cap_day": r.cap_day.map(|d| d.to_string()),
                    "alert": r.alert.as_str(),
                })
            })
            .collect();
        report::out(&(serde_json::to_string_pretty(&v)? + "\n"));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = reports
        .iter()
        .map(|r| {
            vec![
                r.campaign_name.clone(),
                r.audience.clone().unwrap_or_else(|| "–".into()),
                r.spend.to_string(),
                report::thousands(r.reached as i64),
                r.cap.as_ref().map(ToString::to_string).unwrap_or_default(),
                percent(r.used_ppm).unwrap_or_default(),
                r.cap_day.map(|d| d.to_string()).unwrap_or_default(),
                r.alert.as_str().to_owned(),
            ]
        })
        .collect();
    let mut text = report::table(
        &["campaign", "audience", "spend", "reached", "cap", "used", "cap reached", ""],
        &rows,
    );
    if reports.iter().any(|r| r.audience.is_none()) {
        text += "Campaigns without an audience have no cap: `switchboard-cli cac audience --campaign ID --segment NAME`.\n";
    }
    report::out(&text);
    Ok(())
}

fn guard(runtime: &tokio::runtime::Runtime, command: &GuardCommand) -> anyhow::Result<()> {
    use switchboard_core::cac::guard::GuardMode;
    use switchboard_workspace::{GuardAction, Policy};

    let show = |actions: &[GuardAction], json: bool| {
        if json {
            let out: Vec<serde_json::Value> = actions
                .iter()
                .map(|a| {
                    json!({
                        "at": switchboard_core::day::rfc3339(a.at),
                        "platform": a.planned.platform,
                        "campaign_id": a.planned.campaign_id,
                        "campaign": a.planned.campaign_name,
                        "spend_minor": a.planned.spend_minor,
                        "cap_minor": a.planned.cap_minor,
                        "currency": a.planned.currency,
                        "mode": a.planned.mode.as_str(),
                        "outcome": a.outcome.as_str(),
                        "detail": a.detail,
                    })
                })
                .collect();
            report::out(&(serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"));
        } else if actions.is_empty() {
            report::note("no campaign at its cap needed an action");
        } else {
            let rows: Vec<Vec<String>> = actions
                .iter()
                .map(|a| {
                    vec![
                        switchboard_core::day::rfc3339(a.at),
                        a.planned.campaign_name.clone(),
                        a.planned.platform.clone(),
                        a.planned.mode.to_string(),
                        a.outcome.to_string(),
                        a.detail.clone(),
                    ]
                })
                .collect();
            report::out(&report::table(
                &["at", "campaign", "platform", "mode", "outcome", "detail"],
                &rows,
            ));
        }
    };
    match command {
        GuardCommand::Run { workspace, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let secrets = crate::sync::secrets();
            let policy = |v| Policy::for_vendor(v);
            let actions =
                runtime.block_on(ws.run_budget_guard(&secrets, &policy, report::now()))?;
            show(&actions, *json);
        }
        GuardCommand::Mode { workspace, campaign, mode } => {
            let mode: GuardMode = mode.replace('-', " ").parse().map_err(|_| {
                anyhow::anyhow!("`{mode}` is not a guard mode; use off, dry-run or live")
            })?;
            let ws = Workspace::open(&workspace.workspace)?;
            runtime.block_on(ws.set_guard_mode(campaign.as_deref(), mode))?;
            report::out(&match campaign {
                Some(c) => format!("campaign {c}: {mode}\n"),
                None => format!("campaigns without their own mode: {mode}\n"),
            });
        }
        GuardCommand::Log { workspace, limit, json } => {
            let ws = Workspace::open(&workspace.workspace)?;
            let actions = runtime.block_on(ws.guard_log(*limit))?;
            show(&actions, *json);
        }
    }
    Ok(())
}

fn show_ladder(ladder: &switchboard_workspace::Ladder, json: bool) {
    if json {
        let rungs: Vec<serde_json::Value> = ladder
            .rungs
            .iter()
            .map(|r| {
                json!({
                    "channel": r.channel,
                    "spend_minor": r.spend.minor,
                    "currency": r.spend.currency.code,
                    "reached": r.reached,
                    "per_person_minor": r.per_person().map(|m| m.minor),
                    "people": r.people,
                })
            })
            .collect();
        let out = json!({"segment": ladder.segment, "rungs": rungs, "costs_missing": ladder.costs_missing});
        report::out(&(serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"));
        return;
    }
    let rows: Vec<Vec<String>> = ladder
        .rungs
        .iter()
        .map(|r| {
            vec![
                r.channel.clone(),
                r.spend.to_string(),
                report::thousands(r.reached as i64),
                r.per_person().map_or_else(|| "nobody reached".to_owned(), |m| m.to_string()),
                report::thousands(r.people as i64),
            ]
        })
        .collect();
    let people = match &ladder.segment {
        Some(s) => format!("people of {s}"),
        None => "people".to_owned(),
    };
    report::out(&report::table(&["channel", "spend", "reached", "per person", &people], &rows));
    if !ladder.costs_missing.is_empty() {
        report::note(&format!(
            "not on the ladder until their monthly cost is set (`cac channel-cost`): {}",
            ladder.costs_missing.join(", ")
        ));
    }
}
