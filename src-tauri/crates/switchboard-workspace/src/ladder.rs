//! The channel ladder from the workspace: ad channels from spend and their campaigns' audiences,
//! email and web personalisation from their monthly cost and the people they reached in the last
//! 30 days, and the people of a segment on each rung.

use std::collections::BTreeMap;

use switchboard_core::cac::Money;
use switchboard_core::cac::ladder::{self, Channel, LadderRung};
use switchboard_core::{Day, Timestamp};
use switchboard_store::{cac as store, settings};

use crate::{Error, Result, Workspace};

/// The window email and web personalisation are counted over, and their cost is per.
const WINDOW_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ladder {
    pub rungs: Vec<LadderRung>,
    /// Subscription channels left off because their monthly cost is not set.
    pub costs_missing: Vec<String>,
    /// The segment whose people are placed on the rungs, if one was asked for.
    pub segment: Option<String>,
}

impl Workspace {
    /// The monthly cost of email and web personalisation, as set.
    pub async fn channel_costs(&self) -> Result<BTreeMap<String, Money>> {
        let model = self.cac_model().await?;
        let text = self.db.call(|c| settings::get(c, settings::CHANNEL_COSTS)).await?;
        let raw: BTreeMap<String, String> = match text {
            Some(t) => serde_json::from_str(&t)?,
            None => BTreeMap::new(),
        };
        let mut out = BTreeMap::new();
        for (channel, amount) in raw {
            let money = Money::parse(&amount, &model.ltv.currency)
                .map_err(|e| Error::InvalidOptions(e.to_string()))?;
            out.insert(channel, money);
        }
        Ok(out)
    }

    /// Sets (or with `None` clears) the monthly cost of `email` or `web personalisation`, in the
    /// CAC model's currency.
    pub async fn set_channel_cost(&self, channel: &str, monthly: Option<&str>) -> Result<()> {
        if channel != ladder::EMAIL && channel != ladder::WEB {
            return Err(Error::InvalidOptions(format!(
                "`{channel}` has no monthly cost; the channels with one are `{}` and `{}`",
                ladder::EMAIL,
                ladder::WEB
            )));
        }
        let model = self.cac_model().await?;
        let mut costs: BTreeMap<String, String> =
            self.channel_costs().await?.into_iter().map(|(k, v)| (k, v.decimal())).collect();
        match monthly {
            Some(amount) => {
                let money = Money::parse(amount, &model.ltv.currency)
                    .map_err(|e| Error::InvalidOptions(e.to_string()))?;
                costs.insert(channel.to_owned(), money.decimal());
            }
            None => {
                costs.remove(channel);
            }
        }
        let text = serde_json::to_string(&costs)?;
        Ok(self.db.call(move |c| settings::set(c, settings::CHANNEL_COSTS, &text)).await?)
    }

    /// The ladder: every channel with its cost per person reached, cheapest first, and the
    /// people of `segment` (everyone reached, without one) on the cheapest rung that reaches them.
    pub async fn channel_ladder(&self, segment: Option<&str>, now: Timestamp) -> Result<Ladder> {
        let mut channels = Vec::new();
        for r in self.cac_report().await? {
            let people = match &r.audience {
                Some(name) => {
                    let name = name.clone();
                    self.db.call(move |c| store::segment_people(c, &name)).await?
                }
                None => Vec::new(),
            };
            channels.push(Channel {
                name: ladder::channel_of(&r.campaign_name, &r.platform),
                spend: r.spend,
                people,
            });
        }
        let costs = self.channel_costs().await?;
        let since = Day::of(now).plus(-(WINDOW_DAYS - 1));
        let mut costs_missing = Vec::new();
        for name in [ladder::EMAIL, ladder::WEB] {
            let Some(cost) = costs.get(name) else {
                costs_missing.push(name.to_owned());
                continue;
            };
            let people = if name == ladder::EMAIL {
                self.db.call(move |c| store::emailed_people(c, since.start())).await?
            } else {
                self.db.call(move |c| store::web_people(c, since)).await?
            };
            channels.push(Channel { name: name.to_owned(), spend: cost.clone(), people });
        }
        let members = match segment {
            Some(name) => {
                let name = name.to_owned();
                Some(self.db.call(move |c| store::segment_people(c, &name)).await?)
            }
            None => None,
        };
        if let Some(first) = channels.first()
            && let Some(other) = channels.iter().find(|c| c.spend.currency != first.spend.currency)
        {
            return Err(Error::InvalidOptions(format!(
                "channels spend in {} and {}; one ladder needs one currency",
                first.spend.currency.code, other.spend.currency.code
            )));
        }
        Ok(Ladder {
            rungs: ladder::ladder(channels, members.as_deref()),
            costs_missing,
            segment: segment.map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests;
