//! The forms that add and edit channels, duties, people and departments, and the plan's
//! own settings. A field is text, a date, a number, a choice of two (switched with
//! Space), or names of people or departments (typed as names or ids, with the matches
//! shown as you type). Each field is checked when the form is saved, and the reason for
//! a refusal is shown in the form.
//!
//! It is one file though long: the fields (what each holds and how it is typed into)
//! and the forms made of them, with moving between fields; checking a form on saving is
//! in `submit.rs`, and the matches of a field of names in `pick.rs`.

mod pick;
mod submit;

pub use pick::{MAX_SUGGESTIONS, Pool, Suggestion};

pub use super::input::Input;
use crate::model::edit::id_from_name;
use crate::model::{Department, Id, Person, Plan, Row, RowKind, Settings};
use crate::text;

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
    Accountable,
    Department,
    Title,
    External,
    Leaving,
    PlanName,
    Lead,
    ReviewEvery,
    LeavingNotice,
    MaxAccountable,
}

/// How a field is typed into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Date,
    /// A whole number of days or rows.
    Number,
    /// One of two words, switched with Space: (off, on).
    Toggle(&'static str, &'static str),
    /// Names (or ids) of people or departments; `many` takes several, comma-separated.
    Pick {
        pool: Pool,
        many: bool,
    },
}

impl FieldKey {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            FieldKey::Name | FieldKey::PlanName => "Name",
            FieldKey::Id => "Id",
            FieldKey::Kind => "Kind",
            FieldKey::Platform => "Platform",
            FieldKey::Goal => "Goal",
            FieldKey::LastReviewed => "Last reviewed",
            FieldKey::Admins => "Admins",
            FieldKey::Accountable => "Accountable",
            FieldKey::Department => "Department",
            FieldKey::Title => "Title",
            FieldKey::External => "External",
            FieldKey::Leaving => "Leaving",
            FieldKey::Lead => "Lead",
            FieldKey::ReviewEvery => "Review every",
            FieldKey::LeavingNotice => "Leaving notice",
            FieldKey::MaxAccountable => "Accountable max",
        }
    }

    /// What a number in the field counts, shown after it.
    #[must_use]
    pub fn unit(self) -> Option<&'static str> {
        match self {
            FieldKey::ReviewEvery | FieldKey::LeavingNotice => Some("days"),
            FieldKey::MaxAccountable => Some("rows"),
            _ => None,
        }
    }

    /// What to type, shown beside an empty field.
    #[must_use]
    pub fn hint(self) -> String {
        match self {
            FieldKey::Name => "what people call it".into(),
            FieldKey::PlanName => "the business's name".into(),
            FieldKey::Id => "lowercase letters, digits, - and _".into(),
            FieldKey::Kind | FieldKey::External => "Space switches".into(),
            FieldKey::Platform => "instagram, linkedin, blog…".into(),
            FieldKey::Goal => "the business goal it serves".into(),
            FieldKey::LastReviewed | FieldKey::Leaving => "YYYY-MM-DD, or empty".into(),
            FieldKey::Admins => "who holds the login: names, comma-separated".into(),
            FieldKey::Accountable => "who inside answers for it, or empty".into(),
            FieldKey::Department => "a department's name, or empty".into(),
            FieldKey::Title => "job title, or empty".into(),
            FieldKey::Lead => "who is in charge of social media overall".into(),
            FieldKey::ReviewEvery => format!(
                "days between reviews ({} if empty)",
                Settings::DEFAULT_REVIEW_EVERY_DAYS
            ),
            FieldKey::LeavingNotice => format!(
                "days of warning before someone leaves ({} if empty)",
                Settings::DEFAULT_LEAVING_NOTICE_DAYS
            ),
            FieldKey::MaxAccountable => format!(
                "rows one person answers for ({} if empty)",
                Settings::DEFAULT_MAX_ACCOUNTABLE
            ),
        }
    }

    #[must_use]
    pub fn kind(self) -> FieldKind {
        match self {
            FieldKey::LastReviewed | FieldKey::Leaving => FieldKind::Date,
            FieldKey::ReviewEvery | FieldKey::LeavingNotice | FieldKey::MaxAccountable => {
                FieldKind::Number
            }
            FieldKey::Kind => FieldKind::Toggle("channel", "duty"),
            FieldKey::External => FieldKind::Toggle("no: on staff", "yes: agency or freelancer"),
            FieldKey::Admins => FieldKind::Pick {
                pool: Pool::People,
                many: true,
            },
            FieldKey::Lead | FieldKey::Accountable => FieldKind::Pick {
                pool: Pool::People,
                many: false,
            },
            FieldKey::Department => FieldKind::Pick {
                pool: Pool::Departments,
                many: false,
            },
            _ => FieldKind::Text,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: FieldKey,
    pub input: Input,
    /// A choice of two: whether the second word is chosen.
    pub on: bool,
}

impl Field {
    fn new(key: FieldKey, text: &str) -> Self {
        Field {
            key,
            input: Input::new(text),
            on: false,
        }
    }

    fn toggle(key: FieldKey, on: bool) -> Self {
        Field {
            on,
            ..Field::new(key, "")
        }
    }

    /// What a choice of two shows: the word chosen.
    #[must_use]
    pub fn choice(&self) -> Option<&'static str> {
        match self.key.kind() {
            FieldKind::Toggle(off, on) => Some(if self.on { on } else { off }),
            _ => None,
        }
    }
}

