//! The small forms for adding and editing channels, duties, people and departments: text
//! fields, each checked when the form is accepted, with the reason shown in the form.

use chrono::NaiveDate;

pub use super::input::Input;
use crate::model::edit::{Edit, id_from_name};
use crate::model::{Department, Id, Person, Plan, Row, RowKind, is_valid_id};

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
    Name,
    Id,
    Kind,
    Platform,
    Goal,
    LastReviewed,
    Admins,
    Department,
    Title,
    External,
    Leaving,
}

impl FieldKey {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            FieldKey::Name => "Name",
            FieldKey::Id => "Id",
            FieldKey::Kind => "Kind",
            FieldKey::Platform => "Platform",
            FieldKey::Goal => "Goal",
            FieldKey::LastReviewed => "Last reviewed",
            FieldKey::Admins => "Admins",
            FieldKey::Department => "Department",
            FieldKey::Title => "Title",
            FieldKey::External => "External",
            FieldKey::Leaving => "Leaving",
        }
    }

    /// What to type, shown beside an empty field.
    #[must_use]
    pub fn hint(self) -> &'static str {
        match self {
            FieldKey::Name => "what people call it",
            FieldKey::Id => "lowercase letters, digits, - and _",
            FieldKey::Kind => "channel or duty",
            FieldKey::Platform => "instagram, linkedin, blog…",
            FieldKey::Goal => "the business goal it serves",
            FieldKey::LastReviewed | FieldKey::Leaving => "YYYY-MM-DD, or empty",
            FieldKey::Admins => "ids of who holds the login, comma-separated",
            FieldKey::Department => "a department id, or empty",
            FieldKey::Title => "job title, or empty",
            FieldKey::External => "yes for an agency or freelancer, else no",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: FieldKey,
    pub input: Input,
}

/// What the form adds or edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Row,
    Person,
    Department,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub subject: Subject,
    /// The id of what is edited; `None` for a new entry.
    pub editing: Option<Id>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the form was refused, shown under the fields.
    pub error: Option<String>,
    /// Whether the id was typed by hand (else it follows the name).
    id_typed: bool,
    /// Where a new entry goes.
    pub index: usize,
}

