//! The double-forward email: a chain of layers (innermost first: a bot's notice, then each
//! forward around it), each with from, to, a date offset, a subject and a body in Liquid, the
//! language Customer.io uses. Rendering nests the layers the way mail clients quote a forward, in
//! plain text and HTML, and reports every variable that was empty or fell back to a default, with
//! its layer and line. Values from data are never executed as Liquid and are escaped in HTML.
//!
//! Templates are plain text: the HTML version is built from the rendered text, so everything in it
//! (template and data alike) is escaped.

mod data;
pub mod export;
mod filters;
mod scan;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Timestamp;

pub use data::{ProspectRecord, Sender, Senders, variables};

/// One message of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    pub label: String,
    pub from_name: String,
    pub from_address: String,
    pub to: String,
    /// Minutes after the inner layer was sent (ignored for the innermost).
    pub offset_minutes: i64,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Template {
    pub name: String,
    /// Innermost first.
    pub layers: Vec<Layer>,
}

/// Which part of a layer an issue is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    FromName,
    FromAddress,
    To,
    Subject,
    Body,
}

impl Field {
    pub const ALL: [Field; 5] =
        [Field::FromName, Field::FromAddress, Field::To, Field::Subject, Field::Body];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::FromName => "from_name",
            Field::FromAddress => "from_address",
            Field::To => "to",
            Field::Subject => "subject",
            Field::Body => "body",
        }
    }

    fn of(self, layer: &Layer) -> &str {
        match self {
            Field::FromName => &layer.from_name,
            Field::FromAddress => &layer.from_address,
            Field::To => &layer.to,
            Field::Subject => &layer.subject,
            Field::Body => &layer.body,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks marking the email ready and exporting it.
    Error,
    /// A fallback was used: the email can go, but says less than it could.
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub layer: usize,
    pub layer_label: String,
    pub field: Field,
    /// 1-based.
    pub line: u32,
    pub column: Option<u32>,
    pub variable: Option<String>,
    pub message: String,
}

/// One layer as rendered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RenderedLayer {
    pub from_name: String,
    pub from_address: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub date: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Innermost first.
    pub layers: Vec<RenderedLayer>,
    pub text: String,
    pub html: String,
    pub issues: Vec<Issue>,
}

impl Rendered {
    /// The outermost layer: what the recipient's mail client shows in its headers.
    pub fn outer(&self) -> &RenderedLayer {
        static EMPTY: std::sync::OnceLock<RenderedLayer> = std::sync::OnceLock::new();
        self.layers.last().unwrap_or_else(|| EMPTY.get_or_init(RenderedLayer::default))
    }

    pub fn errors(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == Severity::Error).count()
    }

    pub fn ready(&self) -> bool {
        self.errors() == 0
    }
}