/// What the form adds or edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Row,
    Person,
    Department,
    Settings,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub subject: Subject,
    /// The id of what is edited; `None` for a new entry (and for the settings).
    pub editing: Option<Id>,
    /// The name of what is edited, for the title.
    editing_name: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the form was refused, shown under the fields.
    pub error: Option<String>,
    /// Whether the id was typed by hand (else it follows the name).
    id_typed: bool,
    /// Where a new entry goes.
    pub index: usize,
    /// What the focused name field's text matches, and which match Tab takes.
    pub suggestions: Vec<Suggestion>,
    pub chosen: usize,
    /// A department named in a person's form that does not exist yet, once the form
    /// has said so: saving again creates it.
    new_department: Option<String>,
    /// What each field held when the form opened: what typing changed is asked about
    /// before Esc throws it away.
    opened: Vec<(String, bool)>,
    /// Esc was pressed once on a changed form: the next Esc closes it.
    pub closing: bool,
}

/// An id's text for a field of names: the names, comma-separated.
fn names(plan: &Plan, pool: Pool, ids: &[Id]) -> String {
    ids.iter()
        .map(|id| pick::shown(plan, pool, id))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Form {
    /// A form for a new channel (or duty, when `kind` says so) at row `index`.
    #[must_use]
    pub fn new_row(kind: RowKind, index: usize) -> Self {
        Form::blank(
            Subject::Row,
            // What the room fills in first; the kind (set by where the cursor is) and the
            // id (made from the name) last.
            vec![
                Field::new(FieldKey::Name, ""),
                Field::new(FieldKey::Platform, ""),
                Field::new(FieldKey::Goal, ""),
                Field::new(FieldKey::Accountable, ""),
                Field::new(FieldKey::Admins, ""),
                Field::new(FieldKey::LastReviewed, ""),
                Field::toggle(FieldKey::Kind, kind == RowKind::Duty),
                Field::new(FieldKey::Id, ""),
            ],
            index,
        )
    }

    #[must_use]
    pub fn edit_row(row: &Row, plan: &Plan) -> Self {
        let mut fields = vec![Field::new(FieldKey::Name, &row.name)];
        if row.kind == RowKind::Channel {
            fields.push(Field::new(
                FieldKey::Platform,
                row.platform.as_deref().unwrap_or(""),
            ));
        }
        fields.push(Field::new(
            FieldKey::Goal,
            row.goal.as_deref().unwrap_or(""),
        ));
        if row.kind == RowKind::Channel {
            fields.push(Field::new(
                FieldKey::Admins,
                &names(plan, Pool::People, &row.admins),
            ));
        }
        fields.push(Field::new(
            FieldKey::LastReviewed,
            &row.last_reviewed.map(text::date).unwrap_or_default(),
        ));
        Form::editing(Subject::Row, &row.id, &row.name, fields)
    }

    #[must_use]
    pub fn new_person(index: usize) -> Self {
        Form::blank(
            Subject::Person,
            vec![
                Field::new(FieldKey::Name, ""),
                Field::new(FieldKey::Department, ""),
                Field::new(FieldKey::Title, ""),
                Field::toggle(FieldKey::External, false),
                Field::new(FieldKey::Leaving, ""),
                Field::new(FieldKey::Id, ""),
            ],
            index,
        )
    }

    #[must_use]
    pub fn edit_person(p: &Person, plan: &Plan) -> Self {
        let department = p
            .department
            .as_deref()
            .map(|d| pick::shown(plan, Pool::Departments, d))
            .unwrap_or_default();
        Form::editing(
            Subject::Person,
            &p.id,
            &p.name,
            vec![
                Field::new(FieldKey::Name, &p.name),
                Field::new(FieldKey::Department, &department),
                Field::new(FieldKey::Title, p.title.as_deref().unwrap_or("")),
                Field::toggle(FieldKey::External, p.external),
                Field::new(
                    FieldKey::Leaving,
                    &p.leaving.map(text::date).unwrap_or_default(),
                ),
            ],
        )
    }

    #[must_use]
    pub fn new_department(index: usize) -> Self {
        Form::blank(
            Subject::Department,
            vec![Field::new(FieldKey::Name, ""), Field::new(FieldKey::Id, "")],
            index,
        )
    }

    #[must_use]
    pub fn edit_department(d: &Department) -> Self {
        Form::editing(
            Subject::Department,
            &d.id,
            &d.name,
            vec![Field::new(FieldKey::Name, &d.name)],
        )
    }

    /// The plan's own settings: its name first.
    #[must_use]
    pub fn settings(plan: &Plan) -> Self {
        let s = &plan.settings;
        let number = |n: u32| n.to_string();
        let lead = s
            .lead
            .as_deref()
            .map(|id| pick::shown(plan, Pool::People, id))
            .unwrap_or_default();
        let mut form = Form::blank(
            Subject::Settings,
            vec![
                Field::new(FieldKey::PlanName, s.name.as_deref().unwrap_or("")),
                Field::new(FieldKey::Lead, &lead),
                Field::new(FieldKey::ReviewEvery, &number(s.review_every_days)),
                Field::new(FieldKey::LeavingNotice, &number(s.leaving_notice_days)),
                Field::new(FieldKey::MaxAccountable, &number(s.max_accountable)),
            ],
            0,
        );
        form.id_typed = true;
        form
    }

    fn blank(subject: Subject, fields: Vec<Field>, index: usize) -> Self {
        Form {
            opened: fields
                .iter()
                .map(|f| (f.input.text().to_string(), f.on))
                .collect(),
            closing: false,
            subject,
            editing: None,
            editing_name: String::new(),
            fields,
            focus: 0,
            error: None,
            id_typed: false,
            index,
            suggestions: Vec::new(),
            chosen: 0,
            new_department: None,
        }
    }

    fn editing(subject: Subject, id: &str, name: &str, fields: Vec<Field>) -> Self {
        Form {
            editing: Some(id.to_string()),
            editing_name: name.to_string(),
            id_typed: true,
            ..Form::blank(subject, fields, 0)
        }
    }

    /// The title of the form's box, in words: `Edit person: Ana Ruiz`.
    #[must_use]
    pub fn title(&self) -> String {
        let what = match self.subject {
            Subject::Row => "channel or duty",
            Subject::Person => "person",
            Subject::Department => "department",
            Subject::Settings => return "The plan's settings".into(),
        };
        match &self.editing {
            Some(_) => format!("Edit {what}: {}", self.editing_name),
            None => format!("New {what}"),
        }
    }

    /// Whether anything was typed or switched since the form opened.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.fields
            .iter()
            .zip(&self.opened)
            .any(|(f, (text, on))| f.input.text() != text || f.on != *on)
    }

    /// Whether the form makes a new entry (whose id follows its name).
    #[must_use]
    pub fn is_new(&self) -> bool {
        self.editing.is_none() && self.subject != Subject::Settings
    }

    fn get(&self, key: FieldKey) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.input.text().trim())
    }

    fn get_field(&self, key: FieldKey) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The focused field.
    #[must_use]
    pub fn field(&self) -> &Field {
        &self.fields[self.focus]
    }

    /// The focused field's text, to type into.
    pub fn focused(&mut self) -> &mut Input {
        &mut self.fields[self.focus].input
    }

    /// Whether the focused field is a choice of two.
    #[must_use]
    pub fn on_toggle(&self) -> bool {
        matches!(self.field().key.kind(), FieldKind::Toggle(..))
    }

    pub fn next(&mut self, plan: &Plan) {
        self.focus = (self.focus + 1) % self.fields.len();
        self.refresh(plan);
    }

    pub fn prev(&mut self, plan: &Plan) {
        self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        self.refresh(plan);
    }

    /// Switches the focused choice of two.
    pub fn switch(&mut self) {
        let field = &mut self.fields[self.focus];
        if matches!(field.key.kind(), FieldKind::Toggle(..)) {
            field.on = !field.on;
            self.error = None;
        }
    }

    /// Moves among the matches of the focused name field.
    pub fn choose(&mut self, down: bool) {
        let n = self.suggestions.len();
        if n > 0 {
            self.chosen = if down {
                (self.chosen + 1) % n
            } else {
                (self.chosen + n - 1) % n
            };
        }
    }

    /// Takes the chosen match into the focused name field, in place of what was being
    /// typed.
    pub fn complete(&mut self, plan: &Plan) {
        let Some(s) = self.suggestions.get(self.chosen) else {
            return;
        };
        let FieldKind::Pick { pool, many } = self.field().key.kind() else {
            return;
        };
        let name = pick::shown(plan, pool, &s.id);
        let text = self.field().input.text().to_string();
        let new = match (many, text.rfind(',')) {
            (true, Some(at)) => format!("{}, {name}", text[..at].trim_end()),
            _ => name,
        };
        self.focused().set(&new);
        self.refresh(plan);
    }

    /// After typing: a new entry's id follows its name until the id is typed by hand,
    /// and a name field shows what its text matches.
    pub fn typed(&mut self, plan: &Plan) {
        let key = self.field().key;
        if key == FieldKey::Id {
            self.id_typed = true;
        }
        if key == FieldKey::Name && !self.id_typed && self.is_new() {
            // An id is at most 40 characters: the start of a long name (a paste) is
            // all it needs.
            let name: String = self
                .get(FieldKey::Name)
                .unwrap_or_default()
                .chars()
                .take(80)
                .collect();
            let subject = self.subject;
            let id = if name.is_empty() {
                String::new()
            } else {
                id_from_name(&name, |id| submit::taken(plan, subject, id))
            };
            if let Some(f) = self.fields.iter_mut().find(|f| f.key == FieldKey::Id) {
                f.input.set(&id);
            }
        }
        self.error = None;
        self.refresh(plan);
    }

    /// Brings the matches up to date with the focused field.
    fn refresh(&mut self, plan: &Plan) {
        self.suggestions = match self.field().key.kind() {
            FieldKind::Pick { pool, many } => {
                pick::suggest(plan, pool, pick::token(self.field().input.text(), many))
            }
            _ => Vec::new(),
        };
        self.chosen = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::edit::Edit;

    fn type_in(form: &mut Form, plan: &Plan, text: &str) {
        for c in text.chars() {
            form.focused().insert(c);
            form.typed(plan);
        }
    }

    fn plan() -> Plan {
        crate::store::parse(
            "[departments.marketing]\nname = \"Marketing\"\n\
             [people.sam]\nname = \"Sam\"\n[people.kai]\nname = \"Kai Tanaka\"\n",
        )
        .expect("a plan")
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
        form.focus = 4;
        type_in(&mut form, &plan, "31/01/2027");
        let err = form.submit(&plan).expect_err("a bad date");
        assert_eq!(err.0, FieldKey::Leaving);
        assert!(err.1.contains("not a date"), "{}", err.1);
        form.focus = 5;
        form.focused().clear();
        type_in(&mut form, &plan, "sam");
        assert_eq!(form.submit(&plan).map_err(|e| e.0), Err(FieldKey::Id));
    }

    #[test]
    fn a_department_is_taken_by_name_and_completed_from_a_few_letters() {
        let plan = plan();
        let mut form = Form::new_person(0);
        type_in(&mut form, &plan, "Bo");
        form.focus = 1;
        type_in(&mut form, &plan, "mark");
        assert_eq!(form.suggestions.len(), 1);
        form.complete(&plan);
        assert_eq!(form.field().input.text(), "Marketing");
        assert!(form.suggestions.is_empty(), "complete now");
        let Ok(Edit::InsertPerson { person, .. }) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!(person.department.as_deref(), Some("marketing"));
    }

    #[test]
    fn external_is_a_switch_not_text() {
        let plan = plan();
        let mut form = Form::new_person(0);
        type_in(&mut form, &plan, "Pixel & Co");
        form.focus = 3;
        assert!(form.on_toggle());
        assert_eq!(form.field().choice(), Some("no: on staff"));
        form.switch();
        assert_eq!(form.field().choice(), Some("yes: agency or freelancer"));
        let Ok(Edit::InsertPerson { person, .. }) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert!(person.external);
    }
}
