//! A fake Clearbit with every product's paths on one server: Enrichment's `/v2/combined/find`
//! and `/v2/companies/find`, Reveal's `/v1/companies/find` and Prospector's `/v1/people/search`.
//! HTTP Basic with the secret key as user (or `Bearer`, as the ruby SDK sends it).
//!
//! Data comes from a hash of the email, domain or IP. Emails and domains starting with `queued`
//! are answered 202 the first time they are asked for, as a cold lookup is, and with data after;
//! it does not model the `-stream` hosts, webhooks or Prospector's other filters.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use super::{FakeServer, Fault, basic, hash, missing};

/// Prospector's page size when none is asked for, and the largest it gives ([U] in §2).
pub const DEFAULT_PAGE_SIZE: usize = 10;
pub const MAX_PAGE_SIZE: usize = 20;

const SECTORS: [(&str, &str); 5] = [
    ("Information Technology", "Internet Software & Services"),
    ("Financials", "Diversified Financial Services"),
    ("Industrials", "Professional Services"),
    ("Consumer Discretionary", "Retailing"),
    ("Health Care", "Health Care Providers & Services"),
];
const PLACES: [(&str, &str, &str); 5] = [
    ("San Francisco", "United States", "US"),
    ("London", "United Kingdom", "GB"),
    ("Paris", "France", "FR"),
    ("Berlin", "Germany", "DE"),
    ("Toronto", "Canada", "CA"),
];
const TECH: [&str; 8] = [
    "google_analytics",
    "hubspot",
    "segment",
    "salesforce",
    "stripe",
    "intercom",
    "cloud_flare",
    "nginx",
];
const GIVEN: [&str; 8] = ["Ana", "Ben", "Chloé", "Dev", "Emma", "Farid", "Grace", "Hugo"];
const FAMILY: [&str; 8] =
    ["Martin", "Okafor", "Lindqvist", "Tanaka", "Rossi", "Novak", "Silva", "Kaur"];
/// A few of the documented role values.
pub const ROLES: [&str; 6] = ["sales", "marketing", "engineering", "finance", "operations", "ceo"];
pub const SENIORITIES: [&str; 3] = ["executive", "director", "manager"];

/// The emails and domains asked for once already (the `queued…` ones answer 202 only once).
#[derive(Clone, Default)]
struct Asked(Arc<Mutex<HashSet<String>>>);

impl Asked {
    fn queued_now(&self, key: &str) -> bool {
        key.starts_with("queued")
            && self.0.lock().unwrap_or_else(PoisonError::into_inner).insert(key.to_owned())
    }
}

pub async fn start(key: &str) -> FakeServer {
    let router = Router::new()
        .route("/v2/combined/find", get(combined))
        .route("/v2/companies/find", get(company))
        .route("/v1/companies/find", get(reveal))
        .route("/v1/people/search", get(prospect))
        .with_state(Asked::default());
    let (basic, bearer) = (basic(key), format!("Bearer {key}"));
    FakeServer::start(
        router,
        move |seen| seen.header("authorization").is_some_and(|a| a == basic || a == bearer),
        Fault::with_body(
            401,
            r#"{"error":{"type":"auth_required","message":"An API key is required: send your secret key as the Basic auth user"}}"#,
        ),
    )
    .await
}

/// The company Clearbit's fake reports for a domain, as `/v2/companies/find` sends it.
pub fn company_json(domain: &str) -> Value {
    let h = hash(domain);
    let name = company_name(domain);
    let (sector, industry) = SECTORS[(h % 5) as usize];
    let (city, country, country_code) = PLACES[(h / 5 % 5) as usize];
    let employees = 5 + h / 25 % 5000;
    let range = match employees {
        0..=10 => "1-10",
        11..=50 => "11-50",
        51..=250 => "51-250",
        251..=1000 => "251-1K",
        _ => "1K-5K",
    };
    let tech: Vec<&str> = TECH
        .iter()
        .enumerate()
        .filter(|(i, _)| (h >> (20 + i)) & 1 == 1)
        .map(|(_, t)| *t)
        .collect();
    json!({
        "id": format!("{:08x}-fake-company", h as u32),
        "name": name,
        "legalName": if h.is_multiple_of(4) { Value::Null } else { json!(format!("{name} Inc.")) },
        "domain": domain,
        "domainAliases": [],
        "url": format!("https://{domain}"),
        "category": {"sector": sector, "industryGroup": null, "industry": industry, "subIndustry": null},
        "tags": ["B2B"],
        "description": format!("{name} makes software for teams."),
        "foundedYear": 1990 + h % 34,
        "location": format!("{city}, {country}"),
        "geo": {"city": city, "state": null, "country": country, "countryCode": country_code, "lat": null, "lng": null},
        "logo": format!("https://logo.clearbit.com/{domain}"),
        "emailProvider": false,
        "type": "private",
        "metrics": {"employees": employees, "employeesRange": range, "estimatedAnnualRevenue": "$1M-$10M"},
        "tech": tech,
        "indexedAt": "2024-01-02T03:04:05.000Z"
    })
}

