//! The rules a plan is checked against: each is one small function that looks at the
//! plan and reports what a workshop facilitator would want pointed out.
//!
//! It is one file though long: twenty rules of one shape, in the order of the file
//! format's table, over one indexed plan (`Ctx`) and a few shared wordings. What a
//! problem is lives in `problem.rs`.
//!
//! A rule looks at one part of the plan at a time (`On`): the plan's own part (the lead,
//! the settings, the unknown keys and every person), one person, or one row. A change to
//! one row is then checked again by looking at that row and the people it names, and
//! `check` is every part at once. Each problem found carries where it stands among all of
//! them (`Order`), so that parts checked at different times still read as one check.

use std::cell::RefCell;
use std::collections::HashMap as StdHashMap;

use chrono::NaiveDate;

// What the rules report, where their callers have always found it.
pub use super::problem::{Code, Counts, Problem, RowState, Severity};
use super::{Department, Id, Locus, Person, Plan, Pos, Role, Row, Section, plan_locus};
use crate::text;

/// Maps keyed by ids, with a hash that is quick for short keys: the rules look ids up
/// for every name on every row.
pub type IdMap<K, V> = StdHashMap<K, V, foldhash::fast::RandomState>;

/// Every problem of `plan` on the day `today`, in file order.
#[must_use]
pub fn check(plan: &Plan, today: NaiveDate) -> Vec<Problem> {
    let mut found = findings(plan, &Index::of(plan), today);
    found.sort_unstable_by_key(|f| f.order);
    found.into_iter().map(|f| f.problem).collect()
}

/// Every problem of `plan`, each with its place in the order `check` gives, unsorted.
#[must_use]
pub fn findings(plan: &Plan, index: &Index, today: NaiveDate) -> Vec<Found> {
    let tally = Tally::of(plan);
    let load = |id: &str| tally.load(id);
    let ctx = Ctx::new(plan, index, today, &load);
    let mut found = Vec::new();
    ctx.find(On::Plan, &mut found);
    for r in 0..plan.rows.len() {
        ctx.find(On::Row(r), &mut found);
    }
    found
}

/// The problems of one part of `plan`, each with its place in the order `check` gives:
/// what `check` finds there and only that. `load` tells what a party holds (rows by role
/// in `Role::ALL` order, and logins), as `Tally` counts it.
pub fn find_in(
    plan: &Plan,
    index: &Index,
    today: NaiveDate,
    load: &dyn Fn(&str) -> ([usize; 4], usize),
    on: On,
    out: &mut Vec<Found>,
) {
    Ctx::new(plan, index, today, load).find(on, out);
}

/// A part of a plan the rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    /// The plan's own part: its settings and lead, the unknown keys, and every person.
    Plan,
    /// One person (an index into `plan.people`): what the plan's part says about them.
    Person(usize),
    /// One row (an index into `plan.rows`).
    Row(usize),
}

/// Where a problem stands among all of a plan's: by its place in the file, then, for
/// problems at the same place, in the order the rules were written and looked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    pos: Pos,
    rule: u8,
    /// The plan's part (the plan itself at `index` 0, then people by `index - 1`) before
    /// the rows (by `index`).
    rows: bool,
    index: u32,
    nth: u32,
}

impl Order {
    /// The person the problem is about (an index into `plan.people`), when the plan's part
    /// found it about them: what `On::Person` finds again.
    #[must_use]
    pub fn person(self) -> Option<usize> {
        (!self.rows && self.index > 0).then(|| (self.index - 1) as usize)
    }
}

/// A problem and where it stands among the plan's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub order: Order,
    pub problem: Problem,
}

/// How many rows each party holds each role on, in `Role::ALL` order, and how many
/// channels' logins each person holds: what idle and overloaded people are told from.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub roles: IdMap<Id, [usize; 4]>,
    pub logins: IdMap<Id, usize>,
}

impl Tally {
    #[must_use]
    pub fn of(plan: &Plan) -> Self {
        let mut tally = Tally::default();
        for row in &plan.rows {
            tally.add(row, 1);
        }
        tally
    }

    /// Counts `row` in (`sign` 1) or out again (`sign` -1).
    pub fn add(&mut self, row: &Row, sign: isize) {
        for (i, role) in Role::ALL.into_iter().enumerate() {
            for id in row.holders(role) {
                let counts = match self.roles.get_mut(id.as_str()) {
                    Some(counts) => counts,
                    None => self.roles.entry(id.clone()).or_default(),
                };
                counts[i] = counts[i].saturating_add_signed(sign);
            }
        }
        for id in &row.admins {
            let n = match self.logins.get_mut(id.as_str()) {
                Some(n) => n,
                None => self.logins.entry(id.clone()).or_default(),
            };
            *n = n.saturating_add_signed(sign);
        }
    }

