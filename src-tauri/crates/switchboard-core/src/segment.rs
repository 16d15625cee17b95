//! Segment's message spec: which fields each call needs, how a batch envelope's `context` and
//! `integrations` merge into its items, how `timestamp` is corrected for the sender's clock from
//! `sentAt`, and what a stored message looks like. Pure: the collector and the archive importer
//! bring the bytes and the clock, this decides what is accepted and why not.

use chrono::DateTime;
use serde_json::{Map, Value};

use crate::{Event, MessageType, Timestamp, day::rfc3339};

/// The most bytes one message may have (Segment's limit).
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024;
/// The most bytes one batch request may have.
pub const MAX_BATCH_BYTES: usize = 500 * 1024;
/// The most messages one batch may hold.
pub const MAX_BATCH_MESSAGES: usize = 2_500;
/// The longest `messageId` Segment accepts.
pub const MAX_MESSAGE_ID_CHARS: usize = 100;

/// Why a message was refused, in words the sender can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the message is not a JSON object")]
    NotAnObject,
    #[error("`type` is missing; every message in a batch needs one")]
    MissingType,
    #[error("`type` `{0}` is not one of identify, track, page, screen, group, alias")]
    UnknownType(String),
    #[error("the message has neither `userId` nor `anonymousId`")]
    NoIdentity,
    #[error("a track call needs `event`, the event's name")]
    MissingEvent,
    #[error("a group call needs `groupId`")]
    MissingGroupId,
    #[error("an alias call needs `previousId` and `userId`")]
    MissingAliasIds,
    #[error("`messageId` is longer than {MAX_MESSAGE_ID_CHARS} characters")]
    MessageIdTooLong,
    #[error("`{0}` is not an ISO-8601 time")]
    BadTime(&'static str),
    #[error("`{field}` must be {expected}")]
    WrongType { field: &'static str, expected: &'static str },
    #[error("the message is {0} bytes; the limit is {MAX_MESSAGE_BYTES}")]
    TooLarge(usize),
}

/// What a batch envelope (or the request itself) adds to each message.
#[derive(Debug, Clone, Default)]
pub struct Envelope {
    pub context: Option<Map<String, Value>>,
    pub integrations: Option<Map<String, Value>>,
    pub sent_at: Option<String>,
}

/// Where and when a message arrived.
#[derive(Debug, Clone)]
pub struct Arrival<'a> {
    pub received_at: Timestamp,
    /// The sender's address, used as `context.ip` only when the message asks (`context.direct`).
    pub peer_ip: Option<&'a str>,
    pub source_id: Option<i64>,
    /// The message's `timestamp` was already corrected for clock skew (Segment's archive
    /// stores it so): keep it, and do not apply `sentAt` again.
    pub corrected: bool,
}

