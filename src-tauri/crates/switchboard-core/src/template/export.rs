//! A template leaving Switchboard: as one Liquid template for Customer.io (the layers flattened,
//! prospect variables as `customer.*` attributes and everything else as `event.*` data of the
//! event that triggers the campaign), and as a rendered `.eml` for a test send from any client.

use super::{FORWARDED, Rendered, Template, mailbox};
use crate::Timestamp;

/// Customer.io's names for our variables: the prospect is the customer; the rest travels with
/// the trigger event.
fn rename(path_root: &str) -> Option<&'static str> {
    match path_root {
        "prospect" => Some("customer"),
        "company" => Some("event.company"),
        "visit" => Some("event.visit"),
        "score" => Some("event.score"),
        "sender" => Some("event.sender"),
        _ => None,
    }
}

/// Rewrites the variables and our two filters inside every `{{ }}` and `{% %}` of `source`.
fn translate(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    loop {
        let next = [rest.find("{{"), rest.find("{%")].into_iter().flatten().min();
        let Some(start) = next else {
            out.push_str(rest);
            break;
        };
        let close = if rest[start..].starts_with("{{") { "}}" } else { "%}" };
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find(close) else {
            out.push_str(&rest[start..]);
            break;
        };
        let tag = &rest[start..start + len + 2];
        out.push_str(&translate_tag(tag));
        rest = &rest[start + len + 2..];
    }
    out
}

fn translate_tag(tag: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = tag.chars().collect();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            out.push(c);
            i += 1;
            continue;
        }
        let boundary = i == 0
            || !(chars[i - 1].is_ascii_alphanumeric()
                || chars[i - 1] == '_'
                || chars[i - 1] == '.');
        if boundary && c.is_ascii_alphabetic() {
            let end = (i..chars.len())
                .find(|&j| !(chars[j].is_ascii_alphanumeric() || chars[j] == '_'))
                .unwrap_or(chars.len());
            let word: String = chars[i..end].iter().collect();
            let followed_by_dot = chars.get(end) == Some(&'.');
            match (word.as_str(), rename(&word)) {
                (_, Some(to)) if followed_by_dot => out.push_str(to),
                ("first_name", _) if out.trim_end().ends_with('|') => {
                    out.push_str("split: \" \" | first")
                }
                ("sentence", _) if out.trim_end().ends_with('|') => out.push_str("join: \", \""),
                _ => out.push_str(&word),
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// The template as one Liquid template for Customer.io, and what the campaign must be sent.
pub fn customerio(t: &Template) -> (String, Vec<String>) {
    let mut body = String::new();
    for (i, layer) in t.layers.iter().enumerate().rev() {
        if i + 1 < t.layers.len() {
            body.push_str(&format!(
                "\n\n{FORWARDED}\nFrom: {}\nDate: {{{{ event.dates.layer_{i} }}}}\nSubject: {}\nTo: {}\n\n",
                translate(&mailbox(&layer.from_name, &layer.from_address)),
                translate(&layer.subject),
                translate(&layer.to)
            ));
        }
        body.push_str(&translate(&layer.body));
    }
    body.push('\n');
    let outer = t.layers.last();
    let mut notes = vec![
        format!("Subject: {}", outer.map(|l| translate(&l.subject)).unwrap_or_default()),
        format!(
            "From: {}",
            outer.map(|l| translate(&mailbox(&l.from_name, &l.from_address))).unwrap_or_default()
        ),
        "Identify each prospect with the attributes email, name, first_name, last_name and title \
         (customer.*)."
            .to_owned(),
        "Send the event that triggers the campaign with data company {name, domain, employees, \
         industry, country, technologies}, visit {first_seen, pages}, score {fit_segment, score, \
         signals}, sender {bot, vp, rep: {name, first_name, email}} and dates {layer_0, layer_1, \
         ...}: each forwarded layer's date line (event.*)."
            .to_owned(),
    ];
    if t.layers.iter().any(|l| l.body.contains("sentence") || l.subject.contains("sentence")) {
        notes.push(
            "Lists use `join: \", \"` in Customer.io (\"A, B, C\"), where Switchboard's preview \
             writes \"A, B and C\"."
                .to_owned(),
        );
    }
    (body, notes)
}

fn rfc2822(t: Timestamp) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp_millis(t)
        .map(|d| d.format("%a, %d %b %Y %H:%M:%S +0000").to_string())
        .unwrap_or_default()
}

/// A header value, RFC 2047-encoded when it is not plain ASCII.
fn header(value: &str) -> String {
    if value.is_ascii() && !value.contains(['\r', '\n']) {
        value.to_owned()
    } else {
        format!("=?UTF-8?B?{}?=", base64(value.replace(['\r', '\n'], " ").as_bytes()))
    }
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Wraps base64 at 76 characters, as MIME asks.
fn base64_body(text: &str) -> String {
    base64(text.as_bytes())
        .as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// The rendered email as an RFC 5322 message (multipart: plain text and HTML).
pub fn eml(r: &Rendered, message_id_domain: &str) -> String {
    let outer = r.outer();
    let boundary = format!("switchboard-{:x}", outer.date);
    format!(
        "From: {}\r\nTo: {}\r\nSubject: {}\r\nDate: {}\r\nMessage-ID: <{}.preview@{}>\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n\
         --{boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n\
         --{boundary}--\r\n",
        header(&mailbox(&outer.from_name, &outer.from_address)),
        header(&outer.to),
        header(&outer.subject),
        rfc2822(outer.date),
        outer.date,
        message_id_domain,
        base64_body(&r.text),
        base64_body(&r.html),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_and_filters_become_customerios() {
        assert_eq!(
            translate(
                "Hi {{ prospect.name | first_name }}, {{ company.technologies | sentence | default: \"x\" }} {% if score.fit_segment %}!{% endif %} prospect.name"
            ),
            "Hi {{ customer.name | split: \" \" | first }}, {{ event.company.technologies | join: \", \" | default: \"x\" }} {% if event.score.fit_segment %}!{% endif %} prospect.name"
        );
        // Quoted text is left alone.
        assert_eq!(
            translate("{{ company.name | default: \"company.name\" }}"),
            "{{ event.company.name | default: \"company.name\" }}"
        );
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(header("Fwd: café"), "=?UTF-8?B?RndkOiBjYWbDqQ==?=");
    }
}
