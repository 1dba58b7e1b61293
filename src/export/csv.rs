//! The matrix as CSV, for a spreadsheet and for reading back in.
//!
//! The layout is fixed, because steward reads it back: a header row whose first cell is
//! `Channel or duty`, then one column per party in matrix order (a person's name, or
//! `NAME (department)`); then one record per channel and duty, in plan order: the row's
//! name, then per party the roles it holds, joined by `/` in the order A, R, C, I (`A`,
//! `A/R`, `R/C`), empty when none. Nothing else: no problems, no ids.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (some also
//! after a tab, a carriage return or leading spaces, and some take the full-width `＝`
//! `＋` `－` `＠` of East Asian input for them), so a name like `=HYPERLINK(…)` could act
//! when the file is opened. Every such cell gets one leading `'`, which a spreadsheet
//! shows as text. Spreadsheets in locales whose decimal mark is a comma split CSV on
//! `;` instead, and a tab-separated reading splits on tabs: a cell holding either is
//! quoted, so that it stays one cell there too (else `Sam;=cmd|…` would start a second
//! cell with `=`).

use std::borrow::Cow;

use crate::model::Plan;

use super::{cell_text, party_label};

/// The first cell of the header row.
pub const CORNER: &str = "Channel or duty";

/// The end of a header that names a department: `Marketing (department)`.
pub const DEPARTMENT_SUFFIX: &str = "(department)";

/// The first characters that make a spreadsheet read a cell as a formula; the export
/// writes a `'` before them, and the import takes that `'` away again.
pub const FORMULA_STARTS: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
];

/// Whether a spreadsheet in some locale would read `cell` as a formula: it starts with
/// a formula start, perhaps after spaces.
#[must_use]
pub fn reads_as_formula(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS) || cell.trim_start().starts_with(FORMULA_STARTS)
}

/// The matrix of `plan` as CSV text (records end with `\n`).
#[must_use]
pub fn table(plan: &Plan) -> String {
    let parties = plan.parties();
    let mut out = String::new();
    let header = std::iter::once(CORNER.to_string()).chain(parties.iter().map(party_label));
    write_record(&mut out, header);
    for row in &plan.rows {
        let cells = parties.iter().map(|p| cell_text(&row.roles_of(p.id())));
        write_record(&mut out, std::iter::once(row.name.clone()).chain(cells));
    }
    out
}

/// One record, each cell guarded, and quoted when it holds a separator of any locale
/// (`,` `;` tab), a quote or a line break; ended with `\n`.
fn write_record(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.collect();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = guard(cell);
        // A record of one empty cell would be an empty line, which readers skip.
        let lone_empty = cells.len() == 1 && cell.is_empty();
        if lone_empty || cell.contains([',', ';', '\t', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push('\n');
}

/// The cell with a leading `'` when a spreadsheet would take it for a formula.
#[must_use]
pub fn guard(cell: &str) -> Cow<'_, str> {
    if reads_as_formula(cell) {
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
        for bad in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            " =x",
            "\u{a0}=x",
            "\n=x",
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FF0D}1",
            "\u{FF20}SUM(A1)",
        ] {
            assert_eq!(guard(bad), format!("'{bad}"));
        }
        for fine in ["Sam", "a=b", "Sam;x", "'quoted", "", "A/R", "  Sam"] {
            assert_eq!(guard(fine), fine);
        }
    }

    #[test]
    fn a_cell_that_a_semicolon_or_a_tab_would_split_stays_one_cell() {
        let plan = crate::store::parse(
            "[people.sam]\nname = \"Sam;=cmd|' /C calc'!A0\"\n\
             [people.tab]\nname = \"Tab\t+1\"\n\
             [channels.ig]\nname = \"IG;@SUM(A1)\"\naccountable = \"sam\"\n",
        )
        .expect("a plan");
        let csv = table(&plan);
        assert_eq!(
            csv,
            "Channel or duty,\"Sam;=cmd|' /C calc'!A0\",\"Tab\t+1\"\n\"IG;@SUM(A1)\",A,\n"
        );
        // Split on `;` as a spreadsheet in such a locale does, honouring quotes: no cell
        // starts a formula.
        for line in csv.lines() {
            let mut cells = vec![String::new()];
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    ';' | ',' | '\t' if !quoted => cells.push(String::new()),
                    c => cells.last_mut().expect("a cell").push(c),
                }
            }
            assert!(cells.iter().all(|c| !reads_as_formula(c)), "{cells:?}");
        }
        assert_eq!(
            crate::import::from_csv(csv.as_bytes())
                .expect("reads back")
                .rows[0]
                .name,
            "IG;@SUM(A1)"
        );
    }
}
