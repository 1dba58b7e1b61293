//! The matrix as CSV, for a spreadsheet and for reading back in.
//!
//! The layout is fixed, because steward reads it back: a header row whose first cell is
//! `Channel or duty`, then one column per party in matrix order (a person's name, or
//! `NAME (department)`); then one record per channel and duty, in plan order: the row's
//! name, then per party the roles it holds, joined by `/` in the order A, R, C, I (`A`,
//! `A/R`, `R/C`), empty when none. Nothing else: no problems, no ids.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
//! also after a tab or carriage return), so a name like `=HYPERLINK(…)` could act when the
//! file is opened. Every such cell gets one leading `'`, which a spreadsheet shows as text.

use std::borrow::Cow;

use crate::model::Plan;

use super::{cell_text, party_label};

/// The first cell of the header row.
pub const CORNER: &str = "Channel or duty";

/// The end of a header that names a department: `Marketing (department)`.
pub const DEPARTMENT_SUFFIX: &str = "(department)";

/// The first characters that make a spreadsheet read a cell as a formula; the export
/// writes a `'` before them, and the import takes that `'` away again.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The matrix of `plan` as CSV text (records end with `\n`).
///
/// # Errors
/// Only if the CSV writer fails, which it does not do when writing to memory.
pub fn table(plan: &Plan) -> Result<String, ::csv::Error> {
    let parties = plan.parties();
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let header = std::iter::once(CORNER.to_string()).chain(parties.iter().map(party_label));
    out.write_record(header.map(|c| guard(&c).into_owned()))?;
    for row in &plan.rows {
        let cells = parties.iter().map(|p| cell_text(&row.roles_of(p.id())));
        let record = std::iter::once(row.name.clone()).chain(cells);
        out.write_record(record.map(|c| guard(&c).into_owned()))?;
    }
    let bytes = out
        .into_inner()
        .map_err(::csv::IntoInnerError::into_error)?;
    // Every cell came from a `&str`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The cell with a leading `'` when a spreadsheet would take it for a formula.
#[must_use]
pub fn guard(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_formula_starts_are_guarded() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard(bad), format!("'{bad}"));
        }
        for fine in ["Sam", "a=b", " =x", "'quoted", "", "A/R"] {
            assert_eq!(guard(fine), fine);
        }
    }
}
