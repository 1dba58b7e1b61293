//! Changing the plan from the screen: the role keys, clearing a cell, marking a row
//! reviewed, the forms that add and edit entries, deleting (after asking), undo and redo.
//! Each one builds an `Edit`, hands it to the editor, and says on the status line what
//! happened.

use super::{App, Confirm, Mode, View};
use crate::model::edit::{self, Edit};
use crate::model::whatif;
use crate::model::{Id, Plan, Role, RowKind};
use crate::text::{self, plural};
use crate::tui::editor::Direction;
use crate::tui::form::Form;
use crate::tui::keymap::{Action, key_label};

impl Confirm {
    /// Asks before deleting `name`, which takes `n` roles in the matrix with it, and says what
    /// would break (`breaks`, a sentence, or empty).
    fn delete(name: &str, n: usize, edit: Edit, breaks: &str) -> Self {
        let what = if n == 0 {
            name.to_string()
        } else {
            format!("{name} and {n} role{} in the matrix", plural(n))
        };
        let question = if breaks.is_empty() {
            format!("Delete {what}?")
        } else {
            format!("Delete {what}? {breaks}")
        };
        Confirm::Delete {
            question,
            edit: Box::new(edit),
            done: format!("deleted {what} (u undoes it)"),
        }
    }
}

/// What would break if those in `ids` left (or went): "Instagram and Blog would lose
/// their accountable owner; X its last login on staff." Empty when nothing would.
pub(crate) fn breaks_sentence(plan: &Plan, ids: &[Id]) -> String {
    let sentences = whatif::leaving(plan, ids).sentences(plan);
    if sentences.is_empty() {
        String::new()
    } else {
        format!("{}.", sentences.join("; "))
    }
}

impl App {
    /// Hands an edit to the editor, with what it does in words (for undo and redo), and
    /// keeps the screen in step; says why when it could not be made. Returns whether it
    /// was.
    pub(super) fn apply(&mut self, edit: Edit, what: impl Into<String>) -> bool {
        match self.editor.apply(edit, what) {
            Ok(()) => {
                self.refilter();
                true
            }
            Err(e) => {
                self.tell(format!("not changed: {e}"), true);
                false
            }
        }
    }

    pub(super) fn undo_or_redo(&mut self, direction: Direction) {
        let what = direction.word();
        match self.editor.step(direction) {
            // Unsaved, with nothing to undo: the edits were restored after a crash,
            // which brings them back as one version, not step by step.
            Ok(None) if direction == Direction::Undo && self.modified() => self.tell(
                format!(
                    "nothing to undo since the edits were restored; {} then {} quits without them",
                    key_label(Action::Quit),
                    key_label(Action::No)
                ),
                false,
            ),
            Ok(None) => self.tell(format!("nothing to {what}"), false),
            Ok(Some(change)) => {
                self.refilter();
                self.tell(format!("{what}: {change}"), false);
            }
            Err(e) => self.tell(format!("cannot {what}: {e}"), true),
        }
    }

