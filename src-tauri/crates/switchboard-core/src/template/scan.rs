//! What a template's output tags ask for, found without running it: each `{{ path | filters }}`
//! with its line and column, whether it has a `default`, and whether the data has a value there.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Output {
    pub path: String,
    pub has_default: bool,
    pub line: u32,
    pub column: u32,
}

/// Variables a template makes itself (`for x in`, `assign x =`, `capture x`, `forloop`), which
/// are not data and are not checked.
fn local_names(source: &str) -> Vec<String> {
    let mut names = vec!["forloop".to_owned()];
    let mut rest = source;
    while let Some(start) = rest.find("{%") {
        let after = &rest[start + 2..];
        let end = after.find("%}").unwrap_or(after.len());
        let tag = after[..end].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let mut words = tag.split_whitespace();
        if let Some("for" | "assign" | "capture" | "increment" | "decrement") = words.next()
            && let Some(name) = words.next()
        {
            names.push(name.trim_end_matches('=').to_owned());
        }
        rest = &after[end..];
    }
    names
}

/// Every output tag whose expression starts with a variable path.
pub(super) fn outputs(source: &str) -> Vec<Output> {
    let locals = local_names(source);
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(start) = source[offset..].find("{{") {
        let open = offset + start;
        let inner_start = open + 2;
        let Some(len) = source[inner_start..].find("}}") else { break };
        let expr = source[inner_start..inner_start + len]
            .trim_matches(|c: char| c == '-' || c.is_whitespace());
        offset = inner_start + len + 2;
        let mut parts = split_filters(expr).into_iter();
        let path = parts.next().unwrap_or_default().trim().to_owned();
        if !is_path(&path) {
            continue;
        }
        let root = path.split(['.', '[']).next().unwrap_or_default();
        if locals.iter().any(|l| l == root) {
            continue;
        }
        let has_default =
            parts.any(|f| f.trim().split([':', ' ']).next().is_some_and(|name| name == "default"));
        let before = &source[..open];
        let line = u32::try_from(before.matches('\n').count() + 1).unwrap_or(u32::MAX);
        let column = u32::try_from(before.rsplit('\n').next().unwrap_or("").chars().count() + 1)
            .unwrap_or(u32::MAX);
        found.push(Output { path, has_default, line, column });
    }
    found
}

/// Splits `a | f: "x|y" | g` on the pipes outside quotes.
fn split_filters(expr: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quote, mut start) = (None, 0);
    for (i, c) in expr.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '|') => {
                parts.push(&expr[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&expr[start..]);
    parts
}

fn is_path(s: &str) -> bool {
    let mut chars = s.chars();
    let starts = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    starts
        && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'))
        && !matches!(s, "true" | "false" | "nil" | "null" | "empty" | "blank")
}

pub(super) enum Resolved {
    Present,
    /// Null, an empty string or an empty list (or under a null parent).
    Empty,
    /// Not a variable the data has at all.
    Unknown,
}

pub(super) fn resolve(data: &Value, path: &str) -> Resolved {
    let mut at = data;
    for segment in path.split(['.', '[']).map(|s| s.trim_end_matches(']')).filter(|s| !s.is_empty())
    {
        at = match at {
            Value::Null => return Resolved::Empty,
            Value::Object(o) => match o.get(segment) {
                Some(v) => v,
                None if segment == "size" || segment == "first" || segment == "last" => {
                    return Resolved::Present;
                }
                None => return Resolved::Unknown,
            },
            Value::Array(a) => match segment.parse::<usize>() {
                Ok(i) => match a.get(i) {
                    Some(v) => v,
                    None => return Resolved::Empty,
                },
                Err(_) if matches!(segment, "size" | "first" | "last") => return Resolved::Present,
                Err(_) => return Resolved::Unknown,
            },
            _ => return Resolved::Unknown,
        };
    }
    match at {
        Value::Null => Resolved::Empty,
        Value::String(s) if s.trim().is_empty() => Resolved::Empty,
        Value::Array(a) if a.is_empty() => Resolved::Empty,
        _ => Resolved::Present,
    }
}

/// The line and column a Liquid error points at (`--> 3:14`), if it says.
pub(super) fn position(error: &str) -> Option<(u32, Option<u32>)> {
    let after = error.split("--> ").nth(1)?;
    let mut nums = after.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    let line = nums.next()?.parse().ok()?;
    Some((line, nums.next().and_then(|c| c.parse().ok())))
}

/// The first meaningful line of a Liquid error, without its source excerpt.
pub(super) fn first_line(error: &str) -> String {
    let lines: Vec<&str> = error.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let expected =
        lines.iter().find(|l| l.starts_with('=')).map(|l| l.trim_start_matches('=').trim());
    match expected {
        Some(e) => e.to_owned(),
        None => lines
            .first()
            .map_or_else(String::new, |l| l.trim_start_matches("liquid:").trim().to_owned()),
    }
}
