//! The day axis the time charts share: its range and its labels.

use std::ops::Range;

use switchboard_core::Day;

/// The x range covering `first..=last`, widened by a day each side when there is a single day so
/// its point sits in the middle rather than on an edge.
pub(crate) fn range(first: Day, last: Day) -> Range<i64> {
    if first == last { first.0 - 1..last.0 + 1 } else { first.0..last.0 }
}

/// The axis label for a day number.
pub(crate) fn label(day: &i64) -> String {
    crate::format::day(Day(*day))
}