    /// What `id` holds: rows by role, and logins.
    #[must_use]
    pub fn load(&self, id: &str) -> ([usize; 4], usize) {
        (
            self.roles.get(id).copied().unwrap_or_default(),
            self.logins.get(id).copied().unwrap_or_default(),
        )
    }
}

/// The plan's people and departments by id, and the nearest known id of each unknown one
/// as it is asked for: all that stays the same while only rows change, kept between
/// checks of the same plan. Build it again when people or departments change.
#[derive(Debug, Clone, Default)]
pub struct Index {
    people: IdMap<Id, usize>,
    departments: IdMap<Id, usize>,
    /// The nearest id among people (`false`) or people and departments (`true`), and
    /// among departments, of each unknown id asked about.
    nearest: RefCell<IdMap<(Among, Id), Option<Id>>>,
}

/// Which ids a typo's nearest id is looked for among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Among {
    People,
    Parties,
    Departments,
}

impl Index {
    #[must_use]
    pub fn of(plan: &Plan) -> Self {
        let mut people = IdMap::default();
        for (i, p) in plan.people.iter().enumerate() {
            people.entry(p.id.clone()).or_insert(i);
        }
        let mut departments = IdMap::default();
        for (i, d) in plan.departments.iter().enumerate() {
            departments.entry(d.id.clone()).or_insert(i);
        }
        Index {
            people,
            departments,
            nearest: RefCell::default(),
        }
    }

    /// Where the person with this id stands in `plan.people`.
    #[must_use]
    pub fn person(&self, id: &str) -> Option<usize> {
        self.people.get(id).copied()
    }

    /// Whether this index still fits `plan`: the same people and departments, by id,
    /// in the same places.
    #[must_use]
    pub fn fits(&self, plan: &Plan) -> bool {
        self.people.len() == plan.people.len()
            && self.departments.len() == plan.departments.len()
            && plan
                .people
                .iter()
                .enumerate()
                .all(|(i, p)| self.people.get(p.id.as_str()) == Some(&i))
            && plan
                .departments
                .iter()
                .enumerate()
                .all(|(i, d)| self.departments.get(d.id.as_str()) == Some(&i))
    }
}

/// The plan with its ids indexed, so that rules stay linear on large plans.
struct Ctx<'a> {
    plan: &'a Plan,
    index: &'a Index,
    today: NaiveDate,
    load: &'a dyn Fn(&str) -> ([usize; 4], usize),
    /// Who is named on the row being looked at, found once for all the rules.
    mentions: RefCell<Option<(usize, Vec<Mention<'a>>)>>,
}

/// A party named on a row: the roles it holds there (in `Role::ALL` order) and whether
/// it holds the login.
struct Mention<'a> {
    id: &'a str,
    roles: [bool; 4],
    admin: bool,
    /// Who the id names, when it names a person or a department.
    person: Option<&'a Person>,
    department: Option<&'a Department>,
}

impl Mention<'_> {
    /// The roles held, in file order (A, R, C, I), as `Row::roles_of` gives them.
    fn roles(&self) -> Vec<Role> {
        Role::ALL
            .into_iter()
            .zip(self.roles)
            .filter_map(|(role, held)| held.then_some(role))
            .collect()
    }
}

/// Everyone named on `row`, each once, in order of first mention (A, R, C, I, then
/// admins), as `Row::named` gives them.
fn mentions<'a>(ctx: &Ctx<'a>, row: &'a Row) -> Vec<Mention<'a>> {
    let mut out: Vec<Mention<'_>> = Vec::new();
    // A long row (everyone copied in) is looked up by id, not party by party.
    let mut at: IdMap<&str, usize> = IdMap::default();
    let lists = Role::ALL
        .into_iter()
        .enumerate()
        .map(|(k, role)| (Some(k), row.holders(role)))
        .chain([(None, row.admins.as_slice())]);
    for (role, ids) in lists {
        for id in ids {
            let found = if out.len() > 8 {
                at.get(id.as_str()).copied()
            } else {
                out.iter().position(|m| m.id == id)
            };
            let i = found.unwrap_or_else(|| {
                out.push(Mention {
                    id,
                    roles: [false; 4],
                    admin: false,
                    person: ctx.person(id),
                    department: ctx.department(id),
                });
                out.len() - 1
            });
            if out.len() > 8 && at.len() < out.len() {
                for (j, m) in out.iter().enumerate().skip(at.len()) {
                    at.insert(m.id, j);
                }
            }
            match role {
                Some(k) => out[i].roles[k] = true,
                None => out[i].admin = true,
            }
        }
    }
    out
}

