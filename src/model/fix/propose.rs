//! The one-key fix proposed for each kind of problem.

use chrono::NaiveDate;

use super::{Fix, Place, Then, first_then, is_staff, name, staff};
use crate::model::edit::Edit;
use crate::model::rules::{Code, Problem};
use crate::model::{Id, Plan, Role, Row};
use crate::text;

/// The one-key fix for `problem` in `plan` on the day `today`.
#[must_use]
pub fn propose(plan: &Plan, problem: &Problem, today: NaiveDate) -> Fix {
    let row = problem.row.as_deref().and_then(|id| plan.row(id));
    let party = problem.party.as_deref();
    match (problem.code, row) {
        (Code::NoAccountable, Some(row)) => make_accountable(plan, row, None, today),
        (Code::SeveralAccountable, Some(row)) => {
            let owners = row.holders(Role::Accountable);
            let people: Vec<Id> = owners
                .iter()
                .filter(|a| is_staff(plan, a, today))
                .cloned()
                .collect();
            Fix::Choose {
                question: format!(
                    "Who stays accountable for {}? The others become responsible.",
                    row.name
                ),
                choices: if people.is_empty() {
                    staff(plan, today)
                } else {
                    people
                },
                then: Then::SoleAccountable {
                    row: row.id.clone(),
                },
            }
        }
        (Code::AccountableNotPerson | Code::AccountableExternal, Some(row)) => {
            make_accountable(plan, row, Some(party.unwrap_or_default()), today)
        }
        (Code::DepartedHolder | Code::OwnerLeaving, _) => {
            let Some(from) = party else {
                return Fix::None("it names nobody".into());
            };
            // Someone who already holds the login there would leave the row one login
            // short: offered last.
            let admin_there = |id: &Id| {
                row.is_some_and(|r| r.admins.contains(id) && r.admins.iter().any(|a| a == from))
            };
            let (others, admins): (Vec<Id>, Vec<Id>) = staff(plan, today)
                .into_iter()
                .filter(|id| id != from)
                .partition(|id| !admin_there(id));
            let choices = first_then(others, admins);
            let question = match row {
                Some(r) => format!("Who takes over from {} on {}?", name(plan, from), r.name),
                None => format!("Who becomes the lead after {}?", name(plan, from)),
            };
            choose_or_none(question, choices, Then::HandOver {
                row: row.map(|r| r.id.clone()),
                from: from.to_string(),
            })
        }
        (Code::NoInternalAdmin | Code::SingleAdmin, Some(row)) => admins(plan, row, today),
        (Code::StaleReview | Code::NotReviewed, Some(row)) => {
            let mut new = row.clone();
            new.last_reviewed = Some(today);
            Fix::Edit {
                sentence: format!("mark {} reviewed today ({})", row.name, text::date(today)),
                edit: Edit::Row(new),
            }
        }
        (Code::NoLead, _) => no_lead(plan, today),
        (Code::UnknownReference, _) => unknown_reference(plan, problem, today),
        (Code::NoResponsible, Some(row)) => no_responsible(plan, row, today),
        (Code::AmbiguousId, _) => Fix::None(
            "one id names a person and a department: give one of them another id in the file"
                .into(),
        ),
        (Code::MixedRoles, _) => Fix::None(format!(
            "decide which role {} keeps here, and press the letter of the other to take it away",
            party.map_or("they", |p| name(plan, p))
        )),
        (Code::UnknownKey, _) => Fix::None(
            "steward keeps keys it does not know: correct or remove it in the file".into(),
        ),
        (Code::Overloaded, _) => Fix::None(
            "share some rows out (A on someone else makes them the one accountable), or raise the limit with s"
                .into(),
        ),
        (Code::NoGoal, _) => {
            Fix::None("press e on the row and write what the business wants from it".into())
        }
        (Code::NoAdminsListed, _) => Fix::None(
            "press e on the row and name two people on staff who hold the login".into(),
        ),
        (Code::IdlePerson, _) => Fix::None(
            "give them a role in the matrix, or delete them in People with d".into(),
        ),
        _ => Fix::None("what it concerns is no longer in the plan".into()),
    }
}

