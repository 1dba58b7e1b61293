//! `steward whatif`: what those leaving hold and what would break, as text for a person
//! and as JSON for a program.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::model::whatif::Report;
use crate::model::{Plan, Role};
use crate::text;

fn row_name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
    plan.row(id).map_or(id, |r| r.name.as_str())
}

fn person_name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
    plan.person(id).map_or(id, |p| p.name.as_str())
}

/// The report in sentences: who holds what, then what would break.
#[must_use]
pub fn text(plan: &Plan, report: &Report) -> String {
    let mut out = String::new();
    let names: Vec<&str> = report
        .holds
        .iter()
        .map(|h| person_name(plan, &h.person))
        .collect();
    let verb = if names.len() == 1 { "leaves" } else { "leave" };
    let _ = writeln!(
        out,
        "If {} {verb} today:",
        text::safe(&text::and_list(&names))
    );
    for holds in &report.holds {
        let who = text::safe(person_name(plan, &holds.person)).into_owned();
        if holds.is_empty() {
            let _ = writeln!(out, "  {who} holds nothing in the plan.");
            continue;
        }
        let _ = writeln!(out, "  {who} holds:");
        for role in Role::ALL {
            let rows = holds.rows_with(role);
            if !rows.is_empty() {
                let names: Vec<&str> = rows.iter().map(|r| row_name(plan, r)).collect();
                let _ = writeln!(
                    out,
                    "    {} {:<12} {}",
                    role.letter(),
                    role.key(),
                    text::safe(&names.join(", "))
                );
            }
        }
        let logins = holds.logins();
        if !logins.is_empty() {
            let names: Vec<&str> = logins.iter().map(|r| row_name(plan, r)).collect();
            let _ = writeln!(out, "      logins       {}", text::safe(&names.join(", ")));
        }
        if holds.lead {
            let _ = writeln!(out, "      the plan's lead");
        }
    }
    if report.breaks.is_empty() {
        out.push_str("Nothing would break.\n");
        return out;
    }
    out.push_str("This would break:\n");
    for b in &report.breaks {
        let row = b.row.as_deref().map_or("the plan", |r| row_name(plan, r));
        let _ = writeln!(out, "  ✖ {} would lose {}", text::safe(row), b.loss.words());
    }
    out
}

/// `{"version", "file", "leaving": [{"id", "name", "holds": {…}}], "breaks": [{"row",
/// "name", "loses"}]}`.
#[must_use]
pub fn json(file: &str, plan: &Plan, report: &Report) -> Value {
    let leaving: Vec<Value> = report
        .holds
        .iter()
        .map(|h| {
            json!({
                "id": h.person,
                "name": person_name(plan, &h.person),
                "holds": {
                    "accountable": h.rows_with(Role::Accountable),
                    "responsible": h.rows_with(Role::Responsible),
                    "consulted": h.rows_with(Role::Consulted),
                    "informed": h.rows_with(Role::Informed),
                    "admin": h.logins(),
                    "lead": h.lead,
                },
            })
        })
        .collect();
    let breaks: Vec<Value> = report
        .breaks
        .iter()
        .map(|b| {
            json!({
                "row": b.row,
                "name": b.row.as_deref().map(|r| row_name(plan, r)),
                "loses": b.loss.code(),
            })
        })
        .collect();
    json!({
        "version": 1,
        "file": file,
        "leaving": leaving,
        "breaks": breaks,
    })
}