impl<'a> Ctx<'a> {
    fn new(
        plan: &'a Plan,
        index: &'a Index,
        today: NaiveDate,
        load: &'a dyn Fn(&str) -> ([usize; 4], usize),
    ) -> Self {
        Ctx {
            plan,
            index,
            today,
            load,
            mentions: RefCell::default(),
        }
    }

    /// Who is named on the row at `r`, for `f`.
    fn with_mentions<T>(&self, r: usize, row: &'a Row, f: impl FnOnce(&[Mention<'a>]) -> T) -> T {
        let mut cache = self.mentions.borrow_mut();
        if cache.as_ref().is_none_or(|(at, _)| *at != r) {
            *cache = Some((r, mentions(self, row)));
        }
        f(cache.as_ref().map_or(&[][..], |(_, m)| m.as_slice()))
    }

    /// Every rule, on one part of the plan.
    fn find(&self, on: On, out: &mut Vec<Found>) {
        for (rule, check) in RULES.iter().enumerate() {
            let mut emit = Out {
                rule: u8::try_from(rule).unwrap_or(u8::MAX),
                list: out,
                last: None,
                nth: 0,
            };
            check(self, on, &mut emit);
        }
    }

    fn person(&self, id: &str) -> Option<&'a Person> {
        self.index.people.get(id).map(|&i| &self.plan.people[i])
    }

    fn department(&self, id: &str) -> Option<&'a Department> {
        self.index
            .departments
            .get(id)
            .map(|&i| &self.plan.departments[i])
    }

    /// The nearest known id to `id` among `among`, looked for once per plan.
    fn nearest(&self, id: &str, among: Among) -> Option<&'a str> {
        let key = (among, id.to_string());
        let cached = self.index.nearest.borrow().get(&key).cloned();
        let near = if let Some(near) = cached {
            near
        } else {
            let people = self.plan.people.iter().map(|p| p.id.as_str());
            let departments = self.plan.departments.iter().map(|d| d.id.as_str());
            let near = match among {
                Among::People => text::nearest(id, people),
                Among::Parties => text::nearest(id, people.chain(departments)),
                Among::Departments => text::nearest(id, departments),
            }
            .map(String::from);
            self.index.nearest.borrow_mut().insert(key, near.clone());
            near
        };
        // Hand out the plan's own id, so that the answer lives as long as the plan.
        let near = near?;
        self.person(&near)
            .map(|p| p.id.as_str())
            .or_else(|| self.department(&near).map(|d| d.id.as_str()))
    }

    /// A person on staff (known and not external).
    fn internal(&self, id: &str) -> bool {
        self.person(id).is_some_and(|p| !p.external)
    }

    /// The name of a party, or its id when it is not known.
    fn name_of(&self, id: &'a str) -> &'a str {
        self.person(id)
            .map(|p| p.name.as_str())
            .or_else(|| self.department(id).map(|d| d.name.as_str()))
            .unwrap_or(id)
    }

    /// The people a rule looks at on `on`, with their index in `plan.people`.
    fn people(&self, on: On) -> impl Iterator<Item = (usize, &'a Person)> {
        let range = match on {
            On::Plan => 0..self.plan.people.len(),
            On::Person(i) => i..(i + 1).min(self.plan.people.len()),
            On::Row(_) => 0..0,
        };
        let people = &self.plan.people;
        range.map(move |i| (i, &people[i]))
    }

    /// The row a rule looks at on `on`, if it is a row.
    fn row(&self, on: On) -> Option<(usize, &'a Row)> {
        match on {
            On::Row(r) => self.plan.rows.get(r).map(|row| (r, row)),
            On::Plan | On::Person(_) => None,
        }
    }

    fn problem(&self, code: Code, at: &Locus, message: String, hint: String) -> Problem {
        Problem {
            code,
            message,
            hint,
            pos: self.plan.pos(at),
            row: None,
            party: None,
        }
    }

    fn on_row(&self, code: Code, row: &Row, at: &Locus, message: String, hint: String) -> Problem {
        Problem {
            row: Some(row.id.clone()),
            ..self.problem(code, at, message, hint)
        }
    }
}

/// Where one rule's problems go, each given its place among all of the plan's.
struct Out<'o> {
    rule: u8,
    list: &'o mut Vec<Found>,
    /// The part the last problem was about, and how many were about it so far.
    last: Option<(bool, u32)>,
    nth: u32,
}

