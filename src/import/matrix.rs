//! The pure part of an import: CSV text in, a plan or every cell it cannot understand
//! out. No file is read here and no message is worded.

use std::collections::{HashMap, HashSet};

use super::{CellError, ImportError};
use crate::export::csv::{DEPARTMENT_SUFFIX, reads_as_formula};
use crate::model::edit::id_from_name;
use crate::model::{Department, Id, Person, Plan, Role, Row, RowKind};
use crate::store::LineIndex;
use crate::text;

/// Makes a plan of a RACI matrix in CSV: UTF-8, with or without a byte order mark, any
/// line endings.
///
/// # Errors
/// The text is not UTF-8, names no parties or no rows, or holds cells that cannot be
/// understood (all of them are listed).
pub fn from_csv(bytes: &[u8]) -> Result<Plan, ImportError> {
    let bytes = text::strip_bom(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    let records = records(text);
    let mut records = records.into_iter().filter(|r| !r.is_blank());
    let header = records.next().ok_or(ImportError::Empty)?;
    let body: Vec<Record> = records.collect();

    let mut errors = Vec::new();
    let columns = columns(&header, &mut errors);
    if columns.iter().all(Option::is_none) && errors.is_empty() {
        return Err(ImportError::NoParties {
            row: header.row,
            separator: separator_in(&header),
        });
    }
    let rows = rows(&header, &columns, &body, &mut errors);
    if !errors.is_empty() {
        return Err(ImportError::Cells(errors));
    }
    if rows.is_empty() {
        return Err(ImportError::NoRows { row: header.row });
    }
    Ok(plan(&columns, rows))
}

/// One record of the file and its row number in a spreadsheet (from 1: blank lines count,
/// a cell over several lines does not).
struct Record {
    row: usize,
    cells: Vec<String>,
}

impl Record {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| unguard(c).is_empty())
    }

    fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
}

fn records(text: &str) -> Vec<Record> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Line breaks counted up to `counted`, and those inside cells: a spreadsheet's row
    // is one more than the line breaks before it that end a row.
    let (mut counted, mut breaks, mut in_cells) = (0, 0, 0);
    let mut record = csv::StringRecord::new();
    // The text is UTF-8 and in memory, and records may have any length: reading fails
    // on neither, so the loop ends at the end of the text.
    while let Ok(true) = reader.read_record(&mut record) {
        // A record's position may be taken before the empty lines the reader skips (or
        // at the `\n` of a `\r\n` it took as one line end): its first byte is after them.
        let mut start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0)
            .max(counted);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        breaks += line_breaks(bytes, counted, start);
        counted = start;
        out.push(Record {
            row: 1 + breaks - in_cells,
            cells: record.iter().map(str::to_string).collect(),
        });
        in_cells += record
            .iter()
            .map(|c| line_breaks(c.as_bytes(), 0, c.len()))
            .sum::<usize>();
    }
    out
}

/// The line breaks in `bytes[from..to]`: `\r\n`, `\r` and `\n` each count one (a `\n`
/// right after a `\r` belongs to it, also across `from`).
fn line_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to.min(bytes.len()))
        .filter(|&j| match bytes[j] {
            b'\r' => true,
            b'\n' => j == 0 || bytes[j - 1] != b'\r',
            _ => false,
        })
        .count()
}

/// Where the first byte that is not UTF-8 stands, counted as in a plan file.
fn not_utf8(bytes: &[u8], at: usize) -> ImportError {
    // The bytes before it are UTF-8 text.
    let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let pos = LineIndex::new(before).pos(before, at);
    ImportError::NotUtf8 {
        line: usize::try_from(pos.line).unwrap_or(usize::MAX),
        column: usize::try_from(pos.column).unwrap_or(usize::MAX),
    }
}

/// A cell as steward takes it: without the `'` that guards a formula-like start, taken
/// exactly; any other cell without the spaces around it.
#[must_use]
pub fn unguard(raw: &str) -> &str {
    if let Some(rest) = raw.strip_prefix('\'')
        && reads_as_formula(rest)
    {
        return rest;
    }
    raw.trim()
}

