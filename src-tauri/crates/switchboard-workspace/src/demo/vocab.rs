//! The words the demo generator draws from, kept in `assets/demo/vocab.json` so that they can be
//! read and changed without touching code. Every name they make is synthetic: company domains end
//! in the reserved `.example` top-level domain.

use std::sync::LazyLock;

use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub(crate) struct Vocab {
    pub name_prefixes: Vec<String>,
    pub name_cores: Vec<String>,
    pub name_suffixes: Vec<String>,
    /// (industry, weight)
    pub industries: Vec<(String, u32)>,
    /// (ISO country code, weight, cities)
    pub countries: Vec<(String, u32, Vec<String>)>,
    /// (technology, weight, relevant to our product: 1 or 0)
    pub technologies: Vec<(String, u32, u8)>,
    pub first_names: Vec<String>,
    pub last_names: Vec<String>,
    /// role → titles, from junior to senior
    pub roles: std::collections::BTreeMap<String, Vec<String>>,
    /// (path, title, weight)
    pub pages: Vec<(String, String, u32)>,
    /// (name, email)
    pub reps: Vec<(String, String)>,
    pub personal_email_domains: Vec<String>,
    pub activity_events: Vec<String>,
    /// (platform, campaign id, campaign name, daily spend in cents at scale 1)
    pub ad_campaigns: Vec<(String, String, String, i64)>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../../../assets/demo/vocab.json"))
        .expect("assets/demo/vocab.json is checked by a test")
});

pub(crate) fn get() -> &'static Vocab {
    &VOCAB
}

#[cfg(test)]
mod tests {
    #[test]
    fn vocabulary_parses_and_is_usable() {
        let v = super::get();
        assert!(v.name_prefixes.len() * v.name_cores.len() * v.name_suffixes.len() > 100_000);
        assert!(v.technologies.iter().any(|t| t.2 == 1));
        assert!(v.roles.values().all(|titles| !titles.is_empty()));
        for (platform, ..) in &v.ad_campaigns {
            platform.parse::<switchboard_core::AdPlatform>().unwrap();
        }
    }
}