impl Out<'_> {
    /// A problem about the plan's own part: its settings or lead.
    fn plan(&mut self, problem: Problem) {
        self.push(false, 0, problem);
    }

    /// A problem about the `i`th person of the plan's part.
    fn entry(&mut self, i: usize, problem: Problem) {
        self.push(false, u32::try_from(i + 1).unwrap_or(u32::MAX), problem);
    }

    /// A problem about the row at index `r`.
    fn row(&mut self, r: usize, problem: Problem) {
        self.push(true, u32::try_from(r).unwrap_or(u32::MAX), problem);
    }

    fn push(&mut self, rows: bool, index: u32, problem: Problem) {
        if self.last == Some((rows, index)) {
            self.nth += 1;
        } else {
            self.last = Some((rows, index));
            self.nth = 0;
        }
        self.list.push(Found {
            order: Order {
                pos: problem.pos,
                rule: self.rule,
                rows,
                index,
                nth: self.nth,
            },
            problem,
        });
    }
}

type Rule = fn(&Ctx<'_>, On, &mut Out<'_>);

const RULES: &[Rule] = &[
    no_accountable,
    several_accountable,
    unknown_reference,
    ambiguous_id,
    departed_holder,
    accountable_not_person,
    accountable_external,
    no_responsible,
    no_internal_admin,
    single_admin,
    owner_leaving,
    stale_review,
    no_lead,
    mixed_roles,
    unknown_key,
    overloaded,
    not_reviewed,
    no_goal,
    no_admins_listed,
    idle_person,
];

fn entity(row: &Row) -> Locus {
    Locus::Entity(row.kind.section(), row.id.clone())
}

fn field(row: &Row, name: &'static str) -> Locus {
    Locus::Field(row.kind.section(), row.id.clone(), name)
}

/// Where `party` first appears on `row`: its first role list, else the admins.
fn first_mention(row: &Row, party: &str) -> Locus {
    for role in Role::ALL {
        if let Some(i) = row.holders(role).iter().position(|id| id == party) {
            return Locus::Item(row.kind.section(), row.id.clone(), role.key(), i);
        }
    }
    match row.admins.iter().position(|id| id == party) {
        Some(i) => Locus::Item(row.kind.section(), row.id.clone(), "admins", i),
        None => entity(row),
    }
}

/// "in 1 day", "in 12 days".
fn in_days(days: i64) -> String {
    format!("in {days} day{}", crate::text::plural(days))
}

/// A name cut short enough to sit inside a one-line message.
fn short(name: &str) -> String {
    text::clip(name)
}

fn table(row: &Row) -> String {
    format!("[{}.{}]", row.kind.section().key(), row.id)
}

fn with_party(mut p: Problem, party: &str) -> Problem {
    p.party = Some(party.to_string());
    p
}

/// Nobody answers for this channel or duty: it will drift or be forgotten.
fn no_accountable(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    if row.holders(Role::Accountable).is_empty() {
        let hint = match ctx
            .plan
            .settings
            .lead
            .as_deref()
            .and_then(|l| ctx.person(l))
        {
            Some(lead) => format!(
                "add accountable = \"<person>\" to {}; until someone takes it, the lead ({}) could",
                table(row),
                lead.id
            ),
            None => format!(
                "add accountable = \"<person>\" to {}: one person inside the business",
                table(row)
            ),
        };
        out.row(
            r,
            ctx.on_row(
                Code::NoAccountable,
                row,
                &entity(row),
                format!("nobody is accountable for \"{}\"", short(&row.name)),
                hint,
            ),
        );
    }
}

/// Two or more owners means nobody really owns it: each thinks the other decides.
fn several_accountable(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    let owners = row.holders(Role::Accountable);
    if owners.len() >= 2 {
        out.row(
            r,
            ctx.on_row(
                Code::SeveralAccountable,
                row,
                &field(row, "accountable"),
                format!(
                    "\"{}\" has {} accountable parties ({}): exactly one should answer for it",
                    short(&row.name),
                    owners.len(),
                    text::and_list(&owners.iter().map(|o| ctx.name_of(o)).collect::<Vec<_>>())
                ),
                "keep one id in accountable and make the others responsible or consulted".into(),
            ),
        );
    }
}

