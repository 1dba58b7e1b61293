//! The plan itself: departments, people, channels and duties, and who holds which role.
//!
//! Nothing here reads files or draws on a screen: the store turns text into a `Plan`,
//! the rules turn a `Plan` into problems, and the front ends show both.

pub mod edit;
pub mod fix;
pub mod problem;
pub mod rules;
mod source;
pub mod whatif;
pub mod workload;

use std::fmt;

use chrono::NaiveDate;

pub use source::{Locus, Places, Pos, SourceMap, plan_locus};

/// An id: the TOML key of a department, person, channel or duty.
pub type Id = String;

/// Ids are TOML keys made of lowercase letters, digits, `-` and `_`.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// One of the four RACI roles a party can hold on a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Does the work.
    Responsible,
    /// Answers for the channel: exactly one person inside the business.
    Accountable,
    /// Asked before decisions are taken.
    Consulted,
    /// Told after decisions are taken.
    Informed,
}

/// A matrix cell's text: the roles held, in the order given (A, R, C, I from
/// `Row::roles_of`), joined by `/`: `A/R`.
#[must_use]
pub fn cell_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.letter().to_string())
        .collect::<Vec<_>>()
        .join("/")
}

impl Role {
    /// The roles in the order the file lists them.
    pub const ALL: [Role; 4] = [
        Role::Accountable,
        Role::Responsible,
        Role::Consulted,
        Role::Informed,
    ];

    /// The TOML key of this role's list.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Role::Responsible => "responsible",
            Role::Accountable => "accountable",
            Role::Consulted => "consulted",
            Role::Informed => "informed",
        }
    }

    /// The one-letter form used in the matrix.
    #[must_use]
    pub fn letter(self) -> char {
        match self {
            Role::Responsible => 'R',
            Role::Accountable => 'A',
            Role::Consulted => 'C',
            Role::Informed => 'I',
        }
    }

    fn index(self) -> usize {
        match self {
            Role::Accountable => 0,
            Role::Responsible => 1,
            Role::Consulted => 2,
            Role::Informed => 3,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The `[plan]` settings, with the defaults of the file format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub name: Option<String>,
    /// The one person in charge of social media overall.
    pub lead: Option<Id>,
    /// Rows not reviewed this often are stale.
    pub review_every_days: u32,
    /// Warn this long before an owner leaves.
    pub leaving_notice_days: u32,
    /// More accountable rows than this per person is flagged.
    pub max_accountable: u32,
}

impl Settings {
    pub const DEFAULT_REVIEW_EVERY_DAYS: u32 = 90;
    pub const DEFAULT_LEAVING_NOTICE_DAYS: u32 = 60;
    pub const DEFAULT_MAX_ACCOUNTABLE: u32 = 5;

    /// The plan's name, or what stands for it in titles when it has none.
    #[must_use]
    pub fn display_name(&self) -> &str {
        self.name.as_deref().unwrap_or("(unnamed plan)")
    }

    /// The numeric settings as `(key, value, default)`, in file order.
    #[must_use]
    pub fn numbers(&self) -> [(&'static str, u32, u32); 3] {
        [
            (
                "review_every_days",
                self.review_every_days,
                Self::DEFAULT_REVIEW_EVERY_DAYS,
            ),
            (
                "leaving_notice_days",
                self.leaving_notice_days,
                Self::DEFAULT_LEAVING_NOTICE_DAYS,
            ),
            (
                "max_accountable",
                self.max_accountable,
                Self::DEFAULT_MAX_ACCOUNTABLE,
            ),
        ]
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            name: None,
            lead: None,
            review_every_days: Self::DEFAULT_REVIEW_EVERY_DAYS,
            leaving_notice_days: Self::DEFAULT_LEAVING_NOTICE_DAYS,
            max_accountable: Self::DEFAULT_MAX_ACCOUNTABLE,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub department: Option<Id>,
    pub title: Option<String>,
    /// An agency or freelancer, not staff.
    pub external: bool,
    pub leaving: Option<NaiveDate>,
}

impl Person {
    /// Whether the person has left by `today`.
    #[must_use]
    pub fn has_left(&self, today: NaiveDate) -> bool {
        self.leaving.is_some_and(|d| d <= today)
    }
}

/// Whether a row is a social media channel or a duty (work that is not one channel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKind {
    Channel,
    Duty,
}

impl RowKind {
    /// The mark before a row's name that says it is a duty (channels have none).
    pub const DUTY_MARK: &str = "◇";

    /// The TOML table that holds rows of this kind.
    #[must_use]
    pub fn section(self) -> Section {
        match self {
            RowKind::Channel => Section::Channels,
            RowKind::Duty => Section::Duties,
        }
    }

    /// What one row of this kind is called in a sentence: "channel", "duty".
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            RowKind::Channel => "channel",
            RowKind::Duty => "duty",
        }
    }
}

