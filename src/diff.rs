//! What changed between two plans, in responsibilities rather than in text:
//! `steward diff`.
//!
//! Two plans mean the same when they hold the same settings, departments, people,
//! channels and duties, with the same fields and the same roles and admins. The order of
//! entries, the order of ids in a list, comments and layout do not count; nor do keys the
//! format does not know, except through the `unknown-key` problems they cause. Problems are
//! compared as `rules::check` reports them for both plans on the same day.
//!
//! This file compares; `text.rs` and `json.rs` show the result for `steward diff`, and
//! `words.rs` in sentences for the room (the day's changes on screen and in the handout).

pub mod json;
mod text;
mod words;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;

use crate::model::problem::{Code, Problem};
use crate::model::rules;
use crate::model::{Department, Id, Person, Plan, Role, Row, RowKind, Settings};

pub use json::json;
pub use text::text;
pub use words::words;

/// The value of a field on one side of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Absent,
    Text(String),
    Flag(bool),
    Number(u32),
    Day(NaiveDate),
    /// A person's id (the plan's lead).
    Person(Id),
    /// A department's id (a person's department).
    Department(Id),
}

/// One field that differs: its key in the plan file, and both values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

/// What a party can hold on a row: one of the four roles, or the login of a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Hold {
    Role(Role),
    Admin,
}

impl Hold {
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Hold::Role(role) => role.key(),
            Hold::Admin => "admin",
        }
    }
}

/// A department or person that is in both plans, with the fields that differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityChange {
    pub id: Id,
    pub fields: Vec<FieldChange>,
}

/// A channel or duty that is in both plans: the fields that differ, and who gained or
/// lost what on it (each party with its holds, in the order A, R, C, I, admin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    pub kind: RowKind,
    pub id: Id,
    pub fields: Vec<FieldChange>,
    pub gained: Vec<(Id, Vec<Hold>)>,
    pub lost: Vec<(Id, Vec<Hold>)>,
}

/// Entries only in the new plan, only in the old one, and in both but different. Added
/// and changed entries follow the new plan's order; removed ones the old plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<K, C> {
    pub added: Vec<K>,
    pub removed: Vec<K>,
    pub changed: Vec<C>,
}

impl<K, C> Changes<K, C> {
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    fn len(&self) -> usize {
        self.added.len() + self.removed.len() + self.changed.len()
    }
}

/// Everything that differs between two plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub settings: Vec<FieldChange>,
    pub departments: Changes<Id, EntityChange>,
    pub people: Changes<Id, EntityChange>,
    /// Rows by kind and id: a channel and a duty may share an id.
    pub rows: Changes<(RowKind, Id), RowChange>,
    /// Problems of the new plan that the old one did not have, in the new plan's order.
    pub appeared: Vec<Problem>,
    /// Problems of the old plan that the new one no longer has, in the old plan's order.
    pub fixed: Vec<Problem>,
}

impl Diff {
    /// Whether the two plans mean the same.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.settings.is_empty()
            && self.departments.is_empty()
            && self.people.is_empty()
            && self.rows.is_empty()
            && self.appeared.is_empty()
            && self.fixed.is_empty()
    }
}

/// Names for the ids a difference mentions, from the new plan first, else the old one:
/// what was removed is still named as it was. The names are as written; each rendering
/// makes them safe where it shows them.
struct Names<'a> {
    old: &'a Plan,
    new: &'a Plan,
}

impl<'a> Names<'a> {
    fn party_name(&self, id: &str) -> Option<&'a str> {
        self.new
            .party(id)
            .or_else(|| self.old.party(id))
            .map(|p| p.name())
    }

    fn department_name(&self, id: &str) -> Option<&'a str> {
        self.new
            .department(id)
            .or_else(|| self.old.department(id))
            .map(|d| d.name.as_str())
    }
}

/// The row of this kind and id in `plan`: a channel and a duty may share an id.
fn row_in<'a>(plan: &'a Plan, kind: RowKind, id: &str) -> Option<&'a Row> {
    plan.rows.iter().find(|r| r.kind == kind && r.id == id)
}

/// Compares two plans, checking both on `today`. A side that is `None` (no file: a plan
/// added or deleted) is an empty plan without problems.
#[must_use]
pub fn compare(old: Option<&Plan>, new: Option<&Plan>, today: NaiveDate) -> Diff {
    let check = |plan: Option<&Plan>| plan.map(|p| rules::check(p, today)).unwrap_or_default();
    let (appeared, fixed) = problems(&check(old), &check(new));
    let empty = Plan::default();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    Diff {
        settings: settings(&old.settings, &new.settings),
        departments: changes(
            &old.departments,
            &new.departments,
            |d| d.id.clone(),
            department,
        ),
        people: changes(&old.people, &new.people, |p| p.id.clone(), person),
        rows: changes(&old.rows, &new.rows, |r| (r.kind, r.id.clone()), row),
        appeared,
        fixed,
    }
}