fn field(key: FieldKey, text: &str) -> Field {
    Field {
        key,
        input: Input::new(text),
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Form {
    /// A form for a new channel (or duty, when `kind` says so) at row `index`.
    #[must_use]
    pub fn new_row(kind: RowKind, index: usize) -> Self {
        let kind = match kind {
            RowKind::Channel => "channel",
            RowKind::Duty => "duty",
        };
        Form::blank(
            Subject::Row,
            vec![
                field(FieldKey::Name, ""),
                field(FieldKey::Id, ""),
                field(FieldKey::Kind, kind),
                field(FieldKey::Platform, ""),
                field(FieldKey::Goal, ""),
                field(FieldKey::LastReviewed, ""),
                field(FieldKey::Admins, ""),
            ],
            index,
        )
    }

    #[must_use]
    pub fn edit_row(row: &Row) -> Self {
        let mut fields = vec![field(FieldKey::Name, &row.name)];
        if row.kind == RowKind::Channel {
            fields.push(field(
                FieldKey::Platform,
                row.platform.as_deref().unwrap_or(""),
            ));
        }
        fields.push(field(FieldKey::Goal, row.goal.as_deref().unwrap_or("")));
        fields.push(field(FieldKey::LastReviewed, &day(row.last_reviewed)));
        if row.kind == RowKind::Channel {
            fields.push(field(FieldKey::Admins, &row.admins.join(", ")));
        }
        Form::editing(Subject::Row, &row.id, fields)
    }

    #[must_use]
    pub fn new_person(index: usize) -> Self {
        Form::blank(
            Subject::Person,
            vec![
                field(FieldKey::Name, ""),
                field(FieldKey::Id, ""),
                field(FieldKey::Department, ""),
                field(FieldKey::Title, ""),
                field(FieldKey::External, "no"),
                field(FieldKey::Leaving, ""),
            ],
            index,
        )
    }

    #[must_use]
    pub fn edit_person(p: &Person) -> Self {
        Form::editing(
            Subject::Person,
            &p.id,
            vec![
                field(FieldKey::Name, &p.name),
                field(FieldKey::Department, p.department.as_deref().unwrap_or("")),
                field(FieldKey::Title, p.title.as_deref().unwrap_or("")),
                field(FieldKey::External, if p.external { "yes" } else { "no" }),
                field(FieldKey::Leaving, &day(p.leaving)),
            ],
        )
    }

    #[must_use]
    pub fn new_department(index: usize) -> Self {
        Form::blank(
            Subject::Department,
            vec![field(FieldKey::Name, ""), field(FieldKey::Id, "")],
            index,
        )
    }

    #[must_use]
    pub fn edit_department(d: &Department) -> Self {
        Form::editing(
            Subject::Department,
            &d.id,
            vec![field(FieldKey::Name, &d.name)],
        )
    }

    fn blank(subject: Subject, fields: Vec<Field>, index: usize) -> Self {
        Form {
            subject,
            editing: None,
            fields,
            focus: 0,
            error: None,
            id_typed: false,
            index,
        }
    }

    fn editing(subject: Subject, id: &str, fields: Vec<Field>) -> Self {
        Form {
            subject,
            editing: Some(id.to_string()),
            fields,
            focus: 0,
            error: None,
            id_typed: true,
            index: 0,
        }
    }

    /// The title of the form's box.
    #[must_use]
    pub fn title(&self) -> String {
        let what = match self.subject {
            Subject::Row => "channel or duty",
            Subject::Person => "person",
            Subject::Department => "department",
        };
        match &self.editing {
            Some(id) => format!("Edit {what} `{id}`"),
            None => format!("New {what}"),
        }
    }

    fn get(&self, key: FieldKey) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.input.text.trim())
    }

    /// The focused field, to type into.
    pub fn focused(&mut self) -> &mut Input {
        &mut self.fields[self.focus].input
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.fields.len();
    }

    pub fn prev(&mut self) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
    }

    /// After typing: a new entry's id follows its name until the id is typed by hand.
    pub fn typed(&mut self, plan: &Plan) {
        let key = self.fields[self.focus].key;
        if key == FieldKey::Id {
            self.id_typed = true;
        }
        if key == FieldKey::Name && !self.id_typed && self.editing.is_none() {
            let name = self.get(FieldKey::Name).unwrap_or_default().to_string();
            let subject = self.subject;
            let id = if name.is_empty() {
                String::new()
            } else {
                id_from_name(&name, |id| taken(plan, subject, id))
            };
            if let Some(f) = self.fields.iter_mut().find(|f| f.key == FieldKey::Id) {
                f.input = Input::new(&id);
            }
        }
        self.error = None;
    }

    /// The edit the form asks for, or why it cannot be made (and on which field).
    ///
    /// # Errors
    /// The field at fault and a message for the user.
    #[expect(
        clippy::too_many_lines,
        reason = "each field's check is a few lines, in form order"
    )]
    pub fn submit(&self, plan: &Plan) -> Result<Edit, (FieldKey, String)> {
        let name = self.get(FieldKey::Name).unwrap_or_default();
        if name.is_empty() {
            return Err((
                FieldKey::Name,
                "the name is empty: write what people call it".into(),
            ));
        }
        let id = if let Some(id) = &self.editing {
            id.clone()
        } else {
            {
                let id = self.get(FieldKey::Id).unwrap_or_default();
                if !is_valid_id(id) {
                    return Err((
                        FieldKey::Id,
                        format!(
                            "`{}` is not an id: use lowercase letters, digits, - and _",
                            crate::text::one_line(id)
                        ),
                    ));
                }
                if taken(plan, self.subject, id) {
                    return Err((
                        FieldKey::Id,
                        format!("the id `{id}` is taken: choose another"),
                    ));
                }
                id.to_string()
            }
        };
        let optional = |key| self.get(key).filter(|s| !s.is_empty()).map(String::from);
        let date = |key: FieldKey| -> Result<Option<NaiveDate>, (FieldKey, String)> {
            match self.get(key).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| {
                        (
                            key,
                            format!(
                                "`{}` is not a date: write it like 2026-11-23",
                                crate::text::one_line(s)
                            ),
                        )
                    }),
            }
        };
        match self.subject {
            Subject::Department => {
                let department = Department {
                    id,
                    name: name.to_string(),
                };
                Ok(match self.editing {
                    Some(_) => Edit::Department(department),
                    None => Edit::InsertDepartment {
                        index: self.index,
                        department,
                    },
                })
            }
            Subject::Person => {
                let department = optional(FieldKey::Department);
                if let Some(d) = department
                    .as_deref()
                    .filter(|d| plan.department(d).is_none())
                {
                    let known: Vec<&str> = plan.departments.iter().map(|d| d.id.as_str()).collect();
                    return Err((
                        FieldKey::Department,
                        format!(
                            "there is no department `{}`; known: {}",
                            crate::text::one_line(d),
                            known.join(", ")
                        ),
                    ));
                }
                let external = match self
                    .get(FieldKey::External)
                    .unwrap_or("no")
                    .to_lowercase()
                    .as_str()
                {
                    "yes" | "y" | "true" | "external" => true,
                    "no" | "n" | "false" | "" | "internal" => false,
                    _ => {
                        return Err((
                            FieldKey::External,
                            "write yes (agency or freelancer) or no (staff)".into(),
                        ));
                    }
                };
                let person = Person {
                    id,
                    name: name.to_string(),
                    department,
                    title: optional(FieldKey::Title),
                    external,
                    leaving: date(FieldKey::Leaving)?,
                };
                Ok(match self.editing {
                    Some(_) => Edit::Person(person),
                    None => Edit::InsertPerson {
                        index: self.index,
                        person,
                    },
                })
            }
            Subject::Row => {
                let kind = match &self.editing {
                    Some(id) => plan.row(id).map_or(RowKind::Channel, |r| r.kind),
                    None => match self
                        .get(FieldKey::Kind)
                        .unwrap_or("channel")
                        .to_lowercase()
                        .as_str()
                    {
                        "channel" | "c" => RowKind::Channel,
                        "duty" | "d" => RowKind::Duty,
                        _ => return Err((FieldKey::Kind, "write channel or duty".into())),
                    },
                };
                let mut row = match &self.editing {
                    Some(id) => plan
                        .row(id)
                        .cloned()
                        .unwrap_or_else(|| Row::new(kind, id.clone(), name)),
                    None => Row::new(kind, id, name),
                };
                row.name = name.to_string();
                row.goal = optional(FieldKey::Goal);
                row.last_reviewed = date(FieldKey::LastReviewed)?;
                if kind == RowKind::Channel {
                    row.platform = optional(FieldKey::Platform);
                    let admins: Vec<Id> = self
                        .get(FieldKey::Admins)
                        .unwrap_or_default()
                        .split([',', ' '])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                    if let Some(bad) = admins.iter().find(|a| plan.person(a).is_none()) {
                        return Err((
                            FieldKey::Admins,
                            format!(
                                "there is no person `{}`: admins are people's ids",
                                crate::text::one_line(bad)
                            ),
                        ));
                    }
                    row.admins = crate::model::dedup(admins);
                }
                Ok(match self.editing {
                    Some(_) => Edit::Row(row),
                    None => Edit::InsertRow {
                        index: self.index,
                        row,
                    },
                })
            }
        }
    }
}

