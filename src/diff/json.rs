//! `steward diff --format json`: the same difference as one object for other programs,
//! entries written as `steward export --format json` writes them.

use serde_json::{Value as Json, json};

use super::{Diff, FieldChange, Hold, Value};
use crate::model::{Id, Plan, RowKind};
use crate::text;

/// The difference as one JSON object (see the README for its keys). `old_file` and
/// `new_file` are null for a side that is no file (`/dev/null`: an added or deleted plan).
#[must_use]
pub fn json(
    diff: &Diff,
    old: &Plan,
    new: &Plan,
    old_file: Option<&str>,
    new_file: Option<&str>,
) -> Json {
    let fields = |changes: &[FieldChange]| -> Vec<Json> {
        changes
            .iter()
            .map(|f| json!({"field": f.field, "old": value(&f.old), "new": value(&f.new)}))
            .collect()
    };
    let department = |plan: &Plan, id: &Id| {
        let name = plan.department(id).map(|d| d.name.as_str());
        json!({"id": id, "name": name})
    };
    let person = |plan: &Plan, id: &Id| match plan.person(id) {
        Some(p) => crate::export::person(p),
        None => json!({"id": id}),
    };
    let whole_row = |plan: &Plan, (kind, id): &(RowKind, Id)| {
        let row = plan.rows.iter().find(|r| r.kind == *kind && r.id == *id);
        match row {
            Some(r) => {
                let mut v = crate::export::row(r);
                v["kind"] = json!(r.kind.noun());
                v
            }
            None => json!({"kind": kind.noun(), "id": id}),
        }
    };
    let holds = |list: &[(Id, Vec<Hold>)]| -> Vec<Json> {
        list.iter()
            .map(|(id, holds)| {
                let holds: Vec<&str> = holds.iter().map(|h| h.key()).collect();
                json!({"party": id, "roles": holds})
            })
            .collect()
    };
    json!({
        "version": 1,
        "old": old_file,
        "new": new_file,
        "same": diff.is_empty(),
        "plan": fields(&diff.settings),
        "departments": {
            "added": diff.departments.added.iter().map(|id| department(new, id)).collect::<Vec<_>>(),
            "removed": diff.departments.removed.iter().map(|id| department(old, id)).collect::<Vec<_>>(),
            "changed": diff.departments.changed.iter().map(|c| json!({
                "id": c.id,
                "name": new.department(&c.id).map(|d| d.name.as_str()),
                "fields": fields(&c.fields),
            })).collect::<Vec<_>>(),
        },
        "people": {
            "added": diff.people.added.iter().map(|id| person(new, id)).collect::<Vec<_>>(),
            "removed": diff.people.removed.iter().map(|id| person(old, id)).collect::<Vec<_>>(),
            "changed": diff.people.changed.iter().map(|c| json!({
                "id": c.id,
                "name": new.person(&c.id).map(|p| p.name.as_str()),
                "fields": fields(&c.fields),
            })).collect::<Vec<_>>(),
        },
        "rows": {
            "added": diff.rows.added.iter().map(|k| whole_row(new, k)).collect::<Vec<_>>(),
            "removed": diff.rows.removed.iter().map(|k| whole_row(old, k)).collect::<Vec<_>>(),
            "changed": diff.rows.changed.iter().map(|c| json!({
                "kind": c.kind.noun(),
                "id": c.id,
                "name": new.rows.iter().find(|r| r.kind == c.kind && r.id == c.id).map(|r| r.name.as_str()),
                "fields": fields(&c.fields),
                "gained": holds(&c.gained),
                "lost": holds(&c.lost),
            })).collect::<Vec<_>>(),
        },
        "problems": {
            "appeared": diff.appeared.iter().map(crate::export::problem).collect::<Vec<_>>(),
            "fixed": diff.fixed.iter().map(crate::export::problem).collect::<Vec<_>>(),
        },
    })
}

/// What git's unmerged form gets: the path, and that it could not be compared.
#[must_use]
pub fn unmerged(path: &str) -> Json {
    json!({"version": 1, "old": path, "new": path, "unmerged": true})
}

fn value(v: &Value) -> Json {
    match v {
        Value::Absent => Json::Null,
        Value::Text(s) | Value::Person(s) | Value::Department(s) => json!(s),
        Value::Flag(b) => json!(b),
        Value::Number(n) => json!(n),
        Value::Day(d) => json!(text::date(*d)),
    }
}
