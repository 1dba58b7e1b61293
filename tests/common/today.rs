//! The one day the tests check plans on, so that what the dates in a plan mean (stale,
//! leaving soon, gone) stays put whatever the clock says.

#![allow(
    dead_code,
    reason = "a test file uses the form it needs, the text or the date; `expect` cannot say that, as what is unused differs from file to file"
)]

use chrono::NaiveDate;

/// The day, as `--today` and `STEWARD_TODAY` take it.
pub const TODAY: &str = "2026-11-23";

/// The day, as the library takes it.
pub fn today() -> NaiveDate {
    TODAY.parse().expect("TODAY is a day")
}
