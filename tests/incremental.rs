//! An edit brings up to date only what it can change; after any sequence of edits, undos
//! and redos, everything the screen reads is what computing it all again gives: the
//! problems (as `check` lists them), their counts, the rows' states, the problems of
//! each row, cell and party, what each party holds, the Workload order. And undo gives
//! back the text byte for byte at every step.

#[path = "generate/plan.rs"]
#[allow(
    dead_code,
    reason = "the benchmarks and the generate command use other parts of the generator; `expect` cannot say that, as what is unused differs from target to target"
)]
mod generate;
#[path = "common/today.rs"]
mod today;

use chrono::NaiveDate;
use proptest::prelude::*;
use steward::model::edit::{self, Edit};
use steward::model::rules::{self, Counts};
use steward::model::{Person, Plan, Role, Row, RowKind};
use steward::tui::Editor;
use steward::tui::derived::Derived;
use steward::tui::editor::Direction;
use today::today;

/// One thing a user can do to the plan.
#[derive(Debug, Clone)]
enum Step {
    Toggle {
        row: usize,
        party: usize,
        role: usize,
    },
    Clear {
        row: usize,
        party: usize,
    },
    /// Marks the row reviewed on a day some way back.
    Reviewed {
        row: usize,
        days_ago: u16,
    },
    Rename {
        row: usize,
        long: bool,
    },
    Admin {
        row: usize,
        party: usize,
    },
    /// Makes a party the only accountable on two rows at once (one undoable edit).
    Both {
        rows: (usize, usize),
        party: usize,
    },
    Undo,
    Redo,
    /// Changes that are not of rows: a person leaving, a new person, a person gone, a
    /// new row, a setting.
    Leaves {
        party: usize,
        days: i16,
    },
    NewPerson,
    RemovePerson {
        party: usize,
    },
    NewRow {
        at: usize,
    },
    RemoveRow {
        row: usize,
    },
    Limit {
        max: u8,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let n = 0..1000usize;
    prop_oneof![
        6 => (n.clone(), n.clone(), 0..4usize).prop_map(|(row, party, role)| Step::Toggle { row, party, role }),
        2 => (n.clone(), n.clone()).prop_map(|(row, party)| Step::Clear { row, party }),
        2 => (n.clone(), 0..400u16).prop_map(|(row, days_ago)| Step::Reviewed { row, days_ago }),
        1 => (n.clone(), any::<bool>()).prop_map(|(row, long)| Step::Rename { row, long }),
        2 => (n.clone(), n.clone()).prop_map(|(row, party)| Step::Admin { row, party }),
        1 => (n.clone(), n.clone(), n.clone()).prop_map(|(a, b, party)| Step::Both { rows: (a, b), party }),
        3 => Just(Step::Undo),
        2 => Just(Step::Redo),
        1 => (n.clone(), -30..90i16).prop_map(|(party, days)| Step::Leaves { party, days }),
        1 => Just(Step::NewPerson),
        1 => n.clone().prop_map(|party| Step::RemovePerson { party }),
        1 => n.clone().prop_map(|at| Step::NewRow { at }),
        1 => n.clone().prop_map(|row| Step::RemoveRow { row }),
        1 => (0..4u8).prop_map(|max| Step::Limit { max }),
    ]
}

/// The party at `i` among the plan's people and departments (or an id nobody has, now
/// and then, as a typo would be).
fn party(plan: &Plan, i: usize) -> String {
    let ids: Vec<&str> = plan
        .people
        .iter()
        .map(|p| p.id.as_str())
        .chain(plan.departments.iter().map(|d| d.id.as_str()))
        .collect();
    if ids.is_empty() || i.is_multiple_of(17) {
        return format!("nobody-{}", i % 3);
    }
    ids[i % ids.len()].to_string()
}

fn row(plan: &Plan, i: usize) -> Option<Row> {
    (!plan.rows.is_empty()).then(|| plan.rows[i % plan.rows.len()].clone())
}

/// The edit a step makes, if it makes one.
fn edit_of(plan: &Plan, step: &Step, day: NaiveDate) -> Option<Edit> {
    Some(match *step {
        Step::Toggle {
            row: r,
            party: p,
            role,
        } => edit::toggle_role(&row(plan, r)?, &party(plan, p), Role::ALL[role]),
        Step::Clear { row: r, party: p } => edit::clear_cell(&row(plan, r)?, &party(plan, p))?,
        Step::Reviewed { row: r, days_ago } => {
            let mut new = row(plan, r)?;
            new.last_reviewed = Some(day - chrono::Days::new(u64::from(days_ago)));
            Edit::Row(new)
        }
        Step::Rename { row: r, long } => {
            let mut new = row(plan, r)?;
            new.name = if long {
                format!("{} with a much longer name than any other", new.name)
            } else {
                "X".into()
            };
            Edit::Row(new)
        }
        Step::Admin { row: r, party: p } => {
            let mut new = row(plan, r)?;
            if new.kind != RowKind::Channel {
                return None;
            }
            let id = party(plan, p);
            if let Some(i) = new.admins.iter().position(|a| *a == id) {
                new.admins.remove(i);
            } else {
                new.admins.push(id);
            }
            Edit::Row(new)
        }
        Step::Both {
            rows: (a, b),
            party: p,
        } => {
            let id = party(plan, p);
            let mut edits = Vec::new();
            for r in [a, b] {
                let mut new = row(plan, r)?;
                new.set_holders(Role::Accountable, vec![id.clone()]);
                edits.push(Edit::Row(new));
            }
            // The same row twice: the second edit finds it as the first left it.
            if a % plan.rows.len() == b % plan.rows.len() {
                edits.pop();
            }
            Edit::Batch(edits)
        }
        Step::Leaves { party: p, days } => {
            let id = party(plan, p);
            let mut person = plan.person(&id)?.clone();
            person.leaving = Some(day + chrono::TimeDelta::days(i64::from(days)));
            Edit::Person(person)
        }
        Step::NewPerson => {
            let id = edit::id_from_name("New person", |id| plan.party(id).is_some());
            Edit::InsertPerson {
                index: plan.people.len() / 2,
                person: Person {
                    id,
                    name: "New person".into(),
                    department: plan.departments.first().map(|d| d.id.clone()),
                    title: None,
                    external: false,
                    leaving: None,
                },
            }
        }
        Step::RemovePerson { party: p } => {
            let id = party(plan, p);
            plan.person(&id)?;
            edit::remove_person(plan, &id).0
        }
        Step::NewRow { at } => {
            let id = edit::id_from_name("New channel", |id| plan.row(id).is_some());
            let mut new = Row::new(RowKind::Channel, id, "New channel");
            if let Some(p) = plan.people.first() {
                new.set_holders(Role::Responsible, vec![p.id.clone()]);
            }
            Edit::InsertRow {
                index: at % (plan.rows.len() + 1),
                row: new,
            }
        }
        Step::RemoveRow { row: r } => Edit::RemoveRow(row(plan, r)?.id),
        Step::Limit { max } => {
            let mut settings = plan.settings.clone();
            settings.max_accountable = u32::from(max);
            Edit::Settings(settings)
        }
        Step::Undo | Step::Redo => return None,
    })
}

/// Everything the screen reads from `ours` is what `fresh` (computed anew) says.
fn same(ours: &Derived, fresh: &Derived, plan: &Plan, day: NaiveDate) -> Result<(), TestCaseError> {
    let check = rules::check(plan, day);
    prop_assert_eq!(
        &ours.problems,
        &check,
        "the problems are check's, in its order"
    );
    prop_assert_eq!(&fresh.problems, &check);
    prop_assert_eq!(ours.counts, Counts::of(&check));
    prop_assert_eq!(&ours.row_states, &steward::export::row_states(plan, &check));
    prop_assert_eq!(&ours.columns, &fresh.columns);
    prop_assert_eq!(&ours.cell_problems, &fresh.cell_problems);
    prop_assert_eq!(ours.label_width, fresh.label_width);
    prop_assert_eq!(&ours.workload, &fresh.workload);
    for r in 0..plan.rows.len() {
        let of_row: Vec<_> = ours.problems_of_row(r).collect();
        let expected: Vec<_> = check
            .iter()
            .filter(|p| p.row.as_deref() == Some(plan.rows[r].id.as_str()))
            .collect();
        prop_assert_eq!(of_row, expected, "row {}", r);
        prop_assert_eq!(ours.first_row_problem(r), fresh.first_row_problem(r));
        for party in plan
            .people
            .iter()
            .map(|p| p.id.as_str())
            .chain(plan.rows[r].named())
        {
            let cell: Vec<_> = ours.problems_of_cell(r, party).collect();
            let expected: Vec<_> = check
                .iter()
                .filter(|p| {
                    p.row.as_deref() == Some(plan.rows[r].id.as_str())
                        && p.party.as_deref() == Some(party)
                })
                .collect();
            prop_assert_eq!(cell, expected, "row {} party {}", r, party);
        }
    }
    let parties = plan
        .people
        .iter()
        .map(|p| p.id.as_str())
        .chain(plan.departments.iter().map(|d| d.id.as_str()))
        .chain(["nobody-0", "nobody-1", "nobody-2"]);
    for id in parties {
        prop_assert_eq!(ours.load(id), fresh.load(id), "{}", id);
        let first = check.iter().find(|p| p.party.as_deref() == Some(id));
        prop_assert_eq!(ours.first_party_problem(id), first, "{}", id);
    }
    Ok(())
}

/// Runs the steps on a plan, checking after each that the editor's derived facts are
/// computed anew's, and at the end that undoing everything gives back the text.
fn run(text: &str, steps: &[Step]) -> Result<(), TestCaseError> {
    let day = today();
    let mut editor = Editor::from_text(text, day).expect("the plan loads");
    // The text after each change, as undo must give it back.
    let mut history = vec![editor.text()];
    let mut ahead: Vec<String> = Vec::new();
    for step in steps {
        match step {
            Step::Undo => {
                if editor.step(Direction::Undo).expect("undoes").is_some() {
                    ahead.push(history.pop().expect("a step to undo"));
                    prop_assert_eq!(&editor.text(), history.last().expect("the text before"));
                }
            }
            Step::Redo => {
                if editor.step(Direction::Redo).expect("redoes").is_some() {
                    history.push(ahead.pop().expect("a step to redo"));
                    prop_assert_eq!(&editor.text(), history.last().expect("the text after"));
                }
            }
            step => {
                let Some(edit) = edit_of(editor.plan(), step, day) else {
                    continue;
                };
                if editor.apply(edit, "a step").is_ok() {
                    history.push(editor.text());
                    ahead.clear();
                }
            }
        }
        let fresh = Derived::of(editor.plan(), day);
        same(editor.derived(), &fresh, editor.plan(), day)?;
    }
    while editor.step(Direction::Undo).expect("undoes").is_some() {}
    prop_assert_eq!(
        editor.text(),
        text,
        "undoing everything gives the text back"
    );
    prop_assert!(!editor.modified());
    Ok(())
}

fn plans() -> Vec<String> {
    let mut plans: Vec<String> = (1..=3)
        .map(|seed| {
            generate::plan(&generate::Spec {
                seed,
                ..generate::Spec::new(24, 12)
            })
        })
        .collect();
    plans.push(generate::plan(&generate::Spec {
        wide: true,
        ..generate::Spec::new(12, 10)
    }));
    plans.push(steward::templates::EXAMPLE.to_string());
    plans.push(include_str!("fixtures/spec-example.toml").to_string());
    // Rows written inline share a line: their problems stand at the same place.
    plans.push(
        "[plan]\nname = \"Inline\"\nlead = \"sam\"\n[people.sam]\nname = \"Sam\"\n\
         [people.kim]\nname = \"Kim\"\nleaving = 2026-12-01\n\
         [channels]\nweb = { name = \"Web\", accountable = \"kim\", admins = [\"kim\"] }\n\
         news = { name = \"News\", accountable = [\"sam\", \"kim\"], colour = 1 }\n\
         [duties]\npolicy = { name = \"Policy\" }\n"
            .to_string(),
    );
    plans
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn after_any_edits_everything_derived_is_what_computing_it_anew_gives(
        plan in 0..7usize,
        steps in prop::collection::vec(step(), 1..40),
    ) {
        run(&plans()[plan], &steps)?;
    }
}

#[test]
fn toggles_on_a_large_plan_stay_equal_to_a_full_check() {
    let text = generate::plan(&generate::Spec::new(300, 60));
    let steps: Vec<Step> = (0..60)
        .map(|i| match i % 5 {
            0..=2 => Step::Toggle {
                row: i * 37,
                party: i * 11,
                role: i % 4,
            },
            3 => Step::Undo,
            _ => Step::Admin {
                row: i * 13,
                party: i * 7,
            },
        })
        .collect();
    run(&text, &steps).expect("equal at every step");
}
