//! What a person's traits say about them: the columns a profile keeps (email, names, title), the
//! company an email's domain points to (never a free-mail provider), and a group's domain.

use serde_json::{Map, Value};

use crate::{EventRow, Identity, MessageType, Timestamp};

/// Mail providers anyone can sign up to: their domain says nothing about an employer.
const FREE_MAIL: &[&str] = &[
    "126.com",
    "163.com",
    "aol.com",
    "att.net",
    "btinternet.com",
    "comcast.net",
    "fastmail.com",
    "free.fr",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "googlemail.com",
    "hey.com",
    "hotmail.co.uk",
    "hotmail.com",
    "hotmail.fr",
    "icloud.com",
    "laposte.net",
    "live.com",
    "mac.com",
    "mail.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "naver.com",
    "orange.fr",
    "outlook.com",
    "pm.me",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "rediffmail.com",
    "sbcglobal.net",
    "t-online.de",
    "tutanota.com",
    "verizon.net",
    "web.de",
    "yahoo.co.in",
    "yahoo.co.jp",
    "yahoo.co.uk",
    "yahoo.com",
    "yahoo.fr",
    "yandex.com",
    "yandex.ru",
    "ymail.com",
    "zoho.com",
];

pub fn is_free_mail(domain: &str) -> bool {
    FREE_MAIL.binary_search(&domain).is_ok()
}

/// The lower-cased domain of an email address, if it looks like one.
pub fn email_domain(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then_some(domain)
}

/// The employer's domain an email points to: none for free mail.
pub fn work_domain(email: &str) -> Option<String> {
    email_domain(email).filter(|d| !is_free_mail(d))
}

/// The bare domain of a website or domain trait: `https://www.acme.com/about` → `acme.com`.
pub fn website_domain(website: &str) -> Option<String> {
    let s = website.trim();
    let s = s.split_once("://").map_or(s, |(_, rest)| rest);
    let host = s.split(['/', '?', '#']).next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).trim_end_matches('.');
    let valid = host.contains('.')
        && !host.starts_with('.')
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    valid.then(|| host.to_owned())
}

/// A company name to show until enrichment finds the real one: `acme-labs.co.uk` → `Acme-labs`.
pub fn name_from_domain(domain: &str) -> String {
    let label = domain.split('.').next().unwrap_or(domain);
    let mut chars = label.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The profile columns identify traits fill (Segment's reserved traits, in either spelling).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileFields {
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
}

impl ProfileFields {
    pub fn from_traits(traits: &Map<String, Value>) -> ProfileFields {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| traits.get(*k).and_then(Value::as_str))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let mut first_name = text(&["firstName", "first_name"]);
        let mut last_name = text(&["lastName", "last_name"]);
        if let (None, None, Some(name)) = (&first_name, &last_name, text(&["name"])) {
            match name.split_once(' ') {
                Some((first, last)) => {
                    first_name = Some(first.to_owned());
                    last_name = Some(last.trim().to_owned());
                }
                None => first_name = Some(name),
            }
        }
        ProfileFields {
            email: text(&["email"]).map(|e| e.to_ascii_lowercase()),
            first_name,
            last_name,
            title: text(&["title"]),
        }
    }
}

/// The domain of a group's company: its `domain` or `website` trait, else the group id itself
/// when that is a domain name (`acme.com`, as many apps use).
pub fn group_domain(group_id: &str, traits: &Map<String, Value>) -> Option<String> {
    ["domain", "website"]
        .iter()
        .filter_map(|k| traits.get(*k).and_then(Value::as_str))
        .find_map(website_domain)
        .or_else(|| {
            let tld = group_id.rsplit('.').next().unwrap_or_default();
            let named = tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic());
            website_domain(group_id).filter(|_| named && !group_id.contains('/'))
        })
}

/// A person as listed: who, at which company, how active.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSummary {
    pub id: i64,
    pub user_id: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    /// The first anonymous id, to name a profile known by nothing else.
    pub anonymous_id: Option<String>,
    pub company: Option<CompanyRef>,
    pub last_seen: Option<Timestamp>,
    pub events: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyRef {
    pub id: i64,
    pub name: String,
    pub domain: String,
}

/// One value a trait had, and the message that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraitChange {
    pub key: String,
    /// JSON text.
    pub value: String,
    pub at: Timestamp,
    pub message_id: String,
}

/// A person's activity for one event (or page or screen name), from the rollups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub message_type: MessageType,
    pub name: String,
    pub count: i64,
    pub days: i64,
    pub first_at: Timestamp,
    pub last_at: Timestamp,
}

/// Everything the People screen shows about one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonProfile {
    pub summary: PersonSummary,
    pub identities: Vec<Identity>,
    /// The value in effect per key.
    pub traits: Vec<TraitChange>,
    /// Every value, newest first.
    pub history: Vec<TraitChange>,
    pub activity: Vec<Activity>,
    pub timeline: Vec<EventRow>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn free_mail_list_is_sorted_for_binary_search() {
        assert!(FREE_MAIL.windows(2).all(|w| w[0] < w[1]));
        assert!(is_free_mail("gmail.com") && !is_free_mail("acme.com"));
    }

    #[test]
    fn work_domains_skip_free_mail() {
        assert_eq!(work_domain("Ada@Acme.COM").as_deref(), Some("acme.com"));
        assert_eq!(work_domain("ada@gmail.com"), None);
        assert_eq!(work_domain("not an email"), None);
        assert_eq!(work_domain("@acme.com"), None);
    }

    #[test]
    fn websites_become_bare_domains() {
        assert_eq!(website_domain("https://www.acme.com/about").as_deref(), Some("acme.com"));
        assert_eq!(website_domain("acme.io").as_deref(), Some("acme.io"));
        assert_eq!(
            website_domain("http://shop.acme.co.uk:8080?x").as_deref(),
            Some("shop.acme.co.uk")
        );
        assert_eq!(website_domain("localhost"), None);
        assert_eq!(name_from_domain("acme-labs.co.uk"), "Acme-labs");
    }

    #[test]
    fn profile_fields_read_either_spelling_and_split_name() {
        let t = json!({"name": "Ada Lovelace", "email": "ADA@x.io", "title": " CTO "});
        let f = ProfileFields::from_traits(t.as_object().unwrap());
        assert_eq!(f.first_name.as_deref(), Some("Ada"));
        assert_eq!(f.last_name.as_deref(), Some("Lovelace"));
        assert_eq!(f.email.as_deref(), Some("ada@x.io"));
        assert_eq!(f.title.as_deref(), Some("CTO"));
        let t = json!({"first_name": "Grace", "lastName": "Hopper", "name": "ignored"});
        let f = ProfileFields::from_traits(t.as_object().unwrap());
        assert_eq!(
            (f.first_name.as_deref(), f.last_name.as_deref()),
            (Some("Grace"), Some("Hopper"))
        );
    }

    #[test]
    fn group_domain_prefers_domain_then_website() {
        let t = json!({"website": "https://www.b.com", "domain": "a.com"});
        assert_eq!(group_domain("g1", t.as_object().unwrap()).as_deref(), Some("a.com"));
        let t = json!({"website": "https://www.b.com"});
        assert_eq!(group_domain("g1", t.as_object().unwrap()).as_deref(), Some("b.com"));
        let named = json!({"name": "C"});
        assert_eq!(group_domain("g1", named.as_object().unwrap()), None);
        assert_eq!(group_domain("c.io", named.as_object().unwrap()).as_deref(), Some("c.io"));
        assert_eq!(group_domain("12.5", named.as_object().unwrap()), None);
    }
}
