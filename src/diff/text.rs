//! `steward diff` as text for a terminal or git's pager: what each party gained or
//! lost, entries added, removed and changed, and the problems that came and went.

use std::fmt::Write as _;

use super::{Changes, Diff, EntityChange, FieldChange, Names, RowChange, Value, row_in};
use crate::model::problem::Problem;
use crate::model::{Id, Plan, Role, Row, RowKind};
use crate::report::{BOLD, GREEN, Paint, RED, YELLOW};
use crate::text;

/// `+`, `-` or `~` in its colour, when `paint` allows colour.
fn marked(paint: Paint, mark: char) -> String {
    let style = match mark {
        '+' => GREEN,
        '-' => RED,
        _ => YELLOW,
    };
    paint.paint(style, &mark.to_string())
}

/// How `steward diff` shows a party, a department and a field's value: names made safe,
/// an id that names nothing in backquotes.
impl Names<'_> {
    fn party(&self, id: &str) -> String {
        self.party_name(id)
            .map_or_else(|| unknown(id), text::one_line)
    }

    fn department(&self, id: &str) -> String {
        self.department_name(id)
            .map_or_else(|| unknown(id), text::one_line)
    }

    fn value(&self, v: &Value) -> String {
        match v {
            Value::Absent => "none".into(),
            Value::Text(s) => format!("\"{}\"", text::one_line(s)),
            Value::Flag(b) => if *b { "yes" } else { "no" }.into(),
            Value::Number(n) => n.to_string(),
            Value::Day(d) => text::date(*d),
            Value::Person(id) => self.party(id),
            Value::Department(id) => self.department(id),
        }
    }

    fn list(&self, ids: &[Id]) -> String {
        ids.iter()
            .map(|id| self.party(id))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn unknown(id: &str) -> String {
    format!("`{}` (unknown)", text::one_line(id))
}

/// How a field is named in the text: the plan file's key, except for two that read
/// better as verbs.
fn label(field: &str, person: bool) -> &str {
    match field {
        "name" => "renamed",
        "department" if person => "moved",
        other => other,
    }
}

/// The difference as text for a terminal: a title line, then a section for each kind of
/// entry that changed (`+` added, `-` removed, `~` changed), the problems that appeared
/// (`+`) or were fixed (`-`), and a summary. Plans that mean the same give one line.
#[must_use]
pub fn text(diff: &Diff, old: &Plan, new: &Plan, title: &str, paint: Paint) -> String {
    let title = text::safe(title);
    if diff.is_empty() {
        return format!("{title}: no change in meaning\n");
    }
    let mut w = TextWriter {
        out: String::new(),
        paint,
        names: Names { old, new },
    };
    w.line(&w.paint.paint(BOLD, &title));
    w.settings(&diff.settings);
    w.departments(&diff.departments);
    w.people(&diff.people);
    w.rows(&diff.rows);
    w.problems(&diff.appeared, &diff.fixed);
    w.line(&summary(diff));
    w.out
}

struct TextWriter<'a> {
    out: String,
    paint: Paint,
    names: Names<'a>,
}

