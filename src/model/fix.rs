//! What to do about a problem, in two voices: the one-key fix the matrix offers (the
//! edit, said in one sentence of names, or the question to ask first, or why there is no
//! such fix), and the decision the room takes home in the handout, in plain words. The
//! file's own hints (`check`) stay with the rules.
//!
//! A fix never leads straight to the next warning: where the rules want two people on
//! staff holding a login, it gives two.

use chrono::NaiveDate;

use super::edit::Edit;
use super::rules::{self, Code, Problem, Severity};
use super::whatif::{self, Handing};
use super::{Id, Plan, Role, Row};
use crate::text;

mod propose;
pub use propose::propose;

/// The one-key fix for a problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    /// One edit, and what it does in one sentence of names.
    Edit { sentence: String, edit: Edit },
    /// Someone must be chosen first: the question, who to choose from (best first), and
    /// what the choice then does.
    Choose {
        question: String,
        choices: Vec<Id>,
        then: Then,
    },
    /// No one-key fix: why, and what to do instead.
    None(String),
}

/// What a chosen party does for a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Becomes the only accountable on the row; the others who were become responsible.
    SoleAccountable { row: Id },
    /// Takes over what `from` holds on the row, or (no row) as lead.
    HandOver { row: Option<Id>, from: Id },
    /// Holds the row's login, beside `with` (added too when they do not yet).
    Admin { row: Id, with: Vec<Id> },
    /// Becomes the plan's lead.
    Lead,
    /// Becomes responsible on the row.
    Responsible { row: Id },
    /// Stands where the unknown id `wrong` stood.
    Replace { at: Place, wrong: Id },
}

/// Where an unknown id stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A role list or the admins of a row.
    Row(Id),
    /// The plan's lead.
    Lead,
    /// A person's department.
    Department(Id),
}

/// The name of a party, or its id when it is not known.
fn name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
    plan.party(id).map_or(id, |p| p.name())
}

fn row_name<'a>(plan: &'a Plan, id: &'a str) -> &'a str {
    plan.row(id).map_or(id, |r| r.name.as_str())
}

/// People on staff who are staying (no leaving date), in file order: the ones a fix
/// can hand something to without the next warning being about them.
fn staff(plan: &Plan, today: NaiveDate) -> Vec<Id> {
    plan.people
        .iter()
        .filter(|p| is_staff(plan, &p.id, today))
        .map(|p| p.id.clone())
        .collect()
}

/// Whether `id` is a person on staff who is staying.
fn is_staff(plan: &Plan, id: &str, today: NaiveDate) -> bool {
    plan.person(id)
        .is_some_and(|p| !p.external && !p.has_left(today) && p.leaving.is_none())
}

/// `first` ones first, then the rest, each once.
fn first_then(first: Vec<Id>, rest: Vec<Id>) -> Vec<Id> {
    super::dedup(first.into_iter().chain(rest).collect())
}

/// The row with `to` as its only accountable, and whoever else was accountable (`from`
/// included) made responsible. `to` keeps a responsible role; everyone it touches loses
/// consulted and informed (accountable or responsible, they are in the loop), so the fix
/// leaves no one with two roles that muddle who decides.
fn sole_accountable(row: &Row, to: &str) -> Row {
    let mut new = row.clone();
    let demoted: Vec<Id> = row
        .holders(Role::Accountable)
        .iter()
        .filter(|a| *a != to)
        .cloned()
        .collect();
    let responsible = super::dedup(
        row.holders(Role::Responsible)
            .iter()
            .chain(&demoted)
            .cloned()
            .collect(),
    );
    new.set_holders(Role::Accountable, vec![to.to_string()]);
    new.set_holders(Role::Responsible, responsible);
    for party in demoted.iter().map(String::as_str).chain([to]) {
        new.take_from(party, &[Role::Consulted, Role::Informed]);
    }
    new
}

/// What `edit` would leave wrong that `plan` does not have on the day `today`: the
/// errors and warnings it brings, in words, for the question that offers it. A fix
/// avoids them where it can; where it cannot (the one person on staff left holds a login
/// alone), the room hears it before saying yes.
#[must_use]
pub fn brings(plan: &Plan, edit: &Edit, today: NaiveDate) -> Vec<String> {
    let key = |p: &Problem| (p.code, p.row.clone(), p.party.clone());
    let before = rules::check(plan, today);
    let mut after = plan.clone();
    if after.apply(edit.clone()).is_err() {
        return Vec::new();
    }
    rules::check(&after, today)
        .into_iter()
        .filter(|p| p.code.severity() != Severity::Info)
        .filter(|p| !before.iter().any(|b| key(b) == key(p)))
        .map(|p| p.message)
        .collect()
}

