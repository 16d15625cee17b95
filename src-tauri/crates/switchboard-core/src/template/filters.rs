//! The Liquid parser templates use: Liquid's standard tags and filters, plus two for the common
//! cases of an outbound email: `first_name` ("Ada Lovelace" → "Ada") and `sentence` (a list as
//! "A, B and C").

use liquid_core::{
    Display_filter, Filter, FilterReflection, ParseFilter, Result, Runtime, Value, ValueView,
};

pub(super) fn parser() -> liquid::Parser {
    liquid::ParserBuilder::with_stdlib()
        .filter(FirstName)
        .filter(Sentence)
        .build()
        .expect("the standard library and two filters always build")
}

#[derive(Clone, ParseFilter, FilterReflection)]
#[filter(
    name = "first_name",
    description = "The first word of a full name.",
    parsed(FirstNameFilter)
)]
pub(super) struct FirstName;

#[derive(Debug, Default, Display_filter)]
#[name = "first_name"]
struct FirstNameFilter;

impl Filter for FirstNameFilter {
    fn evaluate(&self, input: &dyn ValueView, _runtime: &dyn Runtime) -> Result<Value> {
        if input.is_nil() {
            return Ok(Value::Nil);
        }
        let name = input.to_kstr();
        Ok(Value::scalar(name.split_whitespace().next().unwrap_or_default().to_owned()))
    }
}

#[derive(Clone, ParseFilter, FilterReflection)]
#[filter(name = "sentence", description = "A list as \"A, B and C\".", parsed(SentenceFilter))]
pub(super) struct Sentence;

#[derive(Debug, Default, Display_filter)]
#[name = "sentence"]
struct SentenceFilter;

impl Filter for SentenceFilter {
    fn evaluate(&self, input: &dyn ValueView, _runtime: &dyn Runtime) -> Result<Value> {
        let Some(items) = input.as_array() else {
            return Ok(input.to_value());
        };
        let words: Vec<String> = items
            .values()
            .map(|v| v.to_kstr().to_string())
            .filter(|s| !s.trim().is_empty())
            .collect();
        let text = match words.as_slice() {
            [] => return Ok(Value::Nil),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        Ok(Value::scalar(text))
    }
}
