//! Amounts as the ad platforms write them, turned into integer minor units without ever passing
//! through a float: decimal text (Facebook's `"12.34"`, AdRoll's `12.3456`) and micros (Google's
//! `cost_micros`). Both assume a currency with two decimals (cents); a zero- or three-decimal
//! currency would need the currency's exponent, which no caller has yet.
//!
//! This module only does arithmetic: it never sees a request, a key or a vendor.

/// Exact decimal text (`"12"`, `"12.3"`, `"12.345"`, `"1.5e-3"`) as minor units of a two-decimal
/// currency, rounding half away from zero beyond the second decimal. `None` for anything that is
/// not a plain non-negative decimal, including every negative amount: spend is never negative,
/// so a minus sign means the vendor sent something else.
pub(crate) fn minor_units(text: &str) -> Option<i64> {
    // serde_json prints very small or very large numbers with an exponent.
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((int, frac)) if !frac.is_empty() => (int, frac),
        Some(_) => return None,
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if int.is_empty() || !digits(int) || !digits(frac) {
        return None;
    }
    let all = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    // The amount is `all` × 10^(exponent − len(frac)); in cents, × 10^2 more.
    let shift = i64::from(exponent) - frac.len() as i64 + 2;
    if all.is_empty() {
        return Some(0);
    }
    if shift >= 0 {
        let shift = u32::try_from(shift).ok()?;
        return all.parse::<i64>().ok()?.checked_mul(10i64.checked_pow(shift)?);
    }
    // Keep the leading digits; the first dropped digit decides the rounding (half away from
    // zero, and every amount here is positive).
    let kept = all.len() as i64 + shift;
    if kept < 0 {
        return Some(0);
    }
    let kept = usize::try_from(kept).ok()?;
    let (whole, dropped) = all.split_at(kept);
    let whole = if whole.is_empty() { 0 } else { whole.parse::<i64>().ok()? };
    let up = dropped.as_bytes().first().is_some_and(|d| *d >= b'5');
    whole.checked_add(i64::from(up))
}

/// Google's micros (millionths of the currency unit) as minor units of a two-decimal currency:
/// ÷ 10,000, rounded half up.
pub(crate) fn micros_to_minor(micros: i64) -> i64 {
    // i128 so that adding the half can never overflow; the quotient always fits back.
    ((i128::from(micros) + 5_000).div_euclid(10_000)) as i64
}

/// The text of a JSON string, or the printed form of a JSON number, for [`minor_units`] or a
/// count. A number is printed back from its parsed form, which gives its original digits for
/// any amount of up to 15 significant digits; no arithmetic is ever done on the float.
pub(crate) fn json_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A non-negative whole count (impressions, clicks) from a JSON string or number.
pub(crate) fn count(value: &serde_json::Value) -> Option<i64> {
    match value {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.parse::<i64>().ok(),
        _ => None,
    }
    .filter(|n| *n >= 0)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn decimal_text_to_cents() {
        assert_eq!(minor_units("12"), Some(1200));
        assert_eq!(minor_units("12.3"), Some(1230));
        assert_eq!(minor_units("12.34"), Some(1234));
        assert_eq!(minor_units("0"), Some(0));
        assert_eq!(minor_units("0.00"), Some(0));
        assert_eq!(minor_units("007.10"), Some(710));
        assert_eq!(minor_units("1234567.89"), Some(123_456_789));
    }

    #[test]
    fn beyond_two_decimals_rounds_half_away_from_zero() {
        assert_eq!(minor_units("12.345"), Some(1235));
        assert_eq!(minor_units("12.344"), Some(1234));
        assert_eq!(minor_units("12.3449999"), Some(1234));
        assert_eq!(minor_units("0.005"), Some(1));
        assert_eq!(minor_units("0.0049"), Some(0));
        assert_eq!(minor_units("0.995"), Some(100));
        assert_eq!(minor_units("99.999"), Some(10_000));
        // 0.1 + 0.2 in floats is 0.30000000000000004; in text it is exact.
        assert_eq!(minor_units("0.30000000000000004"), Some(30));
    }

    #[test]
    fn exponents_as_serde_json_prints_them() {
        assert_eq!(minor_units("1e2"), Some(10_000));
        assert_eq!(minor_units("1.5E+1"), Some(1500));
        assert_eq!(minor_units("1.5e-3"), Some(0));
        assert_eq!(minor_units("5e-3"), Some(1));
        assert_eq!(minor_units("1e-7"), Some(0));
        assert_eq!(minor_units("1e-400"), Some(0));
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "", "-0.5", "-12", "+1", ".5", "12.", "1,5", "1 000", "12.3.4", "abc", "NaN", "1e",
            "e5", "12.34 ", " 12", "0x10",
        ] {
            assert_eq!(minor_units(bad), None, "{bad:?}");
        }
        // Too large for i64 cents.
        assert_eq!(minor_units("92233720368547758.08"), None);
        assert_eq!(minor_units("1e30"), None);
        assert_eq!(minor_units("92233720368547758.07"), Some(i64::MAX));
    }

    #[test]
    fn micros_divide_by_ten_thousand_rounding_half_up() {
        assert_eq!(micros_to_minor(1_234_560_000), 123_456);
        assert_eq!(micros_to_minor(1_234_565_000), 123_457);
        assert_eq!(micros_to_minor(1_234_564_999), 123_456);
        assert_eq!(micros_to_minor(5_000), 1);
        assert_eq!(micros_to_minor(4_999), 0);
        assert_eq!(micros_to_minor(0), 0);
        assert_eq!(micros_to_minor(-5_000), 0, "half up, towards positive infinity");
        assert_eq!(micros_to_minor(i64::MAX), i64::MAX / 10_000 + 1);
    }

    #[test]
    fn json_numbers_keep_their_digits() {
        assert_eq!(json_text(&json!(12.34)).as_deref(), Some("12.34"));
        assert_eq!(json_text(&json!(12)).as_deref(), Some("12"));
        assert_eq!(json_text(&json!("12.345")).as_deref(), Some("12.345"));
        assert_eq!(json_text(&json!(null)), None);
        let parsed: serde_json::Value = serde_json::from_str("[1234.5678, 0.1, 1e-7]").unwrap();
        let cents: Vec<_> = parsed
            .as_array()
            .unwrap()
            .iter()
            .map(|v| minor_units(&json_text(v).unwrap()))
            .collect();
        assert_eq!(cents, [Some(123_457), Some(10), Some(0)]);
        assert_eq!(count(&json!("42")), Some(42));
        assert_eq!(count(&json!(42)), Some(42));
        assert_eq!(count(&json!(-1)), None);
        assert_eq!(count(&json!("4.2")), None);
    }
}