/// A channel or a duty: one line of the matrix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub id: Id,
    pub name: String,
    /// Channels only.
    pub platform: Option<String>,
    pub goal: Option<String>,
    pub last_reviewed: Option<NaiveDate>,
    roles: [Vec<Id>; 4],
    /// Channels only: who holds the login or admin rights of the account.
    pub admins: Vec<Id>,
}

impl Row {
    #[must_use]
    pub fn new(kind: RowKind, id: impl Into<Id>, name: impl Into<String>) -> Self {
        Row {
            kind,
            id: id.into(),
            name: name.into(),
            platform: None,
            goal: None,
            last_reviewed: None,
            roles: Default::default(),
            admins: Vec::new(),
        }
    }

    /// The parties holding `role`, in the order the file lists them, each once.
    #[must_use]
    pub fn holders(&self, role: Role) -> &[Id] {
        &self.roles[role.index()]
    }

    /// Replaces the list of `role`; an id listed twice counts once.
    pub fn set_holders(&mut self, role: Role, ids: Vec<Id>) {
        self.roles[role.index()] = dedup(ids);
    }

    /// The roles `party` holds on this row, in file order (A, R, C, I).
    #[must_use]
    pub fn roles_of(&self, party: &str) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .filter(|r| self.holders(*r).iter().any(|id| id == party))
            .collect()
    }

    /// Takes `party` out of the lists of these roles.
    pub fn take_from(&mut self, party: &str, roles: &[Role]) {
        for role in roles {
            let list = self
                .holders(*role)
                .iter()
                .filter(|h| *h != party)
                .cloned()
                .collect();
            self.set_holders(*role, list);
        }
    }

    /// Whether any role list of this row names `party`.
    #[must_use]
    pub fn involves(&self, party: &str) -> bool {
        self.roles.iter().flatten().any(|id| id == party)
    }

    /// Everyone named on the row, in a role list or as an admin, each once, in order of
    /// first mention (A, R, C, I, then admins).
    #[must_use]
    pub fn named(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for id in self.roles.iter().flatten().chain(&self.admins) {
            if !out.contains(&id.as_str()) {
                out.push(id);
            }
        }
        out
    }
}

/// Keeps the first occurrence of each id.
#[must_use]
pub fn dedup(ids: Vec<Id>) -> Vec<Id> {
    // A long list (everyone copied in) is told apart with a set, not id by id.
    if ids.len() > 16 {
        let first: Vec<bool> = {
            let mut seen = std::collections::HashSet::with_capacity_and_hasher(
                ids.len(),
                foldhash::fast::RandomState::default(),
            );
            ids.iter().map(|id| seen.insert(id.as_str())).collect()
        };
        let mut first = first.into_iter();
        let mut ids = ids;
        ids.retain(|_| first.next().unwrap_or(false));
        return ids;
    }
    let mut out: Vec<Id> = Vec::with_capacity(ids.len());
    for id in ids {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

/// A party is a person or a department: whoever a role list may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party<'a> {
    Department(&'a Department),
    Person(&'a Person),
}

impl<'a> Party<'a> {
    #[must_use]
    pub fn id(&self) -> &'a str {
        match *self {
            Party::Department(d) => &d.id,
            Party::Person(p) => &p.id,
        }
    }

    #[must_use]
    pub fn name(&self) -> &'a str {
        match *self {
            Party::Department(d) => &d.name,
            Party::Person(p) => &p.name,
        }
    }
}

/// The top-level tables of a plan file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Plan,
    Departments,
    People,
    Channels,
    Duties,
}