/// The person Clearbit's fake reports for an email, as the combined lookup's `person`.
pub fn person_json(email: &str) -> Value {
    let h = hash(email);
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let given = capitalized(local.split(['.', '+']).next().unwrap_or(local));
    let family = FAMILY[(h % 8) as usize];
    let role = ROLES[(h / 8 % 6) as usize];
    let seniority = SENIORITIES[(h / 48 % 3) as usize];
    let (city, country, country_code) = PLACES[(h / 144 % 5) as usize];
    json!({
        "id": format!("{:08x}-fake-person", h as u32),
        "name": {"fullName": format!("{given} {family}"), "givenName": given, "familyName": family},
        "email": email,
        "location": format!("{city}, {country}"),
        "geo": {"city": city, "state": null, "country": country, "countryCode": country_code},
        "employment": {
            "domain": domain,
            "name": company_name(domain),
            "title": title(role, Some(seniority)),
            "role": role,
            "seniority": seniority
        },
        "fuzzy": false,
        "emailProvider": false,
        "indexedAt": "2024-01-02T03:04:05.000Z"
    })
}

/// What Reveal's fake says of an IP: `(type, domain, fuzzy)`, or `None` when it is not resolved
/// (IPs in `10.`). The last octet decides: divisible by 7 an ISP with no domain, by 11 a
/// university, by 13 a fuzzy company match, otherwise a company.
pub fn company_for_ip(ip: &str) -> Option<(&'static str, Option<String>, bool)> {
    if ip.starts_with("10.") || missing(ip) {
        return None;
    }
    let h = hash(ip);
    let octet = ip.rsplit('.').next().and_then(|o| o.parse::<u32>().ok());
    Some(match octet {
        Some(o) if o.is_multiple_of(7) => ("isp", None, false),
        Some(o) if o.is_multiple_of(11) => {
            ("education", Some(format!("university{}.edu", h % 500)), false)
        }
        Some(o) if o.is_multiple_of(17) => {
            ("government", Some(format!("agency{}.gov", h % 300)), false)
        }
        Some(o) if o.is_multiple_of(13) => {
            ("company", Some(format!("company{}.example", h % 5000)), true)
        }
        _ => ("company", Some(format!("company{}.example", h % 5000)), false),
    })
}

/// Every contact Prospector's fake has at a domain, unfiltered, in the order it pages them:
/// 3 to 22 of them, none for a domain starting with `nobody`.
pub fn people_at(domain: &str) -> Vec<Value> {
    if missing(domain) {
        return Vec::new();
    }
    let h = hash(domain);
    let total = 3 + h % 20;
    (0..total)
        .map(|i| {
            let hi = hash(&format!("{domain}/{i}"));
            // Distinct (given, family) pairs for up to 64 contacts, so emails never collide.
            let given = GIVEN[((i + h) % 8) as usize];
            let family = FAMILY[((i / 8 + h / 8) % 8) as usize];
            let role = ROLES[(hi % 6) as usize];
            let seniority = (!(hi / 6).is_multiple_of(4)).then(|| SENIORITIES[(hi / 24 % 3) as usize]);
            let email = format!("{}.{}@{domain}", given.to_lowercase(), family.to_lowercase());
            json!({
                "id": format!("{hi:016x}"),
                "name": {"fullName": format!("{given} {family}"), "givenName": given, "familyName": family},
                "title": title(role, seniority),
                "role": role,
                "seniority": seniority,
                "company": {"name": company_name(domain)},
                "email": email,
                "verified": !(hi / 72).is_multiple_of(3),
                "location": PLACES[(hi / 216 % 5) as usize].0,
                "phone": null
            })
        })
        .collect()
}