/// The edit that makes `party` the only accountable on `row`, others responsible.
#[must_use]
pub fn make_sole_accountable(row: &Row, party: &str) -> Edit {
    Edit::Row(sole_accountable(row, party))
}

/// What `party` no longer is on the row `row` once `edit` (a whole row's) is made, as
/// the end of a sentence: "; Sam is no longer consulted", or nothing. Losing
/// accountability is said by the sentence itself, where it happens.
fn no_longer(plan: &Plan, row: &str, party: &str, edit: &Edit) -> String {
    let (Some(before), Edit::Row(after)) = (plan.row(row), edit) else {
        return String::new();
    };
    let kept = after.roles_of(party);
    let lost: Vec<&str> = before
        .roles_of(party)
        .into_iter()
        .filter(|r| !kept.contains(r) && *r != Role::Accountable)
        .map(Role::key)
        .collect();
    if lost.is_empty() {
        String::new()
    } else {
        format!(
            "; {} is no longer {}",
            name(plan, party),
            text::and_list(&lost)
        )
    }
}

impl Then {
    /// The edit and its sentence once `chosen` is chosen.
    #[must_use]
    pub fn with(&self, plan: &Plan, chosen: &str) -> Fix {
        let who = name(plan, chosen);
        let missing = || Fix::None("that part of the plan is gone".into());
        match self {
            Then::SoleAccountable { row } => {
                let Some(r) = plan.row(row) else {
                    return missing();
                };
                let demoted: Vec<&str> = r
                    .holders(Role::Accountable)
                    .iter()
                    .map(String::as_str)
                    .filter(|a| *a != chosen)
                    .collect();
                let names: Vec<&str> = demoted.iter().map(|a| name(plan, a)).collect();
                let mut sentence = match names.as_slice() {
                    [] => format!("make {who} accountable for {}", r.name),
                    [one] => format!(
                        "make {who} the only one accountable for {}; {one} becomes responsible",
                        r.name
                    ),
                    _ => format!(
                        "make {who} the only one accountable for {}; {} become responsible",
                        r.name,
                        text::and_list(&names)
                    ),
                };
                let edit = make_sole_accountable(r, chosen);
                // And the roles the edit takes away besides (consulted, informed).
                for party in std::iter::once(chosen).chain(demoted) {
                    sentence.push_str(&no_longer(plan, row, party, &edit));
                }
                Fix::Edit { sentence, edit }
            }
            Then::HandOver { row, from } => {
                match whatif::hand_over(plan, from, chosen, Handing::ALL, row.as_deref()) {
                    Some(edit) => Fix::Edit {
                        sentence: match row {
                            Some(row) => format!(
                                "hand what {} holds on {} to {who}{}",
                                name(plan, from),
                                row_name(plan, row),
                                no_longer(plan, row, chosen, &edit)
                            ),
                            None => format!("make {who} the lead in place of {}", name(plan, from)),
                        },
                        edit,
                    },
                    None => Fix::None(format!("{} holds nothing there any more", name(plan, from))),
                }
            }
            Then::Admin { row, with } => {
                let Some(r) = plan.row(row) else {
                    return missing();
                };
                let mut new = r.clone();
                let mut added: Vec<&str> = Vec::new();
                for id in with.iter().map(String::as_str).chain([chosen]) {
                    if !new.admins.iter().any(|a| a == id) {
                        new.admins.push(id.to_string());
                        added.push(name(plan, id));
                    }
                }
                Fix::Edit {
                    sentence: format!("give {} the login of {}", text::and_list(&added), r.name),
                    edit: Edit::Row(new),
                }
            }
            Then::Lead => {
                let mut settings = plan.settings.clone();
                settings.lead = Some(chosen.to_string());
                Fix::Edit {
                    sentence: format!("make {who} the lead for social media"),
                    edit: Edit::Settings(settings),
                }
            }
            Then::Responsible { row } => {
                let Some(r) = plan.row(row) else {
                    return missing();
                };
                let mut new = r.clone();
                let mut list = r.holders(Role::Responsible).to_vec();
                list.push(chosen.to_string());
                new.set_holders(Role::Responsible, list);
                Fix::Edit {
                    sentence: format!("make {who} responsible for the work on {}", r.name),
                    edit: Edit::Row(new),
                }
            }
            Then::Replace { at, wrong } => replace(plan, at, wrong, chosen),
        }
    }
}

