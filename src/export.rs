//! A plan for other people and programs: `steward export --format md|csv|html|json`, and
//! the JSON of `steward check --format json`.
//!
//! Every format but JSON lives in its own file: [`markdown`] for a handbook or a wiki,
//! [`csv`] for a spreadsheet (and for reading back in), [`html`] for the printed workshop handout.
//! What they share is here: how a row looks at a glance, the text of a cell, and the
//! guard that keeps an export from overwriting the plan it was made from.
//!
//! The JSON is compact, one object on one line. Strings are escaped beyond what JSON
//! requires: every character that [`text::is_unsafe`] names (C1 controls, DEL, bidi and
//! zero-width characters) is written as `\uXXXX`, so printing the JSON on a terminal is
//! as safe as printing a plan through `steward check`, and a JSON reader still gets the
//! exact text back.

pub mod csv;
pub mod html;
pub mod markdown;
pub mod whatif;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::model::problem::{Counts, Problem};
use crate::model::{Id, Party, Person, Plan, Role, Row, RowKind};
use crate::text;

/// `check --format json`: `{"version", "file", "errors", "warnings", "infos",
/// "problems"}`; the shape is `assets/schemas/check.schema.json`, and `version` changes
/// when it does.
#[derive(serde::Serialize)]
struct Check<'a> {
    version: u32,
    file: &'a str,
    errors: usize,
    warnings: usize,
    infos: usize,
    problems: Vec<ProblemJson<'a>>,
}

impl<'a> Check<'a> {
    fn of(file: &'a str, problems: &'a [Problem]) -> Self {
        let counts = Counts::of(problems);
        Check {
            version: 1,
            file,
            errors: counts.errors,
            warnings: counts.warnings,
            infos: counts.infos,
            problems: problems.iter().map(ProblemJson::of).collect(),
        }
    }
}

/// A problem as `check --format json` and the export show one.
#[derive(serde::Serialize)]
struct ProblemJson<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    hint: &'a str,
    line: u32,
    column: u32,
    row: Option<&'a str>,
    party: Option<&'a str>,
}

impl<'a> ProblemJson<'a> {
    fn of(p: &'a Problem) -> Self {
        ProblemJson {
            code: p.code.as_str(),
            severity: p.severity().as_str(),
            message: &p.message,
            hint: &p.hint,
            line: p.pos.line,
            column: p.pos.column,
            row: p.row.as_deref(),
            party: p.party.as_deref(),
        }
    }
}

/// `check --format json` as a tree of values.
#[must_use]
pub fn check_json(file: &str, problems: &[Problem]) -> Value {
    serde_json::to_value(Check::of(file, problems)).unwrap_or(Value::Null)
}

/// `check_json` as text (`to_string` of it), written by serde straight from the problems
/// instead of through a tree of values: `check` on a large plan reports thousands.
#[must_use]
pub fn check_text(file: &str, problems: &[Problem]) -> String {
    written(&Check::of(file, problems))
}

/// `{"version", "plan", "departments", "people", "channels", "duties", "problems"}`, lists
/// in file order: the shape is `assets/schemas/export.schema.json`.
#[must_use]
pub fn plan_json(plan: &Plan, problems: &[Problem]) -> Value {
    let s = &plan.settings;
    json!({
        "version": 1,
        "plan": {
            "name": s.name,
            "lead": s.lead,
            "review_every_days": s.review_every_days,
            "leaving_notice_days": s.leaving_notice_days,
            "max_accountable": s.max_accountable,
        },
        "departments": plan.departments.iter().map(|d| json!({"id": d.id, "name": d.name})).collect::<Vec<_>>(),
        "people": plan.people.iter().map(person).collect::<Vec<_>>(),
        "channels": plan.channels().map(row).collect::<Vec<_>>(),
        "duties": plan.duties().map(row).collect::<Vec<_>>(),
        "problems": problems.iter().map(problem).collect::<Vec<_>>(),
    })
}

/// A person as `export --format json` (and `diff --format json`) shows one.
#[must_use]
pub fn person(p: &Person) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "department": p.department,
        "title": p.title,
        "external": p.external,
        "leaving": p.leaving.map(text::date),
    })
}