impl TextWriter<'_> {
    fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn section(&mut self, name: &str) {
        let head = self.paint.paint(BOLD, name);
        self.line(&head);
    }

    /// `  + NAME (id)` and the like.
    fn entry(&mut self, mark: char, what: &str) {
        let mark = marked(self.paint, mark);
        self.line(&format!("  {mark} {what}"));
    }

    fn fields(&mut self, changes: &[FieldChange], person: bool) {
        for f in changes {
            let s = format!(
                "      {}: {} -> {}",
                label(f.field, person),
                self.names.value(&f.old),
                self.names.value(&f.new)
            );
            self.line(&s);
        }
    }

    fn settings(&mut self, changes: &[FieldChange]) {
        if changes.is_empty() {
            return;
        }
        self.section("plan");
        for f in changes {
            let s = format!(
                "{}: {} -> {}",
                f.field,
                self.names.value(&f.old),
                self.names.value(&f.new)
            );
            self.entry('~', &s);
        }
    }

    fn departments(&mut self, changes: &Changes<Id, EntityChange>) {
        if changes.is_empty() {
            return;
        }
        self.section("departments");
        let named = |plan: &Plan, id: &str| {
            let name = plan.department(id).map_or("", |d| d.name.as_str());
            format!("{} ({})", text::one_line(name), text::safe(id))
        };
        for id in &changes.added {
            self.entry('+', &named(self.names.new, id));
        }
        for id in &changes.removed {
            self.entry('-', &named(self.names.old, id));
        }
        for c in &changes.changed {
            self.entry('~', &named(self.names.new, &c.id));
            self.fields(&c.fields, false);
        }
    }

    fn people(&mut self, changes: &Changes<Id, EntityChange>) {
        if changes.is_empty() {
            return;
        }
        self.section("people");
        let named = |names: &Names<'_>, plan: &Plan, id: &str, details: bool| {
            let Some(person) = plan.person(id) else {
                return unknown(id);
            };
            let mut s = format!("{} ({})", text::one_line(&person.name), text::safe(id));
            if details {
                if let Some(dept) = &person.department {
                    let _ = write!(s, ", in {}", names.department(dept));
                }
                if person.external {
                    s.push_str(", external");
                }
                if let Some(day) = person.leaving {
                    let _ = write!(s, ", leaving {}", text::date(day));
                }
            }
            s
        };
        for id in &changes.added {
            self.entry('+', &named(&self.names, self.names.new, id, true));
        }
        for id in &changes.removed {
            self.entry('-', &named(&self.names, self.names.old, id, true));
        }
        for c in &changes.changed {
            self.entry('~', &named(&self.names, self.names.new, &c.id, false));
            self.fields(&c.fields, true);
        }
    }

    fn row_head(&mut self, mark: char, row: &Row) {
        let s = format!(
            "{} \"{}\" ({})",
            row.kind.noun(),
            text::one_line(&row.name),
            text::safe(&row.id)
        );
        self.entry(mark, &s);
    }

    /// An added or removed row, with everyone who holds something on it.
    fn whole_row(&mut self, mark: char, plan: &Plan, (kind, id): &(RowKind, Id)) {
        let Some(row) = row_in(plan, *kind, id) else {
            return;
        };
        self.row_head(mark, row);
        for role in Role::ALL {
            if !row.holders(role).is_empty() {
                let s = format!("      {role}: {}", self.names.list(row.holders(role)));
                self.line(&s);
            }
        }
        if !row.admins.is_empty() {
            let s = format!("      admins: {}", self.names.list(&row.admins));
            self.line(&s);
        }
    }

    fn rows(&mut self, changes: &Changes<(RowKind, Id), RowChange>) {
        if changes.is_empty() {
            return;
        }
        self.section("channels and duties");
        for key in &changes.added {
            self.whole_row('+', self.names.new, key);
        }
        for key in &changes.removed {
            self.whole_row('-', self.names.old, key);
        }
        for c in &changes.changed {
            let Some(row) = row_in(self.names.new, c.kind, &c.id) else {
                continue;
            };
            self.row_head('~', row);
            for (mark, list) in [('+', &c.gained), ('-', &c.lost)] {
                for (id, holds) in list {
                    let holds: Vec<&str> = holds.iter().map(|h| h.key()).collect();
                    let s = format!(
                        "      {} {}: {}",
                        marked(self.paint, mark),
                        self.names.party(id),
                        holds.join(", ")
                    );
                    self.line(&s);
                }
            }
            self.fields(&c.fields, false);
        }
    }

    fn problems(&mut self, appeared: &[Problem], fixed: &[Problem]) {
        if appeared.is_empty() && fixed.is_empty() {
            return;
        }
        self.section("problems");
        for (mark, list) in [('+', appeared), ('-', fixed)] {
            for p in list {
                let s = format!("{}[{}]: {}", p.severity(), p.code, text::safe(&p.message));
                self.entry(mark, &s);
            }
        }
    }
}

/// `3 changes, 1 problem appeared, 2 fixed`.
fn summary(diff: &Diff) -> String {
    let changes =
        diff.settings.len() + diff.departments.len() + diff.people.len() + diff.rows.len();
    let mut parts = Vec::new();
    if changes > 0 {
        parts.push(text::count(changes, "change"));
    }
    let (appeared, fixed) = (diff.appeared.len(), diff.fixed.len());
    if appeared > 0 {
        parts.push(format!("{} appeared", text::count(appeared, "problem")));
    }
    if fixed > 0 {
        parts.push(if appeared > 0 {
            format!("{fixed} fixed")
        } else {
            format!("{} fixed", text::count(fixed, "problem"))
        });
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::summary;
    use crate::diff::compare;
    use crate::diff::tests::{BASE, day, plan};

    #[test]
    fn the_summary_counts_changes_and_problems() {
        let new = BASE.replace("accountable = \"sam\"\n", "");
        let d = compare(Some(&plan(BASE)), Some(&plan(&new)), day());
        assert_eq!(summary(&d), "1 change, 1 problem appeared");
        let back = compare(Some(&plan(&new)), Some(&plan(BASE)), day());
        assert_eq!(summary(&back), "1 change, 1 problem fixed");
    }
}