fn company_name(domain: &str) -> String {
    capitalized(domain.split('.').next().unwrap_or(domain))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn title(role: &str, seniority: Option<&str>) -> String {
    let field = capitalized(role);
    match (role, seniority) {
        ("ceo", _) => "Chief Executive Officer".into(),
        (_, Some("executive")) => format!("VP of {field}"),
        (_, Some("director")) => format!("Director of {field}"),
        (_, Some(_)) => format!("{field} Manager"),
        (_, None) => format!("{field} Specialist"),
    }
}

fn error(status: StatusCode, kind: &str, message: &str) -> Response {
    (status, Json(json!({"error": {"type": kind, "message": message}}))).into_response()
}

fn not_found(message: &str) -> Response {
    error(StatusCode::NOT_FOUND, "unknown_record", message)
}

fn queued() -> Response {
    (StatusCode::ACCEPTED, Json(json!({}))).into_response()
}

async fn combined(
    State(asked): State<Asked>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let Some(email) = q.get("email") else {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "missing_field", "email is required");
    };
    if missing(email) {
        return not_found("Unknown email address");
    }
    if asked.queued_now(email) {
        return queued();
    }
    let domain = email.split_once('@').map(|(_, d)| d).unwrap_or_default();
    let company = if missing(domain) { Value::Null } else { company_json(domain) };
    Json(json!({"person": person_json(email), "company": company})).into_response()
}

async fn company(State(asked): State<Asked>, Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(domain) = q.get("domain") else {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "missing_field", "domain is required");
    };
    if missing(domain) {
        return not_found("Unknown domain");
    }
    if asked.queued_now(domain) {
        return queued();
    }
    Json(company_json(domain)).into_response()
}

async fn reveal(Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(ip) = q.get("ip") else {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "missing_field", "ip is required");
    };
    let Some((kind, domain, fuzzy)) = company_for_ip(ip) else {
        return not_found("IP address not resolved");
    };
    let (city, country, country_code) = PLACES[(hash(ip) % 5) as usize];
    Json(json!({
        "ip": ip,
        "fuzzy": fuzzy,
        "type": kind,
        "domain": domain,
        "company": domain.as_deref().map(company_json),
        "geoIP": {"city": city, "state": null, "country": country, "countryCode": country_code}
    }))
    .into_response()
}

async fn prospect(Query(q): Query<Vec<(String, String)>>) -> Response {
    let all = |names: [&str; 3]| -> Vec<String> {
        q.iter()
            .filter(|(k, _)| names.contains(&k.as_str()))
            .map(|(_, v)| v.to_lowercase())
            .collect()
    };
    let one = |name: &str| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(domain) = one("domain") else {
        return error(StatusCode::UNPROCESSABLE_ENTITY, "missing_field", "domain is required");
    };
    let roles = all(["roles[]", "roles", "role"]);
    let seniorities = all(["seniorities[]", "seniorities", "seniority"]);
    let titles = all(["titles[]", "titles", "title"]);
    let number = |name: &str, default: usize| match one(name) {
        None => Some(default),
        Some(v) => v.parse::<usize>().ok().filter(|n| *n > 0),
    };
    let (Some(page), Some(page_size)) = (number("page", 1), number("page_size", DEFAULT_PAGE_SIZE))
    else {
        return error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_param",
            "page and page_size must be positive integers",
        );
    };
    let page_size = page_size.min(MAX_PAGE_SIZE);
    let text = |c: &Value, k: &str| c[k].as_str().unwrap_or_default().to_lowercase();
    let matching: Vec<Value> = people_at(domain)
        .into_iter()
        .filter(|c| roles.is_empty() || roles.contains(&text(c, "role")))
        .filter(|c| seniorities.is_empty() || seniorities.contains(&text(c, "seniority")))
        .filter(|c| {
            titles.is_empty() || titles.iter().any(|t| text(c, "title").contains(t.as_str()))
        })
        .collect();
    let total = matching.len();
    let results: Vec<Value> =
        matching.into_iter().skip((page - 1).saturating_mul(page_size)).take(page_size).collect();
    Json(json!({"page": page, "page_size": page_size, "total": total, "results": results}))
        .into_response()
}