/// Leaves `party` one role on `row` (accountable with responsible counts as one): the
/// strongest it holds, so that a fix never muddles who decides.
fn keep_one_role(row: &mut Row, party: &str) {
    let roles = row.roles_of(party);
    let weaker: &[Role] =
        if roles.contains(&Role::Accountable) || roles.contains(&Role::Responsible) {
            &[Role::Consulted, Role::Informed]
        } else {
            &[Role::Informed]
        };
    if roles.len() > 1 {
        row.take_from(party, weaker);
    }
}

/// The edit that puts `right` where the unknown id `wrong` stands.
fn replace(plan: &Plan, at: &Place, wrong: &str, right: &str) -> Fix {
    let who = name(plan, right);
    let swap = |ids: &[Id]| -> Vec<Id> {
        ids.iter()
            .map(|id| {
                if id == wrong {
                    right.to_string()
                } else {
                    id.clone()
                }
            })
            .collect()
    };
    match at {
        Place::Row(row) => {
            let Some(r) = plan.row(row) else {
                return Fix::None("that row is gone".into());
            };
            let mut new = r.clone();
            for role in Role::ALL {
                new.set_holders(role, swap(r.holders(role)));
            }
            new.admins = super::dedup(swap(&r.admins));
            keep_one_role(&mut new, right);
            Fix::Edit {
                sentence: format!(
                    "put {who} where \"{}\" stands on {}",
                    text::one_line(wrong),
                    r.name
                ),
                edit: Edit::Row(new),
            }
        }
        Place::Lead => {
            let mut settings = plan.settings.clone();
            settings.lead = Some(right.to_string());
            Fix::Edit {
                sentence: format!(
                    "make {who} the lead in place of \"{}\"",
                    text::one_line(wrong)
                ),
                edit: Edit::Settings(settings),
            }
        }
        Place::Department(person) => {
            let Some(p) = plan.person(person) else {
                return Fix::None("that person is gone".into());
            };
            let mut new = p.clone();
            new.department = Some(right.to_string());
            Fix::Edit {
                sentence: format!("put {} in {who}", p.name),
                edit: Edit::Person(new),
            }
        }
    }
}

impl Fix {
    /// The same fix, said another way.
    fn map_sentence(self, f: impl FnOnce(&str) -> String) -> Fix {
        match self {
            Fix::Edit { sentence, edit } => Fix::Edit {
                sentence: f(&sentence),
                edit,
            },
            other => other,
        }
    }

