//! The variables a template can use, built from a prospect's record: `prospect.*`, `company.*`,
//! `visit.*`, `score.*` and `sender.*` (the bot, the VP, the rep). Every variable is always
//! present, as null when the workspace does not know it, so that a missing value is reported as
//! empty rather than as an unknown name.

use serde_json::{Value, json};

use crate::Timestamp;

/// What the workspace knows about a prospect, their company, its visits and score.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProspectRecord {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub company_name: String,
    pub domain: String,
    pub employees: Option<i64>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub technologies: Vec<String>,
    pub first_visit: Option<Timestamp>,
    pub pages: Option<i64>,
    pub fit_segment: Option<String>,
    pub score: Option<f64>,
    pub signals: Vec<String>,
    /// The rep the company is assigned to, by name.
    pub rep: Option<String>,
}

/// Someone an email is from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub email: String,
}

/// Who the layers are from: the bot, the VP of Growth, and the reps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Senders {
    pub bot: Sender,
    pub vp: Sender,
    /// Known reps; a rep not listed gets `first-name@` the VP's domain.
    pub reps: Vec<Sender>,
    /// The rep for a company nobody is assigned to.
    pub default_rep: Sender,
}

impl Default for Senders {
    fn default() -> Self {
        let s = |name: &str, email: &str| Sender { name: name.into(), email: email.into() };
        Senders {
            bot: s("Switchboard Bot", "bot@switchboard.example"),
            vp: s("Alex Morgan", "alex@switchboard.example"),
            reps: Vec::new(),
            default_rep: s("Casey Lindgren", "casey@switchboard.example"),
        }
    }
}

impl Senders {
    pub fn rep(&self, name: Option<&str>) -> Sender {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return self.default_rep.clone();
        };
        if let Some(r) = self.reps.iter().find(|r| r.name == name) {
            return r.clone();
        }
        let first = name.split_whitespace().next().unwrap_or(name).to_ascii_lowercase();
        let domain = self.vp.email.rsplit_once('@').map_or("switchboard.example", |(_, d)| d);
        Sender { name: name.to_owned(), email: format!("{first}@{domain}") }
    }
}

fn person(s: &Sender) -> Value {
    json!({
        "name": s.name,
        "first_name": s.name.split_whitespace().next().unwrap_or_default(),
        "email": s.email,
    })
}

fn text(s: &str) -> Value {
    if s.trim().is_empty() { Value::Null } else { Value::String(s.to_owned()) }
}

/// The template's variables for one prospect.
pub fn variables(p: &ProspectRecord, senders: &Senders) -> Value {
    let name = format!("{} {}", p.first_name.trim(), p.last_name.trim()).trim().to_owned();
    json!({
        "prospect": {
            "name": text(&name),
            "first_name": text(&p.first_name),
            "last_name": text(&p.last_name),
            "title": text(&p.title),
            "email": text(&p.email),
        },
        "company": {
            "name": text(&p.company_name),
            "domain": text(&p.domain),
            "employees": p.employees,
            "industry": p.industry.as_deref().map(text),
            "country": p.country.as_deref().map(text),
            "technologies": p.technologies,
        },
        "visit": {
            "first_seen": p.first_visit.map(crate::template::forward_date),
            "pages": p.pages,
        },
        "score": {
            "fit_segment": p.fit_segment,
            "score": p.score.map(|s| s.round() as i64),
            "signals": p.signals.iter().take(3).collect::<Vec<_>>(),
        },
        "sender": {
            "bot": person(&senders.bot),
            "vp": person(&senders.vp),
            "rep": person(&senders.rep(p.rep.as_deref())),
        },
    })
}
