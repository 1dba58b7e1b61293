//! The rules a plan is checked against: each is one small function that looks at the
//! plan and reports what a workshop facilitator would want pointed out.
//!
//! It is one file though long: twenty rules of one shape, in the order of the file
//! format's table, over one indexed plan (`Ctx`) and a few shared wordings. What a
//! problem is lives in `problem.rs`.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

// What the rules report, where their callers have always found it.
pub use super::problem::{Code, Counts, Problem, RowState, Severity};
use super::{Department, Id, Locus, Person, Plan, Role, Row, Section, plan_locus};
use crate::text;

/// Every problem of `plan` on the day `today`, in file order.
#[must_use]
pub fn check(plan: &Plan, today: NaiveDate) -> Vec<Problem> {
    let ctx = Ctx::new(plan, today);
    let mut out = Vec::new();
    for rule in RULES {
        rule(&ctx, &mut out);
    }
    out.sort_by_key(|p| p.pos);
    out
}

type Rule = fn(&Ctx<'_>, &mut Vec<Problem>);

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

/// The plan with its ids indexed, so that rules stay linear on large plans.
struct Ctx<'a> {
    plan: &'a Plan,
    today: NaiveDate,
    people: HashMap<&'a str, &'a Person>,
    departments: HashMap<&'a str, &'a Department>,
}

impl<'a> Ctx<'a> {
    fn new(plan: &'a Plan, today: NaiveDate) -> Self {
        Ctx {
            plan,
            today,
            people: plan.people.iter().map(|p| (p.id.as_str(), p)).collect(),
            departments: plan
                .departments
                .iter()
                .map(|d| (d.id.as_str(), d))
                .collect(),
        }
    }

    fn person(&self, id: &str) -> Option<&'a Person> {
        self.people.get(id).copied()
    }

    fn department(&self, id: &str) -> Option<&'a Department> {
        self.departments.get(id).copied()
    }

    /// Every person's id, in file order: where a typo's nearest id is looked for.
    fn person_ids(&self) -> impl Iterator<Item = &'a str> {
        self.plan.people.iter().map(|p| p.id.as_str())
    }

    /// Every department's id, in file order.
    fn department_ids(&self) -> impl Iterator<Item = &'a str> {
        self.plan.departments.iter().map(|d| d.id.as_str())
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
fn no_accountable(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
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
            out.push(ctx.on_row(
                Code::NoAccountable,
                row,
                &entity(row),
                format!("nobody is accountable for \"{}\"", short(&row.name)),
                hint,
            ));
        }
    }
}

/// Two or more owners means nobody really owns it: each thinks the other decides.
fn several_accountable(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
        let owners = row.holders(Role::Accountable);
        if owners.len() >= 2 {
            out.push(ctx.on_row(
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
            ));
        }
    }
}

/// An id that names nobody: a typo, or someone who was removed from the plan.
fn unknown_reference(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    if let Some(lead) = &ctx.plan.settings.lead
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
                fix(
                    lead,
                    crate::text::nearest(lead, ctx.person_ids()),
                    "[people",
                )
            },
        );
        out.push(with_party(p, lead));
    }
    for person in &ctx.plan.people {
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
                        ctx.department_ids().collect::<Vec<_>>().join(", ")
                    )
                } else {
                    fix(
                        dept,
                        crate::text::nearest(dept, ctx.department_ids()),
                        "[departments",
                    )
                },
            );
            out.push(with_party(p, &person.id));
        }
    }
    unknown_in_rows(ctx, out);
}

/// The hint for an unknown id: the nearest known id, or the table to add.
fn fix(id: &str, suggestion: Option<&str>, add: &str) -> String {
    match suggestion {
        Some(s) => format!("did you mean \"{s}\"?"),
        None => format!("fix the id, or add {add}.{id}] to the plan"),
    }
}