/// A channel or duty as `export --format json` (and `diff --format json`) shows one; a
/// channel also has its platform and admins.
#[must_use]
pub fn row(r: &Row) -> Value {
    let list = |role: Role| -> Vec<Id> { r.holders(role).to_vec() };
    let mut v = json!({
        "id": r.id,
        "name": r.name,
        "goal": r.goal,
        "last_reviewed": r.last_reviewed.map(text::date),
        "accountable": list(Role::Accountable),
        "responsible": list(Role::Responsible),
        "consulted": list(Role::Consulted),
        "informed": list(Role::Informed),
    });
    if r.kind == RowKind::Channel {
        v["platform"] = json!(r.platform);
        v["admins"] = json!(r.admins);
    }
    v
}

/// A problem as `check --format json` shows one.
#[must_use]
pub fn problem(p: &Problem) -> Value {
    serde_json::to_value(ProblemJson::of(p)).unwrap_or(Value::Null)
}

/// The value as compact JSON text, with unsafe characters escaped, and a final newline.
#[must_use]
pub fn to_string(value: &Value) -> String {
    written(value)
}

/// Anything serde writes, as compact JSON text with unsafe characters escaped, and a
/// final newline.
fn written(value: &impl serde::Serialize) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
    // Writing into memory cannot fail: every key is a string.
    if value.serialize(&mut ser).is_err() {
        return "null\n".into();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// Compact JSON that also escapes what a terminal must not see raw.
struct SafeFormatter;

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Printable ASCII, as nearly all of it is, needs no look at each character.
        if fragment.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if text::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

pub use crate::model::problem::RowState;

/// The state of each row of `plan.rows`, from the plan's problems.
#[must_use]
pub fn row_states(plan: &Plan, problems: &[Problem]) -> Vec<RowState> {
    plan.rows
        .iter()
        .map(|row| {
            problems
                .iter()
                .filter(|p| p.row.as_deref() == Some(row.id.as_str()))
                .map(RowState::of)
                .max()
                .unwrap_or(RowState::Fine)
        })
        .collect()
}

/// The (row id, party id) pairs that a problem concerns: such a cell is marked `!`
/// when the party holds a role there, as the matrix on screen underlines it.
#[must_use]
pub fn problem_cells(problems: &[Problem]) -> HashSet<(&str, &str)> {
    problems
        .iter()
        .filter_map(|p| Some((p.row.as_deref()?, p.party.as_deref()?)))
        .collect()
}

pub use crate::model::cell_text;

/// What a role means, in the words of a legend.
#[must_use]
pub fn role_meaning(role: Role) -> &'static str {
    match role {
        Role::Accountable => "answers for the row; exactly one person inside the business",
        Role::Responsible => "does the work",
        Role::Consulted => "asked before decisions are taken",
        Role::Informed => "told after decisions are taken",
    }
}

/// A matrix column's heading: a person's name, or `NAME (department)`.
#[must_use]
pub fn party_label(party: &Party<'_>) -> String {
    match party {
        Party::Department(d) => format!("{} {}", d.name, csv::DEPARTMENT_SUFFIX),
        Party::Person(p) => p.name.clone(),
    }
}

/// Where the handout of the plan at `plan_path` goes: beside it, `plan.toml` -> `plan.html`.
#[must_use]
pub fn handout_path(plan_path: &Path) -> PathBuf {
    plan_path.with_extension("html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_text_is_check_json_written_out() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day");
        let hostile = r#"[people.a]
name = "\u001b[2J\u202e \"q\" é"
[channels.c]
name = "\u009bx"
responsible = "nobody"
"#;
        for text in [crate::templates::EXAMPLE, hostile] {
            let plan = crate::store::parse(text).expect("a plan");
            let problems = crate::model::rules::check(&plan, day);
            assert!(!problems.is_empty());
            assert_eq!(
                check_text("a \u{1b} file", &problems),
                to_string(&check_json("a \u{1b} file", &problems))
            );
        }
    }

    #[test]
    fn unsafe_characters_are_escaped_and_read_back_exactly() {
        let name = "a\u{9b}b\u{7f}c\u{202e}d\u{200b}e \u{1b}[2J \"q\" é 🍞";
        let text = to_string(&json!({ "name": name }));
        assert!(!text.trim_end().chars().any(text::is_unsafe), "{text:?}");
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u001b"));
        assert!(
            text.contains("é 🍞"),
            "ordinary text stays as it is: {text}"
        );
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back["name"], name);
    }
}