fn text_value(s: Option<&String>) -> Value {
    s.map_or(Value::Absent, |s| Value::Text(s.clone()))
}

fn day_value(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Absent, Value::Day)
}

/// Pushes a change of `field` when the values differ.
fn field(out: &mut Vec<FieldChange>, field: &'static str, old: Value, new: Value) {
    if old != new {
        out.push(FieldChange { field, old, new });
    }
}

fn settings(old: &Settings, new: &Settings) -> Vec<FieldChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        "name",
        text_value(old.name.as_ref()),
        text_value(new.name.as_ref()),
    );
    let lead = |s: &Settings| s.lead.clone().map_or(Value::Absent, Value::Person);
    field(&mut out, "lead", lead(old), lead(new));
    for ((key, o, _), (_, n, _)) in old.numbers().into_iter().zip(new.numbers()) {
        field(&mut out, key, Value::Number(o), Value::Number(n));
    }
    out
}

fn department(old: &Department, new: &Department) -> Option<EntityChange> {
    let mut out = Vec::new();
    field(
        &mut out,
        "name",
        Value::Text(old.name.clone()),
        Value::Text(new.name.clone()),
    );
    entity(&new.id, out)
}

fn person(old: &Person, new: &Person) -> Option<EntityChange> {
    let mut out = Vec::new();
    let dept = |p: &Person| {
        p.department
            .clone()
            .map_or(Value::Absent, Value::Department)
    };
    field(
        &mut out,
        "name",
        Value::Text(old.name.clone()),
        Value::Text(new.name.clone()),
    );
    field(&mut out, "department", dept(old), dept(new));
    field(
        &mut out,
        "title",
        text_value(old.title.as_ref()),
        text_value(new.title.as_ref()),
    );
    field(
        &mut out,
        "external",
        Value::Flag(old.external),
        Value::Flag(new.external),
    );
    field(
        &mut out,
        "leaving",
        day_value(old.leaving),
        day_value(new.leaving),
    );
    entity(&new.id, out)
}

/// The entries only in `new`, only in `old`, and in both but different, matched by
/// `key`; `change` says how an entry that is in both differs, if it does.
fn changes<T, K: Clone + Eq + Hash, C>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> K,
    change: impl Fn(&T, &T) -> Option<C>,
) -> Changes<K, C> {
    let before: HashMap<K, &T> = old.iter().map(|t| (key(t), t)).collect();
    let after: HashSet<K> = new.iter().map(&key).collect();
    let mut changes = Changes {
        added: Vec::new(),
        removed: old
            .iter()
            .map(&key)
            .filter(|k| !after.contains(k))
            .collect(),
        changed: Vec::new(),
    };
    for t in new {
        let k = key(t);
        match before.get(&k) {
            None => changes.added.push(k),
            Some(was) => changes.changed.extend(change(was, t)),
        }
    }
    changes
}

/// A department or person that is in both plans, if any of its fields differ.
fn entity(id: &Id, fields: Vec<FieldChange>) -> Option<EntityChange> {
    (!fields.is_empty()).then(|| EntityChange {
        id: id.clone(),
        fields,
    })
}

/// A channel or duty that is in both plans, if anything on it differs.
fn row(was: &Row, row: &Row) -> Option<RowChange> {
    let mut fields = Vec::new();
    field(
        &mut fields,
        "name",
        Value::Text(was.name.clone()),
        Value::Text(row.name.clone()),
    );
    field(
        &mut fields,
        "platform",
        text_value(was.platform.as_ref()),
        text_value(row.platform.as_ref()),
    );
    field(
        &mut fields,
        "goal",
        text_value(was.goal.as_ref()),
        text_value(row.goal.as_ref()),
    );
    field(
        &mut fields,
        "last_reviewed",
        day_value(was.last_reviewed),
        day_value(row.last_reviewed),
    );
    let (then, now) = (holds(was), holds(row));
    let gained = minus(&now, &then);
    let lost = minus(&then, &now);
    (!fields.is_empty() || !gained.is_empty() || !lost.is_empty()).then(|| RowChange {
        kind: row.kind,
        id: row.id.clone(),
        fields,
        gained,
        lost,
    })
}