    /// What the fix does, as a screen puts it after the key that makes it (`make Sam
    /// accountable`), or, when there is no one-key fix, why and what to do instead.
    ///
    /// # Errors
    /// There is no one-key fix; the error says why.
    pub fn phrase(&self) -> Result<String, String> {
        match self {
            Fix::Edit { sentence, .. } => Ok(sentence.clone()),
            Fix::Choose { question, .. } => Ok(lower_first(question)),
            Fix::None(why) => Err(why.clone()),
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What the room has to decide about `problem`, in plain words for the handout.
#[must_use]
pub fn decision(plan: &Plan, problem: &Problem) -> String {
    let row = problem
        .row
        .as_deref()
        .map(|r| text::clip(row_name(plan, r)));
    let row = row.as_deref().unwrap_or("the plan");
    let party = problem.party.as_deref().map(|p| text::clip(name(plan, p)));
    let party = party.as_deref().unwrap_or("someone");
    match problem.code {
        Code::NoAccountable => format!("Decide who inside the business answers for {row}."),
        Code::SeveralAccountable => {
            format!("Decide which one person answers for {row}; the others can stay responsible.")
        }
        Code::UnknownReference => {
            format!("\"{party}\" is not in the plan: add them, or correct the name.")
        }
        Code::AmbiguousId => "One id names both a person and a department: rename one.".into(),
        Code::DepartedHolder => {
            format!("{party} has left: decide who takes over on {row}.")
        }
        Code::AccountableNotPerson => {
            format!("Name one person in {party} who answers for {row}.")
        }
        Code::AccountableExternal => {
            format!("Name someone on staff who answers for {row}; {party} can keep doing the work.")
        }
        Code::NoResponsible => format!("Decide who does the work on {row}."),
        Code::NoInternalAdmin => {
            format!("Give two people on staff the login of {row}, so the business keeps the keys.")
        }
        Code::SingleAdmin => format!(
            "Give a second person on staff the login of {row}, so it is not lost when {party} is away."
        ),
        Code::OwnerLeaving => {
            format!("{party} is leaving soon: agree who takes over {row}, and hand over the login.")
        }
        Code::StaleReview => format!("Review who does what on {row}; it is overdue."),
        Code::NoLead => {
            "Decide who leads social media overall and keeps this plan up to date.".into()
        }
        Code::MixedRoles => format!("Decide which one role {party} has on {row}."),
        Code::UnknownKey => {
            "The file holds a setting steward does not know: correct or remove it.".into()
        }
        Code::Overloaded => format!("{party} answers for too many rows: share some of them out."),
        Code::NotReviewed => format!("Review {row} and note the date."),
        Code::NoGoal => format!("Agree what the business wants from {row}."),
        Code::NoAdminsListed => {
            format!("Write down who holds the login of {row}: two people on staff.")
        }
        Code::IdlePerson => format!("Give {party} a part, or take them off the plan."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::rules::check;
    use crate::store::parse;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")
    }

    /// The problems of `plan` after `fix`'s edit (or the choice `pick`).
    fn after(plan: &Plan, fix: Fix, pick: Option<&str>) -> (Plan, Vec<Code>) {
        let fix = match (fix, pick) {
            (Fix::Choose { then, choices, .. }, Some(p)) => {
                assert!(
                    choices.iter().any(|c| c == p),
                    "{p} is offered: {choices:?}"
                );
                then.with(plan, p)
            }
            (fix, _) => fix,
        };
        let Fix::Edit { edit, .. } = fix else {
            panic!("an edit: {fix:?}");
        };
        let mut plan = plan.clone();
        plan.apply(edit).expect("applies");
        let codes = check(&plan, today()).iter().map(|p| p.code).collect();
        (plan, codes)
    }

    #[test]
    fn a_hand_over_says_what_the_one_taking_over_no_longer_is() {
        let plan = parse(
            "[people.a]\nname = \"Ann\"\n[people.b]\nname = \"Bo\"\n\
             [channels.x]\nname = \"X\"\naccountable = \"a\"\nconsulted = \"b\"\n\
             [channels.y]\nname = \"Y\"\naccountable = \"a\"\n",
        )
        .expect("parses");
        let sentence = |row: &str| match (Then::HandOver {
            row: Some(row.into()),
            from: "a".into(),
        })
        .with(&plan, "b")
        {
            Fix::Edit { sentence, edit } => {
                let mut after = plan.clone();
                after.apply(edit).expect("applies");
                (sentence, after.row(row).expect("row").roles_of("b"))
            }
            other => panic!("an edit: {other:?}"),
        };
        assert_eq!(
            sentence("x"),
            (
                "hand what Ann holds on X to Bo; Bo is no longer consulted".to_string(),
                vec![Role::Accountable]
            )
        );
        assert_eq!(
            sentence("y"),
            (
                "hand what Ann holds on Y to Bo".to_string(),
                vec![Role::Accountable]
            )
        );
    }

    #[test]
    fn making_someone_the_only_accountable_names_who_becomes_responsible() {
        let plan = parse(
            "[people.a]\nname = \"Ann\"\n[people.b]\nname = \"Bo\"\n[people.c]\nname = \"Cy\"\n\
             [channels.x]\nname = \"X\"\n[channels.y]\nname = \"Y\"\naccountable = [\"a\", \"b\"]\n\
             [channels.z]\nname = \"Z\"\naccountable = [\"a\", \"b\", \"c\"]\n",
        )
        .expect("parses");
        let sentence = |row: &str, who: &str| match (Then::SoleAccountable { row: row.into() })
            .with(&plan, who)
        {
            Fix::Edit { sentence, .. } => sentence,
            other => panic!("an edit: {other:?}"),
        };
        assert_eq!(sentence("x", "a"), "make Ann accountable for X");
        assert_eq!(
            sentence("y", "a"),
            "make Ann the only one accountable for Y; Bo becomes responsible"
        );
        assert_eq!(
            sentence("z", "c"),
            "make Cy the only one accountable for Z; Ann and Bo become responsible"
        );
        // Roles the edit takes away are said too.
        let plan = parse(
            "[people.a]\nname = \"Ann\"\n[people.b]\nname = \"Bo\"\n\
             [channels.w]\nname = \"W\"\naccountable = [\"a\", \"b\"]\ninformed = [\"a\", \"b\"]\n",
        )
        .expect("parses");
        let Fix::Edit { sentence, .. } =
            (Then::SoleAccountable { row: "w".into() }).with(&plan, "b")
        else {
            panic!("an edit");
        };
        assert_eq!(
            sentence,
            "make Bo the only one accountable for W; Ann becomes responsible; \
             Bo is no longer informed; Ann is no longer informed"
        );
    }

    fn problem(plan: &Plan, code: Code) -> Problem {
        check(plan, today())
            .into_iter()
            .find(|p| p.code == code)
            .unwrap_or_else(|| panic!("{code} in the plan"))
    }

    const PLAN: &str = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\
        [people.sam]\nname = \"Sam Okafor\"\n[people.ana]\nname = \"Ana Ruiz\"\n\
        [people.pix]\nname = \"Pixel\"\nexternal = true\n\
        [channels.ig]\nname = \"Instagram\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
        responsible = [\"ana\"]\nadmins = [\"pix\"]\n\
        [channels.blog]\nname = \"Blog\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
        accountable = [\"pix\"]\nresponsible = [\"pix\"]\nadmins = [\"sam\", \"ana\"]\n";

    #[test]
    fn no_accountable_takes_the_only_responsible_on_staff() {
        let plan = parse(PLAN).expect("a plan");
        let fix = propose(&plan, &problem(&plan, Code::NoAccountable), today());
        let Fix::Edit { sentence, .. } = &fix else {
            panic!("{fix:?}");
        };
        assert_eq!(
            sentence,
            "make Ana Ruiz accountable for Instagram (they stay responsible)"
        );
        let (plan, codes) = after(&plan, fix, None);
        assert!(!codes.contains(&Code::NoAccountable));
        assert!(!codes.contains(&Code::MixedRoles));
        assert_eq!(
            plan.row("ig").expect("ig").holders(Role::Accountable),
            ["ana"]
        );
    }

    #[test]
    fn an_external_accountable_hands_over_to_the_lead_and_stays_responsible() {
        let plan = parse(PLAN).expect("a plan");
        let fix = propose(&plan, &problem(&plan, Code::AccountableExternal), today());
        let (plan, codes) = after(&plan, fix, None);
        let blog = plan.row("blog").expect("blog");
        assert_eq!(blog.holders(Role::Accountable), ["sam"]);
        assert_eq!(blog.holders(Role::Responsible), ["pix"]);
        assert!(!codes.contains(&Code::AccountableExternal));
    }

    #[test]
    fn a_login_held_only_outside_gets_two_people_on_staff() {
        let mut plan = parse(PLAN).expect("a plan");
        let mut ig = plan.row("ig").expect("ig").clone();
        ig.set_holders(Role::Accountable, vec!["ana".into()]);
        plan.apply(Edit::Row(ig)).expect("applies");
        let fix = propose(&plan, &problem(&plan, Code::NoInternalAdmin), today());
        let Fix::Edit { sentence, .. } = &fix else {
            panic!("{fix:?}");
        };
        assert_eq!(
            sentence,
            "give Ana Ruiz and Sam Okafor the login of Instagram, so two people on staff hold it"
        );
        let (_, codes) = after(&plan, fix, None);
        assert!(!codes.contains(&Code::NoInternalAdmin));
        assert!(!codes.contains(&Code::SingleAdmin), "no next warning");
    }

    #[test]
    fn several_accountable_asks_who_stays() {
        let mut plan = parse(PLAN).expect("a plan");
        let mut blog = plan.row("blog").expect("blog").clone();
        blog.set_holders(
            Role::Accountable,
            vec!["pix".into(), "sam".into(), "ana".into()],
        );
        plan.apply(Edit::Row(blog)).expect("applies");
        let fix = propose(&plan, &problem(&plan, Code::SeveralAccountable), today());
        let Fix::Choose { choices, .. } = &fix else {
            panic!("{fix:?}");
        };
        assert_eq!(
            choices,
            &["sam", "ana"],
            "people on staff only, not the agency"
        );
        let (plan, codes) = after(&plan, fix, Some("ana"));
        let blog = plan.row("blog").expect("blog");
        assert_eq!(blog.holders(Role::Accountable), ["ana"]);
        assert_eq!(blog.holders(Role::Responsible), ["pix", "sam"]);
        assert!(!codes.contains(&Code::SeveralAccountable));
    }

    #[test]
    fn who_stops_being_accountable_keeps_one_role_and_no_new_warning() {
        let mut plan = parse(PLAN).expect("a plan");
        let mut blog = plan.row("blog").expect("blog").clone();
        blog.set_holders(Role::Accountable, vec!["sam".into(), "ana".into()]);
        blog.set_holders(Role::Responsible, vec!["ana".into()]);
        blog.set_holders(Role::Informed, vec!["ana".into()]);
        blog.set_holders(Role::Consulted, vec!["sam".into()]);
        plan.apply(Edit::Row(blog)).expect("applies");
        let fix = propose(&plan, &problem(&plan, Code::SeveralAccountable), today());
        let (plan, codes) = after(&plan, fix, Some("sam"));
        let blog = plan.row("blog").expect("blog");
        assert_eq!(blog.holders(Role::Accountable), ["sam"]);
        assert_eq!(blog.holders(Role::Responsible), ["ana"], "once each");
        assert!(blog.holders(Role::Informed).is_empty(), "{blog:?}");
        assert!(blog.holders(Role::Consulted).is_empty(), "{blog:?}");
        assert!(!codes.contains(&Code::MixedRoles), "{codes:?}");
        assert!(!codes.contains(&Code::SeveralAccountable), "{codes:?}");
    }

    #[test]
    fn who_does_the_work_is_never_someone_leaving() {
        let mut plan = parse(PLAN).expect("a plan");
        let mut ana = plan.person("ana").expect("ana").clone();
        ana.leaving = NaiveDate::from_ymd_opt(2027, 1, 15);
        plan.apply(Edit::Person(ana)).expect("applies");
        let mut ig = plan.row("ig").expect("ig").clone();
        ig.set_holders(Role::Accountable, vec!["ana".into()]);
        ig.set_holders(Role::Responsible, Vec::new());
        plan.apply(Edit::Row(ig)).expect("applies");
        let fix = propose(&plan, &problem(&plan, Code::NoResponsible), today());
        let Fix::Choose { choices, .. } = &fix else {
            panic!("{fix:?}");
        };
        assert_eq!(choices, &["sam", "pix"], "staff who stay, then the agency");
    }

    #[test]
    fn a_take_over_never_offers_who_leaves_or_who_would_cost_a_login() {
        let text = format!(
            "{PLAN}[people.soon]\nname = \"Soon\"\nleaving = 2026-12-01\n\
             [people.kai]\nname = \"Kai\"\n\
             [channels.yt]\nname = \"YouTube\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
             accountable = \"soon\"\nresponsible = [\"ana\"]\nadmins = [\"soon\", \"sam\"]\n"
        );
        let plan = parse(&text).expect("a plan");
        let leaving = check(&plan, today())
            .into_iter()
            .find(|p| p.code == Code::OwnerLeaving && p.row.as_deref() == Some("yt"))
            .expect("Soon leaves");
        let Fix::Choose { choices, .. } = propose(&plan, &leaving, today()) else {
            panic!("asks who");
        };
        assert!(!choices.contains(&"soon".to_string()));
        assert_eq!(
            choices.last().map(String::as_str),
            Some("sam"),
            "Sam already holds the login: last, {choices:?}"
        );
        let (_, codes) = after(
            &plan,
            Fix::Choose {
                question: String::new(),
                choices: choices.clone(),
                then: Then::HandOver {
                    row: Some("yt".into()),
                    from: "soon".into(),
                },
            },
            Some(&choices[0]),
        );
        assert!(
            !codes.contains(&Code::SingleAdmin),
            "the first one offered keeps two logins"
        );
    }

    #[test]
    fn a_department_accountable_gives_way_to_the_responsible_person_on_staff() {
        let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\
            [departments.mkt]\nname = \"Marketing\"\n\
            [people.sam]\nname = \"Sam\"\n[people.ana]\nname = \"Ana\"\n\
            [channels.ig]\nname = \"Instagram\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
            accountable = [\"mkt\"]\nresponsible = [\"ana\"]\nadmins = [\"sam\", \"ana\"]\n";
        let plan = parse(text).expect("a plan");
        let fix = propose(&plan, &problem(&plan, Code::AccountableNotPerson), today());
        let (after, codes) = after(&plan, fix, None);
        let ig = after.row("ig").expect("the row");
        assert_eq!(
            ig.holders(Role::Accountable),
            ["ana"],
            "the responsible person answers for it"
        );
        assert!(
            ig.holders(Role::Responsible).iter().any(|r| r == "mkt"),
            "the department that was accountable does the work: {:?}",
            ig.holders(Role::Responsible)
        );
        assert!(!codes.contains(&Code::AccountableNotPerson), "{codes:?}");
        // Two responsible on staff: it asks which.
        let two = text.replace(
            "responsible = [\"ana\"]",
            "responsible = [\"ana\", \"sam\"]",
        );
        let plan = parse(&two).expect("a plan");
        let fix = propose(&plan, &problem(&plan, Code::AccountableNotPerson), today());
        let Fix::Choose { choices, .. } = &fix else {
            panic!("asks who: {fix:?}");
        };
        assert!(choices.contains(&"ana".to_string()) && choices.contains(&"sam".to_string()));
    }

    #[test]
    fn no_lead_proposes_who_is_accountable_for_most_rows() {
        let text = "[plan]\nname = \"Shop\"\n\
            [people.sam]\nname = \"Sam\"\n[people.ana]\nname = \"Ana\"\n\
            [channels.ig]\nname = \"Instagram\"\naccountable = \"sam\"\n\
            [channels.fb]\nname = \"Facebook\"\naccountable = \"sam\"\n\
            [channels.tt]\nname = \"TikTok\"\naccountable = \"ana\"\n";
        let plan = parse(text).expect("a plan");
        let fix = propose(&plan, &problem(&plan, Code::NoLead), today());
        let (after, codes) = after(&plan, fix, None);
        assert_eq!(
            after.settings.lead.as_deref(),
            Some("sam"),
            "the busiest owner"
        );
        assert!(!codes.contains(&Code::NoLead), "{codes:?}");
    }

    #[test]
    fn a_single_admin_gets_the_accountable_person_beside_them() {
        // Sam alone on staff holds the keys; Ana answers for the row.
        let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\
            [people.sam]\nname = \"Sam\"\n[people.ana]\nname = \"Ana\"\n\
            [people.pix]\nname = \"Pixel\"\nexternal = true\n\
            [channels.ig]\nname = \"Instagram\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
            accountable = \"ana\"\nresponsible = \"sam\"\nadmins = [\"sam\", \"pix\"]\n";
        let plan = parse(text).expect("a plan");
        let single = problem(&plan, Code::SingleAdmin);
        let (after, codes) = after(&plan, propose(&plan, &single, today()), None);
        let ig = after.row("ig").expect("the row");
        assert!(
            ig.admins.iter().any(|a| a == "ana"),
            "the accountable person holds the keys too: {:?}",
            ig.admins
        );
        assert!(!codes.contains(&Code::SingleAdmin), "{codes:?}");
    }

    #[test]
    fn every_code_has_a_fix_or_a_reason() {
        // A plan with one of nearly everything.
        let text = format!(
            "{PLAN}[people.gone]\nname = \"Gone\"\nleaving = 2026-01-01\n\
             [people.soon]\nname = \"Soon\"\nleaving = 2026-12-01\n\
             [channels.x]\nname = \"X\"\naccountable = [\"gone\"]\nadmins = [\"soon\"]\n\
             informed = [\"kia\"]\nstrange = 1\n"
        );
        let plan = parse(&text).expect("a plan");
        for p in check(&plan, today()) {
            match propose(&plan, &p, today()) {
                Fix::Edit { sentence, .. } => assert!(!sentence.is_empty()),
                Fix::Choose {
                    choices, question, ..
                } => {
                    assert!(!choices.is_empty() && !question.is_empty(), "{p:?}");
                }
                Fix::None(why) => assert!(!why.is_empty(), "{p:?}"),
            }
            assert!(decision(&plan, &p).ends_with('.'), "{p:?}");
        }
    }
}