/// Renders `template` with `data` (an object: `prospect`, `company`, `visit`, `score`, `sender`),
/// the outermost layer dated `sent_at`. Never fails: problems are issues.
pub fn render(template: &Template, data: &Value, sent_at: Timestamp) -> Rendered {
    let parser = filters::parser();
    let globals = liquid_core::model::to_object(data).unwrap_or_default();
    let mut issues = Vec::new();
    if template.layers.is_empty() {
        issues.push(Issue {
            severity: Severity::Error,
            layer: 0,
            layer_label: String::new(),
            field: Field::Body,
            line: 1,
            column: None,
            variable: None,
            message: "the template has no layers; add at least the innermost message".into(),
        });
    }

    // Dates: the outermost is sent at `sent_at`; each inner one its offset earlier.
    let mut dates = vec![sent_at; template.layers.len()];
    for i in (0..template.layers.len().saturating_sub(1)).rev() {
        dates[i] = dates[i + 1] - template.layers[i + 1].offset_minutes.max(0) * 60_000;
    }

    let mut layers = Vec::new();
    for (index, layer) in template.layers.iter().enumerate() {
        let mut out = RenderedLayer { date: dates[index], ..RenderedLayer::default() };
        for field in Field::ALL {
            let source = field.of(layer);
            let at = |line, column, variable, message, severity| Issue {
                severity,
                layer: index,
                layer_label: layer.label.clone(),
                field,
                line,
                column,
                variable,
                message,
            };
            for found in scan::outputs(source) {
                match scan::resolve(data, &found.path) {
                    scan::Resolved::Present => {}
                    scan::Resolved::Unknown => issues.push(at(
                        found.line,
                        Some(found.column),
                        Some(found.path.clone()),
                        format!(
                            "`{}` is not a variable; use one of prospect.*, company.*, visit.*, \
                             score.* or sender.*",
                            found.path
                        ),
                        Severity::Error,
                    )),
                    scan::Resolved::Empty if found.has_default => issues.push(at(
                        found.line,
                        Some(found.column),
                        Some(found.path.clone()),
                        format!("`{}` is empty; the fallback was used", found.path),
                        Severity::Warning,
                    )),
                    scan::Resolved::Empty => issues.push(at(
                        found.line,
                        Some(found.column),
                        Some(found.path.clone()),
                        format!(
                            "`{}` is empty and has no fallback; add `| default: \"...\"` or fill it in",
                            found.path
                        ),
                        Severity::Error,
                    )),
                }
            }
            let rendered = parser
                .parse(source)
                .map_err(|e| (e, true))
                .and_then(|t| t.render(&globals).map_err(|e| (e, false)));
            let text = match rendered {
                Ok(text) => text,
                Err((e, syntax)) => {
                    let (line, column) = scan::position(&e.to_string()).unwrap_or((1, None));
                    let what = if syntax { "Liquid syntax error" } else { "could not render" };
                    // Unknown variables are already reported, with their place.
                    let known = !syntax
                        && issues
                            .iter()
                            .any(|i| i.layer == index && i.field == field && i.variable.is_some());
                    if !known {
                        issues.push(at(
                            line,
                            column,
                            None,
                            format!("{what}: {}", scan::first_line(&e.to_string())),
                            Severity::Error,
                        ));
                    }
                    String::new()
                }
            };
            match field {
                Field::FromName => out.from_name = text.trim().to_owned(),
                Field::FromAddress => out.from_address = text.trim().to_owned(),
                Field::To => out.to = text.trim().to_owned(),
                Field::Subject => out.subject = text.trim().to_owned(),
                Field::Body => out.body = text.trim_end().to_owned(),
            }
        }
        layers.push(out);
    }
    issues.sort_by(|a, b| {
        (a.layer, a.field, a.line, a.column).cmp(&(b.layer, b.field, b.line, b.column))
    });
    let text = nest_text(&layers);
    let html = nest_html(&layers);
    Rendered { layers, text, html, issues }
}

/// `Name <address>`, or the address alone.
pub fn mailbox(name: &str, address: &str) -> String {
    match (name.trim(), address.trim()) {
        ("", a) => a.to_owned(),
        (n, "") => n.to_owned(),
        (n, a) => format!("{n} <{a}>"),
    }
}

/// A date as mail clients write it in a forward's header block.
pub fn forward_date(t: Timestamp) -> String {
    DateTime::<Utc>::from_timestamp_millis(t)
        .map(|d| d.format("%a, %b %-d, %Y at %-I:%M %p").to_string())
        .unwrap_or_default()
}

const FORWARDED: &str = "---------- Forwarded message ---------";

fn nest_text(layers: &[RenderedLayer]) -> String {
    let mut text = String::new();
    for (i, layer) in layers.iter().enumerate().rev() {
        if i + 1 < layers.len() {
            text.push_str(&format!(
                "\n\n{FORWARDED}\nFrom: {}\nDate: {}\nSubject: {}\nTo: {}\n\n",
                mailbox(&layer.from_name, &layer.from_address),
                forward_date(layer.date),
                layer.subject,
                layer.to
            ));
        }
        text.push_str(&layer.body);
    }
    text.push('\n');
    text
}

/// HTML-escapes text (`&`, `<`, `>`, quotes).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn paragraphs(body: &str) -> String {
    body.split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape_html(p.trim_matches('\n')).replace('\n', "<br>\n")))
        .collect::<Vec<_>>()
        .join("\n")
}

fn nest_html(layers: &[RenderedLayer]) -> String {
    let mut inner = String::new();
    for (i, layer) in layers.iter().enumerate().rev() {
        if i + 1 < layers.len() {
            inner.push_str(&format!(
                "<div class=\"forward\">{FORWARDED}<br>\nFrom: <b>{}</b> &lt;{}&gt;<br>\nDate: {}<br>\n\
                 Subject: {}<br>\nTo: {}<br></div>\n",
                escape_html(&layer.from_name),
                escape_html(&layer.from_address),
                escape_html(&forward_date(layer.date)),
                escape_html(&layer.subject),
                escape_html(&layer.to)
            ));
        }
        inner.push_str(&paragraphs(&layer.body));
        inner.push('\n');
    }
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <style>body{{font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#222;margin:16px}}\
         .forward{{color:#555;margin:18px 0 10px}}p{{margin:0 0 10px}}</style></head>\n<body>\n{inner}</body></html>\n"
    )
}

/// The default double-forward template shipped with Switchboard.
pub fn default_template() -> Template {
    serde_json::from_str(include_str!("../../../../assets/templates/double-forward.json"))
        .expect("the shipped template is valid JSON")
}

#[cfg(test)]
mod tests;
