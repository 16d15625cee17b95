//! The only crate with SQL. Owns the workspace file's schema and every query against it: the
//! [`Db`] handle (one writer thread), the migrations, one module per table, and the Overview's
//! read queries.
//!
//! It must not open sockets, read the clock or know about any front end: times arrive as
//! arguments, and results leave as `switchboard-core` values.

mod db;
mod error;
pub mod migrations;

pub mod ad_spend;
pub mod bulk;
pub mod cac;
pub mod checkpoints;
pub mod companies;
pub mod email_activity;
pub mod events;
pub mod funnels;
pub mod guard;
pub mod identities;
pub mod messages;
pub mod outreach;
pub mod overview;
pub mod people;
pub mod pipeline;
pub mod profiles;
pub mod prospects;
pub mod rejections;
pub mod review_queue;
pub mod rollups;
pub mod scores;
pub mod segments;
pub mod settings;
pub mod sources;
pub mod sync;
pub mod templates;
pub mod tracking_plans;
pub mod visits;

pub use db::{Checkpointer, Db, Pending, bulk_mode, empty_wal, yield_to_the_writer};
pub use error::Error;
pub use rusqlite::{Connection, Transaction, params};

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `PRAGMA application_id` of a Switchboard workspace ("SWBD"), so that any other SQLite file is
/// recognised and left alone.
pub const APPLICATION_ID: i32 = 0x5357_4244;