    pub(super) fn toggle(&mut self, role: Role) {
        let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) else {
            return;
        };
        let party = col.id.clone();
        let name = col.name.clone();
        let row = &self.plan().rows[r];
        let on = !row.holders(role).contains(&party);
        let edit = edit::toggle_role(row, &party, role);
        let row_name = row.name.clone();
        let change = if on {
            format!("made {name} {} on {row_name}", role.key())
        } else {
            format!("took {} on {row_name} from {name}", role.key())
        };
        if self.apply(edit, change) {
            let verb = if on { "is now" } else { "is no longer" };
            self.tell(format!("{name} {verb} {} on {row_name}", role.key()), false);
        }
    }

    pub(super) fn clear(&mut self) {
        let (Some(r), Some(col)) = (self.focused_row(), self.focused_column()) else {
            return;
        };
        let row = &self.plan().rows[r];
        if let Some(edit) = edit::clear_cell(row, &col.id) {
            let msg = format!("cleared {} on {}", col.name, row.name);
            if self.apply(edit, msg.clone()) {
                self.tell(msg, false);
            }
        }
    }

    pub(super) fn reviewed(&mut self) {
        let Some(r) = self.current_row() else {
            return;
        };
        let today = self.today();
        let mut row = self.plan().rows[r].clone();
        if row.last_reviewed == Some(today) {
            self.tell(
                format!("{} is already marked reviewed today", row.name),
                false,
            );
            return;
        }
        row.last_reviewed = Some(today);
        let msg = format!("{} reviewed {}", row.name, crate::text::date(today));
        if self.apply(Edit::Row(row), format!("marked {msg}")) {
            self.tell(msg, false);
        }
    }

    pub(super) fn new_entity(&mut self) {
        let plan = self.plan();
        let form = match self.view {
            View::Matrix | View::Channels => {
                let (kind, index) = match self.current_row().map(|r| (r, &plan.rows[r])) {
                    Some((r, row)) => (row.kind, r + 1),
                    None => (RowKind::Channel, plan.rows.len()),
                };
                Form::new_row(kind, index)
            }
            View::People => Form::new_person(if plan.people.is_empty() {
                0
            } else {
                self.cursors.people.at + 1
            }),
            View::Departments => Form::new_department(if plan.departments.is_empty() {
                0
            } else {
                self.cursors.departments.at + 1
            }),
            View::Workload | View::Problems => return,
        };
        self.mode = Mode::Form(form);
    }

    pub(super) fn edit_entity(&mut self) {
        let plan = self.plan();
        let form = match self.view {
            View::Matrix | View::Channels => self
                .current_row()
                .map(|r| Form::edit_row(&plan.rows[r], plan)),
            View::People => plan
                .people
                .get(self.cursors.people.at)
                .map(|p| Form::edit_person(p, plan)),
            View::Departments => plan
                .departments
                .get(self.cursors.departments.at)
                .map(Form::edit_department),
            // What the problem concerns: its row, else the person or department, else
            // the plan's settings (the lead, the review period).
            View::Problems => self.focused_problem().map(|p| {
                let row = p.row.as_deref().and_then(|id| plan.row(id));
                let person = p.party.as_deref().and_then(|id| plan.person(id));
                let department = p.party.as_deref().and_then(|id| plan.department(id));
                match (row, person, department) {
                    (Some(row), ..) => Form::edit_row(row, plan),
                    (None, Some(person), _) => Form::edit_person(person, plan),
                    (None, None, Some(department)) => Form::edit_department(department),
                    (None, None, None) => Form::settings(plan),
                }
            }),
            View::Workload => None,
        };
        if let Some(form) = form {
            self.mode = Mode::Form(form);
        }
    }

    pub(super) fn delete_entity(&mut self) {
        let plan = self.plan();
        let confirm = match self.view {
            View::Matrix | View::Channels => self.current_row().map(|r| {
                let row = &plan.rows[r];
                let n: usize = Role::ALL.iter().map(|&role| row.holders(role).len()).sum();
                Confirm::delete(&row.name, n, Edit::RemoveRow(row.id.clone()), "")
            }),
            View::People => plan.people.get(self.cursors.people.at).map(|p| {
                let (edit, n) = edit::remove_person(plan, &p.id);
                let breaks = breaks_sentence(plan, std::slice::from_ref(&p.id));
                Confirm::delete(&p.name, n, edit, &breaks)
            }),
            View::Departments => plan.departments.get(self.cursors.departments.at).map(|d| {
                let (edit, n) = edit::remove_department(plan, &d.id);
                let members: Vec<&str> = plan
                    .people
                    .iter()
                    .filter(|p| p.department.as_deref() == Some(d.id.as_str()))
                    .map(|p| p.name.as_str())
                    .collect();
                let mut said = breaks_sentence(plan, std::slice::from_ref(&d.id));
                if !members.is_empty() {
                    let verb = if members.len() == 1 { "stays" } else { "stay" };
                    said = format!(
                        "{} {verb} in the plan with no department. {said}",
                        text::and_list(&members)
                    )
                    .trim_end()
                    .to_string();
                }
                Confirm::delete(&d.name, n, edit, &said)
            }),
            View::Workload | View::Problems => None,
        };
        if let Some(confirm) = confirm {
            self.mode = Mode::Confirm(confirm);
        }
    }

    /// Closes the form: back to the what-if panel it was opened from, else to the view.
    pub(super) fn close_form(&mut self) {
        self.mode = self.form_from.take().map_or(Mode::Normal, Mode::WhatIf);
    }

    pub(super) fn accept_form(&mut self) {
        let plan = self.editor.plan();
        let Mode::Form(form) = &mut self.mode else {
            return;
        };
        match form.submit(plan) {
            Ok(edit) => {
                let subject = form.subject;
                let message = describe(&edit, plan);
                let new_id = match &edit {
                    Edit::InsertRow { row, .. } => Some(row.id.clone()),
                    Edit::InsertPerson { person, .. } => Some(person.id.clone()),
                    Edit::InsertDepartment { department, .. } => Some(department.id.clone()),
                    // A person with a department of their own: the person.
                    Edit::Batch(edits) => edits.iter().rev().find_map(|e| match e {
                        Edit::InsertPerson { person, .. } => Some(person.id.clone()),
                        _ => None,
                    }),
                    _ => None,
                };
                let gone = gone(&edit, plan, self.today()).or_else(|| same_name(&edit, plan));
                self.close_form();
                if self.apply(edit, message.clone()) {
                    self.tell(
                        gone.map_or(message.clone(), |g| format!("{message}; {g}")),
                        false,
                    );
                    if let Some(id) = new_id {
                        self.focus_on(subject, &id);
                    }
                }
            }
            Err((key, message)) => {
                if let Mode::Form(form) = &mut self.mode {
                    if let Some(i) = form.fields.iter().position(|f| f.key == key) {
                        form.focus = i;
                    }
                    form.error = Some(format!("{}: {message}", key.label()));
                }
            }
        }
    }
}

