//! A `Plan` serialised as the text of a new plan file, in the layout people write by hand.

use chrono::{Datelike, NaiveDate};
use toml_edit::{Array, DocumentMut, Item, Table, Value, value};

use crate::model::{Id, Plan, Role, Row, RowKind, Settings};

/// The plan as TOML text. Unknown keys are not part of the model and are not written;
/// editing an existing file keeps them (and everything else) through its own document.
#[must_use]
pub fn to_toml(plan: &Plan) -> String {
    let mut doc = DocumentMut::new();
    doc.insert("plan", Item::Table(settings(&plan.settings)));

    let mut departments = section();
    for d in &plan.departments {
        let mut t = Table::new();
        t.insert("name", value(&d.name));
        departments.insert(&d.id, Item::Table(t));
    }
    doc.insert("departments", Item::Table(departments));

    let mut people = section();
    for p in &plan.people {
        let mut t = Table::new();
        t.insert("name", value(&p.name));
        if let Some(d) = &p.department {
            t.insert("department", value(d));
        }
        if let Some(title) = &p.title {
            t.insert("title", value(title));
        }
        if p.external {
            t.insert("external", value(true));
        }
        if let Some(day) = p.leaving {
            t.insert("leaving", value(toml_date(day)));
        }
        people.insert(&p.id, Item::Table(t));
    }
    doc.insert("people", Item::Table(people));

    for kind in [RowKind::Channel, RowKind::Duty] {
        let mut rows = section();
        for r in plan.rows.iter().filter(|r| r.kind == kind) {
            rows.insert(&r.id, Item::Table(row(r)));
        }
        doc.insert(kind.section().key(), Item::Table(rows));
    }
    doc.to_string()
}

fn settings(s: &Settings) -> Table {
    let mut t = Table::new();
    if let Some(name) = &s.name {
        t.insert("name", value(name));
    }
    if let Some(lead) = &s.lead {
        t.insert("lead", value(lead));
    }
    for (key, n, default) in s.numbers() {
        if n != default {
            t.insert(key, value(i64::from(n)));
        }
    }
    t
}

fn row(r: &Row) -> Table {
    let mut t = Table::new();
    t.insert("name", value(&r.name));
    if let Some(platform) = &r.platform {
        t.insert("platform", value(platform));
    }
    if let Some(goal) = &r.goal {
        t.insert("goal", value(goal));
    }
    if let Some(day) = r.last_reviewed {
        t.insert("last_reviewed", value(toml_date(day)));
    }
    for role in Role::ALL {
        if let Some(v) = ids(r.holders(role)) {
            t.insert(role.key(), value(v));
        }
    }
    if let Some(v) = ids(&r.admins) {
        t.insert("admins", value(v));
    }
    t
}

/// One id as a string, several as a list, none not at all.
#[must_use]
pub fn ids(ids: &[Id]) -> Option<Value> {
    match ids {
        [] => None,
        [one] => Some(Value::from(one.as_str())),
        many => Some(Value::Array(
            many.iter().map(String::as_str).collect::<Array>(),
        )),
    }
}

/// A table that only holds other tables: `[people.sam]` without a bare `[people]`.
fn section() -> Table {
    let mut t = Table::new();
    t.set_implicit(true);
    t
}

/// A native TOML date.
#[must_use]
pub fn toml_date(day: NaiveDate) -> toml_edit::Datetime {
    toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: u16::try_from(day.year()).unwrap_or(0),
            month: u8::try_from(day.month()).unwrap_or(1),
            day: u8::try_from(day.day()).unwrap_or(1),
        }),
        time: None,
        offset: None,
    }
}