/// Checks one message and turns it into the event to store. `call` is the type given by the
/// endpoint (`/v1/track`); batch items carry their own `type`.
pub fn accept(
    value: Value,
    call: Option<MessageType>,
    envelope: &Envelope,
    arrival: &Arrival<'_>,
) -> Result<Event, Problem> {
    let Value::Object(mut msg) = value else { return Err(Problem::NotAnObject) };
    let message_type = match (call, msg.get("type")) {
        (Some(t), _) => t,
        (None, Some(Value::String(t))) => t.parse().map_err(|_| Problem::UnknownType(t.clone()))?,
        (None, Some(_)) => return Err(Problem::WrongType { field: "type", expected: "a string" }),
        (None, None) => return Err(Problem::MissingType),
    };
    msg.insert("type".into(), message_type.as_str().into());

    let user_id = id_field(&msg, "userId")?;
    let anonymous_id = id_field(&msg, "anonymousId")?;
    let missing_alias_ids = message_type == MessageType::Alias
        && (user_id.is_none() || id_field(&msg, "previousId")?.is_none());
    if missing_alias_ids {
        return Err(Problem::MissingAliasIds);
    }
    if message_type != MessageType::Alias && user_id.is_none() && anonymous_id.is_none() {
        return Err(Problem::NoIdentity);
    }
    let name = match message_type {
        MessageType::Track => Some(text_field(&msg, "event")?.ok_or(Problem::MissingEvent)?),
        MessageType::Page | MessageType::Screen => text_field(&msg, "name")?,
        _ => None,
    };
    if message_type == MessageType::Group && id_field(&msg, "groupId")?.is_none() {
        return Err(Problem::MissingGroupId);
    }

    // The envelope's context and integrations fill in what the message does not say itself.
    merge_under(&mut msg, "context", envelope.context.as_ref())?;
    merge_under(&mut msg, "integrations", envelope.integrations.as_ref())?;
    let context = msg.get("context").and_then(Value::as_object);
    let direct = context.and_then(|c| c.get("direct")).and_then(Value::as_bool) == Some(true);
    let mut ip = context.and_then(|c| c.get("ip")).and_then(Value::as_str).map(str::to_owned);
    if ip.is_none() && direct {
        ip = arrival.peer_ip.map(str::to_owned);
        if let (Some(ip), Some(Value::Object(c))) = (&ip, msg.get_mut("context")) {
            c.insert("ip".into(), ip.clone().into());
        }
    }

    // timestamp = receivedAt - (sentAt - originalTimestamp): the sender's clock may be off.
    let original = time_field(&msg, "timestamp")?;
    let sent_at = match time_field(&msg, "sentAt")? {
        Some(t) => Some(t),
        None => envelope.sent_at.as_deref().map(|s| parse_time(s, "sentAt")).transpose()?,
    };
    let timestamp = match (original, sent_at) {
        (Some(t), _) if arrival.corrected => t,
        (Some(t), Some(sent)) => arrival.received_at - (sent - t),
        (Some(t), None) => t,
        (None, _) => arrival.received_at,
    };
    if let (Some(t), false) = (original, arrival.corrected) {
        msg.insert("originalTimestamp".into(), rfc3339(t).into());
    }
    msg.insert("timestamp".into(), rfc3339(timestamp).into());
    msg.insert("receivedAt".into(), rfc3339(arrival.received_at).into());
    msg.remove("writeKey");

    let message_id = match msg.get("messageId") {
        Some(Value::String(id)) if id.chars().count() > MAX_MESSAGE_ID_CHARS => {
            return Err(Problem::MessageIdTooLong);
        }
        Some(Value::String(id)) if !id.is_empty() => id.clone(),
        Some(Value::String(_)) | None => {
            // Without an id, the content is the id: the same message sent twice is stored once.
            let id = content_id(&msg);
            msg.insert("messageId".into(), id.clone().into());
            id
        }
        Some(_) => return Err(Problem::WrongType { field: "messageId", expected: "a string" }),
    };

    let payload = match message_type {
        MessageType::Identify | MessageType::Group => msg.get("traits"),
        MessageType::Alias => None,
        _ => msg.get("properties"),
    };
    let properties_json = match message_type {
        MessageType::Alias => {
            Some(text(&serde_json::json!({ "previousId": msg.get("previousId") })))
        }
        _ => payload.filter(|v| v.is_object()).map(text),
    };
    let mut context_json = msg.get("context").cloned();
    if let Some(Value::Object(c)) = &mut context_json {
        c.remove("ip");
    }
    let mut event = Event {
        message_id,
        message_type,
        name,
        user_id,
        anonymous_id,
        person_id: None,
        timestamp,
        received_at: arrival.received_at,
        ip,
        properties_json,
        context_json: context_json
            .filter(|c| c.as_object().is_some_and(|o| !o.is_empty()))
            .map(|c| text(&c)),
        source_id: arrival.source_id,
        raw_json: None,
    };
    // The message as received is kept only when the stored fields do not rebuild it exactly (a
    // library's context, `sentAt`, `integrations`, …): most of an archive's page views and tracks
    // are rebuilt, and their copy was most of what an import wrote. Groups and aliases keep
    // theirs, which stitching reads.
    let rebuilt = rebuilds(&msg, &event);
    debug_assert!(
        !rebuilt || to_message(&event) == Value::Object(msg.clone()),
        "{msg:?} is not what the stored fields rebuild"
    );
    // Serialised once: counted when rebuilt, kept otherwise.
    let raw = (!rebuilt).then(|| text(&msg));
    let size = raw.as_ref().map_or_else(|| text_len(&msg), String::len);
    if size > MAX_MESSAGE_BYTES {
        return Err(Problem::TooLarge(size));
    }
    event.raw_json = raw;
    Ok(event)
}

