//! Clearbit's (legacy) APIs (vendor-apis.md §2): Enrichment (a person and their company by email,
//! a company by domain), Reveal (a company by IP) and Prospector (contacts at a domain by role,
//! seniority and title). Each product lives on its own host; HTTP Basic with the secret key as
//! user and an empty password, as the go and node SDKs send it.
//!
//! A cold lookup answers 202 (queued): that is [`ApiError::Queued`], never retried here, so the
//! next sync asks again; [`Clearbit::streaming`] makes the vendor block until the data is ready
//! instead. A 404 is `None`. This module must not retry on its own (the shared [`Http`] policy
//! does), and the key goes only into the `Authorization` header: never into a URL, a log line or
//! the `Debug` output.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join};

/// Each product's host, in this order: person (and combined), company, reveal, prospector.
pub const DEFAULT_HOSTS: [&str; 4] = [
    "https://person.clearbit.com",
    "https://company.clearbit.com",
    "https://reveal.clearbit.com",
    "https://prospector.clearbit.com",
];

/// Prospector answered a bare array before this version; pinned (as hull-clearbit pins it) so
/// the answer is the documented `{page, page_size, total, results}`.
const PROSPECTOR_API_VERSION: &str = "2018-06-06";

/// How long a streaming lookup may block: the node SDK allows 60 s there against 10 s otherwise.
const STREAM_TIMEOUT: Duration = Duration::from_secs(60);

/// What Clearbit's combined lookup knows of an email: the person, their company, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Combined {
    pub person: Option<PersonData>,
    pub company: Option<CompanyData>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompanyData {
    /// Clearbit's name for the company, or its domain when it has none.
    pub name: String,
    pub domain: String,
    pub legal_name: Option<String>,
    pub employees: Option<i64>,
    /// Clearbit's band, for example `51-250`.
    pub employees_range: Option<String>,
    pub sector: Option<String>,
    pub industry: Option<String>,
    /// ISO 3166 alpha-2 (`geo.countryCode`).
    pub country: Option<String>,
    pub city: Option<String>,
    /// Clearbit's snake_case slugs (`tech[]`), for example `google_analytics`.
    pub technologies: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonData {
    pub full_name: Option<String>,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    /// `employment.title`.
    pub title: Option<String>,
    /// `employment.role`, one of the documented roles (`sales`, `marketing`, …).
    pub role: Option<String>,
    /// `employment.seniority`: `executive`, `director` or `manager`.
    pub seniority: Option<String>,
    pub employment_domain: Option<String>,
    pub city: Option<String>,
    /// ISO 3166 alpha-2 (`geo.countryCode`), as for a company.
    pub country: Option<String>,
}

/// Who is behind an IP address.
#[derive(Debug, Clone, PartialEq)]
pub struct Revealed {
    pub ip: String,
    /// Clearbit matched the IP loosely (a shared or nearby range), not to a known block.
    pub fuzzy: bool,
    /// `type`: `company`, `isp`, `education` or `government`, when Clearbit says.
    pub kind: Option<String>,
    pub domain: Option<String>,
    pub company: Option<CompanyData>,
}

/// A Prospector search. Empty lists do not filter; a `page` or `page_size` of 0 leaves it to
/// Clearbit's default.
#[derive(Debug, Clone, PartialEq)]
pub struct ProspectQuery {
    pub domain: String,
    pub roles: Vec<String>,
    pub seniorities: Vec<String>,
    pub titles: Vec<String>,
    /// From 1.
    pub page: u32,
    pub page_size: u32,
}

/// One page of contacts, with the number that match the whole search.
#[derive(Debug, Clone, PartialEq)]
pub struct ProspectPage {
    pub page: u32,
    pub page_size: u32,
    pub total: u32,
    pub results: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: String,
    pub full_name: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    pub seniority: Option<String>,
    pub email: Option<String>,
    /// Clearbit checked that the mailbox exists.
    pub verified: bool,
}

#[derive(Clone)]
pub struct Clearbit {
    http: Http,
    base: Option<String>,
    key: String,
    stream: bool,
    stream_timeout: Duration,
}

impl fmt::Debug for Clearbit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not derived: the key must not reach a log through `{:?}`.
        f.debug_struct("Clearbit")
            .field("http", &self.http)
            .field("base", &self.base)
            .field("stream", &self.stream)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Product {
    Person,
    Company,
    Reveal,
    Prospector,
}

impl Product {
    fn host(self) -> &'static str {
        DEFAULT_HOSTS[self as usize]
    }

    /// Only the enrichment lookups queue, so only they have a `-stream` host.
    fn streams(self) -> bool {
        matches!(self, Product::Person | Product::Company)
    }
}

