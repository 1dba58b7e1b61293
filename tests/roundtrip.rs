//! Any plan the model can hold, written as TOML and read again, is the same plan.

use chrono::NaiveDate;
use proptest::collection::vec;
use proptest::prelude::*;
use steward::model::{Department, Person, Plan, Role, Row, RowKind, Settings};
use steward::store::{parse, to_toml};

fn id() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_-]{0,7}"
}

/// Any text a user might type or paste, including quotes, backslashes, newlines, control
/// characters, emoji and right-to-left text; never blank (a name must say something).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 &'.,-]{0,20}",
        any::<String>(),
        Just("\"quoted\" \\ back\\slash\nnew line\ttab".to_string()),
        Just("🍞 Boulangerie Café — مخبز \u{202e}\u{1b}[31m".to_string()),
    ]
    .prop_filter("a name is not blank", |s| !s.trim().is_empty())
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=12, 1u32..=28)
        .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a real day"))
}

fn ids() -> impl Strategy<Value = Vec<String>> {
    vec(id(), 0..4)
}

fn row(kind: RowKind) -> impl Strategy<Value = Row> {
    (
        id(),
        text(),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(day()),
        [ids(), ids(), ids(), ids()],
        ids(),
    )
        .prop_map(move |(id, name, platform, goal, reviewed, roles, admins)| {
            let mut row = Row::new(kind, id, name);
            if kind == RowKind::Channel {
                row.platform = platform;
                row.admins = steward::model::dedup(admins);
            }
            row.goal = goal;
            row.last_reviewed = reviewed;
            for (role, holders) in Role::ALL.into_iter().zip(roles) {
                row.set_holders(role, holders);
            }
            row
        })
}

fn unique<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().filter(|t| seen.insert(key(t))).collect()
}

fn plan() -> impl Strategy<Value = Plan> {
    let settings = (
        proptest::option::of(text()),
        proptest::option::of(id()),
        0u32..10_000,
        0u32..10_000,
        0u32..100,
    )
        .prop_map(|(name, lead, review, notice, max)| Settings {
            name,
            lead,
            review_every_days: review,
            leaving_notice_days: notice,
            max_accountable: max,
        });
    let department = (id(), text()).prop_map(|(id, name)| Department { id, name });
    let person = (
        id(),
        text(),
        proptest::option::of(id()),
        proptest::option::of(text()),
        any::<bool>(),
        proptest::option::of(day()),
    )
        .prop_map(|(id, name, department, title, external, leaving)| Person {
            id,
            name,
            department,
            title,
            external,
            leaving,
        });
    (
        settings,
        vec(department, 0..4),
        vec(person, 0..6),
        vec(row(RowKind::Channel), 0..5),
        vec(row(RowKind::Duty), 0..3),
    )
        .prop_map(|(settings, departments, people, channels, duties)| {
            let mut rows = unique(channels, |r| r.id.clone());
            rows.extend(unique(duties, |r| r.id.clone()));
            Plan {
                settings,
                departments: unique(departments, |d| d.id.clone()),
                people: unique(people, |p| p.id.clone()),
                rows,
                ..Plan::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_written_plan_reads_back_the_same(plan in plan()) {
        let text = to_toml(&plan);
        let back = parse(&text).map_err(|e| {
            TestCaseError::fail(format!("{e:?} in\n{text}"))
        })?;
        prop_assert_eq!(back, plan, "{}", text);
    }
}

#[test]
fn the_example_reads_back_the_same_after_writing() {
    let plan = parse(steward::templates::EXAMPLE).expect("the example parses");
    let again = parse(&to_toml(&plan)).expect("written example parses");
    assert_eq!(again, plan);
}