/// The part of `unknown_reference` about role and admin lists.
fn unknown_in_rows(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
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
                    (what, crate::text::nearest(id, ctx.person_ids()))
                } else {
                    (
                        "is not a known person or department",
                        crate::text::nearest(id, ctx.person_ids().chain(ctx.department_ids())),
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
                out.push(with_party(p, id));
            }
        }
    }
}

/// Departments and people share ids; one id for both makes every role list ambiguous.
fn ambiguous_id(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for person in &ctx.plan.people {
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
            out.push(with_party(p, &person.id));
        }
    }
}

/// Someone who has left still holds a role or a login: the channel is orphaned.
fn departed_holder(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let today = ctx.today;
    if let Some(lead) = ctx
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
        out.push(with_party(p, &lead.id));
    }
    for row in &ctx.plan.rows {
        for id in row.named() {
            let Some(person) = ctx.person(id).filter(|p| p.has_left(today)) else {
                continue;
            };
            let mut what: Vec<&str> = row.roles_of(id).into_iter().map(Role::key).collect();
            if row.admins.iter().any(|a| a == id) {
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
            out.push(with_party(p, id));
        }
    }
}

fn left_on(p: &Person) -> String {
    p.leaving.map(crate::text::date).unwrap_or_default()
}

/// A department cannot be held to account; one person in it must be.
fn accountable_not_person(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
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
                out.push(with_party(p, id));
            }
        }
    }
}

/// An agency may do the work, but someone inside the business must direct it.
fn accountable_external(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
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
                out.push(with_party(p, id));
            }
        }
    }
}

/// Someone answers for the row, but nobody is named to do the work.
fn no_responsible(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
        if row.holders(Role::Responsible).is_empty() {
            out.push(ctx.on_row(
                Code::NoResponsible,
                row,
                &entity(row),
                format!("nobody is responsible for doing the work on \"{}\"", short(&row.name)),
                format!("add responsible = [\"<id>\"] to {}; the accountable person may also be responsible", table(row)),
            ));
        }
    }
}

/// Only outsiders hold the login: if the agency goes, the account goes with it.
fn no_internal_admin(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in ctx.plan.channels() {
        if !row.admins.is_empty() && !row.admins.iter().any(|a| ctx.internal(a)) {
            out.push(ctx.on_row(
                Code::NoInternalAdmin,
                row,
                &field(row, "admins"),
                format!(
                    "nobody on staff holds the login of \"{}\" (only {})",
                    short(&row.name),
                    text::and_list(&row.admins.iter().map(|a| ctx.name_of(a)).collect::<Vec<_>>())
                ),
                "add two people on staff to admins, so the business keeps the keys".into(),
            ));
        }
    }
}

/// One person holds the keys: nobody can get in while they are away or after they go.
fn single_admin(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in ctx.plan.channels() {
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
            out.push(with_party(p, only));
        }
    }
}

/// An owner, admin or the lead leaves soon: hand over before the channel is orphaned.
fn owner_leaving(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let leaving_soon = |p: &Person| -> Option<i64> {
        let days = (p.leaving? - ctx.today).num_days();
        (days > 0 && days <= i64::from(ctx.plan.settings.leaving_notice_days)).then_some(days)
    };
    if let Some(lead) = ctx
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
        out.push(with_party(p, &lead.id));
    }
    for row in &ctx.plan.rows {
        for id in row.named() {
            let accountable = row.holders(Role::Accountable).iter().any(|a| a == id);
            let admin = row.admins.iter().any(|a| a == id);
            if !accountable && !admin {
                continue;
            }
            let Some((person, days)) = ctx.person(id).and_then(|p| Some((p, leaving_soon(p)?)))
            else {
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
            out.push(with_party(p, id));
        }
    }
}

