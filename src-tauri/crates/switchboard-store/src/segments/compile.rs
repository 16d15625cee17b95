//! A segment definition compiled to a SQL condition on the target's row (`p` for people, `c` for
//! companies), through sea-query: every value is a bound parameter, never text in the SQL.
//! Behavioural rules read the rollups; only property filters and the exact order of a sequence go
//! to the events, and then through the `events_person` index, one person at a time.
//!
//! The JSON functions (`json_extract`, `json_each`) are SQLite's: a Postgres back end would swap
//! the few custom fragments below, the rest is the builder's.

use sea_query::{
    Alias, Condition, Expr, ExprTrait, Func, Order, PostgresQueryBuilder, Query, SelectStatement,
    SqliteQueryBuilder, Value as SqlValue,
};
use serde_json::Value;
use switchboard_core::audience::{
    self, Count, CountOp, EmailAction, EmailCondition, EventType, FunnelOutcome, Performed,
    Quantifier, Rule, ScoreCondition, ScoreOf, Target, TraitCondition, TraitOp, Window,
};
use switchboard_core::{Day, Timestamp};

/// Segments inside segments deeper than this are refused (saving refuses cycles already).
const MAX_DEPTH: usize = 16;

/// What a compilation needs from outside the definition: the clock and the saved segments.
pub struct Scope<'a> {
    pub today: Day,
    pub now: Timestamp,
    pub lookup: &'a dyn Fn(&str) -> Option<audience::Definition>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CompileError(pub String);

type Result<T> = std::result::Result<T, CompileError>;

pub(crate) fn alias(target: Target) -> &'static str {
    match target {
        Target::People => "p",
        Target::Companies => "c",
    }
}

pub(crate) fn table(target: Target) -> &'static str {
    match target {
        Target::People => "people",
        Target::Companies => "companies",
    }
}