/// Who does the work on a row nobody does it on.
fn no_responsible(plan: &Plan, row: &Row, today: NaiveDate) -> Fix {
    // Someone who stays: the accountable first, then the staff, then agencies
    // (who often do the work); never someone leaving, whose going would be the
    // next warning.
    let staying = |id: &Id| plan.person(id).is_some_and(|p| p.leaving.is_none());
    let accountable: Vec<Id> = row
        .holders(Role::Accountable)
        .iter()
        .filter(|id| staying(id))
        .cloned()
        .collect();
    let agencies: Vec<Id> = plan
        .people
        .iter()
        .filter(|p| p.external && p.leaving.is_none())
        .map(|p| p.id.clone())
        .collect();
    choose_or_none(
        format!("Who does the work on {}?", row.name),
        first_then(accountable, first_then(staff(plan, today), agencies)),
        Then::Responsible {
            row: row.id.clone(),
        },
    )
}

fn choose_or_none(question: String, choices: Vec<Id>, then: Then) -> Fix {
    if choices.is_empty() {
        Fix::None("there is nobody on staff to choose: add someone in People with n".into())
    } else {
        Fix::Choose {
            question,
            choices,
            then,
        }
    }
}

/// The row's internal responsible people who have not left, except `but`.
fn staff_responsible(plan: &Plan, row: &Row, but: &str, today: NaiveDate) -> Vec<Id> {
    row.holders(Role::Responsible)
        .iter()
        .filter(|id| *id != but && is_staff(plan, id, today))
        .cloned()
        .collect()
}

/// The lead, when they are on staff and have not left, and are not `but`.
fn staff_lead<'a>(plan: &'a Plan, but: &str, today: NaiveDate) -> Option<&'a str> {
    plan.settings
        .lead
        .as_deref()
        .filter(|l| *l != but && is_staff(plan, l, today))
}

/// Someone on staff answers for `row` alone: the only responsible person on staff, else
/// the lead, else someone chosen. `from`, when given, is the party who answers for it
/// now and becomes responsible.
fn make_accountable(plan: &Plan, row: &Row, from: Option<&str>, today: NaiveDate) -> Fix {
    let then = Then::SoleAccountable {
        row: row.id.clone(),
    };
    let but = from.unwrap_or_default();
    let responsible = staff_responsible(plan, row, but, today);
    let after = from.map(|f| format!("; {} becomes responsible", name(plan, f)));
    let question = match from {
        None => format!("Who inside the business answers for {}?", row.name),
        Some(f) => format!(
            "Who on staff answers for {}? {} becomes responsible.",
            row.name,
            name(plan, f)
        ),
    };
    match responsible.as_slice() {
        [only] => then.with(plan, only).map_sentence(|_| {
            let after = after.as_deref().unwrap_or(" (they stay responsible)");
            format!(
                "make {} accountable for {}{after}",
                name(plan, only),
                row.name
            )
        }),
        [] => match staff_lead(plan, but, today) {
            Some(lead) => then.with(plan, lead).map_sentence(|_| {
                format!(
                    "make {}, the lead, accountable for {}{}",
                    name(plan, lead),
                    row.name,
                    after.as_deref().unwrap_or_default()
                )
            }),
            None => choose_or_none(question, staff(plan, today), then),
        },
        // Taking over from someone: one of those who do the work. With nobody to take
        // over from: those first, then anyone on staff.
        several if from.is_some() => Fix::Choose {
            question,
            choices: several.to_vec(),
            then,
        },
        _ => choose_or_none(
            question,
            first_then(responsible.clone(), staff(plan, today)),
            then,
        ),
    }
}

