//! What can go wrong in an import, and how steward says it: every message names the
//! file and, for a cell, its place in the spreadsheet and the names of its row and column.

use std::fmt::{self, Write as _};
use std::io;
use std::path::Path;

use crate::store::{self, MAX_PLAN_BYTES};
use crate::text;

/// Why a CSV file could not be imported.
#[derive(Debug)]
pub enum ImportError {
    Read(io::Error),
    IsDir,
    /// Above the cap: its size, when a plain file says it (a pipe does not).
    TooLarge(Option<u64>),
    /// The bytes are not UTF-8; where the first bad byte is (line and column from 1).
    NotUtf8 {
        line: usize,
        column: usize,
    },
    /// Nothing but empty rows.
    Empty,
    /// The header row names no person or department.
    NoParties {
        row: usize,
        /// A separator other than the comma that the header row seems to use.
        separator: Option<char>,
    },
    /// There is a header row, but no row under it.
    NoRows {
        row: usize,
    },
    /// Cells that cannot be understood, in reading order.
    Cells(Vec<CellError>),
}

/// One cell that cannot be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Spreadsheet style: column letters and row number, like `C4`.
    pub cell: String,
    /// The name of the cell's row (column A), when it has one and the cell is not in it.
    pub row: Option<String>,
    /// The header of the cell's column, when it has one and the cell is not in it.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.cell)?;
        match (&self.row, &self.column) {
            (Some(row), Some(column)) => write!(
                f,
                " (row \"{}\", column \"{}\")",
                text::one_line(row),
                text::one_line(column)
            )?,
            (Some(row), None) => write!(f, " (row \"{}\")", text::one_line(row))?,
            (None, Some(column)) => write!(f, " (column \"{}\")", text::one_line(column))?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl ImportError {
    /// The whole message for the user, naming `file`.
    #[must_use]
    pub fn message(&self, file: &Path) -> String {
        let file = text::path(file);
        match self {
            ImportError::Read(e) => {
                format!("error: cannot read {file}: {}", store::io_reason(e))
            }
            ImportError::IsDir => format!("error: {file} is a folder, not a CSV file"),
            ImportError::TooLarge(Some(size)) => format!(
                "error: {file} is {size} bytes; steward imports files of up to {MAX_PLAN_BYTES} bytes"
            ),
            ImportError::TooLarge(None) => {
                format!("error: {file} holds more than the {MAX_PLAN_BYTES} bytes steward imports")
            }
            ImportError::NotUtf8 { line, column } => format!(
                "error: {file}:{line}:{column}: the file is not UTF-8 text; save the spreadsheet \
                 as \"CSV UTF-8\" and import that"
            ),
            ImportError::Empty => format!(
                "error: {file} holds no cells: a RACI matrix needs a header row of people and \
                 departments and a row per channel under it"
            ),
            ImportError::NoParties { row, separator } => {
                let mut s = format!(
                    "error: {file}: the header row (row {row}) names no person or department: \
                     put one party per column after the first, like \
                     `Channel or duty,Sam Okafor,Marketing (department)`"
                );
                if let Some(c) = separator {
                    let shown = if *c == '\t' {
                        "tabs".into()
                    } else {
                        format!("`{c}`")
                    };
                    let _ = write!(
                        s,
                        "\n  its cells seem to be separated by {shown}: save the spreadsheet as CSV \
                         with commas between cells"
                    );
                }
                s
            }
            ImportError::NoRows { row } => format!(
                "error: {file}: there are no rows under the header row (row {row}): put one \
                 channel or duty per row, its name in column A"
            ),
            ImportError::Cells(cells) => {
                let n = cells.len();
                let mut s = format!(
                    "error: cannot import {file}: {n} cell{} cannot be understood; nothing was written",
                    text::plural(n)
                );
                for cell in cells {
                    let _ = write!(s, "\n  {cell}");
                }
                s
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::ImportError;
    use crate::import::from_csv;

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        let err = from_csv(b"Channel,Sam\nCaf\xe9,A\n").expect_err("Latin-1 is refused");
        assert!(
            matches!(err, ImportError::NotUtf8 { line: 2, column: 4 }),
            "{err:?}"
        );
        let message = err.message(Path::new("raci.csv"));
        assert!(message.contains("raci.csv:2:4"), "{message}");
        assert!(message.contains("CSV UTF-8"), "{message}");
        // Columns count characters, as in a plan file.
        let bytes = ["Zoë,\u{1F35E}".as_bytes(), b"\xff"].concat();
        let err = from_csv(&bytes).expect_err("a stray byte is refused");
        assert!(
            matches!(err, ImportError::NotUtf8 { line: 1, column: 6 }),
            "{err:?}"
        );
    }
}
