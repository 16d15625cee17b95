//! `switchboard-cli cac`: the CAC cap, the most worth spending to acquire one prospect:
//! `P(convert) x LTV x allowed share of LTV`, in exact money.

use anyhow::bail;
use serde_json::json;
use switchboard_core::FitSegment;
use switchboard_core::cac::{self, ConversionByFit, Currency, Fraction, Money};

use crate::report;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Probability that the prospect converts: 0.1 or 10%.
    #[arg(long, value_name = "P", conflicts_with = "fit")]
    p: Option<String>,
    /// Use the default probability of a fit segment instead: very-good, good, medium or low.
    #[arg(long, value_name = "SEGMENT")]
    fit: Option<String>,
    /// Lifetime value of a customer, in the currency's units: 1000 or 1000.50.
    #[arg(long, value_name = "AMOUNT")]
    ltv: Option<String>,
    /// The share of the LTV you allow for acquiring them: 0.2 or 20%.
    #[arg(long, value_name = "SHARE")]
    share: Option<String>,
    #[arg(long, default_value = "USD")]
    currency: String,
    /// Print JSON instead of a sentence.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Spend against cap per campaign (not built yet).
    Report {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    if let Some(Command::Report { .. }) = &args.command {
        bail!(
            "`cac report` is not built yet: spend against caps per campaign comes with the Spend and \
             CAC screen; `switchboard-cli cac --p 0.1 --ltv 1000 --share 0.2` computes a cap today"
        );
    }
    let currency = Currency::parse(&args.currency)?;
    let p = match (&args.p, &args.fit) {
        (Some(p), _) => Fraction::parse(p)?,
        (None, Some(fit)) => {
            let segment: FitSegment = fit.replace('-', " ").parse().map_err(|_| {
                anyhow::anyhow!("`{fit}` is not a fit segment; use very-good, good, medium or low")
            })?;
            ConversionByFit::default().of(segment)
        }
        (None, None) => bail!("give the probability to convert: --p 0.1 (or --fit good)"),
    };
    let Some(ltv) = &args.ltv else { bail!("give the lifetime value: --ltv 1000") };
    let Some(share) = &args.share else { bail!("give the allowed share of LTV: --share 0.2") };
    let ltv = Money::parse(ltv, &currency)?;
    let share = Fraction::parse(share)?;
    let cap = cac::max_spend(p, &ltv, share);
    if args.json {
        let v = json!({
            "p_convert_ppm": p.ppm(),
            "ltv_minor": ltv.minor,
            "share_ppm": share.ppm(),
            "currency": currency.code,
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
