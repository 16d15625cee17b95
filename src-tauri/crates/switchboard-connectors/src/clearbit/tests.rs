use std::time::{Duration, Instant};

use super::{Clearbit, Product, ProspectQuery};
use crate::fake::{self, Fault};
use crate::{ApiError, Policy, Vendor};

const KEY: &str = "sk_test_clearbit";

fn client(url: &str, key: &str) -> Clearbit {
    Clearbit::new(Some(url), key, Policy::quick(Vendor::Clearbit))
}

fn query(domain: &str, page: u32, page_size: u32) -> ProspectQuery {
    ProspectQuery {
        domain: domain.into(),
        roles: vec![],
        seniorities: vec![],
        titles: vec![],
        page,
        page_size,
    }
}

/// The decoded `key=value` pairs of a query string as the server saw it.
fn pairs(query: &str) -> Vec<(String, String)> {
    let url = reqwest::Url::parse(&format!("http://x/?{query}")).unwrap();
    url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

#[tokio::test]
async fn combined_maps_person_and_company() {
    let server = fake::clearbit::start(KEY).await;
    let found = client(&server.url, KEY).combined("ana@acme.io").await.unwrap().unwrap();
    let expected = fake::clearbit::person_json("ana@acme.io");
    let person = found.value.person.expect("a person");
    assert_eq!(person.given_name.as_deref(), Some("Ana"));
    assert_eq!(person.full_name.as_deref(), expected["name"]["fullName"].as_str());
    assert_eq!(person.family_name.as_deref(), expected["name"]["familyName"].as_str());
    assert_eq!(person.email.as_deref(), Some("ana@acme.io"));
    assert_eq!(person.title.as_deref(), expected["employment"]["title"].as_str());
    assert!(person.title.is_some());
    assert_eq!(person.role.as_deref(), expected["employment"]["role"].as_str());
    assert_eq!(person.seniority.as_deref(), expected["employment"]["seniority"].as_str());
    assert_eq!(person.employment_domain.as_deref(), Some("acme.io"));
    assert_eq!(person.city.as_deref(), expected["geo"]["city"].as_str());
    // The country code, not the country's name.
    assert_eq!(person.country.as_deref(), expected["geo"]["countryCode"].as_str());
    assert_eq!(person.country.as_ref().map(String::len), Some(2));

    let company = found.value.company.expect("a company");
    assert_eq!(company.domain, "acme.io");
    assert_eq!(company.name, "Acme");
    assert_eq!(found.raw["person"]["email"], "ana@acme.io");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/v2/combined/find");
    assert_eq!(seen[0].query, "email=ana%40acme.io");
    assert_eq!(seen[0].header("authorization"), Some(fake::basic(KEY).as_str()));
    assert_eq!(seen[0].header("api-version"), None, "only Prospector is pinned");
}

#[tokio::test]
async fn combined_without_a_known_company_has_only_the_person() {
    let server = fake::clearbit::start(KEY).await;
    let found = client(&server.url, KEY).combined("ana@nobody.example").await.unwrap().unwrap();
    assert!(found.value.company.is_none());
    assert_eq!(found.value.person.unwrap().employment_domain.as_deref(), Some("nobody.example"));
}

#[tokio::test]
async fn company_maps_the_documented_fields() {
    let body = r#"{
        "id": "3f5d6a4e", "name": "Globex", "legalName": "Globex Corporation", "domain": "globex.example",
        "category": {"sector": "Industrials", "industryGroup": "Capital Goods", "industry": "Machinery", "subIndustry": null},
        "description": "Globex builds machines.",
        "geo": {"city": "Springfield", "state": "Oregon", "country": "United States", "countryCode": "US"},
        "metrics": {"employees": 1200, "employeesRange": "1K-5K", "raised": null},
        "tech": ["google_analytics", "segment"], "type": "private"
    }"#;
    let server = fake::clearbit::start(KEY).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let cb = client(&server.url, KEY);
    let company = cb.company("globex.example").await.unwrap().unwrap();
    let c = &company.value;
    assert_eq!(c.name, "Globex");
    assert_eq!(c.domain, "globex.example");
    assert_eq!(c.legal_name.as_deref(), Some("Globex Corporation"));
    assert_eq!(c.employees, Some(1200));
    assert_eq!(c.employees_range.as_deref(), Some("1K-5K"));
    assert_eq!(c.sector.as_deref(), Some("Industrials"));
    assert_eq!(c.industry.as_deref(), Some("Machinery"));
    assert_eq!(c.country.as_deref(), Some("US"));
    assert_eq!(c.city.as_deref(), Some("Springfield"));
    assert_eq!(c.technologies, ["google_analytics", "segment"]);
    assert_eq!(c.description.as_deref(), Some("Globex builds machines."));
    assert_eq!(company.raw["type"], "private");
    assert_eq!(server.seen()[0].path, "/v2/companies/find");
    assert_eq!(server.seen()[0].query, "domain=globex.example");

    // And the fake's own data goes through the same mapping.
    let generated = cb.company("acme.io").await.unwrap().unwrap();
    let expected = fake::clearbit::company_json("acme.io");
    assert_eq!(generated.value.employees, expected["metrics"]["employees"].as_i64());
    assert_eq!(generated.value.sector.as_deref(), expected["category"]["sector"].as_str());
    assert_eq!(generated.value.country.as_deref(), expected["geo"]["countryCode"].as_str());
    assert_eq!(generated.value.technologies.len(), expected["tech"].as_array().unwrap().len());
}