pub(crate) fn col(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

fn id(target: Target) -> Expr {
    col(alias(target), "id")
}

pub(crate) fn truth() -> Expr {
    Expr::cust("1")
}

/// `SELECT COUNT(*) FROM <target> WHERE <cond>`.
pub(crate) fn count_query(target: Target, cond: Expr) -> SelectStatement {
    Query::select()
        .expr(Expr::cust("COUNT(*)"))
        .from_as(Alias::new(table(target)), Alias::new(alias(target)))
        .and_where(cond)
        .to_owned()
}

/// `SELECT id FROM <target> WHERE <cond> ORDER BY id`.
pub(crate) fn ids_query(target: Target, cond: Expr) -> SelectStatement {
    Query::select()
        .expr(id(target))
        .from_as(Alias::new(table(target)), Alias::new(alias(target)))
        .and_where(cond)
        .order_by((Alias::new(alias(target)), Alias::new("id")), Order::Asc)
        .to_owned()
}

/// The SQL and its parameters, ready for rusqlite.
pub(crate) fn build(query: &SelectStatement) -> (String, Vec<rusqlite::types::Value>) {
    let (sql, values) = query.build(SqliteQueryBuilder);
    (sql, values.0.into_iter().map(to_sqlite).collect())
}

/// The same query for Postgres: the dialect seam, exercised by a test.
pub fn postgres_sql(query: &SelectStatement) -> String {
    query.build(PostgresQueryBuilder).0
}

fn to_sqlite(v: SqlValue) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        SqlValue::Bool(b) => b.map_or(V::Null, |b| V::Integer(i64::from(b))),
        SqlValue::TinyInt(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::SmallInt(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::Int(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::BigInt(n) => n.map_or(V::Null, V::Integer),
        SqlValue::TinyUnsigned(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::SmallUnsigned(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::Unsigned(n) => n.map_or(V::Null, |n| V::Integer(n.into())),
        SqlValue::BigUnsigned(n) => n.map_or(V::Null, |n| V::Integer(n as i64)),
        SqlValue::Float(n) => n.map_or(V::Null, |n| V::Real(n.into())),
        SqlValue::Double(n) => n.map_or(V::Null, V::Real),
        SqlValue::String(s) => s.map_or(V::Null, V::Text),
        SqlValue::Char(c) => c.map_or(V::Null, |c| V::Text(c.to_string())),
        SqlValue::Bytes(b) => b.map_or(V::Null, V::Blob),
        other => V::Text(format!("{other:?}")),
    }
}

/// The condition a definition's root rule puts on its target's rows.
pub fn condition(rule: &Rule, target: Target, scope: &Scope<'_>) -> Result<Expr> {
    compile(rule, target, scope, 0)
}

fn compile(rule: &Rule, target: Target, scope: &Scope<'_>, depth: usize) -> Result<Expr> {
    if depth > MAX_DEPTH {
        return Err(CompileError(format!(
            "segments nest more than {MAX_DEPTH} deep; flatten the `in_segment` chain"
        )));
    }
    Ok(match rule {
        Rule::All(rules) => {
            if rules.is_empty() {
                return Ok(truth());
            }
            let mut all = Condition::all();
            for r in rules {
                all = all.add(compile(r, target, scope, depth)?);
            }
            all.into()
        }
        Rule::Any(rules) => any(rules, target, scope, depth)?,
        Rule::None(rules) => Expr::not(any(rules, target, scope, depth)?),
        Rule::PersonTrait(c) => person_condition(c),
        Rule::CompanyTrait(c) => match target {
            Target::Companies => company_condition(c, "c"),
            // The person's company looked up by id: cheap when other rules have narrowed the
            // people, where `IN (companies that match)` would read every company first.
            Target::People => Expr::exists(
                Query::select()
                    .expr(truth())
                    .from_as(Alias::new("companies"), Alias::new("pc"))
                    .and_where(col("pc", "id").equals((Alias::new("p"), Alias::new("company_id"))))
                    .and_where(company_condition(c, "pc"))
                    .to_owned(),
            ),
        },
        Rule::Score(s) => score(s, target),
        Rule::Performed(p) => performed(p, scope),
        Rule::NotPerformed(e) => {
            let (from, to) = days(&e.window, scope)?;
            id(Target::People).not_in_subquery(rollup_people(
                &e.event,
                e.event_type,
                Some((from, to)),
            ))
        }
        Rule::FirstTime(e) => {
            let (from, to) = days(&e.window, scope)?;
            id(Target::People).in_subquery(
                Query::select()
                    .column(Alias::new("person_id"))
                    .from(Alias::new("rollups"))
                    .and_where(Expr::col(Alias::new("type")).eq(e.event_type.as_str()))
                    .and_where(Expr::col(Alias::new("name")).eq(e.event.as_str()))
                    .group_by_col(Alias::new("person_id"))
                    .and_having(Expr::col(Alias::new("day")).min().between(from.0, to.0))
                    .to_owned(),
            )
        }
        Rule::Sequence(s) => {
            let window = s.window.as_ref().map(|w| days(w, scope)).transpose()?;
            // The second event after an occurrence of the first, through `events_person`.
            let then = Query::select()
                .expr(truth())
                .from_as(Alias::new("events"), Alias::new("b"))
                .and_where(col("b", "person_id").equals((Alias::new("r"), Alias::new("person_id"))))
                .and_where(col("b", "timestamp").gt(col("a", "timestamp")))
                .and_where(
                    col("b", "timestamp")
                        .lte(col("a", "timestamp").add(audience::days_ms(s.within_days))),
                )
                .and_where(col("b", "type").eq(s.then.event_type.as_str()))
                .and_where(col("b", "name").eq(s.then.event.as_str()))
                .to_owned();
            // An occurrence of the first event on a day the rollups say it happened.
            let first = Query::select()
                .expr(truth())
                .from_as(Alias::new("events"), Alias::new("a"))
                .and_where(col("a", "person_id").equals((Alias::new("r"), Alias::new("person_id"))))
                .and_where(col("a", "timestamp").between(col("r", "first_at"), col("r", "last_at")))
                .and_where(col("a", "type").eq(s.first.event_type.as_str()))
                .and_where(col("a", "name").eq(s.first.event.as_str()))
                .and_where(Expr::exists(then))
                .to_owned();
            let mut days_with_first = Query::select();
            days_with_first
                .expr(col("r", "person_id"))
                .from_as(Alias::new("rollups"), Alias::new("r"))
                .and_where(col("r", "type").eq(s.first.event_type.as_str()))
                .and_where(col("r", "name").eq(s.first.event.as_str()))
                .and_where(Expr::exists(first));
            if let Some((from, to)) = window {
                days_with_first.and_where(col("r", "day").between(from.0, to.0));
            }
            id(Target::People).in_subquery(days_with_first.to_owned())
        }
        Rule::Email(e) => email(e, scope)?,
        Rule::InFunnel(f) => {
            // `funnel_reach` is filled for this definition's funnels before it is compiled
            // (`segments::materialise_funnels`).
            let mut q = Query::select();
            q.expr(col("fr", "person_id"))
                .from_as(Alias::new("funnel_reach"), Alias::new("fr"))
                .and_where(col("fr", "funnel").eq(f.funnel.trim().to_lowercase()));
            match f.outcome {
                FunnelOutcome::Reached => q.and_where(col("fr", "reached").gte(f.step)),
                FunnelOutcome::Dropped => {
                    q.and_where(col("fr", "reached").eq(f.step.saturating_sub(1)))
                }
            };
            id(Target::People).in_subquery(q.to_owned())
        }
        Rule::InSegment(s) => {
            let inner = (scope.lookup)(&s.segment).ok_or_else(|| {
                CompileError(format!("segment `{}` does not exist; save it first", s.segment))
            })?;
            if inner.target != target {
                return Err(CompileError(format!(
                    "segment `{}` is a segment of {}, this one of {}",
                    s.segment,
                    inner.target.as_str(),
                    target.as_str()
                )));
            }
            compile(&inner.rule, target, scope, depth + 1)?
        }
        Rule::People(pc) => {
            let people = compile(&pc.rule, Target::People, scope, depth)?;
            let companies_of = |cond: Expr| {
                Query::select()
                    .expr(col("p", "company_id"))
                    .from_as(Alias::new("people"), Alias::new("p"))
                    .and_where(col("p", "company_id").is_not_null())
                    .and_where(cond)
                    .to_owned()
            };
            match pc.quantifier {
                Quantifier::Any => id(Target::Companies).in_subquery(companies_of(people)),
                Quantifier::None => id(Target::Companies).not_in_subquery(companies_of(people)),
                Quantifier::All => id(Target::Companies)
                    .in_subquery(companies_of(truth()))
                    .and(id(Target::Companies).not_in_subquery(companies_of(Expr::not(people)))),
            }
        }
    })
}

fn any(rules: &[Rule], target: Target, scope: &Scope<'_>, depth: usize) -> Result<Expr> {
    let mut any = Condition::any();
    for r in rules {
        any = any.add(compile(r, target, scope, depth)?);
    }
    Ok(if rules.is_empty() { Expr::cust("0") } else { any.into() })
}

pub(crate) fn days(window: &Window, scope: &Scope<'_>) -> Result<(Day, Day)> {
    window
        .days(scope.today)
        .ok_or_else(|| CompileError("a window's date is not a date; write it as YYYY-MM-DD".into()))
}

/// `[first ms, last ms]` of a day range.
fn span((from, to): (Day, Day)) -> (Timestamp, Timestamp) {
    (from.start(), to.plus(1).start() - 1)
}

fn rollup_people(
    event: &str,
    event_type: EventType,
    window: Option<(Day, Day)>,
) -> SelectStatement {
    let mut q = Query::select();
    q.column(Alias::new("person_id"))
        .from(Alias::new("rollups"))
        .and_where(Expr::col(Alias::new("type")).eq(event_type.as_str()))
        .and_where(Expr::col(Alias::new("name")).eq(event));
    if let Some((from, to)) = window {
        q.and_where(Expr::col(Alias::new("day")).between(from.0, to.0));
    }
    q.to_owned()
}

fn performed(p: &Performed, scope: &Scope<'_>) -> Expr {
    let window = p.window.as_ref().and_then(|w| w.days(scope.today));
    let Count { op, n } = p.count.unwrap_or(Count { op: CountOp::AtLeast, n: 1 });
    // Who did it at all (n = 1), or more than / exactly some number of times.
    let who = |having: Option<(CountOp, u32)>| -> SelectStatement {
        let mut q = if p.filters.is_empty() {
            rollup_people(&p.event, p.event_type, window)
        } else {
            let mut q = Query::select();
            q.column(Alias::new("person_id"))
                .from_as(Alias::new("events"), Alias::new("e"))
                .and_where(col("e", "person_id").is_not_null())
                .and_where(col("e", "type").eq(p.event_type.as_str()))
                .and_where(col("e", "name").eq(p.event.as_str()));
            if let Some(w) = window {
                let (a, b) = span(w);
                q.and_where(col("e", "timestamp").between(a, b));
            }
            for f in &p.filters {
                q.and_where(value_condition(&Subject::json(col("e", "properties"), &f.key), f));
            }
            q.to_owned()
        };
        if let Some((op, n)) = having {
            let total = if p.filters.is_empty() {
                Expr::col(Alias::new("n")).sum()
            } else {
                Expr::cust("COUNT(*)")
            };
            let test = match op {
                CountOp::AtLeast => total.gte(n),
                CountOp::AtMost => total.gt(n),
                CountOp::Exactly => total.eq(n),
            };
            q.group_by_col(Alias::new("person_id")).and_having(test);
        }
        q
    };
    let person = id(Target::People);
    match (op, n) {
        (CountOp::AtLeast, 0) => truth(),
        (CountOp::AtLeast, 1) => person.in_subquery(who(None)),
        (CountOp::AtLeast, n) => person.in_subquery(who(Some((CountOp::AtLeast, n)))),
        (CountOp::AtMost, n) => person.not_in_subquery(who(Some((CountOp::AtMost, n)))),
        (CountOp::Exactly, 0) => person.not_in_subquery(who(None)),
        (CountOp::Exactly, n) => person.in_subquery(who(Some((CountOp::Exactly, n)))),
    }
}

fn email(e: &EmailCondition, scope: &Scope<'_>) -> Result<Expr> {
    let window = e.window.as_ref().map(|w| days(w, scope)).transpose()?;
    let kind = match e.action {
        EmailAction::Received | EmailAction::NotOpened => "delivered",
        EmailAction::Opened => "opened",
        EmailAction::Clicked => "clicked",
        EmailAction::Replied => "replied",
        EmailAction::Bounced => "bounced",
    };
    let mut q = Query::select();
    q.expr(col("d", "person_id"))
        .from_as(Alias::new("email_activity"), Alias::new("d"))
        .and_where(col("d", "person_id").is_not_null())
        .and_where(col("d", "kind").eq(kind));
    if let Some(campaign) = &e.campaign {
        q.and_where(col("d", "campaign").eq(campaign.as_str()));
    }
    if let Some(w) = window {
        let (a, b) = span(w);
        q.and_where(col("d", "at").between(a, b));
    }
    if e.action == EmailAction::NotOpened {
        let grace = audience::days_ms(e.within_days.unwrap_or(0));
        // The days to open it must have passed, and no open of that delivery came within them.
        q.and_where(col("d", "at").add(grace).lte(scope.now)).and_where(Expr::not(Expr::exists(
            Query::select()
                .expr(truth())
                .from_as(Alias::new("email_activity"), Alias::new("o"))
                .and_where(
                    col("o", "delivery_id").equals((Alias::new("d"), Alias::new("delivery_id"))),
                )
                .and_where(col("o", "kind").eq("opened"))
                .and_where(col("o", "at").lte(col("d", "at").add(grace)))
                .to_owned(),
        )));
    }
    Ok(id(Target::People).in_subquery(q.to_owned()))
}

fn score(s: &ScoreCondition, target: Target) -> Expr {
    let of = match (target, s.of) {
        (Target::Companies, _) | (Target::People, Some(ScoreOf::Company)) => "company",
        (Target::People, _) => "person",
    };
    let mut q = Query::select();
    q.column(Alias::new("entity_id"))
        .from(Alias::new("scores"))
        .and_where(Expr::col(Alias::new("entity")).eq(of));
    if let Some(model) = &s.model {
        q.and_where(Expr::col(Alias::new("model")).eq(model.as_str()));
    }
    if !s.fit_segment.is_empty() {
        q.and_where(
            Expr::col(Alias::new("segment")).is_in(s.fit_segment.iter().map(String::as_str)),
        );
    }
    if let Some(min) = s.min {
        q.and_where(Expr::col(Alias::new("score")).gte(min));
    }
    if let Some(max) = s.max {
        q.and_where(Expr::col(Alias::new("score")).lte(max));
    }
    match (target, of) {
        // Looked up for each person's company, as for company traits.
        (Target::People, "company") => Expr::exists(
            q.and_where(
                Expr::col(Alias::new("entity_id"))
                    .equals((Alias::new("p"), Alias::new("company_id"))),
            )
            .to_owned(),
        ),
        _ => id(target).in_subquery(q.to_owned()),
    }
}

/// Where a condition's value comes from.
enum Subject {
    /// A column holding a scalar.
    Column(Expr),
    /// A column holding a JSON array (a company's technologies).
    List(Expr),
    /// A path into a JSON document: `$."a"."b"` for the key `a.b`.
    Json { doc: Expr, path: String },
}

impl Subject {
    fn json(doc: Expr, key: &str) -> Subject {
        let path = key
            .split('.')
            .map(|part| format!(".\"{}\"", part.replace('"', "\\\"")))
            .collect::<String>();
        Subject::Json { doc, path: format!("${path}") }
    }

    fn value(&self) -> Expr {
        match self {
            Subject::Column(e) | Subject::List(e) => e.clone(),
            Subject::Json { doc, path } => {
                Func::cust(Alias::new("json_extract")).arg(doc.clone()).arg(path.as_str()).into()
            }
        }
    }
}

fn person_condition(c: &TraitCondition) -> Expr {
    if audience::PERSON_FIELDS.contains(&c.key.as_str()) {
        return value_condition(&Subject::Column(col("p", &c.key)), c);
    }
    trait_condition(c)
}

/// A trait rule through `person_traits`: the index on (key, value) answers equality, lists and
/// ranges; substrings scan one key's rows, never the people's JSON.
fn trait_condition(c: &TraitCondition) -> Expr {
    let v = c.value.clone().unwrap_or(Value::Null);
    let rows = |element: Option<i64>, test: Option<Expr>| {
        let mut q = Query::select();
        q.column(Alias::new("person_id"))
            .from(Alias::new("person_traits"))
            .and_where(Expr::col(Alias::new("key")).eq(c.key.as_str()));
        if let Some(e) = element {
            q.and_where(Expr::col(Alias::new("element")).eq(e));
        } else {
            q.and_where(Expr::col(Alias::new("element")).lt(2));
        }
        if let Some(test) = test {
            q.and_where(test);
        }
        q.to_owned()
    };
    let value = || Expr::col(Alias::new("value"));
    let person = id(Target::People);
    let any_row = || {
        Query::select()
            .column(Alias::new("person_id"))
            .from(Alias::new("person_traits"))
            .and_where(Expr::col(Alias::new("key")).eq(c.key.as_str()))
            .to_owned()
    };
    let number = |test: Expr| {
        Func::cust(Alias::new("typeof")).arg(value()).is_in(["integer", "real"]).and(test)
    };
    let contains = || {
        let needle = v.as_str().unwrap_or_default();
        let element = Expr::col(Alias::new("element")).eq(1).and(value().eq(needle));
        let substring = Expr::col(Alias::new("element")).eq(0).and(
            Func::cust(Alias::new("instr"))
                .arg(Func::lower(value()))
                .arg(Func::lower(Expr::val(needle)))
                .gt(0),
        );
        rows(None, Some(Condition::any().add(element).add(substring).into()))
    };
    match c.op {
        // Lists and objects exist too (element 2).
        TraitOp::Exists => person.in_subquery(any_row()),
        TraitOp::NotExists => person.not_in_subquery(any_row()),
        TraitOp::Equals => person.in_subquery(rows(Some(0), Some(value().eq(sql_value(&v))))),
        TraitOp::NotEquals => {
            person.not_in_subquery(rows(Some(0), Some(value().eq(sql_value(&v)))))
        }
        TraitOp::OneOf => person.in_subquery(rows(
            Some(0),
            Some(value().is_in(v.as_array().into_iter().flatten().map(sql_value))),
        )),
        TraitOp::Contains => person.in_subquery(contains()),
        TraitOp::NotContains => person.not_in_subquery(contains()),
        TraitOp::StartsWith => {
            let prefix = v.as_str().unwrap_or_default();
            person.in_subquery(rows(
                Some(0),
                Some(
                    Func::cust(Alias::new("substr"))
                        .args([
                            Func::lower(value()).into(),
                            Expr::val(1),
                            Expr::val(prefix.chars().count() as i64),
                        ])
                        .eq(Func::lower(Expr::val(prefix))),
                ),
            ))
        }
        TraitOp::GreaterThan => {
            person.in_subquery(rows(Some(0), Some(number(value().gt(sql_value(&v))))))
        }
        TraitOp::AtLeast => {
            person.in_subquery(rows(Some(0), Some(number(value().gte(sql_value(&v))))))
        }
        TraitOp::LessThan => {
            person.in_subquery(rows(Some(0), Some(number(value().lt(sql_value(&v))))))
        }
        TraitOp::AtMost => {
            person.in_subquery(rows(Some(0), Some(number(value().lte(sql_value(&v))))))
        }
    }
}

fn company_condition(c: &TraitCondition, table: &str) -> Expr {
    let subject = if c.key == "technologies" {
        Subject::List(col(table, "technologies"))
    } else {
        Subject::Column(col(table, &c.key))
    };
    value_condition(&subject, c)
}

fn sql_value(v: &Value) -> Expr {
    match v {
        Value::Bool(b) => Expr::val(i64::from(*b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Expr::val(i),
            None => Expr::val(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => Expr::val(s.as_str()),
        other => Expr::val(other.to_string()),
    }
}

/// Text compares without case; numbers and booleans as they are.
fn equals(x: Expr, v: &Value) -> Expr {
    match v {
        Value::String(s) => Func::lower(x).eq(Func::lower(Expr::val(s.as_str()))),
        other => x.eq(sql_value(other)),
    }
}

/// Whether the subject contains `needle`: an element of a list, or a substring of a text.
fn contains(subject: &Subject, needle: &str) -> Expr {
    let element = |list: Expr, path: Option<&str>| {
        let (sql, mut args) = match path {
            Some(p) => (
                "EXISTS (SELECT 1 FROM json_each(?, ?) WHERE lower(value) = lower(?))",
                vec![list, Expr::val(p)],
            ),
            None => {
                ("EXISTS (SELECT 1 FROM json_each(?) WHERE lower(value) = lower(?))", vec![list])
            }
        };
        args.push(Expr::val(needle));
        Expr::cust_with_exprs(sql, args)
    };
    let substring = |x: Expr| {
        Func::cust(Alias::new("instr"))
            .arg(Func::lower(x))
            .arg(Func::lower(Expr::val(needle)))
            .gt(0)
    };
    match subject {
        Subject::Column(x) => substring(x.clone()),
        Subject::List(x) => element(x.clone(), None),
        Subject::Json { doc, path } => Expr::cust_with_exprs(
            "(CASE json_type(?, ?) WHEN 'array' THEN ? ELSE ? END)",
            [
                doc.clone(),
                Expr::val(path.as_str()),
                element(doc.clone(), Some(path)),
                substring(subject.value()),
            ],
        ),
    }
}

fn value_condition(subject: &Subject, c: &TraitCondition) -> Expr {
    let x = subject.value();
    let present = match subject {
        Subject::List(list) => Func::cust(Alias::new("json_array_length")).arg(list.clone()).gt(0),
        _ => x.clone().is_not_null(),
    };
    let v = c.value.clone().unwrap_or(Value::Null);
    let number = |x: Expr| Func::cust(Alias::new("typeof")).arg(x).is_in(["integer", "real"]);
    match c.op {
        TraitOp::Exists => present,
        TraitOp::NotExists => Expr::not(present),
        TraitOp::Equals => equals(x, &v),
        TraitOp::NotEquals => x.clone().is_null().or(Expr::not(equals(x, &v))),
        TraitOp::OneOf => {
            let mut any = Condition::any();
            for item in v.as_array().into_iter().flatten() {
                any = any.add(equals(x.clone(), item));
            }
            any.into()
        }
        TraitOp::Contains => {
            Func::coalesce([contains(subject, v.as_str().unwrap_or_default()), Expr::val(0)]).into()
        }
        TraitOp::NotContains => Expr::not(
            Func::coalesce([contains(subject, v.as_str().unwrap_or_default()), Expr::val(0)])
                .into(),
        ),
        TraitOp::StartsWith => {
            let prefix = v.as_str().unwrap_or_default();
            Func::cust(Alias::new("substr"))
                .args([
                    Func::lower(x).into(),
                    Expr::val(1),
                    Expr::val(prefix.chars().count() as i64),
                ])
                .eq(Func::lower(Expr::val(prefix)))
        }
        TraitOp::GreaterThan => number(x.clone()).and(x.gt(sql_value(&v))),
        TraitOp::AtLeast => number(x.clone()).and(x.gte(sql_value(&v))),
        TraitOp::LessThan => number(x.clone()).and(x.lt(sql_value(&v))),
        TraitOp::AtMost => number(x.clone()).and(x.lte(sql_value(&v))),
    }
}