/// The spreadsheet name of a column counted from 0: A, B, …, Z, AA, AB, …
#[must_use]
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

fn cell_name(column: usize, row: usize) -> String {
    format!("{}{row}", column_letters(column))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Department,
    Person,
}

/// A party's column: its name as the header gives it (without ` (department)`), and the
/// header text itself (for messages).
struct Column {
    kind: Kind,
    name: String,
    header: String,
}

/// The header's parties by column; `None` for column A and for columns without a header.
fn columns(header: &Record, errors: &mut Vec<CellError>) -> Vec<Option<Column>> {
    let mut out: Vec<Option<Column>> = vec![None];
    let mut seen: HashMap<(Kind, &str), usize> = HashMap::new();
    for (j, raw) in header.cells.iter().enumerate().skip(1) {
        let text = unguard(raw);
        if text.is_empty() {
            out.push(None);
            continue;
        }
        let at = cell_name(j, header.row);
        let (kind, name) = match department_name(text) {
            Some("") => {
                errors.push(CellError {
                    cell: at,
                    row: None,
                    column: None,
                    message: format!(
                        "`{}` names no department: write its name first, like `Marketing {DEPARTMENT_SUFFIX}`",
                        text::one_line(text)
                    ),
                });
                out.push(None);
                continue;
            }
            Some(name) => (Kind::Department, name),
            None => (Kind::Person, text),
        };
        if let Some(first) = seen.get(&(kind, name)) {
            errors.push(CellError {
                cell: at,
                row: None,
                column: None,
                message: format!(
                    "the {} \"{}\" has a column already, {}: give each party one column \
                     (merge the two, or rename one)",
                    if kind == Kind::Department {
                        "department"
                    } else {
                        "person"
                    },
                    text::one_line(name),
                    cell_name(*first, header.row)
                ),
            });
            out.push(None);
            continue;
        }
        seen.insert((kind, name), j);
        out.push(Some(Column {
            kind,
            name: name.to_string(),
            header: text.to_string(),
        }));
    }
    out
}

/// The department's name when `header` ends with `(department)` (in any case).
fn department_name(header: &str) -> Option<&str> {
    let cut = header.len().checked_sub(DEPARTMENT_SUFFIX.len())?;
    let (name, suffix) = (header.get(..cut)?, header.get(cut..)?);
    suffix
        .eq_ignore_ascii_case(DEPARTMENT_SUFFIX)
        .then(|| name.trim_end())
}

/// A separator the lone header cell seems to use instead of commas.
fn separator_in(header: &Record) -> Option<char> {
    let first = header.cells.first()?;
    [';', '\t', '|'].into_iter().find(|c| first.contains(*c))
}

/// A row of the matrix: its name and each party's roles, by column.
struct MatrixRow {
    name: String,
    roles: Vec<(usize, Vec<Role>)>,
}