/// What a leaving date on or before today means, when the form has just set one: the
/// person counts as gone, and what they held needs someone else.
fn gone(edit: &Edit, plan: &Plan, today: chrono::NaiveDate) -> Option<String> {
    let person = match edit {
        Edit::Person(p) | Edit::InsertPerson { person: p, .. } => p,
        Edit::Batch(edits) => edits.iter().find_map(|e| match e {
            Edit::Person(p) | Edit::InsertPerson { person: p, .. } => Some(p),
            _ => None,
        })?,
        _ => return None,
    };
    let day = person.leaving.filter(|_| person.has_left(today))?;
    if plan
        .person(&person.id)
        .is_some_and(|before| before.leaving == Some(day))
    {
        return None;
    }
    Some(format!(
        "{} counts as gone since {}: f on their rows hands over what they held",
        person.name,
        crate::text::date(day)
    ))
}

/// When the entry a form saves has the name of another of its kind (case and accents
/// aside): the room cannot tell the two apart, so the status line says so.
fn same_name(edit: &Edit, plan: &Plan) -> Option<String> {
    let (id, name, others): (&str, &str, Vec<(&str, &str)>) = match edit {
        Edit::Row(r) | Edit::InsertRow { row: r, .. } => (
            &r.id,
            &r.name,
            plan.rows
                .iter()
                .filter(|o| o.kind == r.kind)
                .map(|o| (o.id.as_str(), o.name.as_str()))
                .collect(),
        ),
        Edit::Person(p) | Edit::InsertPerson { person: p, .. } => (
            &p.id,
            &p.name,
            plan.people
                .iter()
                .map(|o| (o.id.as_str(), o.name.as_str()))
                .collect(),
        ),
        Edit::Department(d) | Edit::InsertDepartment { department: d, .. } => (
            &d.id,
            &d.name,
            plan.departments
                .iter()
                .map(|o| (o.id.as_str(), o.name.as_str()))
                .collect(),
        ),
        _ => return None,
    };
    let folded = text::folded(name);
    others
        .iter()
        .any(|(other, n)| *other != id && text::folded(n) == folded)
        .then(|| {
            format!(
                "another is named {} too: rename one ({}) to tell them apart",
                text::one_line(name),
                key_label(Action::Edit)
            )
        })
}

/// A few words for the status line about what an edit does to `plan` (as it is before
/// the edit), in names.
fn describe(edit: &Edit, plan: &Plan) -> String {
    match edit {
        Edit::Row(row) => format!("changed {}", row.name),
        Edit::InsertRow { row, .. } => match row.holders(crate::model::Role::Accountable) {
            [who] => format!(
                "added {}; {} is accountable for it",
                row.name,
                plan.party(who).map_or(who.as_str(), |p| p.name())
            ),
            _ => format!("added {}", row.name),
        },
        Edit::RemoveRow(id) => format!(
            "removed {}",
            plan.row(id).map_or(id.as_str(), |r| r.name.as_str())
        ),
        Edit::RemovePerson(id) | Edit::RemoveDepartment(id) => format!(
            "removed {}",
            plan.party(id).map_or(id.as_str(), |p| p.name())
        ),
        Edit::Person(p) => format!("changed {}", p.name),
        Edit::InsertPerson { person, .. } => format!("added {}", person.name),
        Edit::Department(d) => format!("changed {}", d.name),
        Edit::InsertDepartment { department, .. } => format!("added {}", department.name),
        Edit::Settings(_) => "changed the plan's settings".into(),
        // A person with a department of their own.
        Edit::Batch(edits)
            if let [
                Edit::InsertDepartment { department, .. },
                Edit::InsertPerson { person, .. } | Edit::Person(person),
            ] = edits.as_slice() =>
        {
            let verb = if plan.person(&person.id).is_some() {
                "changed"
            } else {
                "added"
            };
            format!(
                "{verb} {} and added the department {}",
                person.name, department.name
            )
        }
        Edit::Batch(edits) => {
            let last = edits
                .iter()
                .rev()
                .find(|e| !matches!(e, Edit::Row(_) | Edit::Settings(_) | Edit::Person(_)));
            last.or(edits.first())
                .map_or_else(|| "nothing".into(), |e| describe(e, plan))
        }
    }
}
