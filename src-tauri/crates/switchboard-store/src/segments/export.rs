//! Members of a segment's latest version written as CSV or JSON Lines, one row at a time from a
//! cursor: memory stays flat whatever the size.

use std::io::Write;

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use sea_query::{Alias, Expr, ExprTrait, Func, JoinType, Order, Query, SelectStatement};
use switchboard_core::audience::{self, Target};

use super::SegmentError;
use super::compile::{build, col};
use crate::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

const PEOPLE_COLUMNS: &[&str] = &[
    "id",
    "email",
    "name",
    "first_name",
    "last_name",
    "title",
    "user_id",
    "created_at",
    "score",
    "fit_segment",
];
const COMPANY_COLUMNS: &[&str] = &[
    "id",
    "name",
    "domain",
    "employees",
    "industry",
    "country",
    "city",
    "technologies",
    "people",
    "score",
    "fit_segment",
];

/// The columns that can be chosen, besides `traits.KEY` for people.
pub fn columns(target: Target) -> Vec<String> {
    match target {
        Target::People => PEOPLE_COLUMNS
            .iter()
            .map(|c| (*c).to_owned())
            .chain(audience::COMPANY_FIELDS.iter().map(|f| format!("company.{f}")))
            .chain(["company.score".to_owned(), "company.fit_segment".to_owned()])
            .collect(),
        Target::Companies => COMPANY_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
    }
}

/// The columns written when none are chosen.
pub fn default_columns(target: Target) -> Vec<String> {
    let names: &[&str] = match target {
        Target::People => {
            &["id", "email", "name", "title", "company.name", "company.domain", "score"]
        }
        Target::Companies => &["id", "name", "domain", "employees", "industry", "country", "score"],
    };
    names.iter().map(|c| (*c).to_owned()).collect()
}

fn latest_score(entity: &str, id: Expr, field: &str) -> Expr {
    Expr::SubQuery(
        None,
        Box::new(
            Query::select()
                .column(Alias::new(field))
                .from(Alias::new("scores"))
                .and_where(Expr::col(Alias::new("entity")).eq(entity))
                .and_where(Expr::col(Alias::new("entity_id")).eq(id))
                .order_by(Alias::new("scored_at"), Order::Desc)
                .limit(1)
                .to_owned()
                .into(),
        ),
    )
}

fn column_expr(target: Target, column: &str) -> Option<Expr> {
    Some(match (target, column) {
        (Target::People, "name") => {
            Expr::cust("trim(COALESCE(p.first_name, '') || ' ' || COALESCE(p.last_name, ''))")
        }
        (Target::People, "score" | "fit_segment") => latest_score(
            "person",
            col("p", "id"),
            if column == "score" { "score" } else { "segment" },
        ),
        (Target::People, c) if PEOPLE_COLUMNS.contains(&c) => col("p", c),
        (Target::People, c) if c.starts_with("traits.") && c.len() > 7 => {
            Func::cust(Alias::new("json_extract"))
                .arg(col("p", "traits"))
                .arg(format!("$.\"{}\"", c[7..].replace('"', "\\\"")))
                .into()
        }
        (Target::People, "company.score" | "company.fit_segment") => latest_score(
            "company",
            col("p", "company_id"),
            if column == "company.score" { "score" } else { "segment" },
        ),
        (Target::People, c)
            if c.starts_with("company.") && audience::COMPANY_FIELDS.contains(&&c[8..]) =>
        {
            col("c", &c[8..])
        }
        (Target::Companies, "score" | "fit_segment") => latest_score(
            "company",
            col("c", "id"),
            if column == "score" { "score" } else { "segment" },
        ),
        (Target::Companies, "people") => {
            Expr::cust("(SELECT COUNT(*) FROM people WHERE company_id = c.id)")
        }
        (Target::Companies, c) if COMPANY_COLUMNS.contains(&c) => col("c", c),
        _ => return None,
    })
}

/// The query reading the latest members with `columns`.
fn query(
    segment_id: i64,
    target: Target,
    columns: &[String],
    limit: Option<u64>,
) -> Result<SelectStatement> {
    let mut q = Query::select();
    for c in columns {
        let expr = column_expr(target, c).ok_or_else(|| {
            SegmentError::Invalid(vec![audience::Problem {
                path: "/columns".to_owned(),
                message: format!(
                    "`{c}` is not a column; use {}{}",
                    columns_list(target),
                    if target == Target::People { " or traits.KEY" } else { "" }
                ),
            }])
        })?;
        q.expr(expr);
    }
    q.from_as(Alias::new("segment_members"), Alias::new("m"));
    match target {
        Target::People => {
            q.join_as(
                JoinType::InnerJoin,
                Alias::new("people"),
                Alias::new("p"),
                col("p", "id").equals((Alias::new("m"), Alias::new("entity_id"))),
            );
            q.join_as(
                JoinType::LeftJoin,
                Alias::new("companies"),
                Alias::new("c"),
                col("c", "id").equals((Alias::new("p"), Alias::new("company_id"))),
            );
        }
        Target::Companies => {
            q.join_as(
                JoinType::InnerJoin,
                Alias::new("companies"),
                Alias::new("c"),
                col("c", "id").equals((Alias::new("m"), Alias::new("entity_id"))),
            );
        }
    }
    q.and_where(col("m", "segment_id").eq(segment_id))
        .order_by((Alias::new("m"), Alias::new("entity_id")), Order::Asc);
    if let Some(n) = limit {
        q.limit(n);
    }
    Ok(q.to_owned())
}