impl Section {
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Section::Plan => "plan",
            Section::Departments => "departments",
            Section::People => "people",
            Section::Channels => "channels",
            Section::Duties => "duties",
        }
    }
}

/// A key the file format does not know, kept on save and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// The dotted path of the key, e.g. `["channels", "instagram", "acountable"]`.
    pub path: Vec<String>,
    /// The nearest key the format knows at that place, if one is close.
    pub suggestion: Option<&'static str>,
}

/// A whole plan, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub settings: Settings,
    pub departments: Vec<Department>,
    pub people: Vec<Person>,
    /// Channels first, then duties, each in file order.
    pub rows: Vec<Row>,
    pub unknown_keys: Vec<UnknownKey>,
    pub source: SourceMap,
}

impl Plan {
    #[must_use]
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    #[must_use]
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// The party with this id; a person wins when an id is (wrongly) both.
    #[must_use]
    pub fn party(&self, id: &str) -> Option<Party<'_>> {
        self.person(id)
            .map(Party::Person)
            .or_else(|| self.department(id).map(Party::Department))
    }

    #[must_use]
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    pub fn channels(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind == RowKind::Channel)
    }

    pub fn duties(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.kind == RowKind::Duty)
    }

    /// The matrix columns: each department followed by its people, in file order, then
    /// the people with no (known) department.
    #[must_use]
    pub fn parties(&self) -> Vec<Party<'_>> {
        let mut out = Vec::with_capacity(self.departments.len() + self.people.len());
        for dept in &self.departments {
            out.push(Party::Department(dept));
            out.extend(
                self.people
                    .iter()
                    .filter(|p| p.department.as_deref() == Some(dept.id.as_str()))
                    .map(Party::Person),
            );
        }
        out.extend(
            self.people
                .iter()
                .filter(|p| {
                    p.department
                        .as_deref()
                        .is_none_or(|d| self.department(d).is_none())
                })
                .map(Party::Person),
        );
        out
    }

    /// Where `locus` stands in the file; the top of the file when it is not known.
    #[must_use]
    pub fn pos(&self, locus: &Locus) -> Pos {
        self.source
            .find(locus)
            .unwrap_or(Pos { line: 1, column: 1 })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, dept: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: id.to_uppercase(),
            department: dept.map(Into::into),
            title: None,
            external: false,
            leaving: None,
        }
    }

    #[test]
    fn ids_are_lowercase_keys() {
        assert!(is_valid_id("customer-service_2"));
        assert!(!is_valid_id("Sam"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        assert!(!is_valid_id("café"));
    }

    #[test]
    fn columns_group_people_under_their_department() {
        let plan = Plan {
            departments: vec![
                Department {
                    id: "m".into(),
                    name: "M".into(),
                },
                Department {
                    id: "cs".into(),
                    name: "CS".into(),
                },
            ],
            people: vec![
                person("free", None),
                person("ana", Some("cs")),
                person("sam", Some("m")),
                person("lost", Some("nowhere")),
                person("bo", Some("m")),
            ],
            ..Plan::default()
        };
        let parties = plan.parties();
        let ids: Vec<&str> = parties.iter().map(Party::id).collect();
        assert_eq!(ids, ["m", "sam", "bo", "cs", "ana", "free", "lost"]);
    }

    #[test]
    fn a_listed_twice_id_counts_once() {
        let mut row = Row::new(RowKind::Channel, "ig", "Instagram");
        row.set_holders(Role::Responsible, vec!["a".into(), "b".into(), "a".into()]);
        assert_eq!(row.holders(Role::Responsible), ["a", "b"]);
        row.set_holders(Role::Accountable, vec!["a".into()]);
        assert_eq!(row.roles_of("a"), [Role::Accountable, Role::Responsible]);
        assert!(row.involves("b"));
        assert!(!row.involves("c"));
    }
}
