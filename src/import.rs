//! A RACI matrix from a spreadsheet, saved as CSV, made into a plan: `steward import`.
//!
//! The first column names the rows, which become channels; the first row names the
//! parties: `NAME (department)` is a department, any other name a person on staff. Each
//! cell holds role letters in any common spelling (`A/R`, `AR`, `r, a`, `Accountable`).
//! Whatever cannot be understood is reported with its cell (`C4`), every such cell at
//! once, and nothing is imported: steward never guesses what a cell meant.
//!
//! This reads back what `steward export --format csv` writes, formula guarding included:
//! a cell the export began with `'` (because it started with `=`, `+`, `-`, `@`, a tab or
//! a carriage return) loses that one `'`.
//!
//! `matrix.rs` makes the plan of the CSV text and touches no file; `error.rs` says what
//! went wrong, in words; this file reads the CSV file.

mod error;
mod matrix;

use std::io;
use std::path::Path;

use crate::model::Plan;
use crate::store;

pub use error::{CellError, ImportError};
pub use matrix::{column_letters, from_csv, parse_roles, unguard};

/// Reads the CSV file at `path` and makes it a plan.
///
/// # Errors
/// The file cannot be read, is too large, is not UTF-8, or holds cells that cannot be
/// understood.
pub fn read(path: &Path) -> Result<Plan, ImportError> {
    // The same capped reader as a plan's: a pipe or a device stops at the cap.
    from_read(store::read_bytes(path))
}

/// Makes a plan of CSV bytes read by the plan's capped reader, from a file or from
/// standard input (`steward import -`).
///
/// # Errors
/// As [`read`].
pub fn from_read(read: Result<Vec<u8>, store::LoadError>) -> Result<Plan, ImportError> {
    let bytes = read.map_err(|e| match e {
        store::LoadError::IsDir { .. } => ImportError::IsDir,
        store::LoadError::TooLarge { size, .. } => ImportError::TooLarge(size),
        store::LoadError::Io { source, .. } => ImportError::Read(source),
        invalid @ store::LoadError::Invalid { .. } => {
            ImportError::Read(io::Error::other(invalid.to_string()))
        }
    })?;
    from_csv(&bytes)
}