/// An id that names nobody: a typo, or someone who was removed from the plan.
fn unknown_reference(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    if on == On::Plan
        && let Some(lead) = &ctx.plan.settings.lead
        && ctx.person(lead).is_none()
    {
        let what = if ctx.department(lead).is_some() {
            "is a department; the lead must be one person"
        } else {
            "is not a known person"
        };
        let p = ctx.problem(
            Code::UnknownReference,
            &Locus::Field(Section::Plan, Id::new(), "lead"),
            format!("the lead \"{lead}\" {what}"),
            if ctx.department(lead).is_some() {
                "name one person of that department as lead, by their id".into()
            } else {
                fix(lead, ctx.nearest(lead, Among::People), "[people")
            },
        );
        out.plan(with_party(p, lead));
    }
    for (i, person) in ctx.people(on) {
        if let Some(dept) = &person.department
            && ctx.department(dept).is_none()
        {
            let p = ctx.problem(
                Code::UnknownReference,
                &Locus::Field(Section::People, person.id.clone(), "department"),
                format!(
                    "{} is in department \"{dept}\", which is not a known department",
                    short(&person.name)
                ),
                if ctx.person(dept).is_some() {
                    format!(
                        "\"{dept}\" is a person; department names a department: {}",
                        ctx.plan
                            .departments
                            .iter()
                            .map(|d| d.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    fix(dept, ctx.nearest(dept, Among::Departments), "[departments")
                },
            );
            out.entry(i, with_party(p, &person.id));
        }
    }
    if let Some((r, row)) = ctx.row(on) {
        unknown_in_row(ctx, r, row, out);
    }
}

/// The hint for an unknown id: the nearest known id, or the table to add.
fn fix(id: &str, suggestion: Option<&str>, add: &str) -> String {
    match suggestion {
        Some(s) => format!("did you mean \"{s}\"?"),
        None => format!("fix the id, or add {add}.{id}] to the plan"),
    }
}

/// The part of `unknown_reference` about a row's role and admin lists.
fn unknown_in_row(ctx: &Ctx<'_>, r: usize, row: &Row, out: &mut Out<'_>) {
    let lists = Role::ALL
        .into_iter()
        .map(|r| (r.key(), row.holders(r)))
        .chain([("admins", row.admins.as_slice())]);
    // Once per row and id: the first list that names it.
    let mut reported: Vec<&str> = Vec::new();
    for (key, ids) in lists {
        for (i, id) in ids.iter().enumerate() {
            if reported.contains(&id.as_str()) {
                continue;
            }
            let known = if key == "admins" {
                ctx.person(id).is_some()
            } else {
                ctx.person(id).is_some() || ctx.department(id).is_some()
            };
            if known {
                continue;
            }
            let (what, suggestion) = if key == "admins" {
                let what = if ctx.department(id).is_some() {
                    "is a department; admins are people who hold the login"
                } else {
                    "is not a known person"
                };
                (what, ctx.nearest(id, Among::People))
            } else {
                (
                    "is not a known person or department",
                    ctx.nearest(id, Among::Parties),
                )
            };
            reported.push(id);
            let at = Locus::Item(row.kind.section(), row.id.clone(), key, i);
            let p = ctx.on_row(
                Code::UnknownReference,
                row,
                &at,
                format!("\"{id}\" in {key} of \"{}\" {what}", short(&row.name)),
                if key == "admins" && ctx.department(id).is_some() {
                    "list the people of that department who hold the login, by their ids".into()
                } else {
                    fix(id, suggestion, "[people")
                },
            );
            out.row(r, with_party(p, id));
        }
    }
}

/// Departments and people share ids; one id for both makes every role list ambiguous.
fn ambiguous_id(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    for (i, person) in ctx.people(on) {
        if let Some(dept) = ctx.department(&person.id) {
            let at = [
                Locus::Entity(Section::People, person.id.clone()),
                Locus::Entity(Section::Departments, dept.id.clone()),
            ]
            .into_iter()
            .max_by_key(|l| ctx.plan.pos(l))
            .unwrap_or_else(|| Locus::Entity(Section::People, person.id.clone()));
            let p = ctx.problem(
                Code::AmbiguousId,
                &at,
                format!(
                    "\"{}\" is both a department ({}) and a person ({})",
                    person.id,
                    short(&dept.name),
                    short(&person.name)
                ),
                "rename one of them: departments and people share one set of ids".into(),
            );
            out.entry(i, with_party(p, &person.id));
        }
    }
}

/// Someone who has left still holds a role or a login: the channel is orphaned.
fn departed_holder(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let today = ctx.today;
    if on == On::Plan
        && let Some(lead) = ctx
            .plan
            .settings
            .lead
            .as_deref()
            .and_then(|l| ctx.person(l))
        && lead.has_left(today)
    {
        let p = ctx.problem(
            Code::DepartedHolder,
            &Locus::Field(Section::Plan, Id::new(), "lead"),
            format!("the lead, {}, left on {}", short(&lead.name), left_on(lead)),
            "name a new lead in [plan]".into(),
        );
        out.plan(with_party(p, &lead.id));
    }
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    ctx.with_mentions(r, row, |mentions| {
        for m in mentions {
            let id = m.id;
            let Some(person) = m.person.filter(|p| p.has_left(today)) else {
                continue;
            };
            let mut what: Vec<&str> = m.roles().into_iter().map(Role::key).collect();
            if m.admin {
                what.push("admin");
            }
            let p = ctx.on_row(
                Code::DepartedHolder,
                row,
                &first_mention(row, id),
                format!(
                    "{} left on {} but is still {} on \"{}\"",
                    short(&person.name),
                    left_on(person),
                    text::and_list(&what),
                    short(&row.name)
                ),
                format!(
                    "hand this over to someone who is staying, then remove \"{id}\" from the row"
                ),
            );
            out.row(r, with_party(p, id));
        }
    });
}

fn left_on(p: &Person) -> String {
    p.leaving.map(crate::text::date).unwrap_or_default()
}

/// A department cannot be held to account; one person in it must be.
fn accountable_not_person(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    for (i, id) in row.holders(Role::Accountable).iter().enumerate() {
        if ctx.person(id).is_some() {
            continue;
        }
        if let Some(dept) = ctx.department(id) {
            let p = ctx.on_row(
                Code::AccountableNotPerson,
                row,
                &Locus::Item(row.kind.section(), row.id.clone(), "accountable", i),
                format!(
                    "the department {} is accountable for \"{}\", not one person",
                    short(&dept.name),
                    short(&row.name)
                ),
                format!(
                    "name one person of {} as accountable; the department can stay responsible",
                    short(&dept.name)
                ),
            );
            out.row(r, with_party(p, id));
        }
    }
}

/// An agency may do the work, but someone inside the business must direct it.
fn accountable_external(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    for (i, id) in row.holders(Role::Accountable).iter().enumerate() {
        if let Some(person) = ctx.person(id).filter(|p| p.external) {
            let p = ctx.on_row(
                Code::AccountableExternal,
                row,
                &Locus::Item(row.kind.section(), row.id.clone(), "accountable", i),
                format!(
                    "{} is external but accountable for \"{}\"",
                    short(&person.name),
                    short(&row.name)
                ),
                "make someone on staff accountable and keep the agency responsible".into(),
            );
            out.row(r, with_party(p, id));
        }
    }
}

/// Someone answers for the row, but nobody is named to do the work.
fn no_responsible(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    if row.holders(Role::Responsible).is_empty() {
        out.row(r, ctx.on_row(
            Code::NoResponsible,
            row,
            &entity(row),
            format!("nobody is responsible for doing the work on \"{}\"", short(&row.name)),
            format!("add responsible = [\"<id>\"] to {}; the accountable person may also be responsible", table(row)),
        ));
    }
}

/// The row at `on`, when it is a channel.
fn channel<'a>(ctx: &Ctx<'a>, on: On) -> Option<(usize, &'a Row)> {
    ctx.row(on)
        .filter(|(_, row)| row.kind == super::RowKind::Channel)
}

/// Only outsiders hold the login: if the agency goes, the account goes with it.
fn no_internal_admin(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = channel(ctx, on) else {
        return;
    };
    if !row.admins.is_empty() && !row.admins.iter().any(|a| ctx.internal(a)) {
        out.row(
            r,
            ctx.on_row(
                Code::NoInternalAdmin,
                row,
                &field(row, "admins"),
                format!(
                    "nobody on staff holds the login of \"{}\" (only {})",
                    short(&row.name),
                    text::and_list(
                        &row.admins
                            .iter()
                            .map(|a| ctx.name_of(a))
                            .collect::<Vec<_>>()
                    )
                ),
                "add two people on staff to admins, so the business keeps the keys".into(),
            ),
        );
    }
}

/// One person holds the keys: nobody can get in while they are away or after they go.
fn single_admin(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = channel(ctx, on) else {
        return;
    };
    let internal: Vec<&Id> = row.admins.iter().filter(|a| ctx.internal(a)).collect();
    if let [only] = internal.as_slice() {
        let p = ctx.on_row(
            Code::SingleAdmin,
            row,
            &field(row, "admins"),
            format!(
                "only {} on staff can log in to \"{}\"",
                short(ctx.name_of(only)),
                short(&row.name)
            ),
            "add a second person on staff to admins".into(),
        );
        out.row(r, with_party(p, only));
    }
}

/// An owner, admin or the lead leaves soon: hand over before the channel is orphaned.
fn owner_leaving(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let leaving_soon = |p: &Person| -> Option<i64> {
        let days = (p.leaving? - ctx.today).num_days();
        (days > 0 && days <= i64::from(ctx.plan.settings.leaving_notice_days)).then_some(days)
    };
    if on == On::Plan
        && let Some(lead) = ctx
            .plan
            .settings
            .lead
            .as_deref()
            .and_then(|l| ctx.person(l))
        && let Some(days) = leaving_soon(lead)
    {
        let p = ctx.problem(
            Code::OwnerLeaving,
            &Locus::Field(Section::Plan, Id::new(), "lead"),
            format!(
                "the lead, {}, leaves on {} ({})",
                short(&lead.name),
                left_on(lead),
                in_days(days)
            ),
            "choose the next lead now and hand over before they go".into(),
        );
        out.plan(with_party(p, &lead.id));
    }
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    ctx.with_mentions(r, row, |mentions| {
        for m in mentions {
            let (id, accountable, admin) = (m.id, m.roles[0], m.admin);
            if !accountable && !admin {
                continue;
            }
            let Some((person, days)) = m.person.and_then(|p| Some((p, leaving_soon(p)?))) else {
                continue;
            };
            let what = match (accountable, admin) {
                (true, true) => "accountable and an admin",
                (true, false) => "accountable",
                _ => "an admin",
            };
            // Point at what makes it matter: the accountable list, else the admins.
            let at = if accountable {
                first_mention(row, id)
            } else {
                let i = row.admins.iter().position(|a| a == id).unwrap_or(0);
                Locus::Item(row.kind.section(), row.id.clone(), "admins", i)
            };
            let p = ctx.on_row(
                Code::OwnerLeaving,
                row,
                &at,
                format!(
                    "{} leaves on {} ({}) and is {what} on \"{}\"",
                    short(&person.name),
                    left_on(person),
                    in_days(days),
                    short(&row.name)
                ),
                "agree who takes over, and hand over the role and the login before they go".into(),
            );
            out.row(r, with_party(p, id));
        }
    });
}

/// Nobody has looked at this row for too long: it may be languishing.
fn stale_review(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    let every = i64::from(ctx.plan.settings.review_every_days);
    let Some(day) = row.last_reviewed else {
        return;
    };
    let age = (ctx.today - day).num_days();
    if age > every {
        out.row(
            r,
            ctx.on_row(
                Code::StaleReview,
                row,
                &field(row, "last_reviewed"),
                format!(
                    "\"{}\" was last reviewed on {}, {age} days ago (review every {every} days)",
                    short(&row.name),
                    crate::text::date(day)
                ),
                "review who does what, then set last_reviewed to today (key t in the matrix)"
                    .into(),
            ),
        );
    }
}

/// Without one lead, nobody coordinates the departments or keeps the plan current.
fn no_lead(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    if on == On::Plan && ctx.plan.settings.lead.is_none() {
        out.plan(ctx.problem(
            Code::NoLead,
            &plan_locus(),
            "the plan names no lead for social media".into(),
            "add lead = \"<person>\" to [plan]: one person who coordinates and enables the others"
                .into(),
        ));
    }
}

/// Holding two roles on one row (say, accountable and consulted) muddles who decides.
fn mixed_roles(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    ctx.with_mentions(r, row, |mentions| {
        for m in mentions {
            // Accountable with responsible is the one pair that is fine; an unknown id is
            // already an error of its own.
            let held = m.roles.iter().filter(|held| **held).count();
            let known = m.person.is_some() || m.department.is_some();
            if !known || held < 2 || m.roles == [true, true, false, false] {
                continue;
            }
            let (id, roles) = (m.id, m.roles());
            let names: Vec<&str> = roles.iter().map(|r| r.key()).collect();
            let p = ctx.on_row(
                Code::MixedRoles,
                row,
                &first_mention(row, id),
                format!(
                    "{} is {} on \"{}\"",
                    short(ctx.name_of(id)),
                    text::and_list(&names),
                    short(&row.name)
                ),
                "keep one role per party on a row (accountable together with responsible is fine)"
                    .into(),
            );
            out.row(r, with_party(p, id));
        }
    });
}

/// A key steward does not know: kept as it is, but probably a typo.
fn unknown_key(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    if on != On::Plan {
        return;
    }
    for key in &ctx.plan.unknown_keys {
        let (parents, name) = key.path.split_at(key.path.len().saturating_sub(1));
        let name = name.first().map_or("", String::as_str);
        let place = if parents.is_empty() {
            "at the top of the file".to_string()
        } else {
            format!("in [{}]", parents.join("."))
        };
        let hint = match key.suggestion {
            Some(s) => format!("did you mean `{s}`? steward keeps unknown keys but ignores them"),
            None => {
                "steward keeps unknown keys but ignores them; remove it if it is a mistake".into()
            }
        };
        let mut p = ctx.problem(
            Code::UnknownKey,
            &Locus::Key(key.path.clone()),
            format!("unknown key `{name}` {place}"),
            hint,
        );
        match parents {
            [section, id] if section == "channels" || section == "duties" => {
                p.row = Some(id.clone());
            }
            [section, id] if section == "people" || section == "departments" => {
                p.party = Some(id.clone());
            }
            _ => {}
        }
        out.plan(p);
    }
}

/// One person accountable for too much: when they are away, all of it stalls.
fn overloaded(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let max = ctx.plan.settings.max_accountable as usize;
    for (i, person) in ctx.people(on) {
        let n = (ctx.load)(&person.id).0[0];
        if n > max {
            let p = ctx.problem(
                Code::Overloaded,
                &Locus::Entity(Section::People, person.id.clone()),
                format!(
                    "{} is accountable for {n} rows (more than {max})",
                    short(&person.name)
                ),
                "share ownership out, or raise max_accountable in [plan] if this is deliberate"
                    .into(),
            );
            out.entry(i, with_party(p, &person.id));
        }
    }
}

/// Nobody has recorded a review yet.
fn not_reviewed(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = ctx.row(on) else {
        return;
    };
    if row.last_reviewed.is_none() {
        out.row(
            r,
            ctx.on_row(
                Code::NotReviewed,
                row,
                &entity(row),
                format!("\"{}\" has never been reviewed", short(&row.name)),
                "after reviewing it, set last_reviewed = <date> (key t in the matrix)".into(),
            ),
        );
    }
}

/// A channel should serve a business goal, or be closed.
fn no_goal(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = channel(ctx, on) else {
        return;
    };
    if row.goal.as_deref().is_none_or(|g| g.trim().is_empty()) {
        out.row(
            r,
            ctx.on_row(
                Code::NoGoal,
                row,
                &entity(row),
                format!("\"{}\" states no goal", short(&row.name)),
                "add goal = \"…\": what the business wants from this channel".into(),
            ),
        );
    }
}

/// Nobody has written down who holds the login.
fn no_admins_listed(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let Some((r, row)) = channel(ctx, on) else {
        return;
    };
    if row.admins.is_empty() {
        out.row(
            r,
            ctx.on_row(
                Code::NoAdminsListed,
                row,
                &entity(row),
                format!("\"{}\" does not say who holds its login", short(&row.name)),
                "add admins = [\"<person>\", \"<person>\"]: two people on staff".into(),
            ),
        );
    }
}

/// Someone in the plan with nothing to do: remove them or give them a part.
fn idle_person(ctx: &Ctx<'_>, on: On, out: &mut Out<'_>) {
    let lead = ctx.plan.settings.lead.as_deref();
    for (i, person) in ctx.people(on) {
        let (roles, logins) = (ctx.load)(&person.id);
        let busy = roles.iter().sum::<usize>() + logins > 0 || lead == Some(person.id.as_str());
        if !busy {
            let p = ctx.problem(
                Code::IdlePerson,
                &Locus::Entity(Section::People, person.id.clone()),
                format!("{} holds no role and no login", short(&person.name)),
                "give them a role, or remove them from the plan".into(),
            );
            out.entry(i, with_party(p, &person.id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowKind;

    #[test]
    fn every_code_has_a_rule_name_and_the_documented_severity() {
        assert_eq!(Code::ALL.len(), 20);
        assert_eq!(RULES.len(), Code::ALL.len());
        let errors: Vec<&str> = Code::ALL
            .iter()
            .filter(|c| c.severity() == Severity::Error)
            .map(|c| c.as_str())
            .collect();
        assert_eq!(
            errors,
            [
                "no-accountable",
                "several-accountable",
                "unknown-reference",
                "ambiguous-id",
                "departed-holder"
            ]
        );
    }

    #[test]
    fn an_empty_plan_only_misses_a_lead() {
        let problems = check(&Plan::default(), NaiveDate::default());
        let codes: Vec<Code> = problems.iter().map(|p| p.code).collect();
        assert_eq!(codes, [Code::NoLead]);
    }

    #[test]
    fn duties_are_not_channels() {
        let mut plan = Plan::default();
        plan.rows.push(Row::new(RowKind::Duty, "policy", "Policy"));
        let codes: Vec<Code> = check(&plan, NaiveDate::default())
            .iter()
            .map(|p| p.code)
            .collect();
        assert!(!codes.contains(&Code::NoGoal));
        assert!(!codes.contains(&Code::NoAdminsListed));
        assert!(codes.contains(&Code::NoAccountable));
    }
}