#[tokio::test]
async fn nulls_in_a_company_are_none_and_a_missing_name_is_the_domain() {
    let body = r#"{"name": null, "legalName": null, "domain": "bare.example", "category": null,
        "geo": {"city": null, "countryCode": null}, "metrics": {"employees": null}, "tech": null}"#;
    let server = fake::clearbit::start(KEY).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let c = client(&server.url, KEY).company("bare.example").await.unwrap().unwrap().value;
    assert_eq!(c.name, "bare.example");
    assert_eq!((c.legal_name, c.employees, c.sector, c.country), (None, None, None, None));
    assert!(c.technologies.is_empty());
}

#[tokio::test]
async fn reveal_keeps_type_and_fuzzy() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    // 14: an ISP; 22: a university; 26: a fuzzy company match; 5: a company.
    for ip in ["203.0.113.14", "203.0.113.22", "203.0.113.26", "203.0.113.5"] {
        let (kind, domain, fuzzy) = fake::clearbit::company_for_ip(ip).unwrap();
        let found = cb.reveal(ip).await.unwrap().unwrap().value;
        assert_eq!(found.ip, ip);
        assert_eq!(found.kind.as_deref(), Some(kind), "{ip}");
        assert_eq!(found.fuzzy, fuzzy, "{ip}");
        assert_eq!(found.domain, domain, "{ip}");
        assert_eq!(found.company.map(|c| c.domain), domain, "{ip}");
    }
    let isp = cb.reveal("203.0.113.14").await.unwrap().unwrap().value;
    assert_eq!((isp.kind.as_deref(), isp.domain, isp.company), (Some("isp"), None, None));
    let fuzzy = cb.reveal("203.0.113.26").await.unwrap().unwrap();
    assert!(fuzzy.value.fuzzy);
    assert_eq!(fuzzy.value.kind.as_deref(), Some("company"));
    assert!(fuzzy.raw["geoIP"]["countryCode"].is_string());
    assert_eq!(
        cb.reveal("203.0.113.22").await.unwrap().unwrap().value.kind.as_deref(),
        Some("education")
    );
    assert_eq!(server.seen()[0].path, "/v1/companies/find");
    assert_eq!(server.seen()[0].query, "ip=203.0.113.14");
}

#[tokio::test]
async fn unresolved_ip_and_unknown_records_are_none() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    assert!(cb.reveal("10.1.2.3").await.unwrap().is_none());
    assert!(cb.combined("nobody@acme.io").await.unwrap().is_none());
    assert!(cb.company("nobody.example").await.unwrap().is_none());
    assert_eq!(server.seen().len(), 3, "a 404 is not retried");
}

