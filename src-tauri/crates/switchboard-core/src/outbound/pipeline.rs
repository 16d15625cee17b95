//! The outbound pipeline's rules: which revealed visitors and which domains may cost a paid
//! lookup, and what a run would spend. Pure: the workspace reads the inputs and makes the calls.
//!
//! Guardrails come before any paid lookup: ISP, education, government and fuzzy Reveal matches;
//! customers, competitors and the do-not-contact list; domains prospected within the cool-down;
//! and a daily budget per kind of lookup.

use std::collections::{BTreeMap, BTreeSet};

use crate::Timestamp;
use crate::day::MS_PER_DAY;

/// The paid lookups the pipeline makes, each with its own daily budget.
pub const LOOKUPS: [&str; 4] = ["reveal", "company", "score", "prospect"];

/// Reveal types a rule may skip.
pub const SKIPPABLE_KINDS: [&str; 3] = ["isp", "education", "government"];

/// The pipeline's settings (`outbound.pipeline` in the workspace).
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineRules {
    /// Reveal types never looked up further (`isp`, `education`, `government`).
    pub skip_kinds: BTreeSet<String>,
    pub skip_fuzzy: bool,
    pub cooldown_days: u32,
    /// A company qualifies at this score (0 to 100) or above.
    pub threshold: f64,
    pub roles: Vec<String>,
    pub seniorities: Vec<String>,
    /// Contacts kept per company.
    pub max_contacts: u32,
    /// Paid lookups allowed per UTC day, per kind (`LOOKUPS`).
    pub budgets: BTreeMap<String, u64>,
}

impl Default for PipelineRules {
    fn default() -> Self {
        PipelineRules {
            skip_kinds: SKIPPABLE_KINDS.map(str::to_owned).into(),
            skip_fuzzy: true,
            cooldown_days: 90,
            threshold: 70.0,
            roles: vec!["marketing".into(), "sales".into()],
            seniorities: vec!["executive".into(), "director".into()],
            max_contacts: 5,
            budgets: [("reveal", 1_000), ("company", 200), ("score", 200), ("prospect", 100)]
                .map(|(k, v)| (k.to_owned(), v))
                .into(),
        }
    }
}

impl PipelineRules {
    pub fn budget(&self, lookup: &str) -> u64 {
        self.budgets.get(lookup).copied().unwrap_or(0)
    }

    /// The first value that makes no sense, said with what to use instead.
    pub fn check(&self) -> Result<(), String> {
        if !(0.0..=100.0).contains(&self.threshold) {
            return Err(format!("the threshold is a score from 0 to 100, not {}", self.threshold));
        }
        if !(1..=100).contains(&self.max_contacts) {
            return Err("contacts per company are 1 to 100".into());
        }
        if self.cooldown_days > 3_650 {
            return Err("the cool-down is at most 3,650 days".into());
        }
        if let Some(k) = self.skip_kinds.iter().find(|k| !SKIPPABLE_KINDS.contains(&k.as_str())) {
            return Err(format!(
                "`{k}` is not a Reveal type to skip; use isp, education or government"
            ));
        }
        if let Some(k) = self.budgets.keys().find(|k| !LOOKUPS.contains(&k.as_str())) {
            return Err(format!(
                "`{k}` is not a lookup; budgets are for reveal, company, score and prospect"
            ));
        }
        if self.roles.iter().chain(&self.seniorities).any(|v| v.trim().is_empty()) {
            return Err("roles and seniorities cannot be empty names".into());
        }
        Ok(())
    }
}

/// Why a visitor or a domain goes no further.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Reveal said `isp`, `education` or `government`.
    Kind(String),
    Fuzzy,
    Customer,
    Competitor,
    DoNotContact,
    /// Prospected on that day, within the cool-down.
    CoolDown {
        prospected_at: Timestamp,
    },
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Kind(k) => write!(f, "Reveal says it is {k} traffic"),
            Skip::Fuzzy => f.write_str("Reveal's match is fuzzy"),
            Skip::Customer => f.write_str("an existing customer"),
            Skip::Competitor => f.write_str("a competitor"),
            Skip::DoNotContact => f.write_str("on the do-not-contact list"),
            Skip::CoolDown { prospected_at } => {
                write!(f, "prospected on {}, within the cool-down", crate::Day::of(*prospected_at))
            }
        }
    }
}

