//! The records a workspace holds, as plain values: companies, people and their identities,
//! messages, visits, scores, email activity, ad spend, prospects and the review queue.
//!
//! An `id` of `None` asks the store to assign one; bulk loaders that must know ids up front (the
//! demo generator) assign them. These types carry no serialisation: the store maps them to rows,
//! the front ends to their own shapes.

use crate::{AdPlatform, Day, EmailActivityKind, FitSegment, MessageType, ReviewState, Timestamp};

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: Option<i64>,
    pub domain: String,
    pub name: String,
    pub employees: Option<i64>,
    pub industry: Option<String>,
    pub country: Option<String>,
    pub city: Option<String>,
    /// Technologies the company's website uses (as enrichment reports them).
    pub technologies: Vec<String>,
    /// When the company was first identified from web traffic.
    pub first_seen_at: Option<Timestamp>,
    /// When its score first cleared the qualification threshold.
    pub qualified_at: Option<Timestamp>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: Option<i64>,
    pub user_id: Option<String>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
    pub company_id: Option<i64>,
    /// Other traits, as a JSON object.
    pub traits_json: String,
    pub created_at: Timestamp,
}

crate::text_enum!(
    /// Which kind of identifier links to a person.
    IdentityKind, "identity kind", {
        AnonymousId => "anonymous_id",
        UserId => "user_id",
        Email => "email",
        GroupId => "group_id",
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub person_id: i64,
    pub kind: IdentityKind,
    pub value: String,
    pub first_seen_at: Timestamp,
}

/// One stored Segment message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub message_id: String,
    pub message_type: MessageType,
    /// `event` for track, `name` for page and screen.
    pub name: Option<String>,
    pub user_id: Option<String>,
    pub anonymous_id: Option<String>,
    pub person_id: Option<i64>,
    pub timestamp: Timestamp,
    pub received_at: Timestamp,
    /// `context.ip`, kept in its own column because the outbound pipeline starts from it.
    pub ip: Option<String>,
    /// `properties` (track, page, screen) or `traits` (identify, group), as JSON.
    pub properties_json: Option<String>,
    /// `context` without `ip`, as JSON.
    pub context_json: Option<String>,
    /// The source that sent it, when it came through the collector or an import.
    pub source_id: Option<i64>,
    /// The whole message as accepted, as JSON.
    pub raw_json: Option<String>,
}

crate::text_enum!(
    /// What resolving a visitor's IP said about it (Clearbit Reveal's `type`, or nothing).
    Resolution, "resolution", {
        Company => "company",
        Isp => "isp",
        Education => "education",
        Government => "government",
        Unresolved => "unresolved",
    }
);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub anonymous_id: String,
    pub ip: String,
    pub started_at: Timestamp,
    pub pages: i64,
    pub company_id: Option<i64>,
    pub resolution: Resolution,
    pub fuzzy: bool,
}

crate::text_enum!(
    ScoredEntity, "scored entity", {
        Person => "person",
        Company => "company",
    }
);

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub entity: ScoredEntity,
    pub entity_id: i64,
    pub model: String,
    pub score: f64,
    pub segment: FitSegment,
    /// The signals behind the score, most important first.
    pub signals: Vec<String>,
    pub scored_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailActivity {
    pub delivery_id: String,
    pub person_id: Option<i64>,
    pub email: String,
    pub campaign: String,
    pub kind: EmailActivityKind,
    pub at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdSpendDay {
    pub platform: AdPlatform,
    pub campaign_id: String,
    pub campaign_name: String,
    pub day: Day,
    pub spend_minor: i64,
    pub currency: String,
    pub impressions: i64,
    pub clicks: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospect {
    pub id: Option<i64>,
    pub company_id: i64,
    pub person_id: Option<i64>,
    pub email: String,
    pub email_verified: bool,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub role: String,
    pub seniority: String,
    pub found_at: Timestamp,
    pub state: ReviewState,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewItem {
    pub company_id: i64,
    pub state: ReviewState,
    pub assigned_to: Option<String>,
    pub reason: Option<String>,
    pub queued_at: Timestamp,
    pub decided_at: Option<Timestamp>,
}

/// Something that sends Segment messages: a website, an app, a server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: i64,
    pub name: String,
    pub write_key: String,
    pub created_at: Timestamp,
}

/// A source with what it has sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceSummary {
    pub source: Source,
    pub events: i64,
    pub last_seen: Option<Timestamp>,
    /// Messages received since the time the caller asked about (the last minute, say).
    pub since: i64,
}

/// A request the collector refused, kept for the sender to see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub source_id: Option<i64>,
    pub received_at: Timestamp,
    pub path: String,
    pub status: u16,
    pub reason: String,
}

/// A new source's write key from 24 random bytes (the caller brings the randomness).
pub fn write_key(random: [u8; 24]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    random.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}