/// Nobody has looked at this row for too long: it may be languishing.
fn stale_review(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let every = i64::from(ctx.plan.settings.review_every_days);
    for row in &ctx.plan.rows {
        let Some(day) = row.last_reviewed else {
            continue;
        };
        let age = (ctx.today - day).num_days();
        if age > every {
            out.push(ctx.on_row(
                Code::StaleReview,
                row,
                &field(row, "last_reviewed"),
                format!(
                    "\"{}\" was last reviewed on {}, {age} days ago (review every {every} days)",
                    short(&row.name),
                    crate::text::date(day)
                ),
                "review who does what, then set last_reviewed to today (key t in the matrix)".into(),
            ));
        }
    }
}

/// Without one lead, nobody coordinates the departments or keeps the plan current.
fn no_lead(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    if ctx.plan.settings.lead.is_none() {
        out.push(ctx.problem(
            Code::NoLead,
            &plan_locus(),
            "the plan names no lead for social media".into(),
            "add lead = \"<person>\" to [plan]: one person who coordinates and enables the others"
                .into(),
        ));
    }
}

/// Holding two roles on one row (say, accountable and consulted) muddles who decides.
fn mixed_roles(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
        for id in row.named() {
            let roles = row.roles_of(id);
            // An unknown id is already an error of its own.
            let known = ctx.person(id).is_some() || ctx.department(id).is_some();
            if !known || roles.len() < 2 || roles == [Role::Accountable, Role::Responsible] {
                continue;
            }
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
            out.push(with_party(p, id));
        }
    }
}

/// A key steward does not know: kept as it is, but probably a typo.
fn unknown_key(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
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
        out.push(p);
    }
}

/// One person accountable for too much: when they are away, all of it stalls.
fn overloaded(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for row in &ctx.plan.rows {
        for id in row.holders(Role::Accountable) {
            *count.entry(id).or_default() += 1;
        }
    }
    let max = ctx.plan.settings.max_accountable as usize;
    for person in &ctx.plan.people {
        let n = count.get(person.id.as_str()).copied().unwrap_or(0);
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
            out.push(with_party(p, &person.id));
        }
    }
}

/// Nobody has recorded a review yet.
fn not_reviewed(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in &ctx.plan.rows {
        if row.last_reviewed.is_none() {
            out.push(ctx.on_row(
                Code::NotReviewed,
                row,
                &entity(row),
                format!("\"{}\" has never been reviewed", short(&row.name)),
                "after reviewing it, set last_reviewed = <date> (key t in the matrix)".into(),
            ));
        }
    }
}

/// A channel should serve a business goal, or be closed.
fn no_goal(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in ctx.plan.channels() {
        if row.goal.as_deref().is_none_or(|g| g.trim().is_empty()) {
            out.push(ctx.on_row(
                Code::NoGoal,
                row,
                &entity(row),
                format!("\"{}\" states no goal", short(&row.name)),
                "add goal = \"…\": what the business wants from this channel".into(),
            ));
        }
    }
}

/// Nobody has written down who holds the login.
fn no_admins_listed(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for row in ctx.plan.channels() {
        if row.admins.is_empty() {
            out.push(ctx.on_row(
                Code::NoAdminsListed,
                row,
                &entity(row),
                format!("\"{}\" does not say who holds its login", short(&row.name)),
                "add admins = [\"<person>\", \"<person>\"]: two people on staff".into(),
            ));
        }
    }
}

/// Someone in the plan with nothing to do: remove them or give them a part.
fn idle_person(ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let mut busy: HashSet<&str> = HashSet::new();
    for row in &ctx.plan.rows {
        busy.extend(row.named());
    }
    if let Some(lead) = &ctx.plan.settings.lead {
        busy.insert(lead);
    }
    for person in &ctx.plan.people {
        if !busy.contains(person.id.as_str()) {
            let p = ctx.problem(
                Code::IdlePerson,
                &Locus::Entity(Section::People, person.id.clone()),
                format!("{} holds no role and no login", short(&person.name)),
                "give them a role, or remove them from the plan".into(),
            );
            out.push(with_party(p, &person.id));
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