/// Each party named on a row with what it holds, parties in order of first mention.
fn holds(row: &Row) -> Vec<(Id, Vec<Hold>)> {
    row.named()
        .into_iter()
        .map(|id| {
            let mut holds: Vec<Hold> = row.roles_of(id).into_iter().map(Hold::Role).collect();
            if row.admins.iter().any(|a| a == id) {
                holds.push(Hold::Admin);
            }
            (id.to_string(), holds)
        })
        .collect()
}

/// What each party holds in `a` but not in `b`.
fn minus(a: &[(Id, Vec<Hold>)], b: &[(Id, Vec<Hold>)]) -> Vec<(Id, Vec<Hold>)> {
    a.iter()
        .filter_map(|(id, holds)| {
            let other = b.iter().find(|(p, _)| p == id).map(|(_, h)| h.as_slice());
            let only: Vec<Hold> = holds
                .iter()
                .copied()
                .filter(|h| !other.is_some_and(|o| o.contains(h)))
                .collect();
            (!only.is_empty()).then(|| (id.clone(), only))
        })
        .collect()
}

/// The problems that appeared and those that were fixed. A problem is the same in both
/// plans when its code, row and party match (its wording may follow a rename); problems
/// about neither a row nor a party must also match word for word.
fn problems(old: &[Problem], new: &[Problem]) -> (Vec<Problem>, Vec<Problem>) {
    fn key(p: &Problem, exact: bool) -> (Code, Option<&str>, Option<&str>, &str) {
        let words = if exact { p.message.as_str() } else { "" };
        (p.code, p.row.as_deref(), p.party.as_deref(), words)
    }
    let mut old_open = vec![true; old.len()];
    let mut new_open = vec![true; new.len()];
    for exact in [true, false] {
        let mut waiting: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, p) in old.iter().enumerate().rev() {
            if old_open[i] && (exact || p.row.is_some() || p.party.is_some()) {
                waiting.entry(key(p, exact)).or_default().push(i);
            }
        }
        for (j, p) in new.iter().enumerate() {
            if !new_open[j] {
                continue;
            }
            if let Some(i) = waiting.get_mut(&key(p, exact)).and_then(Vec::pop) {
                old_open[i] = false;
                new_open[j] = false;
            }
        }
    }
    let open = |list: &[Problem], flags: &[bool]| {
        list.iter()
            .zip(flags)
            .filter(|(_, open)| **open)
            .map(|(p, _)| p.clone())
            .collect()
    };
    (open(new, &new_open), open(old, &old_open))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{GREEN, Paint, RED};
    use crate::store;

    pub(super) fn plan(text: &str) -> Plan {
        store::parse(text).expect("a valid plan")
    }

    pub(super) fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
    }

    pub(super) const BASE: &str = "[plan]\nlead = \"sam\"\n\
        [departments.m]\nname = \"Marketing\"\n\
        [people.sam]\nname = \"Sam\"\ndepartment = \"m\"\n\
        [people.ana]\nname = \"Ana\"\n\
        [channels.ig]\nname = \"IG\"\naccountable = \"sam\"\nresponsible = [\"ana\", \"sam\"]\nadmins = [\"sam\", \"ana\"]\n";

    #[test]
    fn order_of_entries_and_of_ids_in_lists_does_not_count() {
        let reordered = "[channels.ig]\nname = \"IG\"\nadmins = [\"ana\", \"sam\"]\n\
            responsible = [\"sam\", \"ana\"]\naccountable = [\"sam\"]\n\
            [people.ana]\nname = \"Ana\"\n\
            [people.sam]\ndepartment = \"m\"\nname = \"Sam\"\n\
            [departments.m]\nname = \"Marketing\" # comment\n[plan]\nlead = \"sam\"\n";
        let d = compare(Some(&plan(BASE)), Some(&plan(reordered)), day());
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn roles_gained_and_lost_are_named_per_party() {
        let new = BASE.replace(
            "accountable = \"sam\"\nresponsible = [\"ana\", \"sam\"]\nadmins = [\"sam\", \"ana\"]",
            "accountable = \"ana\"\nresponsible = [\"ana\", \"sam\"]\nadmins = [\"ana\"]\ninformed = \"m\"",
        );
        let d = compare(Some(&plan(BASE)), Some(&plan(&new)), day());
        assert_eq!(d.rows.changed.len(), 1, "{d:#?}");
        let c = &d.rows.changed[0];
        assert_eq!(
            c.gained,
            [
                ("ana".into(), vec![Hold::Role(Role::Accountable)]),
                ("m".into(), vec![Hold::Role(Role::Informed)]),
            ]
        );
        assert_eq!(
            c.lost,
            [(
                "sam".into(),
                vec![Hold::Role(Role::Accountable), Hold::Admin]
            )]
        );
        assert!(c.fields.is_empty());
        // Only one admin inside now, and an accountable that holds R too is fine.
        let codes: Vec<Code> = d.appeared.iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::SingleAdmin], "{d:#?}");
    }

    #[test]
    fn renames_moves_and_settings_are_field_changes() {
        let new = BASE
            .replace(
                "name = \"Sam\"\ndepartment = \"m\"",
                "name = \"Sam O.\"\nexternal = true",
            )
            .replace("name = \"Marketing\"", "name = \"Brand\"")
            .replace("lead = \"sam\"", "lead = \"ana\"\nmax_accountable = 3");
        let d = compare(Some(&plan(BASE)), Some(&plan(&new)), day());
        assert_eq!(
            d.settings,
            [
                FieldChange {
                    field: "lead",
                    old: Value::Person("sam".into()),
                    new: Value::Person("ana".into())
                },
                FieldChange {
                    field: "max_accountable",
                    old: Value::Number(5),
                    new: Value::Number(3)
                },
            ]
        );
        assert_eq!(
            d.departments.changed[0].fields[0].new,
            Value::Text("Brand".into())
        );
        let sam: Vec<&str> = d.people.changed[0].fields.iter().map(|f| f.field).collect();
        assert_eq!(sam, ["name", "department", "external"]);
        let shown = text(
            &d,
            &plan(BASE),
            &plan(&new),
            "a -> b",
            Paint { color: false },
        );
        assert!(shown.contains("  ~ Sam O. (sam)\n      renamed: \"Sam\" -> \"Sam O.\"\n      moved: Brand -> none\n      external: no -> yes\n"), "{shown}");
        assert!(shown.contains("  ~ lead: Sam O. -> Ana\n"), "{shown}");
        assert!(!shown.contains('\x1b'), "no colour unless asked: {shown}");
    }

    #[test]
    fn added_and_removed_entries_are_listed_whole() {
        let new = BASE.replace(
            "[people.ana]\nname = \"Ana\"\n",
            "[people.bo]\nname = \"Bo\"\n",
        ) + "[duties.policy]\nname = \"Policy\"\naccountable = \"sam\"\n[departments.sales]\nname = \"Sales\"\n";
        let d = compare(Some(&plan(BASE)), Some(&plan(&new)), day());
        assert_eq!(d.people.added, ["bo"]);
        assert_eq!(d.people.removed, ["ana"]);
        assert_eq!(d.departments.added, ["sales"]);
        assert_eq!(d.rows.added, [(RowKind::Duty, "policy".to_string())]);
        let shown = text(
            &d,
            &plan(BASE),
            &plan(&new),
            "a -> b",
            Paint { color: true },
        );
        assert!(
            shown.contains(&format!(
                "{GREEN}+\x1b[0m duty \"Policy\" (policy)\n      accountable: Sam\n"
            )),
            "{shown}"
        );
        assert!(
            shown.contains(&format!("{RED}-\x1b[0m Ana (ana)")),
            "{shown}"
        );
        // Ana is still named on the channel: her id is now unknown there.
        assert!(
            d.appeared
                .iter()
                .any(|p| p.code == Code::UnknownReference && p.party.as_deref() == Some("ana")),
            "{d:#?}"
        );
    }

    #[test]
    fn a_missing_side_is_an_empty_plan_without_problems() {
        let d = compare(None, Some(&plan(BASE)), day());
        assert_eq!(d.people.added, ["sam", "ana"]);
        assert!(
            d.fixed.is_empty(),
            "an absent plan has no problems to fix: {d:#?}"
        );
        assert!(d.appeared.iter().any(|p| p.code == Code::NotReviewed));
        let gone = compare(Some(&plan(BASE)), None, day());
        assert_eq!(gone.rows.removed, [(RowKind::Channel, "ig".to_string())]);
        assert!(gone.appeared.is_empty());
    }

    #[test]
    fn a_problem_reworded_by_a_rename_is_the_same_problem() {
        let base =
            "[people.sam]\nname = \"Sam\"\n[channels.ig]\nname = \"IG\"\nresponsible = \"sam\"\n";
        let renamed = base.replace("name = \"IG\"", "name = \"Instagram\"");
        let d = compare(Some(&plan(base)), Some(&plan(&renamed)), day());
        assert!(d.appeared.is_empty() && d.fixed.is_empty(), "{d:#?}");
        assert_eq!(d.rows.changed[0].fields[0].field, "name");
    }
}