#[tokio::test]
async fn prospect_pages_are_distinct_and_the_total_is_consistent() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    let everyone = fake::clearbit::people_at("acme.io");
    let first = cb.prospect(&query("acme.io", 1, 2)).await.unwrap().value;
    let second = cb.prospect(&query("acme.io", 2, 2)).await.unwrap().value;
    assert_eq!((first.page, first.page_size), (1, 2));
    assert_eq!(second.page, 2);
    assert_eq!(first.total as usize, everyone.len());
    assert_eq!(second.total, first.total);
    assert_eq!(first.results.len(), 2);
    assert!(!second.results.is_empty(), "the fake has at least three people");
    for contact in &second.results {
        assert!(first.results.iter().all(|c| c.id != contact.id), "{contact:?} is on both pages");
    }

    let shown = first.results.iter().chain(&second.results);
    for (contact, wire) in shown.zip(&everyone) {
        assert_eq!(contact.id, wire["id"].as_str().unwrap(), "paged in the fake's order");
        assert_eq!(contact.verified, wire["verified"].as_bool().unwrap(), "{contact:?}");
    }
    let c = &first.results[0];
    let wire = &everyone[0];
    assert_eq!(c.id, wire["id"].as_str().unwrap());
    assert_eq!(c.full_name, wire["name"]["fullName"].as_str().unwrap());
    assert_eq!(c.given_name.as_deref(), wire["name"]["givenName"].as_str());
    assert_eq!(c.family_name.as_deref(), wire["name"]["familyName"].as_str());
    assert_eq!(c.title.as_deref(), wire["title"].as_str());
    assert_eq!(c.role.as_deref(), wire["role"].as_str());
    assert_eq!(c.seniority.as_deref(), wire["seniority"].as_str());
    assert!(c.email.as_deref().unwrap().ends_with("@acme.io"));
    assert_eq!(c.verified, wire["verified"].as_bool().unwrap());

    let seen = server.seen();
    assert_eq!(seen[0].path, "/v1/people/search");
    assert_eq!(seen[0].header("api-version"), Some("2018-06-06"));
    assert_eq!(seen[0].header("authorization"), Some(fake::basic(KEY).as_str()));
    let sent = pairs(&seen[1].query);
    assert!(sent.contains(&("page".into(), "2".into())), "{sent:?}");
    assert!(sent.contains(&("page_size".into(), "2".into())), "{sent:?}");
}

#[tokio::test]
async fn prospect_filters_by_role_seniority_and_title_with_bracketed_lists() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    let everyone = fake::clearbit::people_at("initech.example");
    let with_seniority: Vec<_> = everyone.iter().filter(|c| c["seniority"].is_string()).collect();
    let role = with_seniority[0]["role"].as_str().unwrap().to_owned();
    let seniority = with_seniority[0]["seniority"].as_str().unwrap().to_owned();
    let other_role = fake::clearbit::ROLES.iter().find(|r| **r != role).unwrap().to_string();
    let expected = everyone
        .iter()
        .filter(|c| [role.as_str(), other_role.as_str()].contains(&c["role"].as_str().unwrap()))
        .filter(|c| c["seniority"] == seniority.as_str())
        .count();

    let mut ask = query("initech.example", 1, 20);
    ask.roles = vec![role.clone(), other_role.clone()];
    ask.seniorities = vec![seniority.clone()];
    let page = cb.prospect(&ask).await.unwrap().value;
    assert!(expected >= 1);
    assert_eq!(page.total as usize, expected);
    assert_eq!(page.results.len(), expected);
    let verified: Vec<bool> = everyone.iter().map(|c| c["verified"].as_bool().unwrap()).collect();
    assert!(verified.contains(&true) && verified.contains(&false), "the fake varies `verified`");
    for c in &page.results {
        let wire = everyone.iter().find(|w| w["id"] == c.id.as_str()).unwrap();
        assert_eq!(c.verified, wire["verified"].as_bool().unwrap(), "{c:?}");
        assert!([&role, &other_role].contains(&c.role.as_ref().unwrap()), "{c:?}");
        assert_eq!(c.seniority.as_ref(), Some(&seniority), "{c:?}");
    }
    let sent = pairs(&server.seen()[0].query);
    assert_eq!(
        sent,
        [
            ("domain".to_owned(), "initech.example".to_owned()),
            ("roles[]".into(), role.clone()),
            ("roles[]".into(), other_role),
            ("seniorities[]".into(), seniority),
            ("page".into(), "1".into()),
            ("page_size".into(), "20".into()),
        ]
    );
    assert!(server.seen()[0].query.contains("roles%5B%5D="), "{}", server.seen()[0].query);

    let title = with_seniority[0]["title"].as_str().unwrap().to_owned();
    let mut ask = query("initech.example", 0, 0);
    ask.titles = vec![title.clone()];
    let page = cb.prospect(&ask).await.unwrap().value;
    assert!(page.total >= 1);
    assert!(page.results.iter().all(|c| c.title.as_deref() == Some(title.as_str())), "{page:?}");
    let sent = pairs(&server.seen()[1].query);
    assert_eq!(
        sent,
        [("domain".to_owned(), "initech.example".to_owned()), ("titles[]".into(), title)]
    );
}