/// Whether [`to_message`] rebuilds `msg` exactly from `e`'s fields (`e` being what [`accept`]
/// made of it), checked key by key without rebuilding it: only the keys it writes for the type,
/// each with the value it would write. Tracks, page views, screens and identifies only.
fn rebuilds(msg: &Map<String, Value>, e: &Event) -> bool {
    let is = |v: &Value, s: &str| matches!(v, Value::String(t) if t == s);
    let payload = match e.message_type {
        MessageType::Track | MessageType::Page | MessageType::Screen => "properties",
        MessageType::Identify => "traits",
        MessageType::Group | MessageType::Alias => return false,
    };
    msg.iter().all(|(key, value)| match key.as_str() {
        "messageId" => is(value, &e.message_id),
        "type" => is(value, e.message_type.as_str()),
        "userId" => e.user_id.as_deref().is_some_and(|u| is(value, u)),
        "anonymousId" => e.anonymous_id.as_deref().is_some_and(|a| is(value, a)),
        // `accept` has just written both from the stored times.
        "timestamp" | "receivedAt" => value.is_string(),
        "event" => {
            e.message_type == MessageType::Track && is(value, e.name.as_deref().unwrap_or(""))
        }
        "name" => {
            matches!(e.message_type, MessageType::Page | MessageType::Screen)
                && e.name.as_deref().is_some_and(|n| is(value, n))
        }
        // An object is what the stored JSON text of it parses back to.
        k if k == payload => value.is_object() && e.properties_json.is_some(),
        // The context without its ip is stored as is; the ip is its own field.
        "context" => value.as_object().is_some_and(|c| {
            !c.is_empty()
                && c.contains_key("ip") == e.ip.is_some()
                && c.get("ip").is_none_or(|ip| e.ip.as_deref().is_some_and(|i| is(ip, i)))
                && (c.len() == usize::from(c.contains_key("ip")) || e.context_json.is_some())
        }),
        _ => false,
    }) && msg.contains_key("messageId")
        && msg.contains_key("type")
        && msg.contains_key(payload)
        && (e.message_type != MessageType::Track || msg.contains_key("event"))
        && msg.contains_key("userId") == e.user_id.is_some()
        && msg.contains_key("anonymousId") == e.anonymous_id.is_some()
        && msg.contains_key("timestamp")
        && msg.contains_key("receivedAt")
        && (msg.contains_key("name") || e.name.is_none() || e.message_type == MessageType::Track)
        && (msg.contains_key("context") || (e.ip.is_none() && e.context_json.is_none()))
}

