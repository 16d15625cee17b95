use serde_json::{Value, json};

use super::*;

fn template() -> Template {
    Template {
        name: "t".into(),
        layers: vec![
            Layer {
                label: "Bot notice".into(),
                from_name: "{{ sender.bot.name }}".into(),
                from_address: "{{ sender.bot.email }}".into(),
                to: "{{ sender.vp.email }}".into(),
                offset_minutes: 0,
                subject: "New domain identified: {{ company.domain }}".into(),
                body: "{{ company.name }} ({{ company.employees | default: \"?\" }} people) uses {{ company.technologies | sentence }}.".into(),
            },
            Layer {
                label: "Rep's forward".into(),
                from_name: "{{ sender.rep.name }}".into(),
                from_address: "{{ sender.rep.email }}".into(),
                to: "{{ prospect.email }}".into(),
                offset_minutes: 90,
                subject: "Fwd: New domain identified: {{ company.domain }}".into(),
                body: "Hi {{ prospect.name | first_name }},\n\nsaw this.\n{{ company.industry | default: \"your field\" }}".into(),
            },
        ],
    }
}

fn data(company_name: &str) -> Value {
    json!({
        "prospect": {"name": "Ada Lovelace", "first_name": "Ada", "email": "ada@acme.example", "title": "CTO"},
        "company": {"name": company_name, "domain": "acme.example", "employees": null, "industry": null,
                    "technologies": ["Segment", "Stripe", "React"]},
        "visit": {"first_seen": "Nov 24", "pages": 4},
        "score": {"fit_segment": "very good", "signals": []},
        "sender": {"bot": {"name": "Bot", "email": "bot@x.example"},
                   "vp": {"name": "Vi Pe", "email": "vp@x.example"},
                   "rep": {"name": "Rep Resent", "email": "rep@x.example"}}
    })
}

#[test]
fn layers_nest_as_forwards_with_dates_from_the_offsets() {
    let sent = 1_795_000_000_000; // 2026-11-18T11:06:40Z
    let r = render(&template(), &data("Acme"), sent);
    assert!(r.ready(), "{:?}", r.issues);
    assert_eq!(r.outer().subject, "Fwd: New domain identified: acme.example");
    assert_eq!(r.layers[0].date, sent - 90 * 60_000);
    assert!(r.text.starts_with("Hi Ada,\n\nsaw this.\nyour field\n\n---------- Forwarded message ---------\nFrom: Bot <bot@x.example>\n"), "{}", r.text);
    assert!(r.text.contains("Date: Wed, Nov 18, 2026 at 9:36 AM\n"), "{}", r.text);
    assert!(r.text.contains("Acme (? people) uses Segment, Stripe and React."), "{}", r.text);
    // Two fallbacks were used: warnings, with their layer and line.
    let warnings: Vec<(usize, Field, u32, Option<&str>)> =
        r.issues.iter().map(|i| (i.layer, i.field, i.line, i.variable.as_deref())).collect();
    assert_eq!(
        warnings,
        [
            (0, Field::Body, 1, Some("company.employees")),
            (1, Field::Body, 4, Some("company.industry"))
        ]
    );
    assert!(r.issues.iter().all(|i| i.severity == Severity::Warning));
}

#[test]
fn a_missing_value_without_fallback_is_an_error_with_its_place() {
    let mut d = data("Acme");
    d["company"]["technologies"] = json!([]);
    d["prospect"]["name"] = json!(null);
    let r = render(&template(), &d, 0);
    assert!(!r.ready());
    let errors: Vec<(usize, u32, u32, &str)> = r
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| (i.layer, i.line, i.column.unwrap(), i.variable.as_deref().unwrap()))
        .collect();
    assert_eq!(errors, [(0, 1, 73, "company.technologies"), (1, 1, 4, "prospect.name")]);
}

#[test]
fn hostile_data_is_escaped_and_never_run() {
    let hostile = "<script>alert(1)</script>{{ sender.vp.email }}{% if true %}x{% endif %}";
    let r = render(&template(), &data(hostile), 0);
    assert!(r.ready(), "{:?}", r.issues);
    // The text shows the name as it is; the Liquid in it was not executed.
    assert!(
        r.text.contains("<script>alert(1)</script>{{ sender.vp.email }}{% if true %}x{% endif %}")
    );
    assert!(!r.html.contains("<script>"));
    assert!(r.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;{{ sender.vp.email }}"));
    assert!(r.html.contains("default-src 'none'"));
}

#[test]
fn syntax_errors_point_to_the_layer_line_and_column() {
    let mut t = template();
    t.layers[1].body = "Hi,\n\nthis {% if %} breaks".into();
    let r = render(&t, &data("Acme"), 0);
    let e = r.issues.iter().find(|i| i.severity == Severity::Error).expect("an error");
    assert_eq!((e.layer, e.field, e.line), (1, Field::Body, 3), "{e:?}");
    assert!(e.column.is_some() && e.message.starts_with("Liquid syntax error"), "{e:?}");
}

#[test]
fn unknown_variables_are_errors_and_loop_variables_are_not() {
    let mut t = template();
    t.layers[0].body =
        "{{ compnay.name }} {% for x in company.technologies %}{{ x }} {% endfor %}".into();
    let r = render(&t, &data("Acme"), 0);
    let errors: Vec<&str> = r
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .filter_map(|i| i.variable.as_deref())
        .collect();
    assert_eq!(errors, ["compnay.name"]);
}
