//! The hybrid logical clock that orders the versions of one record across copies.
//!
//! A clock value is one `i64`: milliseconds since 1970 (UTC) times 65 536, plus a counter. A new
//! local edit gets `max(now, the greatest clock in this file + 1)`, so a file's clock never goes
//! backwards, even when the machine's own clock does, and an edit made after a merge is always
//! newer than everything merged. Comparing two clocks is comparing two integers, in SQL and in
//! Rust alike. Version-1 score files carry no clock; theirs is read from `updated_at`, exactly
//! as migration 0005 derives it for existing rows.

use chrono::{DateTime, Utc};

/// How many counter values fit in one millisecond.
const COUNTER_SPAN: i64 = 1 << 16;

/// How far ahead of this machine's clock a file's clock may be before the file is refused.
pub const MAX_AHEAD_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// A revision beyond this is not a count of real edits; a file carrying one is refused.
pub const MAX_REVISION: i64 = 1_000_000_000;

/// The clock of a moment, with counter 0.
pub fn clock_at(moment: DateTime<Utc>) -> i64 {
    moment.timestamp_millis().saturating_mul(COUNTER_SPAN)
}

/// The next clock for a local edit, given the greatest clock already in the file.
pub fn next_clock(greatest_in_file: Option<i64>, now: DateTime<Utc>) -> i64 {
    let wall = clock_at(now);
    match greatest_in_file {
        Some(greatest) if greatest >= wall => greatest.saturating_add(1),
        _ => wall,
    }
}

/// The clock of an ISO 8601 time as files store it, or `None` if it is not one.
pub fn clock_of_time(text: &str) -> Option<i64> {
    DateTime::parse_from_rfc3339(text).ok().map(|moment| clock_at(moment.with_timezone(&Utc)))
}

/// The wall time a clock value stands for, in ISO 8601 (for messages).
pub fn clock_time(clock: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(clock.div_euclid(COUNTER_SPAN))
        .map_or_else(|| clock.to_string(), |moment| moment.format("%d.%m.%Y %H:%M UTC").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_on_from_the_file_even_when_the_machine_clock_goes_back() {
        let now = DateTime::parse_from_rfc3339("2026-12-02T01:05:15.123Z").unwrap().to_utc();
        let wall = clock_at(now);
        assert_eq!(next_clock(None, now), wall);
        assert_eq!(next_clock(Some(wall - 5), now), wall);
        assert_eq!(next_clock(Some(wall), now), wall + 1);
        assert_eq!(next_clock(Some(wall + 1000), now), wall + 1001);
    }

    #[test]
    fn a_version_one_time_gives_the_same_clock_as_the_migration() {
        // 2026-12-02T01:05:15.123Z is 1 796 173 515 123 ms after 1970.
        assert_eq!(clock_of_time("2026-12-02T01:05:15.123Z"), Some(1_796_173_515_123 * 65_536));
        assert_eq!(clock_of_time("i går"), None);
    }
}