/// A stored event as a Segment message (an archive line): the message as received when it was
/// kept, else rebuilt from the stored fields. A group without a known `groupId` takes its
/// traits' domain, website or name, so that it stays a valid message.
pub fn to_message(e: &Event) -> Value {
    if let Some(raw) = e.raw_json.as_deref().and_then(|r| serde_json::from_str(r).ok()) {
        return raw;
    }
    let mut msg = Map::new();
    msg.insert("messageId".into(), e.message_id.clone().into());
    msg.insert("type".into(), e.message_type.as_str().into());
    if let Some(u) = &e.user_id {
        msg.insert("userId".into(), u.clone().into());
    }
    if let Some(a) = &e.anonymous_id {
        msg.insert("anonymousId".into(), a.clone().into());
    }
    let payload: Option<Value> =
        e.properties_json.as_deref().and_then(|p| serde_json::from_str(p).ok());
    match (e.message_type, payload) {
        (MessageType::Track, p) => {
            msg.insert("event".into(), e.name.clone().unwrap_or_default().into());
            msg.insert("properties".into(), p.unwrap_or_else(|| Value::Object(Map::new())));
        }
        (MessageType::Page | MessageType::Screen, p) => {
            if let Some(n) = &e.name {
                msg.insert("name".into(), n.clone().into());
            }
            msg.insert("properties".into(), p.unwrap_or_else(|| Value::Object(Map::new())));
        }
        (MessageType::Identify, p) => {
            msg.insert("traits".into(), p.unwrap_or_else(|| Value::Object(Map::new())));
        }
        (MessageType::Group, p) => {
            let traits = p.unwrap_or_else(|| Value::Object(Map::new()));
            let group_id = ["groupId", "domain", "website", "name"]
                .iter()
                .find_map(|k| traits.get(*k).and_then(Value::as_str))
                .map_or_else(|| format!("group-{}", e.message_id), str::to_owned);
            msg.insert("groupId".into(), group_id.into());
            msg.insert("traits".into(), traits);
        }
        (MessageType::Alias, p) => {
            if let Some(prev) = p.as_ref().and_then(|p| p.get("previousId")) {
                msg.insert("previousId".into(), prev.clone());
            }
        }
    }
    let mut context: Map<String, Value> =
        e.context_json.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default();
    if let Some(ip) = &e.ip {
        context.insert("ip".into(), ip.clone().into());
    }
    if !context.is_empty() {
        msg.insert("context".into(), Value::Object(context));
    }
    msg.insert("timestamp".into(), rfc3339(e.timestamp).into());
    msg.insert("receivedAt".into(), rfc3339(e.received_at).into());
    Value::Object(msg)
}

/// The length of [`text`] of `msg`, without keeping the text.
fn text_len(msg: &Map<String, Value>) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing to a counter cannot fail.
    let _ = serde_json::to_writer(&mut count, msg);
    count.0
}

/// JSON text, compact: what `Value`'s `Display` writes, without going through a formatter (twice
/// as fast, and an archive import writes three of these per message).
fn text(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Parses an ISO-8601 / RFC 3339 time to milliseconds.
pub fn parse_time(s: &str, field: &'static str) -> Result<Timestamp, Problem> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.timestamp_millis())
        .map_err(|_| Problem::BadTime(field))
}

fn time_field(msg: &Map<String, Value>, field: &'static str) -> Result<Option<Timestamp>, Problem> {
    match msg.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => parse_time(s, field).map(Some),
        Some(_) => Err(Problem::BadTime(field)),
    }
}

/// Ids may be strings or numbers (the spec allows both); numbers are kept as their text.
fn id_field(msg: &Map<String, Value>, field: &'static str) -> Result<Option<String>, Problem> {
    match msg.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(Problem::WrongType { field, expected: "a string" }),
    }
}

fn text_field(msg: &Map<String, Value>, field: &'static str) -> Result<Option<String>, Problem> {
    match msg.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Problem::WrongType { field, expected: "a string" }),
    }
}

fn merge_under(
    msg: &mut Map<String, Value>,
    key: &'static str,
    outer: Option<&Map<String, Value>>,
) -> Result<(), Problem> {
    let Some(outer) = outer else { return Ok(()) };
    match msg.entry(key).or_insert_with(|| Value::Object(Map::new())) {
        Value::Object(inner) => {
            for (k, v) in outer {
                inner.entry(k.clone()).or_insert_with(|| v.clone());
            }
            Ok(())
        }
        _ => Err(Problem::WrongType { field: key, expected: "an object" }),
    }
}

/// A stable id from a message's content (FNV-1a, twice, as 128 bits of hex).
fn content_id(msg: &Map<String, Value>) -> String {
    let mut without_times = msg.clone();
    without_times.remove("receivedAt");
    without_times.remove("timestamp");
    without_times.remove("sentAt");
    let bytes = text(&Value::Object(without_times));
    let fnv = |seed: u64| {
        bytes.bytes().fold(seed, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    };
    format!("sb-{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
}

#[cfg(test)]
mod tests;