/// Whether a Reveal answer leads on to the company, or why not.
pub fn after_reveal(kind: Option<&str>, fuzzy: bool, rules: &PipelineRules) -> Result<(), Skip> {
    if let Some(k) = kind.filter(|k| rules.skip_kinds.contains(*k)) {
        return Err(Skip::Kind(k.to_owned()));
    }
    if fuzzy && rules.skip_fuzzy {
        return Err(Skip::Fuzzy);
    }
    Ok(())
}

/// What the workspace knows of a domain before any paid lookup about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainFacts {
    /// Suppression lists the domain is on: `customer`, `competitor`, `do_not_contact`.
    pub suppressed: BTreeSet<String>,
    /// The last time contacts were looked up there.
    pub prospected_at: Option<Timestamp>,
}

/// Whether a domain may cost paid lookups now, or why not.
pub fn may_look_up(facts: &DomainFacts, now: Timestamp, rules: &PipelineRules) -> Result<(), Skip> {
    for (list, skip) in [
        ("customer", Skip::Customer),
        ("competitor", Skip::Competitor),
        ("do_not_contact", Skip::DoNotContact),
    ] {
        if facts.suppressed.contains(list) {
            return Err(skip);
        }
    }
    if let Some(at) = facts.prospected_at
        && now - at < i64::from(rules.cooldown_days) * MS_PER_DAY
    {
        return Err(Skip::CoolDown { prospected_at: at });
    }
    Ok(())
}

/// A registrable domain as the lists and the store keep it: lower case, no scheme, no `www.`.
pub fn normalise_domain(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let t = t.strip_prefix("https://").or_else(|| t.strip_prefix("http://")).unwrap_or(&t);
    let t = t.split('/').next().unwrap_or_default();
    let t = t.strip_prefix("www.").unwrap_or(t);
    let ok = t.contains('.')
        && !t.starts_with('.')
        && !t.ends_with('.')
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    ok.then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reveal_guardrails() {
        let rules = PipelineRules::default();
        assert_eq!(after_reveal(Some("isp"), false, &rules), Err(Skip::Kind("isp".into())));
        assert_eq!(
            after_reveal(Some("education"), false, &rules),
            Err(Skip::Kind("education".into()))
        );
        assert_eq!(
            after_reveal(Some("government"), false, &rules),
            Err(Skip::Kind("government".into()))
        );
        assert_eq!(after_reveal(Some("company"), true, &rules), Err(Skip::Fuzzy));
        assert_eq!(after_reveal(Some("company"), false, &rules), Ok(()));
        let mut loose = rules.clone();
        loose.skip_fuzzy = false;
        loose.skip_kinds.remove("education");
        assert_eq!(after_reveal(Some("education"), true, &loose), Ok(()));
    }

    #[test]
    fn domain_guardrails_and_the_cool_down() {
        let rules = PipelineRules::default();
        let now = 1_000 * MS_PER_DAY;
        let mut facts = DomainFacts::default();
        assert_eq!(may_look_up(&facts, now, &rules), Ok(()));
        facts.prospected_at = Some(now - 89 * MS_PER_DAY);
        assert!(matches!(may_look_up(&facts, now, &rules), Err(Skip::CoolDown { .. })));
        facts.prospected_at = Some(now - 90 * MS_PER_DAY);
        assert_eq!(may_look_up(&facts, now, &rules), Ok(()), "the cool-down is 90 days");
        facts.suppressed.insert("competitor".into());
        assert_eq!(may_look_up(&facts, now, &rules), Err(Skip::Competitor));
        facts.suppressed.insert("customer".into());
        assert_eq!(may_look_up(&facts, now, &rules), Err(Skip::Customer));
    }

    #[test]
    fn domains_are_normalised() {
        assert_eq!(normalise_domain(" https://www.Acme.io/pricing ").as_deref(), Some("acme.io"));
        assert_eq!(normalise_domain("acme"), None);
        assert_eq!(normalise_domain("a b.com"), None);
    }
}