/// Whether `id` is taken for a new entry: rows share one namespace, and departments and
/// people share another.
fn taken(plan: &Plan, subject: Subject, id: &str) -> bool {
    match subject {
        Subject::Row => plan.row(id).is_some(),
        Subject::Person | Subject::Department => plan.party(id).is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn type_in(form: &mut Form, plan: &Plan, text: &str) {
        for c in text.chars() {
            form.focused().insert(c);
            form.typed(plan);
        }
    }

    fn plan() -> Plan {
        let mut plan = Plan::default();
        plan.people.push(Person {
            id: "sam".into(),
            name: "Sam".into(),
            department: None,
            title: None,
            external: false,
            leaving: None,
        });
        plan
    }

    #[test]
    fn a_new_person_gets_an_id_from_the_name_that_is_not_taken() {
        let plan = plan();
        let mut form = Form::new_person(1);
        type_in(&mut form, &plan, "Sam");
        assert_eq!(form.get(FieldKey::Id), Some("sam-2"));
        let Ok(Edit::InsertPerson { person, index }) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!(
            (person.id.as_str(), person.name.as_str(), index),
            ("sam-2", "Sam", 1)
        );
    }

    #[test]
    fn bad_input_is_refused_with_the_field_at_fault() {
        let plan = plan();
        let mut form = Form::new_person(1);
        assert_eq!(form.submit(&plan).map_err(|e| e.0), Err(FieldKey::Name));
        type_in(&mut form, &plan, "Ana");
        form.focus = 5;
        type_in(&mut form, &plan, "31/01/2027");
        let err = form.submit(&plan).expect_err("a bad date");
        assert_eq!(err.0, FieldKey::Leaving);
        assert!(err.1.contains("not a date"), "{}", err.1);
        form.focus = 1;
        form.focused().clear();
        type_in(&mut form, &plan, "sam");
        assert_eq!(form.submit(&plan).map_err(|e| e.0), Err(FieldKey::Id));
    }
}
