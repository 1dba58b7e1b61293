//! A plan's meaning for other programs: the JSON of `steward check --format json` and
//! `steward export --format json`.
//!
//! The JSON is compact, one object on one line. Strings are escaped beyond what JSON
//! requires: every character that [`text::is_unsafe`] names (C1 controls, DEL, bidi and
//! zero-width characters) is written as `\uXXXX`, so printing the JSON on a terminal is
//! as safe as printing a plan through `steward check`, and a JSON reader still gets the
//! exact text back.

use std::io;

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::model::rules::{Counts, Problem};
use crate::model::{Id, Plan, Role, Row};
use crate::text;

/// `{"file", "errors", "warnings", "infos", "problems"}`.
#[must_use]
pub fn check_json(file: &str, problems: &[Problem]) -> Value {
    let counts = Counts::of(problems);
    json!({
        "file": file,
        "errors": counts.errors,
        "warnings": counts.warnings,
        "infos": counts.infos,
        "problems": problems.iter().map(problem).collect::<Vec<_>>(),
    })
}

/// `{"plan", "departments", "people", "channels", "duties", "problems"}`, lists in file order.
#[must_use]
pub fn plan_json(plan: &Plan, problems: &[Problem]) -> Value {
    let s = &plan.settings;
    json!({
        "plan": {
            "name": s.name,
            "lead": s.lead,
            "review_every_days": s.review_every_days,
            "leaving_notice_days": s.leaving_notice_days,
            "max_accountable": s.max_accountable,
        },
        "departments": plan.departments.iter().map(|d| json!({"id": d.id, "name": d.name})).collect::<Vec<_>>(),
        "people": plan.people.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "department": p.department,
            "title": p.title,
            "external": p.external,
            "leaving": p.leaving.map(date),
        })).collect::<Vec<_>>(),
        "channels": plan.channels().map(|r| {
            let mut v = row(r);
            v["platform"] = json!(r.platform);
            v["admins"] = json!(r.admins);
            v
        }).collect::<Vec<_>>(),
        "duties": plan.duties().map(row).collect::<Vec<_>>(),
        "problems": problems.iter().map(problem).collect::<Vec<_>>(),
    })
}

fn row(r: &Row) -> Value {
    let list = |role: Role| -> Vec<Id> { r.holders(role).to_vec() };
    json!({
        "id": r.id,
        "name": r.name,
        "goal": r.goal,
        "last_reviewed": r.last_reviewed.map(date),
        "accountable": list(Role::Accountable),
        "responsible": list(Role::Responsible),
        "consulted": list(Role::Consulted),
        "informed": list(Role::Informed),
    })
}

fn problem(p: &Problem) -> Value {
    json!({
        "code": p.code.as_str(),
        "severity": p.severity().as_str(),
        "message": p.message,
        "hint": p.hint,
        "line": p.pos.line,
        "column": p.pos.column,
        "row": p.row,
        "party": p.party,
    })
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The value as compact JSON text, with unsafe characters escaped, and a final newline.
#[must_use]
pub fn to_string(value: &Value) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, SafeFormatter);
    // Writing a `Value` into memory cannot fail: its keys are strings.
    if serde::Serialize::serialize(value, &mut ser).is_err() {
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

#[cfg(test)]
mod tests {
    use super::*;

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
