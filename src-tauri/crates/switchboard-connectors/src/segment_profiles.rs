//! Segment's Profile API (vendor-apis.md §1.2): one user profile's traits and recent events in
//! a Unify space, read with the space's access token (Basic auth, the token as user and an empty
//! password). It owns the identifier's path form and the cursor paging; it only reads, and it
//! must never put the token in a URL, a log line or an error.

use std::fmt::{self, Write as _};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join};

const VENDOR: Vendor = Vendor::SegmentProfiles;

pub const DEFAULT_BASE_URL: &str = "https://profiles.segment.com";
/// For spaces in an EU workspace.
pub const EU_BASE_URL: &str = "https://profiles.euw1.segment.com";

/// Traits asked for per page: the most `/traits` gives.
const TRAITS_PAGE: usize = 200;
/// Events asked for per page: the most a list route gives.
const EVENTS_PAGE: usize = 100;

/// Who a profile is looked up by.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ProfileId {
    UserId(String),
    AnonymousId(String),
    Email(String),
}

impl ProfileId {
    /// The identifier as the path takes it, `user_id:abc`: the value lowercased (the API
    /// requires it) and percent-encoded, so `+` is `%2B` and nothing can end the segment.
    fn segment(&self) -> String {
        let (kind, value) = match self {
            ProfileId::UserId(v) => ("user_id", v),
            ProfileId::AnonymousId(v) => ("anonymous_id", v),
            ProfileId::Email(v) => ("email", v),
        };
        format!("{kind}:{}", encode(&value.to_lowercase()))
    }
}

/// One event from a profile's last 14 days.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileEvent {
    pub message_id: String,
    /// `track`, `page`, `identify`, ...
    pub kind: String,
    /// The event's name (for `track`) or the page's, when it has one.
    pub event: Option<String>,
    /// An object; empty when the API sends none.
    pub properties: Value,
    /// An object; empty when the API sends none.
    pub context: Value,
    /// ISO 8601, as the API sends it.
    pub timestamp: String,
    pub raw: Value,
}

/// The Profile API of one space. `Debug` leaves the token out.
#[derive(Clone)]
pub struct Profiles {
    http: Http,
    base: String,
    space: String,
    token: String,
}

impl fmt::Debug for Profiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Profiles")
            .field("base", &self.base)
            .field("space", &self.space)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct WireTraits {
    traits: Map<String, Value>,
    #[serde(default)]
    cursor: Option<WireCursor>,
}

#[derive(Deserialize)]
struct WireEvents {
    data: Vec<Value>,
    #[serde(default)]
    cursor: Option<WireCursor>,
}

#[derive(Deserialize)]
struct WireCursor {
    #[serde(default)]
    has_more: bool,
    #[serde(default)]
    next: Option<String>,
}

impl WireCursor {
    /// The cursor of the next page, if there is one.
    fn next(self) -> Option<String> {
        self.next.filter(|n| self.has_more && !n.is_empty())
    }
}

#[derive(Deserialize)]
struct WireEvent {
    message_id: String,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    properties: Value,
    #[serde(default)]
    context: Value,
    timestamp: String,
}

impl Profiles {
    /// `base_url` `None` means [`DEFAULT_BASE_URL`].
    pub fn new(
        base_url: Option<&str>,
        space_id: &str,
        access_token: &str,
        policy: Policy,
    ) -> Profiles {
        Profiles {
            http: Http::new(VENDOR, policy),
            base: base_url.unwrap_or(DEFAULT_BASE_URL).to_owned(),
            space: space_id.to_owned(),
            token: access_token.to_owned(),
        }
    }

    /// "Test connection": one trait of a user no one has. A 404 proves the token was accepted
    /// (the API answers 401 to a bad one); it cannot tell a wrong space id from an unknown user.
    pub async fn check(&self) -> Result<(), ApiError> {
        let nobody = ProfileId::UserId("switchboard-connection-check".into());
        match self.page(&nobody, "traits", 1, None).await {
            Ok(_) | Err(ApiError::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Every trait of a profile, following the cursor; `None` when Segment has no such profile.
    /// `raw` has the first page's shape with every page's traits in it.
    pub async fn traits(
        &self,
        id: &ProfileId,
    ) -> Result<Option<Fetched<Map<String, Value>>>, ApiError> {
        let mut traits = Map::new();
        let mut cursor: Option<String> = None;
        loop {
            let mut page = match self.page(id, "traits", TRAITS_PAGE, cursor.as_deref()).await {
                Ok(page) => page,
                Err(ApiError::NotFound { .. }) if cursor.is_none() => return Ok(None),
                Err(e) => return Err(e),
            };
            let wire =
                WireTraits::deserialize(&page).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
            traits.extend(wire.traits);
            match advance(cursor.as_deref(), wire.cursor)? {
                Some(next) => cursor = Some(next),
                None => {
                    page["traits"] = Value::Object(traits.clone());
                    return Ok(Some(Fetched { value: traits, raw: page }));
                }
            }
        }
    }

    /// The profile's events, newest first, at most `max` of them (the API keeps 14 days);
    /// `None` when Segment has no such profile.
    pub async fn events(
        &self,
        id: &ProfileId,
        max: usize,
    ) -> Result<Option<Vec<ProfileEvent>>, ApiError> {
        let mut events = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let limit = max.saturating_sub(events.len()).clamp(1, EVENTS_PAGE);
            let page = match self.page(id, "events", limit, cursor.as_deref()).await {
                Ok(page) => page,
                Err(ApiError::NotFound { .. }) if cursor.is_none() => return Ok(None),
                Err(e) => return Err(e),
            };
            let wire = WireEvents::deserialize(page).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
            for raw in wire.data {
                events.push(event(raw)?);
            }
            if events.len() >= max {
                events.truncate(max);
                return Ok(Some(events));
            }
            match advance(cursor.as_deref(), wire.cursor)? {
                Some(next) => cursor = Some(next),
                None => return Ok(Some(events)),
            }
        }
    }

    /// One page of a profile route.
    async fn page(
        &self,
        id: &ProfileId,
        route: &str,
        limit: usize,
        next: Option<&str>,
    ) -> Result<Value, ApiError> {
        let path = format!(
            "/v1/spaces/{}/collections/users/profiles/{}/{route}",
            encode(&self.space),
            id.segment()
        );
        let mut request =
            self.http.client().get(join(&self.base, &path)).query(&[("limit", limit)]);
        if let Some(next) = next {
            request = request.query(&[("next", next)]);
        }
        self.http.send(request.basic_auth(&self.token, Some(""))).await?.json(VENDOR)
    }
}

/// The cursor to ask with next, refusing one that would ask for the same page again forever.
fn advance(current: Option<&str>, cursor: Option<WireCursor>) -> Result<Option<String>, ApiError> {
    match cursor.and_then(WireCursor::next) {
        Some(next) if current == Some(next.as_str()) => Err(ApiError::BadResponse {
            vendor: VENDOR,
            status: None,
            message: "the page cursor did not move on".into(),
        }),
        next => Ok(next),
    }
}

fn event(raw: Value) -> Result<ProfileEvent, ApiError> {
    let wire = WireEvent::deserialize(&raw).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
    let object = |v: Value| if v.is_null() { Value::Object(Map::new()) } else { v };
    Ok(ProfileEvent {
        message_id: wire.message_id,
        kind: wire.kind,
        event: wire.event,
        properties: object(wire.properties),
        context: object(wire.context),
        timestamp: wire.timestamp,
        raw,
    })
}

/// Percent-encodes all but RFC 3986's unreserved characters.
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests;
