//! Saving a form: each field checked in form order, the first that is wrong named with
//! the reason, else the one edit the form asks for.

use chrono::NaiveDate;

use super::pick::{self, Pool};
use super::{FieldKey, Form, Subject};
use crate::model::edit::{Edit, id_from_name};
use crate::model::{Department, Id, Person, Plan, Row, RowKind, Settings, is_valid_id};
use crate::text;

type Refusal = (FieldKey, String);

/// Whether `id` is taken for a new entry: rows share one namespace, and departments and
/// people share another.
pub(super) fn taken(plan: &Plan, subject: Subject, id: &str) -> bool {
    match subject {
        Subject::Row => plan.row(id).is_some(),
        Subject::Person | Subject::Department => plan.party(id).is_some(),
        Subject::Settings => false,
    }
}

impl Form {
    /// The edit the form asks for, or why it cannot be made (and on which field).
    ///
    /// A person's department that does not exist yet is refused once, with a word that
    /// saving again creates it; saving again with the same name then adds it too.
    ///
    /// # Errors
    /// The field at fault and a message for the user.
    pub fn submit(&mut self, plan: &Plan) -> Result<Edit, Refusal> {
        let result = self.checked(plan);
        // "Enter again adds it" answers only the question just asked: refused for
        // something else, the next Enter asks again.
        if result
            .as_ref()
            .is_err_and(|(key, _)| *key != FieldKey::Department)
        {
            self.new_department = None;
        }
        result
    }

    fn checked(&mut self, plan: &Plan) -> Result<Edit, Refusal> {
        if self.subject == Subject::Settings {
            return self.new_settings(plan).map(Edit::Settings);
        }
        let name = self.get(FieldKey::Name).unwrap_or_default().to_string();
        if name.is_empty() {
            return Err((
                FieldKey::Name,
                "the name is empty: write what people call it".into(),
            ));
        }
        let id = match &self.editing {
            Some(id) => id.clone(),
            None => self.new_id(plan)?,
        };
        match self.subject {
            Subject::Department => {
                let department = Department { id, name };
                Ok(match self.editing {
                    Some(_) => Edit::Department(department),
                    None => Edit::InsertDepartment {
                        index: self.index,
                        department,
                    },
                })
            }
            Subject::Person => self.person(plan, id, name),
            Subject::Row | Subject::Settings => self.row(plan, id, &name),
        }
    }

    fn new_id(&self, plan: &Plan) -> Result<Id, Refusal> {
        let id = self.get(FieldKey::Id).unwrap_or_default();
        if !is_valid_id(id) {
            return Err((
                FieldKey::Id,
                format!(
                    "`{}` is not an id: use lowercase letters, digits, - and _",
                    text::one_line(id)
                ),
            ));
        }
        if taken(plan, self.subject, id) {
            return Err((
                FieldKey::Id,
                format!("the id `{id}` is taken: choose another"),
            ));
        }
        Ok(id.to_string())
    }

    fn optional(&self, key: FieldKey) -> Option<String> {
        self.get(key).filter(|s| !s.is_empty()).map(String::from)
    }

