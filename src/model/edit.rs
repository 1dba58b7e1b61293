//! Every change to a plan is an `Edit`. Applying one returns its inverse, so undo and redo
//! are free, and the same edit can be mirrored into the file's document on save.

use super::{Department, Id, Person, Plan, Role, Row, RowKind, Settings};

/// One change to a plan. Each variant names what it touches by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replace a channel or duty (found by its id) with this one: its fields and roles.
    Row(Row),
    /// Add a channel or duty at `index` among all rows (channels stay before duties).
    InsertRow { index: usize, row: Row },
    /// Remove the channel or duty with this id.
    RemoveRow(Id),
    /// Replace a person (found by id): name, department, title, external, leaving.
    Person(Person),
    /// Add a person at `index` among the people.
    InsertPerson { index: usize, person: Person },
    /// Remove the person with this id (their roles are separate edits).
    RemovePerson(Id),
    /// Replace a department (found by id).
    Department(Department),
    /// Add a department at `index` among the departments.
    InsertDepartment {
        index: usize,
        department: Department,
    },
    /// Remove the department with this id.
    RemoveDepartment(Id),
    /// Replace the `[plan]` settings.
    Settings(Settings),
    /// Several edits that undo as one.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied: it names something the plan does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {0} `{1}`")]
    Missing(&'static str, Id),
    #[error("the id `{0}` is taken")]
    Taken(Id),
    /// The file's text could not be read as a document to edit (its TOML is of a kind
    /// steward reads but cannot write back).
    #[error("the file cannot be edited: {0}")]
    Unreadable(String),
}