/// Two people on staff should hold every login: the accountable person, else the lead,
/// else someone chosen.
fn admins(plan: &Plan, row: &Row, today: NaiveDate) -> Fix {
    let have: Vec<Id> = row
        .admins
        .iter()
        .filter(|a| is_staff(plan, a, today))
        .cloned()
        .collect();
    let mut candidates: Vec<Id> = row
        .holders(Role::Accountable)
        .iter()
        .filter(|a| is_staff(plan, a, today))
        .cloned()
        .collect();
    candidates.extend(staff_lead(plan, "", today).map(String::from));
    let add: Vec<Id> = crate::model::dedup(candidates)
        .into_iter()
        .filter(|c| !have.contains(c))
        .take(2usize.saturating_sub(have.len()))
        .collect();
    let then = |with: Vec<Id>| Then::Admin {
        row: row.id.clone(),
        with,
    };
    if have.len() + add.len() >= 2
        && let Some((last, rest)) = add.split_last()
    {
        return then(rest.to_vec())
            .with(plan, last)
            .map_sentence(|s| format!("{s}, so two people on staff hold it"));
    }
    let taken: Vec<&Id> = have.iter().chain(&add).collect();
    let choices: Vec<Id> = staff(plan, today)
        .into_iter()
        .filter(|id| !taken.contains(&id))
        .collect();
    choose_or_none(
        format!("Who else on staff should hold the login of {}?", row.name),
        choices,
        then(add),
    )
}

fn no_lead(plan: &Plan, today: NaiveDate) -> Fix {
    let mut counts: Vec<(usize, &str)> = plan
        .people
        .iter()
        .filter(|p| is_staff(plan, &p.id, today))
        .map(|p| {
            let n = plan
                .rows
                .iter()
                .filter(|r| r.holders(Role::Accountable).contains(&p.id))
                .count();
            (n, p.id.as_str())
        })
        .collect();
    counts.sort_by_key(|c| std::cmp::Reverse(c.0));
    match counts.as_slice() {
        [(n, id), rest @ ..] if *n > 0 && rest.first().is_none_or(|(m, _)| m < n) => {
            Then::Lead.with(plan, id).map_sentence(|_| {
                format!(
                    "make {} the lead: accountable for {n} row{}, more than anyone",
                    name(plan, id),
                    text::plural(*n)
                )
            })
        }
        _ => choose_or_none(
            "Who leads social media overall?".into(),
            counts.iter().map(|(_, id)| (*id).to_string()).collect(),
            Then::Lead,
        ),
    }
}

fn unknown_reference(plan: &Plan, problem: &Problem, today: NaiveDate) -> Fix {
    let Some(party) = problem.party.as_deref() else {
        return Fix::None("it names nobody".into());
    };
    let people: Vec<&str> = plan.people.iter().map(|p| p.id.as_str()).collect();
    let departments: Vec<&str> = plan.departments.iter().map(|d| d.id.as_str()).collect();
    let (at, wrong, pool): (Place, &str, Vec<&str>) = if let Some(row) = &problem.row {
        let admin_only = plan
            .row(row)
            .is_some_and(|r| r.admins.iter().any(|a| a == party) && !r.involves(party));
        let pool = if admin_only {
            people
        } else {
            people.into_iter().chain(departments).collect()
        };
        (Place::Row(row.clone()), party, pool)
    } else if plan.settings.lead.as_deref() == Some(party) {
        (Place::Lead, party, people)
    } else if let Some(dept) = plan.person(party).and_then(|p| p.department.as_deref()) {
        (Place::Department(party.to_string()), dept, departments)
    } else {
        return Fix::None("it is no longer in the plan".into());
    };
    let then = Then::Replace {
        at,
        wrong: wrong.to_string(),
    };
    if let Some(near) = text::nearest(wrong, pool.iter().copied()) {
        return then.with(plan, near);
    }
    let mut choices: Vec<Id> = pool.iter().map(|s| (*s).to_string()).collect();
    choices.sort_by_key(|id| !is_staff(plan, id, today));
    choose_or_none(
        format!("Who did \"{}\" mean?", text::one_line(wrong)),
        choices,
        then,
    )
}
