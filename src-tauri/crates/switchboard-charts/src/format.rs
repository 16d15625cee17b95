//! How numbers read on a chart: counts with thousands separators, percentages to one decimal,
//! money in major units with the currency's symbol, dates as "Mar 4".
//!
//! Exact where the input is exact: percentages and amounts are rounded from integers, never
//! through floats, so a label says what the table beside the chart says. Axis ticks are the one
//! float input (plotters places them), and are rounded to the minor unit first.

use switchboard_core::Day;
use switchboard_core::cac::Currency;

/// `1234567` as `1,234,567`.
pub(crate) fn count(n: u64) -> String {
    group(&n.to_string())
}

/// Thousands separators for a string of ASCII digits.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `part / whole` as a percentage with one decimal, rounded half up: `42.0%`. None when `whole`
/// is zero.
pub(crate) fn percent(part: u64, whole: u64) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let tenths = (u128::from(part) * 1000 + u128::from(whole) / 2) / u128::from(whole);
    Some(format!("{}.{}%", group(&(tenths / 10).to_string()), tenths % 10))
}

/// `numerator / denominator` minor units, as major units with `decimals` decimals, rounded half
/// away from zero, with the currency's symbol: `$1,200.00`, `$0.0042`, `12.50 CHF`.
pub(crate) fn money_ratio(
    numerator: i128,
    denominator: u128,
    currency: &Currency,
    decimals: u32,
) -> String {
    let denominator = denominator.max(1);
    let minor_digits = currency.minor_digits;
    // Scale so that one unit of `scaled` is 10^-decimals of the major unit.
    let (num, den) = if decimals >= minor_digits {
        (numerator.unsigned_abs() * 10u128.pow(decimals - minor_digits), denominator)
    } else {
        (numerator.unsigned_abs(), denominator * 10u128.pow(minor_digits - decimals))
    };
    let scaled = (num + den / 2) / den;
    let unit = 10u128.pow(decimals);
    let whole = group(&(scaled / unit).to_string());
    let number = if decimals == 0 {
        whole
    } else {
        format!("{whole}.{:0width$}", scaled % unit, width = decimals as usize)
    };
    let sign = if numerator < 0 && scaled != 0 { "-" } else { "" };
    match symbol(currency) {
        Some(s) => format!("{sign}{s}{number}"),
        None => format!("{sign}{number} {}", currency.code),
    }
}

/// The symbols `switchboard_core::cac::Money` prints (a test holds the two together).
fn symbol(currency: &Currency) -> Option<&'static str> {
    match currency.code.as_str() {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

/// An axis tick in major units: whole amounts without decimals (`$1,200`), others with the
/// currency's minor digits (`$0.25`).
pub(crate) fn money_tick(major: f64, currency: &Currency) -> String {
    let scale = 10i64.pow(currency.minor_digits);
    // Ticks are at most a few billion major units, far inside i64 minor units.
    let minor = (major * scale as f64).round() as i64;
    money(minor, currency)
}

/// An amount, without decimals when it is whole: `$1,200`, `$1,200.50`.
pub(crate) fn money(minor: i64, currency: &Currency) -> String {
    let decimals =
        if minor % 10i64.pow(currency.minor_digits) == 0 { 0 } else { currency.minor_digits };
    money_ratio(i128::from(minor), 1, currency, decimals)
}

/// A cost per person: `spend` minor units over `people`, with the currency's minor digits, and
/// more (up to four more) while fewer than two significant digits would show, so a display
/// channel at a fraction of a cent reads `$0.0042` rather than `$0.00`.
pub(crate) fn money_per(spend_minor: i64, people: u64, currency: &Currency) -> String {
    let mut decimals = currency.minor_digits;
    let (num, den) = (i128::from(spend_minor).unsigned_abs(), u128::from(people.max(1)));
    while decimals < currency.minor_digits + 4 {
        let scaled = (num * 10u128.pow(decimals - currency.minor_digits) + den / 2) / den;
        if scaled >= 10 || num == 0 {
            break;
        }
        decimals += 1;
    }
    money_ratio(i128::from(spend_minor), den, currency, decimals)
}

/// A day as an axis label: `Mar 4`.
pub(crate) fn day(day: Day) -> String {
    day.date().format("%b %-d").to_string()
}

#[cfg(test)]
// Amounts are written dollars_cents.
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;
    use switchboard_core::cac::Money;

    fn usd() -> Currency {
        Currency::parse("USD").unwrap()
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn percentages_round_half_up_to_one_decimal() {
        assert_eq!(percent(1, 3).as_deref(), Some("33.3%"));
        assert_eq!(percent(2, 3).as_deref(), Some("66.7%"));
        assert_eq!(percent(1, 2000).as_deref(), Some("0.1%"));
        assert_eq!(percent(0, 5).as_deref(), Some("0.0%"));
        assert_eq!(percent(50, 10).as_deref(), Some("500.0%"));
        assert_eq!(percent(3, 0), None);
    }

    #[test]
    fn whole_amounts_read_as_core_prints_them_without_cents() {
        for code in ["USD", "EUR", "GBP", "JPY", "CHF", "KWD"] {
            let currency = Currency::parse(code).unwrap();
            let minor = 123_400 * 10i64.pow(currency.minor_digits);
            let core = Money { minor, currency: currency.clone() }.to_string();
            let ours = money_ratio(i128::from(minor), 1, &currency, currency.minor_digits);
            assert_eq!(ours, core, "{code}");
        }
    }

    #[test]
    fn ticks_drop_cents_only_when_whole() {
        assert_eq!(money_tick(1200.0, &usd()), "$1,200");
        assert_eq!(money_tick(0.25, &usd()), "$0.25");
        assert_eq!(money_tick(0.0, &usd()), "$0");
        let chf = Currency::parse("CHF").unwrap();
        assert_eq!(money_tick(1500.0, &chf), "1,500 CHF");
    }

    #[test]
    fn costs_per_person_keep_two_significant_digits() {
        assert_eq!(money_per(4000_00, 10_000, &usd()), "$0.40");
        assert_eq!(money_per(12_34, 1, &usd()), "$12.34");
        // $42 over 10,000 people is $0.0042 each.
        assert_eq!(money_per(42_00, 10_000, &usd()), "$0.0042");
        assert_eq!(money_per(0, 10, &usd()), "$0.00");
        // Never more than four extra digits.
        assert_eq!(money_per(1, 100_000_000, &usd()), "$0.000000");
    }

    #[test]
    fn days_read_as_month_and_day() {
        assert_eq!(day(Day::parse("2025-03-04").unwrap()), "Mar 4");
    }
}