impl Plan {
    /// Applies `edit` and returns the edit that undoes it. A batch that fails part-way is
    /// rolled back, so the plan is either fully changed or not at all.
    ///
    /// # Errors
    /// The edit names a row, person or department the plan does not hold, or inserts an id
    /// that is already taken.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        Ok(match edit {
            Edit::Row(row) => {
                let i = self.row_index(&row.id)?;
                if self.rows[i].kind != row.kind {
                    return Err(EditError::Missing("row of that kind", row.id));
                }
                Edit::Row(std::mem::replace(&mut self.rows[i], row))
            }
            Edit::InsertRow { index, row } => {
                if self.row(&row.id).is_some() {
                    return Err(EditError::Taken(row.id));
                }
                let index = self.row_slot(row.kind, index);
                let id = row.id.clone();
                self.rows.insert(index, row);
                Edit::RemoveRow(id)
            }
            Edit::RemoveRow(id) => {
                let index = self.row_index(&id)?;
                let row = self.rows.remove(index);
                Edit::InsertRow { index, row }
            }
            Edit::Person(person) => Edit::Person(replace(&mut self.people, person)?),
            Edit::InsertPerson { index, person } => {
                // People and departments share one set of ids.
                if self.party(&person.id).is_some() {
                    return Err(EditError::Taken(person.id));
                }
                Edit::RemovePerson(insert(&mut self.people, index, person))
            }
            Edit::RemovePerson(id) => {
                let (index, person) = remove(&mut self.people, &id)?;
                Edit::InsertPerson { index, person }
            }
            Edit::Department(department) => {
                Edit::Department(replace(&mut self.departments, department)?)
            }
            Edit::InsertDepartment { index, department } => {
                if self.party(&department.id).is_some() {
                    return Err(EditError::Taken(department.id));
                }
                Edit::RemoveDepartment(insert(&mut self.departments, index, department))
            }
            Edit::RemoveDepartment(id) => {
                let (index, department) = remove(&mut self.departments, &id)?;
                Edit::InsertDepartment { index, department }
            }
            Edit::Settings(settings) => {
                Edit::Settings(std::mem::replace(&mut self.settings, settings))
            }
            Edit::Batch(edits) => {
                let mut undo = Vec::with_capacity(edits.len());
                for edit in edits {
                    match self.apply(edit) {
                        Ok(inverse) => undo.push(inverse),
                        Err(e) => {
                            for inverse in undo.into_iter().rev() {
                                let _ = self.apply(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                undo.reverse();
                Edit::Batch(undo)
            }
        })
    }

    fn row_index(&self, id: &str) -> Result<usize, EditError> {
        self.rows
            .iter()
            .position(|r| r.id == id)
            .ok_or_else(|| EditError::Missing("channel or duty", id.to_string()))
    }

    /// `index` moved, if need be, so that channels stay before duties.
    fn row_slot(&self, kind: RowKind, index: usize) -> usize {
        let channels = self
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Channel)
            .count();
        match kind {
            RowKind::Channel => index.min(channels),
            RowKind::Duty => index.clamp(channels, self.rows.len()),
        }
    }
}

/// People and departments, as the lists edits change.
trait Entry {
    const WHAT: &'static str;
    fn id(&self) -> &str;
}

impl Entry for Person {
    const WHAT: &'static str = "person";
    fn id(&self) -> &str {
        &self.id
    }
}

impl Entry for Department {
    const WHAT: &'static str = "department";
    fn id(&self) -> &str {
        &self.id
    }
}

fn index_of<T: Entry>(list: &[T], id: &str) -> Result<usize, EditError> {
    list.iter()
        .position(|x| x.id() == id)
        .ok_or_else(|| EditError::Missing(T::WHAT, id.to_string()))
}

/// Puts `item` in place of the entry with its id; returns the entry it replaced.
fn replace<T: Entry>(list: &mut [T], item: T) -> Result<T, EditError> {
    let i = index_of(list, item.id())?;
    Ok(std::mem::replace(&mut list[i], item))
}

/// Inserts `item` at `index` (or at the end); returns its id.
fn insert<T: Entry>(list: &mut Vec<T>, index: usize, item: T) -> Id {
    let id = item.id().to_string();
    list.insert(index.min(list.len()), item);
    id
}

/// Removes the entry with this id; returns where it was and what it was.
fn remove<T: Entry>(list: &mut Vec<T>, id: &str) -> Result<(usize, T), EditError> {
    let i = index_of(list, id)?;
    Ok((i, list.remove(i)))
}

/// The edit that turns `party`'s `role` on `row` on or off.
#[must_use]
pub fn toggle_role(row: &Row, party: &str, role: Role) -> Edit {
    let mut new = row.clone();
    let mut holders = row.holders(role).to_vec();
    if let Some(i) = holders.iter().position(|h| h == party) {
        holders.remove(i);
    } else {
        holders.push(party.to_string());
    }
    new.set_holders(role, holders);
    Edit::Row(new)
}

/// The edit that takes every role on `row` from `party`, or `None` when it holds none.
#[must_use]
pub fn clear_cell(row: &Row, party: &str) -> Option<Edit> {
    if !row.involves(party) {
        return None;
    }
    let mut new = row.clone();
    for role in Role::ALL {
        let holders = row
            .holders(role)
            .iter()
            .filter(|h| *h != party)
            .cloned()
            .collect();
        new.set_holders(role, holders);
    }
    Some(Edit::Row(new))
}

/// Deleting a person: out of every role list and admin list, no longer lead, then gone.
/// Also says how many assignments go with them.
#[must_use]
pub fn remove_person(plan: &Plan, id: &str) -> (Edit, usize) {
    let mut edits = Vec::new();
    let mut count = 0;
    for row in &plan.rows {
        let (new, n) = without(row, id);
        if n > 0 {
            count += n;
            edits.push(Edit::Row(new));
        }
    }
    if plan.settings.lead.as_deref() == Some(id) {
        let mut settings = plan.settings.clone();
        settings.lead = None;
        count += 1;
        edits.push(Edit::Settings(settings));
    }
    edits.push(Edit::RemovePerson(id.to_string()));
    (Edit::Batch(edits), count)
}

/// Deleting a department: out of every role list, its people left without a department,
/// then gone. Also says how many assignments go with it.
#[must_use]
pub fn remove_department(plan: &Plan, id: &str) -> (Edit, usize) {
    let mut edits = Vec::new();
    let mut count = 0;
    for row in &plan.rows {
        let (new, n) = without(row, id);
        if n > 0 {
            count += n;
            edits.push(Edit::Row(new));
        }
    }
    for person in plan
        .people
        .iter()
        .filter(|p| p.department.as_deref() == Some(id))
    {
        let mut new = person.clone();
        new.department = None;
        edits.push(Edit::Person(new));
    }
    edits.push(Edit::RemoveDepartment(id.to_string()));
    (Edit::Batch(edits), count)
}

/// The row without `party` in any list, and how many lists named it.
fn without(row: &Row, party: &str) -> (Row, usize) {
    let mut new = row.clone();
    let mut count = 0;
    for role in Role::ALL {
        let before = row.holders(role);
        let after: Vec<Id> = before.iter().filter(|h| *h != party).cloned().collect();
        if after.len() != before.len() {
            count += 1;
            new.set_holders(role, after);
        }
    }
    if row.admins.iter().any(|a| a == party) {
        count += 1;
        new.admins.retain(|a| a != party);
    }
    (new, count)
}

/// An id made from a name: lowercase ASCII letters and digits, words joined by `-`. Any
/// script is spelt in ASCII first (`Łukasz Čapek` is `lukasz-capek`, `Weiß` is `weiss`,
/// `山田` is `shan-tian`), so that a team from anywhere gets ids it can type. Never empty.
#[must_use]
pub fn id_from_name(name: &str, taken: impl Fn(&str) -> bool) -> Id {
    let mut base = String::new();
    // Letters and digits are spelt in ASCII; anything else (a space, a symbol, an emoji
    // beside words, a character deunicode cannot spell) is a word break. A name of
    // emoji only is spelt in words (`🍞` is `bread`).
    let words = name.chars().any(char::is_alphanumeric);
    let mut spelt = String::new();
    for c in name.chars() {
        match deunicode::deunicode_char(c) {
            Some(ascii) if c.is_alphanumeric() || !words => spelt.push_str(ascii),
            _ => spelt.push(' '),
        }
    }
    for c in spelt.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let mut base = base.trim_end_matches('-').to_string();
    if base.is_empty() {
        base.push_str("new");
    }
    if base.len() > 40 {
        // Cut between words where one ends in the last third, else at 40.
        base.truncate(41);
        let cut = base.rfind('-').filter(|&i| i >= 27).unwrap_or(40);
        base.truncate(cut);
        base = base.trim_end_matches('-').to_string();
    }
    if !taken(&base) {
        return base;
    }
    (2..=u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> Plan {
        let mut plan = Plan::default();
        plan.departments.push(Department {
            id: "mkt".into(),
            name: "Marketing".into(),
        });
        plan.people.push(Person {
            id: "sam".into(),
            name: "Sam".into(),
            department: Some("mkt".into()),
            title: None,
            external: false,
            leaving: None,
        });
        plan.settings.lead = Some("sam".into());
        let mut ig = Row::new(RowKind::Channel, "ig", "Instagram");
        ig.set_holders(Role::Accountable, vec!["sam".into()]);
        ig.set_holders(Role::Consulted, vec!["mkt".into(), "sam".into()]);
        ig.admins = vec!["sam".into()];
        plan.rows.push(ig);
        plan.rows.push(Row::new(RowKind::Duty, "policy", "Policy"));
        plan
    }

    #[test]
    fn toggling_twice_gives_back_the_plan_and_undo_restores_it() {
        let mut p = plan();
        let original = p.clone();
        let row = p.row("ig").expect("ig").clone();
        let undo = p
            .apply(toggle_role(&row, "mkt", Role::Accountable))
            .expect("apply");
        assert_eq!(
            p.row("ig").expect("ig").holders(Role::Accountable),
            ["sam", "mkt"]
        );
        p.apply(undo).expect("undo");
        assert_eq!(p, original);
    }

    #[test]
    fn removing_a_person_takes_every_assignment_and_undo_brings_all_back() {
        let mut p = plan();
        let original = p.clone();
        let (edit, count) = remove_person(&p, "sam");
        // accountable, consulted, admins, and lead.
        assert_eq!(count, 4);
        let undo = p.apply(edit).expect("apply");
        assert!(p.person("sam").is_none());
        assert!(!p.row("ig").expect("ig").involves("sam"));
        assert!(p.row("ig").expect("ig").admins.is_empty());
        assert_eq!(p.settings.lead, None);
        p.apply(undo).expect("undo");
        assert_eq!(p, original);
    }

    #[test]
    fn removing_a_department_frees_its_people() {
        let mut p = plan();
        let original = p.clone();
        let (edit, count) = remove_department(&p, "mkt");
        assert_eq!(count, 1);
        let undo = p.apply(edit).expect("apply");
        assert_eq!(p.person("sam").expect("sam").department, None);
        p.apply(undo).expect("undo");
        assert_eq!(p, original);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut p = plan();
        let original = p.clone();
        let row = p.row("ig").expect("ig").clone();
        let edit = Edit::Batch(vec![
            toggle_role(&row, "mkt", Role::Informed),
            Edit::RemovePerson("nobody".into()),
        ]);
        assert!(p.apply(edit).is_err());
        assert_eq!(p, original);
    }

    #[test]
    fn rows_keep_channels_before_duties() {
        let mut p = plan();
        p.apply(Edit::InsertRow {
            index: 99,
            row: Row::new(RowKind::Channel, "blog", "Blog"),
        })
        .expect("insert");
        let ids: Vec<&str> = p.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ig", "blog", "policy"]);
        let clash = Person {
            id: "mkt".into(),
            name: "Same id as Marketing".into(),
            department: None,
            title: None,
            external: false,
            leaving: None,
        };
        assert_eq!(
            p.apply(Edit::InsertPerson {
                index: 0,
                person: clash
            }),
            Err(EditError::Taken("mkt".into())),
            "people and departments share ids"
        );
        assert_eq!(
            p.apply(Edit::InsertRow {
                index: 0,
                row: Row::new(RowKind::Duty, "ig", "Again"),
            }),
            Err(EditError::Taken("ig".into()))
        );
    }

    #[test]
    fn ids_come_from_names() {
        let none = |_: &str| false;
        assert_eq!(
            id_from_name("Instagram @Harbour Bakery!", none),
            "instagram-harbour-bakery"
        );
        assert_eq!(id_from_name("Café Crème", none), "cafe-creme");
        assert_eq!(id_from_name("Łukasz Čapek", none), "lukasz-capek");
        assert_eq!(id_from_name("Weiß", none), "weiss");
        assert_eq!(id_from_name("Şule Yılmaz", none), "sule-yilmaz");
        assert_eq!(id_from_name("山田太郎", none), "shan-tian-tai-lang");
        assert_eq!(id_from_name("Ана Петрова", none), "ana-petrova");
        assert_eq!(id_from_name("🍞", none), "bread");
        // Emoji beside words are left out, and a long name is cut between words.
        assert_eq!(
            id_from_name("Dr. Aleksandra Wiśniewska-Montgomery 🦷👩‍⚕️", none),
            "dr-aleksandra-wisniewska-montgomery"
        );
        assert_eq!(
            id_from_name("Riverside Dental Family and Cosmetic Dentistry", none),
            "riverside-dental-family-and-cosmetic"
        );
        assert_eq!(id_from_name(&"x".repeat(60), none), "x".repeat(40));
        assert_eq!(id_from_name("\u{1b}[2J", none), "2j");
        assert_eq!(id_from_name("", none), "new");
        assert_eq!(id_from_name("\u{e000}", none), "new");
        assert_eq!(id_from_name("山田", |id| id == "shan-tian"), "shan-tian-2");
        for name in ["Œuvre", "Ærø", "Đorđe", "مريم", "김민준", "ไทย", "🙂🙂"]
        {
            let id = id_from_name(name, none);
            assert!(crate::model::is_valid_id(&id), "{name}: {id}");
            assert_ne!(id, "new", "{name}");
        }
        assert_eq!(
            id_from_name("Blog", |id| id == "blog" || id == "blog-2"),
            "blog-3"
        );
    }
}
