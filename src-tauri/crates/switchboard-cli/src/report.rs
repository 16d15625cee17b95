//! How the command line speaks: one-line errors that say what to do, today's date, plain tables.

use std::io::Write;

use switchboard_core::Day;
use switchboard_workspace::{Error, StoreError};

/// Prints an error as one line: what went wrong, why, and what to do about it.
#[allow(clippy::print_stderr)]
pub fn error(e: &anyhow::Error) {
    let mut line = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
        source = cause.source();
    }
    if let Some(hint) = e.downcast_ref::<Error>().and_then(hint) {
        line.push_str(&format!(" ({hint})"));
    }
    eprintln!("error: {}", line.replace('\n', " "));
}

fn hint(e: &Error) -> Option<String> {
    match e {
        Error::Store(StoreError::NotFound(path)) => {
            Some(format!("create one with `switchboard-cli demo --workspace {}`", path.display()))
        }
        Error::Store(StoreError::AlreadyExists(_)) => {
            Some("choose another path, or pass --force to replace it".into())
        }
        Error::Store(StoreError::NotAWorkspace(_)) => {
            Some("check the path: --workspace takes a file made by Switchboard".into())
        }
        _ => None,
    }
}

pub fn today() -> Day {
    Day::of(now())
}

/// Milliseconds since the epoch, from the system clock.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Writes to stdout, ignoring a closed pipe (`switchboard-cli stats | head`).
pub fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// Left-aligned text columns, right-aligned numbers.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0)
        })
        .collect();
    let is_number =
        |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || ",.%-".contains(c));
    // A column of numbers is right-aligned, its header too.
    let right: Vec<bool> = (0..header.len())
        .map(|i| !rows.is_empty() && rows.iter().all(|r| is_number(&r[i]) || r[i].is_empty()))
        .collect();
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[i].saturating_sub(cell.chars().count()));
            if i > 0 {
                s.push_str("  ");
            }
            if right[i] {
                s.push_str(&pad);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&pad);
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(header.to_vec());
    for r in rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

/// A line for the person watching, on stderr, so that stdout stays the data.
#[allow(clippy::print_stderr)]
pub fn note(text: &str) {
    eprintln!("{text}");
}

/// 1536 → "1.5 KB".
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// 1234567 → "1,234,567".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(-12), "-12");
        assert_eq!(thousands(100), "100");
        let t = table(
            &["name", "n"],
            &[vec!["a".into(), "1,000".into()], vec!["bb".into(), "5".into()]],
        );
        assert_eq!(t, "name      n\na     1,000\nbb        5\n");
    }
}