fn columns_list(target: Target) -> String {
    columns(target).join(", ")
}

/// Writes the latest members of segment `segment_id` and returns how many rows were written.
/// `progress` is called every 10,000 rows with the count so far.
pub fn write(
    conn: &Connection,
    segment_id: i64,
    target: Target,
    columns: &[String],
    format: Format,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let (sql, values) = build(&query(segment_id, target, columns, None)?);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
    let io = |e: std::io::Error| crate::Error::Corrupt(format!("could not write the export: {e}"));
    let csv_error =
        |e: csv::Error| crate::Error::Corrupt(format!("could not write the export: {e}"));
    let mut n = 0u64;
    let mut tick = |n: u64| {
        if n.is_multiple_of(10_000) {
            progress(n);
        }
    };
    match format {
        Format::Csv => {
            let mut csv =
                csv::WriterBuilder::new().buffer_capacity(64 * 1024).from_writer(&mut *out);
            csv.write_record(columns).map_err(csv_error)?;
            let mut record = csv::StringRecord::new();
            while let Some(row) = rows.next()? {
                record.clear();
                for i in 0..columns.len() {
                    record.push_field(&text(row.get_ref(i)?));
                }
                csv.write_record(&record).map_err(csv_error)?;
                n += 1;
                tick(n);
            }
            csv.flush().map_err(io)?;
        }
        Format::Jsonl => {
            let mut sink = std::io::BufWriter::with_capacity(64 * 1024, &mut *out);
            while let Some(row) = rows.next()? {
                let mut object = serde_json::Map::new();
                for (i, c) in columns.iter().enumerate() {
                    object.insert(c.clone(), json(c, row.get_ref(i)?));
                }
                serde_json::to_writer(&mut sink, &object)?;
                sink.write_all(b"\n").map_err(io)?;
                n += 1;
                tick(n);
            }
            sink.flush().map_err(io)?;
        }
    }
    progress(n);
    Ok(n)
}

/// Rows and an estimate of the file's size, from the first 1,000 rows, before writing.
pub fn estimate(
    conn: &Connection,
    segment_id: i64,
    target: Target,
    columns: &[String],
    format: Format,
) -> Result<(u64, u64)> {
    let rows: u64 = conn.query_row(
        "SELECT COUNT(*) FROM segment_members WHERE segment_id = ?1",
        [segment_id],
        |r| r.get(0),
    )?;
    let (sql, values) = build(&query(segment_id, target, columns, Some(1_000))?);
    let mut stmt = conn.prepare(&sql)?;
    let mut sampled = stmt.query(rusqlite::params_from_iter(values))?;
    let (mut bytes, mut seen) = (0u64, 0u64);
    while let Some(row) = sampled.next()? {
        for (i, c) in columns.iter().enumerate() {
            let v = row.get_ref(i)?;
            bytes += match format {
                Format::Csv => text(v).len() as u64 + 1,
                Format::Jsonl => json(c, v).to_string().len() as u64 + c.len() as u64 + 4,
            };
        }
        seen += 1;
    }
    let header = columns.iter().map(|c| c.len() as u64 + 1).sum::<u64>();
    let per_row = bytes.checked_div(seen).map_or(0, |b| b + 1);
    Ok((rows, per_row * rows + if format == Format::Csv { header } else { 0 }))
}

fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Null => String::new(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(f) => f.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    }
}

fn json(column: &str, v: ValueRef<'_>) -> serde_json::Value {
    match v {
        ValueRef::Null => serde_json::Value::Null,
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => {
            serde_json::Number::from_f64(f).map_or(serde_json::Value::Null, Into::into)
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => {
            let s = String::from_utf8_lossy(t);
            let structured = column.ends_with("technologies") || column.starts_with("traits.");
            if structured && (s.starts_with('[') || s.starts_with('{')) {
                serde_json::from_str(&s).unwrap_or_else(|_| s.into_owned().into())
            } else {
                s.into_owned().into()
            }
        }
    }
}