#[tokio::test]
async fn a_queued_lookup_is_queued_then_has_data() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    let err = cb.combined("queued@acme.io").await.unwrap_err();
    assert!(matches!(err, ApiError::Queued { vendor: Vendor::Clearbit }), "{err:?}");
    assert_eq!(server.seen().len(), 1, "a 202 is not retried inside the client");
    let found = cb.combined("queued@acme.io").await.unwrap().unwrap();
    assert_eq!(found.value.person.unwrap().email.as_deref(), Some("queued@acme.io"));

    let err = cb.company("queued.example").await.unwrap_err();
    assert!(matches!(err, ApiError::Queued { .. }), "{err:?}");
    assert!(!err.stops_run());
    assert_eq!(cb.company("queued.example").await.unwrap().unwrap().value.domain, "queued.example");
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn wrong_key_is_unauthorized_without_retry() {
    let server = fake::clearbit::start(KEY).await;
    let err = client(&server.url, "sk_wrong_key").combined("ana@acme.io").await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("API key is required"), "{err}");
    assert!(!err.to_string().contains("sk_wrong_key"), "the key must not appear: {err}");
    assert!(!format!("{err:?}").contains("sk_wrong_key"));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let server = fake::clearbit::start(KEY).await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    let found = client(&server.url, KEY).company("acme.io").await.unwrap();
    assert!(found.is_some());
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("x-retry-count"), Some("1"));
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let server = fake::clearbit::start(KEY).await;
    server.fail_next(2, &Fault::status(503));
    let page = client(&server.url, KEY).prospect(&query("acme.io", 1, 5)).await.unwrap();
    assert_eq!(page.value.page, 1);
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[2].header("api-version"), Some("2018-06-06"), "the retry is the same request");
}

#[tokio::test]
async fn malformed_or_misshapen_bodies_are_bad_responses() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    server.fail_next(1, &Fault::malformed());
    let err = cb.combined("ana@acme.io").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");

    server.fail_next(1, &Fault::with_body(200, r#"{"person": 5, "company": null}"#));
    let err = cb.combined("ana@acme.io").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");

    // Prospector's pre-2018 bare array is not the pinned shape.
    server.fail_next(1, &Fault::with_body(200, r#"[{"id": "p1"}]"#));
    let err = cb.prospect(&query("acme.io", 1, 5)).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");
}

#[tokio::test]
async fn check_accepts_a_404_or_a_202_and_refuses_a_wrong_key() {
    let server = fake::clearbit::start(KEY).await;
    let cb = client(&server.url, KEY);
    cb.check().await.unwrap();
    server.fail_next(
        1,
        &Fault::with_body(404, r#"{"error":{"type":"unknown_record","message":"no"}}"#),
    );
    cb.check().await.unwrap();
    server.fail_next(1, &Fault::with_body(202, "{}"));
    cb.check().await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter().all(|s| s.path == "/v2/companies/find" && s.query == "domain=clearbit.com")
    );

    let err = client(&server.url, "sk_wrong").check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
}

#[test]
fn each_product_has_its_host_and_streaming_changes_only_enrichment() {
    let cb = Clearbit::new(None, KEY, Policy::quick(Vendor::Clearbit));
    let urls = |cb: &Clearbit| {
        [Product::Person, Product::Company, Product::Reveal, Product::Prospector]
            .map(|p| cb.url(p, "/x"))
    };
    assert_eq!(
        urls(&cb),
        [
            "https://person.clearbit.com/x",
            "https://company.clearbit.com/x",
            "https://reveal.clearbit.com/x",
            "https://prospector.clearbit.com/x",
        ]
    );
    let streaming = cb.clone().streaming(true);
    assert_eq!(
        urls(&streaming),
        [
            "https://person-stream.clearbit.com/x",
            "https://company-stream.clearbit.com/x",
            "https://reveal.clearbit.com/x",
            "https://prospector.clearbit.com/x",
        ]
    );
    assert_eq!(streaming.stream_timeout, Duration::from_secs(60));
    assert_eq!(urls(&streaming.streaming(false)), urls(&cb));

    let proxied = Clearbit::new(Some("http://127.0.0.1:9/"), KEY, Policy::quick(Vendor::Clearbit));
    assert_eq!(urls(&proxied.streaming(true)), ["http://127.0.0.1:9/x"; 4]);
}

#[test]
fn debug_does_not_show_the_key() {
    let cb = Clearbit::new(None, KEY, Policy::quick(Vendor::Clearbit));
    let text = format!("{cb:?}");
    assert!(text.starts_with("Clearbit"), "{text}");
    assert!(!text.contains(KEY), "{text}");
}