    fn date(&self, key: FieldKey) -> Result<Option<NaiveDate>, Refusal> {
        match self.get(key).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    // Written right but not in the calendar (2027-02-30), or not written
                    // as a date at all.
                    let shaped = s.len() == 10
                        && s.char_indices().all(|(i, c)| {
                            if i == 4 || i == 7 {
                                c == '-'
                            } else {
                                c.is_ascii_digit()
                            }
                        });
                    let why = if shaped {
                        format!("there is no day {} in the calendar", text::one_line(s))
                    } else {
                        format!(
                            "`{}` is not a date: write the year, month and day (YYYY-MM-DD)",
                            text::one_line(s)
                        )
                    };
                    (key, why)
                }),
        }
    }

    fn number(&self, key: FieldKey, default: u32) -> Result<u32, Refusal> {
        match self.get(key).filter(|s| !s.is_empty()) {
            None => Ok(default),
            Some(s) => match s.parse::<u32>() {
                Ok(n) if (1..=100_000).contains(&n) => Ok(n),
                _ => Err((
                    key,
                    format!(
                        "`{}` is not a number from 1 to 100000; empty means {default}",
                        text::one_line(s)
                    ),
                )),
            },
        }
    }

    fn on(&self, key: FieldKey) -> bool {
        self.get_field(key).is_some_and(|f| f.on)
    }

    fn new_settings(&self, plan: &Plan) -> Result<Settings, Refusal> {
        let lead = match self.optional(FieldKey::Lead) {
            None => None,
            Some(typed) => {
                Some(pick::resolve(plan, Pool::People, &typed).map_err(|e| (FieldKey::Lead, e))?)
            }
        };
        Ok(Settings {
            name: self.optional(FieldKey::PlanName),
            lead,
            review_every_days: self
                .number(FieldKey::ReviewEvery, Settings::DEFAULT_REVIEW_EVERY_DAYS)?,
            leaving_notice_days: self.number(
                FieldKey::LeavingNotice,
                Settings::DEFAULT_LEAVING_NOTICE_DAYS,
            )?,
            max_accountable: self
                .number(FieldKey::MaxAccountable, Settings::DEFAULT_MAX_ACCOUNTABLE)?,
        })
    }

    fn person(&mut self, plan: &Plan, id: Id, name: String) -> Result<Edit, Refusal> {
        // A wrong date is said first: the question about a new department comes last, so
        // that the Enter that answers it answers nothing else.
        let leaving = self.date(FieldKey::Leaving)?;
        let mut new_department = None;
        let department = match self.optional(FieldKey::Department) {
            None => None,
            Some(typed) => match pick::resolve(plan, Pool::Departments, &typed) {
                Ok(d) => Some(d),
                Err(_) if self.new_department.as_deref() == Some(typed.as_str()) => {
                    let did = id_from_name(&typed, |d| plan.party(d).is_some() || d == id);
                    new_department = Some(Department {
                        id: did.clone(),
                        name: typed,
                    });
                    Some(did)
                }
                Err(e) => {
                    let again = format!("{e} Enter again adds it as a new department.");
                    self.new_department = Some(typed);
                    return Err((FieldKey::Department, again));
                }
            },
        };
        let person = Person {
            id,
            name,
            department,
            title: self.optional(FieldKey::Title),
            external: self.on(FieldKey::External),
            leaving,
        };
        let edit = match self.editing {
            Some(_) => Edit::Person(person),
            None => Edit::InsertPerson {
                index: self.index,
                person,
            },
        };
        Ok(match new_department {
            None => edit,
            Some(department) => Edit::Batch(vec![
                Edit::InsertDepartment {
                    index: plan.departments.len(),
                    department,
                },
                edit,
            ]),
        })
    }

    fn row(&self, plan: &Plan, id: Id, name: &str) -> Result<Edit, Refusal> {
        let kind = match &self.editing {
            Some(id) => plan.row(id).map_or(RowKind::Channel, |r| r.kind),
            None if self.on(FieldKey::Kind) => RowKind::Duty,
            None => RowKind::Channel,
        };
        let mut row = match &self.editing {
            Some(id) => plan
                .row(id)
                .cloned()
                .unwrap_or_else(|| Row::new(kind, id.clone(), name)),
            None => Row::new(kind, id, name),
        };
        row.name = name.to_string();
        row.goal = self.optional(FieldKey::Goal);
        row.last_reviewed = self.date(FieldKey::LastReviewed)?;
        // Only a new row's form asks who answers for it; the matrix changes it later.
        if let Some(typed) = self.optional(FieldKey::Accountable) {
            let who = pick::resolve(plan, Pool::People, &typed)
                .map_err(|e| (FieldKey::Accountable, e))?;
            row.set_holders(crate::model::Role::Accountable, vec![who]);
        }
        // A duty has no platform and no logins: what was typed there is refused rather
        // than dropped.
        if kind == RowKind::Duty {
            for key in [FieldKey::Platform, FieldKey::Admins] {
                if self.optional(key).is_some_and(|t| !t.trim().is_empty()) {
                    return Err((
                        key,
                        "a duty has none: make it a channel (Space on Kind), or clear this".into(),
                    ));
                }
            }
        }
        if kind == RowKind::Channel {
            row.platform = self.optional(FieldKey::Platform);
            let typed = self.get(FieldKey::Admins).unwrap_or_default();
            let admins = pick::tokens(typed)
                .into_iter()
                .map(|t| pick::resolve(plan, Pool::People, t))
                .collect::<Result<Vec<Id>, String>>()
                .map_err(|e| (FieldKey::Admins, e))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        crate::store::parse(
            "[plan]\nname = \"Shop\"\n[people.sam]\nname = \"Sam Okafor\"\n\
             [people.kai]\nname = \"Kai Tanaka\"\n",
        )
        .expect("a plan")
    }

    fn set(form: &mut Form, key: FieldKey, text: &str) {
        let i = form
            .fields
            .iter()
            .position(|f| f.key == key)
            .expect("a field");
        form.fields[i].input.set(text);
    }

    #[test]
    fn the_settings_take_a_name_a_lead_by_name_and_numbers() {
        let plan = plan();
        let mut form = Form::settings(&plan);
        set(&mut form, FieldKey::PlanName, "Riverside Dental");
        set(&mut form, FieldKey::Lead, "kai tanaka");
        set(&mut form, FieldKey::ReviewEvery, "30");
        let Ok(Edit::Settings(s)) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!(s.name.as_deref(), Some("Riverside Dental"));
        assert_eq!(s.lead.as_deref(), Some("kai"));
        assert_eq!(s.review_every_days, 30);
        assert_eq!(s.max_accountable, Settings::DEFAULT_MAX_ACCOUNTABLE);
        // The other two numbers, set.
        set(&mut form, FieldKey::LeavingNotice, "14");
        set(&mut form, FieldKey::MaxAccountable, "3");
        let Ok(Edit::Settings(s)) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!((s.leaving_notice_days, s.max_accountable), (14, 3));
        set(&mut form, FieldKey::MaxAccountable, "");
        set(&mut form, FieldKey::LeavingNotice, "soon");
        assert_eq!(
            form.submit(&plan).map_err(|e| e.0),
            Err(FieldKey::LeavingNotice)
        );
        set(&mut form, FieldKey::LeavingNotice, "");
        set(&mut form, FieldKey::Lead, "kia");
        let err = form.submit(&plan).expect_err("nobody is called kia");
        assert!(err.1.contains("did you mean Kai Tanaka"), "{}", err.1);
    }

    #[test]
    fn a_new_duty_refuses_a_platform_or_logins_rather_than_dropping_them() {
        let plan = plan();
        for key in [FieldKey::Platform, FieldKey::Admins] {
            let mut form = Form::new_row(RowKind::Duty, 0);
            set(&mut form, FieldKey::Name, "Bakery blog");
            set(&mut form, FieldKey::Id, "bakery-blog");
            set(
                &mut form,
                key,
                if key == FieldKey::Admins {
                    "sam"
                } else {
                    "blog"
                },
            );
            let err = form.submit(&plan).expect_err("refused");
            assert_eq!(err.0, key);
            assert!(err.1.contains("a duty has none"), "{}", err.1);
        }
        // As a channel, both are kept.
        let mut form = Form::new_row(RowKind::Channel, 0);
        set(&mut form, FieldKey::Name, "Bakery blog");
        set(&mut form, FieldKey::Id, "bakery-blog");
        set(&mut form, FieldKey::Platform, "blog");
        set(&mut form, FieldKey::Admins, "sam");
        let Ok(Edit::InsertRow { row, .. }) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!(
            (row.platform.as_deref(), row.admins.as_slice()),
            (Some("blog"), &["sam".to_string()][..])
        );
    }

    #[test]
    fn a_new_department_is_made_from_the_person_form_when_asked_twice() {
        let plan = plan();
        let mut form = Form::new_person(0);
        set(&mut form, FieldKey::Name, "Bo");
        set(&mut form, FieldKey::Id, "bo");
        set(&mut form, FieldKey::Department, "Front desk");
        // A wrong date is said first, so the Enter that answers the question about the
        // department answers nothing else.
        set(&mut form, FieldKey::Leaving, "2027-02-30");
        let err = form.submit(&plan).expect_err("no such day");
        assert_eq!(err.0, FieldKey::Leaving, "{}", err.1);
        let err = form.submit(&plan).expect_err("still no such day");
        assert_eq!(err.0, FieldKey::Leaving, "{}", err.1);
        set(&mut form, FieldKey::Leaving, "2027-02-03");
        let err = form.submit(&plan).expect_err("asks first");
        assert_eq!(err.0, FieldKey::Department);
        // Refused for something else after the question: the next Enter asks again.
        set(&mut form, FieldKey::Leaving, "soon");
        let err = form.submit(&plan).expect_err("not a date");
        assert_eq!(err.0, FieldKey::Leaving, "{}", err.1);
        set(&mut form, FieldKey::Leaving, "2027-02-03");
        let err = form.submit(&plan).expect_err("asks again");
        assert_eq!(err.0, FieldKey::Department);
        assert_eq!(
            err.1,
            "there is no department called \"Front desk\". Enter again adds it as a new department."
        );
        let Ok(Edit::Batch(edits)) = form.submit(&plan) else {
            panic!("the department and the person");
        };
        let Edit::InsertDepartment { department, .. } = &edits[0] else {
            panic!("the department first");
        };
        assert_eq!(
            (department.id.as_str(), department.name.as_str()),
            ("front-desk", "Front desk")
        );
        let Edit::InsertPerson { person, .. } = &edits[1] else {
            panic!("then the person");
        };
        assert_eq!(person.department.as_deref(), Some("front-desk"));
    }

    #[test]
    fn admins_are_taken_by_name() {
        let plan = plan();
        let mut form = Form::new_row(RowKind::Channel, 0);
        set(&mut form, FieldKey::Name, "Blog");
        set(&mut form, FieldKey::Id, "blog");
        set(&mut form, FieldKey::Admins, "Sam Okafor, kai");
        let Ok(Edit::InsertRow { row, .. }) = form.submit(&plan) else {
            panic!("accepted");
        };
        assert_eq!(row.admins, ["sam", "kai"]);
        set(&mut form, FieldKey::Admins, "Sam Okafor, kia");
        let err = form.submit(&plan).expect_err("nobody is called kia");
        assert_eq!(err.0, FieldKey::Admins);
    }
}