fn rows(
    header: &Record,
    columns: &[Option<Column>],
    body: &[Record],
    errors: &mut Vec<CellError>,
) -> Vec<MatrixRow> {
    let mut out = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for record in body {
        let name = unguard(record.cell(0));
        let row_name = (!name.is_empty()).then(|| name.to_string());
        if name.is_empty() {
            errors.push(CellError {
                cell: cell_name(0, record.row),
                row: None,
                column: None,
                message: "this row has roles but no name: write the channel or duty in column A"
                    .into(),
            });
        } else if let Some(first) = seen.get(name) {
            errors.push(CellError {
                cell: cell_name(0, record.row),
                row: None,
                column: None,
                message: format!(
                    "\"{}\" has a row already, row {first}: give each channel or duty one row \
                     (merge the two, or rename one)",
                    text::one_line(name)
                ),
            });
        } else {
            seen.insert(name, record.row);
        }
        let mut roles = Vec::new();
        for (j, raw) in record.cells.iter().enumerate().skip(1) {
            let cell = unguard(raw);
            if cell.is_empty() {
                continue;
            }
            let at = cell_name(j, record.row);
            let Some(column) = columns.get(j).and_then(Option::as_ref) else {
                // A header that was itself wrong has its own message already.
                let header_text = unguard(header.cell(j));
                errors.push(CellError {
                    cell: at,
                    row: row_name.clone(),
                    column: None,
                    message: if header_text.is_empty() {
                        format!(
                            "`{}` is in a column with no party in the header row: name the \
                             person or department in {}, or clear the column",
                            text::one_line(cell),
                            cell_name(j, header.row)
                        )
                    } else {
                        format!(
                            "`{}` is in column {}, whose header {} cannot be imported",
                            text::one_line(cell),
                            column_letters(j),
                            cell_name(j, header.row)
                        )
                    },
                });
                continue;
            };
            match parse_roles(cell) {
                Ok(found) => roles.push((j, found)),
                Err(bad) => {
                    errors.push(CellError {
                        cell: at,
                        row: row_name.clone(),
                        column: Some(column.header.clone()),
                        message: format!(
                            "`{}` is not a role: write the letters R, A, C and I (like `A/R`), \
                             or leave the cell empty",
                            text::one_line(&bad)
                        ),
                    });
                }
            }
        }
        out.push(MatrixRow {
            name: name.to_string(),
            roles,
        });
    }
    out
}

/// The roles a cell names, in the order A, R, C, I: letters alone or run together
/// (`A/R`, `A R`, `r, a`, `AR`), or the words (`Accountable`), in any case.
///
/// # Errors
/// The first part of the cell that is not a role.
pub fn parse_roles(cell: &str) -> Result<Vec<Role>, String> {
    let mut found = HashSet::new();
    let separators = |c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | '+' | '&' | '|');
    for token in cell.split(separators).filter(|t| !t.is_empty()) {
        let lower = token.to_lowercase();
        if let Some(role) = Role::ALL.into_iter().find(|r| r.key() == lower) {
            found.insert(role);
            continue;
        }
        for c in token.chars() {
            let role = Role::ALL
                .into_iter()
                .find(|r| r.letter().eq_ignore_ascii_case(&c))
                .ok_or_else(|| token.to_string())?;
            found.insert(role);
        }
    }
    Ok(Role::ALL
        .into_iter()
        .filter(|r| found.contains(r))
        .collect())
}

