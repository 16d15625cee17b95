//! The channel ladder: what one person reached costs on each channel (email, web
//! personalisation, retargeting, display, search...), cheapest rung first, and on which rung each
//! person of a segment sits: the cheapest channel that reaches them.
//!
//! Pure: channels come in with their spend and the ids of the people they reached.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::Money;

/// Email and web personalisation, the channels whose cost is a tool's subscription.
pub const EMAIL: &str = "email";
pub const WEB: &str = "web personalisation";

/// A channel's spend and the people it reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    pub name: String,
    pub spend: Money,
    /// People reached, by id (any order, repeats allowed).
    pub people: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LadderRung {
    pub channel: String,
    pub spend: Money,
    pub reached: u64,
    /// People of the segment in view (everyone reached, without one) whose cheapest channel
    /// this is.
    pub people: u64,
}

impl LadderRung {
    /// Spend per person reached, rounded to the minor unit; `None` when nobody was reached.
    pub fn per_person(&self) -> Option<Money> {
        (self.reached > 0).then(|| Money {
            minor: (i128::from(self.spend.minor) / i128::from(self.reached)) as i64,
            currency: self.spend.currency.clone(),
        })
    }
}

/// The channel an ad campaign belongs to: the part of its name before a colon ("Retargeting:
/// pricing page visitors" is retargeting), else its platform.
pub fn channel_of(campaign: &str, platform: &str) -> String {
    match campaign.split_once(':') {
        Some((head, _)) if !head.trim().is_empty() => head.trim().to_lowercase(),
        _ => platform.to_lowercase(),
    }
}

/// Compares two rungs by spend per person, exactly (cross-multiplied); rungs that reached nobody
/// come last.
fn cheaper(a: &LadderRung, b: &LadderRung) -> Ordering {
    match (a.reached, b.reached) {
        (0, 0) => Ordering::Equal,
        (0, _) => Ordering::Greater,
        (_, 0) => Ordering::Less,
        (ra, rb) => (i128::from(a.spend.minor) * i128::from(rb))
            .cmp(&(i128::from(b.spend.minor) * i128::from(ra))),
    }
    .then_with(|| a.channel.cmp(&b.channel))
}

/// The ladder, cheapest rung first. Channels of the same name are merged. `segment` is the people
/// in view; without it, everyone reached.
pub fn ladder(channels: Vec<Channel>, segment: Option<&[i64]>) -> Vec<LadderRung> {
    let mut merged: Vec<Channel> = Vec::new();
    for c in channels {
        match merged.iter_mut().find(|m| m.name == c.name) {
            Some(m) => {
                m.spend.minor += c.spend.minor;
                m.people.extend(c.people);
            }
            None => merged.push(c),
        }
    }
    for m in &mut merged {
        m.people.sort_unstable();
        m.people.dedup();
    }
    let mut rungs: Vec<(LadderRung, Vec<i64>)> = merged
        .into_iter()
        .map(|c| {
            let rung = LadderRung {
                channel: c.name,
                spend: c.spend,
                reached: c.people.len() as u64,
                people: 0,
            };
            (rung, c.people)
        })
        .collect();
    rungs.sort_by(|a, b| cheaper(&a.0, &b.0));
    // Each person sits on the first (cheapest) rung that reached them.
    let mut rung_of: HashMap<i64, usize> = HashMap::new();
    for (i, (_, people)) in rungs.iter().enumerate() {
        for p in people {
            rung_of.entry(*p).or_insert(i);
        }
    }
    let mut counts = vec![0u64; rungs.len()];
    match segment {
        Some(members) => {
            let mut seen = members.to_vec();
            seen.sort_unstable();
            seen.dedup();
            for p in seen {
                if let Some(i) = rung_of.get(&p) {
                    counts[*i] += 1;
                }
            }
        }
        None => {
            for i in rung_of.values() {
                counts[*i] += 1;
            }
        }
    }
    rungs
        .into_iter()
        .zip(counts)
        .map(|((mut rung, _), n)| {
            rung.people = n;
            rung
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cac::Currency;

    fn usd(minor: i64) -> Money {
        Money { minor, currency: Currency::parse("USD").unwrap() }
    }

    fn channel(name: &str, minor: i64, people: &[i64]) -> Channel {
        Channel { name: name.into(), spend: usd(minor), people: people.to_vec() }
    }

    #[test]
    fn rungs_go_cheapest_first_and_people_sit_on_their_cheapest() {
        // email: $100 / 4 = $25; web: $90 / 3 = $30; retargeting: $300 / 2 = $150.
        let channels = vec![
            channel("retargeting", 20_000, &[1, 5]),
            channel(EMAIL, 10_000, &[1, 2, 3, 4]),
            channel(WEB, 9_000, &[3, 5, 6]),
            channel("retargeting", 10_000, &[5]),
            channel("display", 5_000, &[]),
        ];
        let all = ladder(channels.clone(), None);
        let names: Vec<&str> = all.iter().map(|r| r.channel.as_str()).collect();
        assert_eq!(names, [EMAIL, WEB, "retargeting", "display"]);
        assert_eq!(all[2].spend.minor, 30_000, "campaigns of a channel add up");
        assert_eq!(all[2].reached, 2, "people count once per channel");
        assert_eq!(all[0].per_person().unwrap().minor, 2_500);
        assert_eq!(all[3].per_person(), None);
        // 1-4 by email, 5 and 6 by web (5 is cheaper there than on retargeting).
        assert_eq!(all.iter().map(|r| r.people).collect::<Vec<_>>(), [4, 2, 0, 0]);

        let segment = ladder(channels, Some(&[1, 5, 5, 9]));
        assert_eq!(
            segment.iter().map(|r| r.people).collect::<Vec<_>>(),
            [1, 1, 0, 0],
            "9 is on no rung"
        );
    }

    #[test]
    fn ties_compare_exactly_and_then_by_name() {
        // $1 / 3 and $2 / 6 are the same price.
        let rungs = ladder(
            vec![channel("b", 200, &[1, 2, 3, 4, 5, 6]), channel("a", 100, &[7, 8, 9])],
            None,
        );
        assert_eq!(rungs[0].channel, "a");
    }

    #[test]
    fn a_campaigns_channel_is_its_name_before_the_colon() {
        assert_eq!(channel_of("Retargeting: pricing page visitors", "facebook"), "retargeting");
        assert_eq!(channel_of("Display: product launch", "adroll"), "display");
        assert_eq!(channel_of("Brand awareness", "google_ads"), "google_ads");
    }
}