#[derive(Deserialize)]
struct WireCombined {
    person: Option<WirePerson>,
    company: Option<WireCompany>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCompany {
    name: Option<String>,
    domain: String,
    legal_name: Option<String>,
    description: Option<String>,
    category: Option<WireCategory>,
    geo: Option<WireGeo>,
    metrics: Option<WireMetrics>,
    tech: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
struct WireCategory {
    sector: Option<String>,
    industry: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WireGeo {
    city: Option<String>,
    country_code: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WireMetrics {
    employees: Option<i64>,
    employees_range: Option<String>,
}

#[derive(Deserialize)]
struct WirePerson {
    name: Option<WireName>,
    email: Option<String>,
    employment: Option<WireEmployment>,
    geo: Option<WireGeo>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WireName {
    full_name: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
}

#[derive(Deserialize, Default)]
struct WireEmployment {
    domain: Option<String>,
    title: Option<String>,
    role: Option<String>,
    seniority: Option<String>,
}

#[derive(Deserialize)]
struct WireReveal {
    ip: String,
    fuzzy: Option<bool>,
    #[serde(rename = "type")]
    kind: Option<String>,
    domain: Option<String>,
    company: Option<WireCompany>,
}

#[derive(Deserialize)]
struct WirePage {
    page: u32,
    page_size: u32,
    total: u32,
    results: Vec<WireContact>,
}

#[derive(Deserialize)]
struct WireContact {
    id: String,
    name: Option<WireName>,
    title: Option<String>,
    role: Option<String>,
    seniority: Option<String>,
    email: Option<String>,
    verified: Option<bool>,
}

impl WireCompany {
    fn into_data(self) -> CompanyData {
        let category = self.category.unwrap_or_default();
        let geo = self.geo.unwrap_or_default();
        let metrics = self.metrics.unwrap_or_default();
        CompanyData {
            name: self.name.unwrap_or_else(|| self.domain.clone()),
            domain: self.domain,
            legal_name: self.legal_name,
            employees: metrics.employees,
            employees_range: metrics.employees_range,
            sector: category.sector,
            industry: category.industry,
            country: geo.country_code,
            city: geo.city,
            technologies: self.tech.unwrap_or_default(),
            description: self.description,
        }
    }
}

impl WirePerson {
    fn into_data(self) -> PersonData {
        let name = self.name.unwrap_or_default();
        let employment = self.employment.unwrap_or_default();
        let geo = self.geo.unwrap_or_default();
        PersonData {
            full_name: name.full_name,
            given_name: name.given_name,
            family_name: name.family_name,
            email: self.email,
            title: employment.title,
            role: employment.role,
            seniority: employment.seniority,
            employment_domain: employment.domain,
            city: geo.city,
            country: geo.country_code,
        }
    }
}

impl WireContact {
    fn into_contact(self) -> Contact {
        let name = self.name.unwrap_or_default();
        let full_name = name.full_name.clone().unwrap_or_else(|| {
            let parts = [name.given_name.as_deref(), name.family_name.as_deref()];
            parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
        });
        Contact {
            id: self.id,
            full_name,
            given_name: name.given_name,
            family_name: name.family_name,
            title: self.title,
            role: self.role,
            seniority: self.seniority,
            email: self.email,
            verified: self.verified.unwrap_or(false),
        }
    }
}

impl Clearbit {
    /// `base_url` `None` = the vendor's per-product hosts ([`DEFAULT_HOSTS`]); `Some(url)` = every
    /// product at that one base (fake servers, proxies).
    pub fn new(base_url: Option<&str>, secret_key: &str, policy: Policy) -> Clearbit {
        let stream_timeout = policy.timeout.max(STREAM_TIMEOUT);
        Clearbit {
            http: Http::new(Vendor::Clearbit, policy),
            base: base_url.map(str::to_owned),
            key: secret_key.to_owned(),
            stream: false,
            stream_timeout,
        }
    }

    /// Uses the `X-stream.clearbit.com` hosts for person, combined and company lookups when
    /// there is no base URL: they block until the data is ready instead of answering 202.
    pub fn streaming(self, on: bool) -> Clearbit {
        Clearbit { stream: on, ..self }
    }

    /// The cheapest authenticated call, for "test connection": a company lookup of
    /// clearbit.com. A 404 or a 202 still means the key was accepted.
    pub async fn check(&self) -> Result<(), ApiError> {
        let query = [("domain", "clearbit.com")];
        match self.get(Product::Company, "/v2/companies/find", &query).await {
            Ok(_) | Err(ApiError::Queued { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// `GET /v2/combined/find?email=`: the person and their company; `None` when Clearbit knows
    /// neither (404), [`ApiError::Queued`] on 202.
    pub async fn combined(&self, email: &str) -> Result<Option<Fetched<Combined>>, ApiError> {
        let Some(raw) = self.get(Product::Person, "/v2/combined/find", &[("email", email)]).await?
        else {
            return Ok(None);
        };
        let wire: WireCombined = decode(&raw)?;
        let value = Combined {
            person: wire.person.map(WirePerson::into_data),
            company: wire.company.map(WireCompany::into_data),
        };
        Ok(Some(Fetched { value, raw }))
    }

    /// `GET /v2/companies/find?domain=`: `None` when unknown (404), [`ApiError::Queued`] on 202.
    pub async fn company(&self, domain: &str) -> Result<Option<Fetched<CompanyData>>, ApiError> {
        let query = [("domain", domain)];
        let Some(raw) = self.get(Product::Company, "/v2/companies/find", &query).await? else {
            return Ok(None);
        };
        let wire: WireCompany = decode(&raw)?;
        Ok(Some(Fetched { value: wire.into_data(), raw }))
    }

    /// `GET /v1/companies/find?ip=` on Reveal: `None` when the IP is not resolved (404).
    pub async fn reveal(&self, ip: &str) -> Result<Option<Fetched<Revealed>>, ApiError> {
        let Some(raw) = self.get(Product::Reveal, "/v1/companies/find", &[("ip", ip)]).await?
        else {
            return Ok(None);
        };
        let wire: WireReveal = decode(&raw)?;
        let value = Revealed {
            ip: wire.ip,
            fuzzy: wire.fuzzy.unwrap_or(false),
            kind: wire.kind,
            domain: wire.domain,
            company: wire.company.map(WireCompany::into_data),
        };
        Ok(Some(Fetched { value, raw }))
    }

    /// `GET /v1/people/search` on Prospector, lists as bracketed parameters (`roles[]=sales`).
    pub async fn prospect(&self, query: &ProspectQuery) -> Result<Fetched<ProspectPage>, ApiError> {
        let (page, page_size) = (query.page.to_string(), query.page_size.to_string());
        let mut params = vec![("domain", query.domain.as_str())];
        params.extend(query.roles.iter().map(|r| ("roles[]", r.as_str())));
        params.extend(query.seniorities.iter().map(|s| ("seniorities[]", s.as_str())));
        params.extend(query.titles.iter().map(|t| ("titles[]", t.as_str())));
        if query.page > 0 {
            params.push(("page", &page));
        }
        if query.page_size > 0 {
            params.push(("page_size", &page_size));
        }
        let Some(raw) = self.get(Product::Prospector, "/v1/people/search", &params).await? else {
            return Err(ApiError::NotFound { vendor: Vendor::Clearbit });
        };
        let wire: WirePage = decode(&raw)?;
        let value = ProspectPage {
            page: wire.page,
            page_size: wire.page_size,
            total: wire.total,
            results: wire.results.into_iter().map(WireContact::into_contact).collect(),
        };
        Ok(Fetched { value, raw })
    }

    fn streams_to(&self, product: Product) -> bool {
        self.stream && self.base.is_none() && product.streams()
    }

    fn url(&self, product: Product, path: &str) -> String {
        match &self.base {
            Some(base) => join(base, path),
            None if self.streams_to(product) => {
                join(&product.host().replacen(".clearbit.com", "-stream.clearbit.com", 1), path)
            }
            None => join(product.host(), path),
        }
    }

    /// One GET under the shared policy: the JSON body, `None` on 404, `Queued` on 202.
    async fn get(
        &self,
        product: Product,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<Option<serde_json::Value>, ApiError> {
        let mut request = self
            .http
            .client()
            .get(self.url(product, path))
            .query(query)
            .basic_auth(&self.key, Some(""));
        if product == Product::Prospector {
            request = request.header("API-Version", PROSPECTOR_API_VERSION);
        }
        if self.streams_to(product) {
            request = request.timeout(self.stream_timeout);
        }
        let reply = match self.http.send(request).await {
            Ok(reply) => reply,
            Err(ApiError::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        if let Some(warning) = reply.headers.get("x-api-warn").and_then(|v| v.to_str().ok()) {
            tracing::warn!(warning, "Clearbit warns about a call");
        }
        if reply.status == 202 {
            return Err(ApiError::Queued { vendor: Vendor::Clearbit });
        }
        reply.json(Vendor::Clearbit).map(Some)
    }
}

fn decode<T: DeserializeOwned>(raw: &serde_json::Value) -> Result<T, ApiError> {
    T::deserialize(raw).map_err(|e| ApiError::bad_body(Vendor::Clearbit, &e))
}

#[cfg(test)]
mod tests;