fn plan(columns: &[Option<Column>], rows: Vec<MatrixRow>) -> Plan {
    let mut plan = Plan::default();
    let mut party_ids: HashSet<Id> = HashSet::new();
    let mut ids: HashMap<usize, Id> = HashMap::new();
    for (j, column) in columns.iter().enumerate() {
        let Some(column) = column else { continue };
        let id = id_from_name(&column.name, |id| party_ids.contains(id));
        party_ids.insert(id.clone());
        ids.insert(j, id.clone());
        match column.kind {
            Kind::Department => plan.departments.push(Department {
                id,
                name: column.name.clone(),
            }),
            Kind::Person => plan.people.push(Person {
                id,
                name: column.name.clone(),
                department: None,
                title: None,
                external: false,
                leaving: None,
            }),
        }
    }
    let mut row_ids: HashSet<Id> = HashSet::new();
    for matrix_row in rows {
        let id = id_from_name(&matrix_row.name, |id| row_ids.contains(id));
        row_ids.insert(id.clone());
        let mut row = Row::new(RowKind::Channel, id, matrix_row.name);
        for role in Role::ALL {
            let holders = matrix_row
                .roles
                .iter()
                .filter(|(_, roles)| roles.contains(&role))
                .filter_map(|(j, _)| ids.get(j).cloned())
                .collect();
            row.set_holders(role, holders);
        }
        plan.rows.push(row);
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(result: Result<Plan, ImportError>) -> Vec<CellError> {
        match result {
            Err(ImportError::Cells(cells)) => cells,
            other => panic!("expected cell errors, got {other:?}"),
        }
    }

    #[test]
    fn role_cells_in_every_common_spelling() {
        use Role::{Accountable as A, Consulted as C, Informed as I, Responsible as R};
        for (cell, want) in [
            ("A", vec![A]),
            ("a", vec![A]),
            ("  A  ", vec![A]),
            ("A/R", vec![A, R]),
            ("R/A", vec![A, R]),
            ("AR", vec![A, R]),
            ("ra", vec![A, R]),
            ("R, A", vec![A, R]),
            ("r ; a", vec![A, R]),
            ("C+I", vec![C, I]),
            ("Accountable / responsible", vec![A, R]),
            ("INFORMED", vec![I]),
            ("A/A", vec![A]),
            ("", vec![]),
        ] {
            assert_eq!(parse_roles(cell), Ok(want), "{cell:?}");
        }
        for (cell, bad) in [
            ("X", "X"),
            ("Z", "Z"),
            ("yes", "yes"),
            ("A/x", "x"),
            ("-", "-"),
            ("Owner", "Owner"),
        ] {
            assert_eq!(parse_roles(cell), Err(bad.to_string()), "{cell:?}");
        }
    }

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(2), "C");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn one_guarding_quote_is_taken_away_and_only_before_a_formula_start() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'-x"), "-x");
        assert_eq!(unguard("'@sam"), "@sam");
        assert_eq!(unguard("'\tx"), "\tx");
        assert_eq!(unguard("''=x"), "''=x");
        assert_eq!(unguard("'quoted'"), "'quoted'");
        assert_eq!(unguard("  Sam  "), "Sam");
    }

    #[test]
    fn a_matrix_becomes_parties_and_channels_with_ids_from_names() {
        let csv = "Channel or duty,Sam Okafor,Marketing (department),Sam-Okafor,Pixel & Co\n\
                   Instagram,A/R,C,,R\n\
                   Blog,I,A,R,\n";
        let plan = from_csv(csv.as_bytes()).expect("imports");
        assert_eq!(
            plan.departments,
            [Department {
                id: "marketing".into(),
                name: "Marketing".into()
            }]
        );
        let people: Vec<(&str, &str)> = plan
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(
            people,
            [
                ("sam-okafor", "Sam Okafor"),
                ("sam-okafor-2", "Sam-Okafor"),
                ("pixel-co", "Pixel & Co")
            ]
        );
        assert!(
            plan.people
                .iter()
                .all(|p| !p.external && p.department.is_none())
        );
        let ig = plan.row("instagram").expect("instagram");
        assert_eq!(ig.kind, RowKind::Channel);
        assert_eq!(ig.holders(Role::Accountable), ["sam-okafor"]);
        assert_eq!(ig.holders(Role::Responsible), ["sam-okafor", "pixel-co"]);
        assert_eq!(ig.holders(Role::Consulted), ["marketing"]);
        let blog = plan.row("blog").expect("blog");
        assert_eq!(blog.holders(Role::Accountable), ["marketing"]);
        assert_eq!(blog.holders(Role::Responsible), ["sam-okafor-2"]);
        assert_eq!(blog.holders(Role::Informed), ["sam-okafor"]);
    }

    #[test]
    fn spreadsheet_quirks_are_read() {
        // A byte order mark, CRLF, a quoted header with a comma and a line break, an
        // empty first header cell, blank rows, empty trailing columns, a column of notes
        // with a header and nothing under it.
        let csv = "\u{feff},\"Okafor, Sam\",\"Customer\nservice (department)\",Notes,,\r\n\
                   \r\n\
                   Instagram,A,\"C\",,,\r\n\
                   ,,,,,\r\n\
                   \"Blog, news\",r,a,,,\r\n";
        let plan = from_csv(csv.as_bytes()).expect("imports");
        assert_eq!(plan.people.len(), 2);
        assert_eq!(plan.people[0].name, "Okafor, Sam");
        assert_eq!(plan.people[1].name, "Notes");
        assert_eq!(plan.departments[0].name, "Customer\nservice");
        assert_eq!(plan.rows.len(), 2);
        assert_eq!(plan.rows[1].name, "Blog, news");
        assert_eq!(
            plan.rows[1].holders(Role::Accountable),
            ["customer-service"]
        );
        assert!(!plan.rows.iter().any(|r| r.involves("notes")));
    }

    #[test]
    fn every_bad_cell_is_named_by_its_place_and_names() {
        let csv = "Channel,Sam,Ana\nInstagram,A,X\n\nBlog,yes,R\nTikTok,,Z\n";
        let errors = cells(from_csv(csv.as_bytes()));
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("C2 (row \"Instagram\", column \"Ana\"): `X` is not a role"),
            "{shown:#?}"
        );
        // The blank line is row 3 in a spreadsheet, so Blog is row 4.
        assert!(
            shown[1].starts_with("B4 (row \"Blog\", column \"Sam\"): `yes`"),
            "{shown:#?}"
        );
        assert!(
            shown[2].starts_with("C5 (row \"TikTok\", column \"Ana\"): `Z`"),
            "{shown:#?}"
        );
    }

    #[test]
    fn cells_are_named_alike_with_lf_crlf_and_cr_line_ends() {
        let lf =
            "Channel,Sam,Ana\nInstagram,A,X\nBlog,Q,R\n\nTikTok,,Z\n\"Two\nlines\",W,\nWeb,V,\n";
        for end in ["\n", "\r\n", "\r"] {
            let csv = lf.replace('\n', end);
            let named: Vec<String> = cells(from_csv(csv.as_bytes()))
                .into_iter()
                .map(|e| e.cell)
                .collect();
            assert_eq!(named, ["C2", "B3", "C5", "B6", "B7"], "line ends {end:?}");
        }
    }

    #[test]
    fn row_numbers_follow_the_spreadsheet_when_a_cell_spans_lines() {
        let csv = "x,Sam\n\"Two\nlines\",A\n\n\nBlog,Q\n";
        let errors = cells(from_csv(csv.as_bytes()));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].cell, "B5");
    }

    #[test]
    fn duplicates_are_reported_not_merged() {
        let csv = "x,Sam,Ana,Sam,Sales (department),sales (Department)\nIG,A,,R,,\nIG,,A,,,\n";
        let errors = cells(from_csv(csv.as_bytes()));
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 3, "{shown:#?}");
        assert!(
            shown[0].starts_with("D1: the person \"Sam\" has a column already, B1"),
            "{shown:#?}"
        );
        // A department is named case and all; `sales` and `Sales` are two names.
        assert!(
            shown[1].starts_with("D2 (row \"IG\"): `R` is in column D, whose header D1"),
            "{shown:#?}"
        );
        assert!(
            shown[2].starts_with("A3: \"IG\" has a row already, row 2"),
            "{shown:#?}"
        );
    }

    #[test]
    fn cells_without_a_header_or_a_row_name_are_errors() {
        let csv = "x,Sam,,\nIG,A,,R\n,A,,\n";
        let errors = cells(from_csv(csv.as_bytes()));
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:#?}");
        assert!(shown[0].starts_with("D2 (row \"IG\"): `R` is in a column with no party"));
        assert!(shown[1].starts_with("A3: this row has roles but no name"));
    }

    #[test]
    fn a_department_header_needs_a_name() {
        let errors = cells(from_csv(b"x,(department)\nIG,A\n"));
        assert_eq!(errors[0].cell, "B1");
        assert!(errors[0].message.contains("names no department"));
    }

    #[test]
    fn empty_files_and_matrices_without_parties_or_rows_say_so() {
        assert!(matches!(from_csv(b""), Err(ImportError::Empty)));
        assert!(matches!(
            from_csv(b"\xEF\xBB\xBF\r\n,,\r\n"),
            Err(ImportError::Empty)
        ));
        assert!(matches!(
            from_csv(b"\nChannel,,\nIG,,\n"),
            Err(ImportError::NoParties {
                row: 2,
                separator: None
            })
        ));
        assert!(matches!(
            from_csv(b"Channel;Sam;Ana\nIG;A;R\n"),
            Err(ImportError::NoParties {
                row: 1,
                separator: Some(';')
            })
        ));
        assert!(matches!(
            from_csv(b"Channel,Sam\n,\n"),
            Err(ImportError::NoRows { row: 1 })
        ));
    }
}
