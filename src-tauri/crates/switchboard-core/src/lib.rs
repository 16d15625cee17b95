//! Switchboard's domain: the nouns every other crate shares (messages, people, companies, scores,
//! spend, prospects) and the pure arithmetic over them (days, KPI windows, rates).
//!
//! This crate does no IO: no files, no sockets, no SQL, no clock. Time comes in as arguments.

pub mod audience;
pub mod cac;
pub mod day;
pub mod entity;
pub mod funnel;
pub mod kpi;
pub mod message;
pub mod outbound;
pub mod plan;
pub mod profile;
pub mod score;
pub mod segment;
pub mod spend;
pub mod sync;
pub mod template;

pub use day::{Day, Timestamp};
pub use entity::{
    AdSpendDay, Company, EmailActivity, Event, Identity, IdentityKind, Person, Prospect, Rejection,
    Resolution, ReviewItem, Score, ScoredEntity, Source, SourceSummary, Visit, write_key,
};
pub use kpi::{DailyKpis, EventRow, KpiWindow, Overview, TopCompany, TypeCount, WindowCounts};
pub use message::MessageType;
pub use outbound::{EmailActivityKind, ReviewState};
pub use score::FitSegment;
pub use spend::AdPlatform;

/// A domain value could not be parsed from its stored or typed form.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown {kind} `{value}`")]
pub struct ParseError {
    pub kind: &'static str,
    pub value: String,
}

impl ParseError {
    pub(crate) fn new(kind: &'static str, value: &str) -> Self {
        Self { kind, value: value.to_owned() }
    }
}

/// Declares a closed set of names stored as text, with `as_str`, `ALL` and `FromStr`.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal, { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::ParseError::new($kind, s)),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use text_enum;
