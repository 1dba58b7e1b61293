//! Every problem code, on the real `steward` binary: for each code a small plan where the
//! rule fires (`tests/fixtures/rules/<code>.toml`) and a near miss that differs
//! minimally and where it does not (`<code>-near-miss.toml`). Each test runs
//! `steward check FILE --format json --today 2026-11-23` and looks at the JSON.

#[path = "common/cli.rs"]
#[expect(dead_code, reason = "the rules tests run steward but write no files")]
mod cli_common;

use cli_common::steward;
use cli_common::today::TODAY;
use std::path::PathBuf;

use serde_json::Value;

/// The 20 codes of the file format, in the order of its table.
const CODES: [&str; 20] = [
    "no-accountable",
    "several-accountable",
    "unknown-reference",
    "ambiguous-id",
    "departed-holder",
    "accountable-not-person",
    "accountable-external",
    "no-responsible",
    "no-internal-admin",
    "single-admin",
    "owner-leaving",
    "stale-review",
    "no-lead",
    "mixed-roles",
    "unknown-key",
    "overloaded",
    "not-reviewed",
    "no-goal",
    "no-admins-listed",
    "idle-person",
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(format!("{name}.toml"))
}

/// What `steward check --format json` said about a plan, and how it exited.
struct Report {
    json: Value,
    exit: i32,
}

/// One problem, as the fields a test compares.
#[derive(Debug, PartialEq, Eq)]
struct Found {
    code: String,
    severity: String,
    row: Option<String>,
    party: Option<String>,
    line: u64,
    column: u64,
}

fn found(
    code: &str,
    severity: &str,
    row: Option<&str>,
    party: Option<&str>,
    (line, column): (u64, u64),
) -> Found {
    Found {
        code: code.to_string(),
        severity: severity.to_string(),
        row: row.map(ToString::to_string),
        party: party.map(ToString::to_string),
        line,
        column,
    }
}

fn error(code: &str, row: Option<&str>, party: Option<&str>, at: (u64, u64)) -> Found {
    found(code, "error", row, party, at)
}

fn warning(code: &str, row: Option<&str>, party: Option<&str>, at: (u64, u64)) -> Found {
    found(code, "warning", row, party, at)
}

fn info(code: &str, row: Option<&str>, party: Option<&str>, at: (u64, u64)) -> Found {
    found(code, "info", row, party, at)
}

/// Runs `steward check <fixture> --format json --today 2026-11-23`.
fn check(name: &str) -> Report {
    check_with(name, &["--today", TODAY], None)
}

/// Runs `steward check <fixture> --format json` with more arguments and, maybe,
/// `STEWARD_TODAY`; checks what every report must satisfy, whatever the plan.
fn check_with(name: &str, args: &[&str], env_today: Option<&str>) -> Report {
    let path = fixture(name);
    let mut cmd = steward();
    cmd.arg("check")
        .arg(&path)
        .args(["--format", "json"])
        .args(args);
    if let Some(day) = env_today {
        cmd.env("STEWARD_TODAY", day);
    }
    let out = cmd.output().expect("steward runs");
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{name}: stdout is not one JSON object ({e}): {out:?}"));
    let exit = out.status.code().expect("steward exits with a code");
    let report = Report { json, exit };
    report.assert_consistent(name, &path);
    report
}

impl Report {
    fn problems(&self) -> &[Value] {
        self.json["problems"]
            .as_array()
            .expect("problems is a list")
    }

    /// Every problem's code, in the order listed.
    fn codes(&self) -> Vec<&str> {
        self.problems()
            .iter()
            .map(|p| p["code"].as_str().expect("code is text"))
            .collect()
    }

    /// The problems with `code`, in the order listed.
    fn found(&self, code: &str) -> Vec<Found> {
        self.problems()
            .iter()
            .filter(|p| p["code"] == code)
            .map(|p| Found {
                code: code.to_string(),
                severity: text(p, "severity").expect("severity is text"),
                row: text(p, "row"),
                party: text(p, "party"),
                line: p["line"].as_u64().expect("line is a number"),
                column: p["column"].as_u64().expect("column is a number"),
            })
            .collect()
    }

    /// The one problem with `code`, as JSON, to look at its message and hint.
    fn one(&self, code: &str) -> &Value {
        let all: Vec<&Value> = self
            .problems()
            .iter()
            .filter(|p| p["code"] == code)
            .collect();
        assert_eq!(all.len(), 1, "one {code} in {:#}", self.json);
        all[0]
    }

    fn message(&self, code: &str) -> String {
        text(self.one(code), "message").expect("message is text")
    }

    fn hint(&self, code: &str) -> String {
        text(self.one(code), "hint").expect("hint is text")
    }

    fn assert_absent(&self, code: &str) {
        assert!(
            !self.codes().contains(&code),
            "{code} should not be reported: {:#}",
            self.json
        );
    }

    fn count(&self, key: &str) -> u64 {
        self.json[key].as_u64().expect("a count")
    }

    /// The counts match the list, problems come in file order, each has words, and the
    /// exit code follows from the errors (without `--strict`).
    fn assert_consistent(&self, name: &str, path: &std::path::Path) {
        assert_eq!(
            self.json["file"].as_str(),
            Some(path.display().to_string().as_str()),
            "{name}: file"
        );
        let of = |severity: &str| {
            self.problems()
                .iter()
                .filter(|p| p["severity"] == severity)
                .count() as u64
        };
        assert_eq!(self.count("errors"), of("error"), "{name}: errors");
        assert_eq!(self.count("warnings"), of("warning"), "{name}: warnings");
        assert_eq!(self.count("infos"), of("info"), "{name}: infos");
        assert_eq!(
            self.count("errors") + self.count("warnings") + self.count("infos"),
            self.problems().len() as u64,
            "{name}: every problem is an error, a warning or an info"
        );
        let positions: Vec<(u64, u64)> = self
            .problems()
            .iter()
            .map(|p| {
                (
                    p["line"].as_u64().expect("line"),
                    p["column"].as_u64().expect("column"),
                )
            })
            .collect();
        assert!(
            positions.is_sorted(),
            "{name}: problems not in file order: {positions:?}"
        );
        for p in self.problems() {
            assert!(CODES.contains(&p["code"].as_str().expect("code")), "{p}");
            for key in ["message", "hint"] {
                let words = text(p, key).unwrap_or_default();
                assert!(!words.trim().is_empty(), "{name}: {key} of {p}");
                assert!(!words.contains('\n'), "{name}: {key} is one line: {p}");
            }
            assert!(p["line"].as_u64() >= Some(1) && p["column"].as_u64() >= Some(1));
        }
    }
}

fn text(v: &Value, key: &str) -> Option<String> {
    v[key].as_str().map(ToString::to_string)
}

/// For a near miss: the code is absent, and so is everything but `others`.
fn assert_near_miss(name: &str, code: &str, others: &[&str], exit: i32) {
    let r = check(&format!("{name}-near-miss"));
    r.assert_absent(code);
    assert_eq!(r.codes(), others, "{name}-near-miss: {:#}", r.json);
    assert_eq!(r.exit, exit, "{name}-near-miss: exit code");
}

// ---- the fixtures as a whole --------------------------------------------------------

#[test]
fn every_code_has_a_fixture_where_it_fires_and_a_near_miss_where_it_does_not() {
    for code in CODES {
        let fires = check(code);
        assert!(
            fires.codes().contains(&code),
            "{code}.toml: {:#}",
            fires.json
        );
        let near = check(&format!("{code}-near-miss"));
        near.assert_absent(code);
    }
}

#[test]
fn the_clean_plan_that_the_fixtures_start_from_has_no_problem() {
    let r = check("clean");
    assert_eq!(r.codes(), Vec::<&str>::new());
    assert_eq!(
        (r.count("errors"), r.count("warnings"), r.count("infos")),
        (0, 0, 0)
    );
    assert_eq!(r.exit, 0);
}

// ---- errors -------------------------------------------------------------------------

#[test]
fn no_accountable_on_a_missing_key_and_on_an_empty_list() {
    let r = check("no-accountable");
    assert_eq!(
        r.found("no-accountable"),
        [
            error("no-accountable", Some("instagram"), None, (12, 1)),
            error("no-accountable", Some("policy"), None, (19, 1)),
        ]
    );
    assert_eq!(r.codes(), ["no-accountable", "no-accountable"]);
    assert_eq!((r.count("errors"), r.count("warnings")), (2, 0));
    assert_eq!(r.exit, 1);
}

#[test]
fn no_accountable_near_miss_one_accountable_as_a_string_or_a_list() {
    assert_near_miss("no-accountable", "no-accountable", &[], 0);
}

#[test]
fn several_accountable_on_two_people() {
    let r = check("several-accountable");
    assert_eq!(
        r.found("several-accountable"),
        [error(
            "several-accountable",
            Some("instagram"),
            None,
            (16, 15)
        )]
    );
    assert!(r.message("several-accountable").contains("(sam, ana)"));
    assert_eq!(r.codes(), ["several-accountable"]);
    assert_eq!(r.exit, 1);
}

#[test]
fn several_accountable_near_miss_one_id_listed_twice_counts_once() {
    assert_near_miss("several-accountable", "several-accountable", &[], 0);
}

#[test]
fn unknown_reference_on_a_typo_suggests_the_nearest_id() {
    let r = check("unknown-reference");
    assert_eq!(
        r.found("unknown-reference"),
        [error(
            "unknown-reference",
            Some("instagram"),
            Some("anaa"),
            (17, 15)
        )]
    );
    assert!(
        r.hint("unknown-reference").contains("\"ana\""),
        "{}",
        r.json
    );
    assert_eq!(r.codes(), ["unknown-reference"]);
    assert_eq!(r.exit, 1);
}

#[test]
fn unknown_reference_near_miss_the_id_spelt_right() {
    assert_near_miss("unknown-reference", "unknown-reference", &[], 0);
}

#[test]
fn unknown_reference_when_lead_admins_or_department_name_the_wrong_kind() {
    let r = check("unknown-reference-kinds");
    assert_eq!(
        r.found("unknown-reference"),
        [
            // lead = "marketing": a department, not a person.
            error("unknown-reference", None, Some("marketing"), (5, 8)),
            // department = "sam": a person, not a department.
            error("unknown-reference", None, Some("sam"), (12, 14)),
            // admins = [.., "marketing"]: a department cannot hold a login.
            error(
                "unknown-reference",
                Some("instagram"),
                Some("marketing"),
                (24, 25)
            ),
        ]
    );
    assert_eq!(r.codes(), ["unknown-reference"; 3]);
    assert_eq!(r.exit, 1);
    // The hints never suggest adding a table that would clash with the other kind.
    for p in r.json["problems"].as_array().expect("problems") {
        let hint = p["hint"].as_str().expect("hint");
        assert!(!hint.contains("[departments.sam]"), "{hint}");
        assert!(!hint.contains("[people.marketing]"), "{hint}");
    }
}

#[test]
fn a_blank_lead_is_no_lead() {
    let r = check("lead-blank");
    assert_eq!(r.codes(), ["no-lead"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn three_roles_read_as_a_list() {
    let r = check("mixed-roles-two-parties");
    assert!(
        r.json["problems"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("is accountable, consulted and informed on")),
        "{}",
        r.json
    );
}

#[test]
fn ambiguous_id_on_a_department_and_a_person_with_one_id() {
    let r = check("ambiguous-id");
    // Reported at the later of the two tables, [people.ana].
    assert_eq!(
        r.found("ambiguous-id"),
        [error("ambiguous-id", None, Some("ana"), (12, 1))]
    );
    assert_eq!(r.codes(), ["ambiguous-id"]);
    assert_eq!(r.exit, 1);
}

#[test]
fn ambiguous_id_near_miss_distinct_ids() {
    assert_near_miss("ambiguous-id", "ambiguous-id", &[], 0);
}

#[test]
fn departed_holder_when_leaving_today_once_for_role_and_login() {
    let r = check("departed-holder");
    assert_eq!(
        r.found("departed-holder"),
        [error(
            "departed-holder",
            Some("instagram"),
            Some("ana"),
            (19, 15)
        )]
    );
    assert!(
        r.message("departed-holder")
            .contains("responsible and admin"),
        "{}",
        r.json
    );
    // Leaving today is gone, not leaving soon.
    r.assert_absent("owner-leaving");
    assert_eq!(r.codes(), ["departed-holder"]);
    assert_eq!(r.exit, 1);
}

#[test]
fn departed_holder_near_miss_leaving_tomorrow_is_owner_leaving() {
    assert_near_miss("departed-holder", "departed-holder", &["owner-leaving"], 0);
    let r = check("departed-holder-near-miss");
    assert_eq!(
        r.found("owner-leaving"),
        [warning(
            "owner-leaving",
            Some("instagram"),
            Some("ana"),
            // Ana is responsible (line 19) and an admin (line 20): being an admin is what
            // makes her leaving matter, so the problem points there.
            (20, 18)
        )]
    );
    assert!(r.message("owner-leaving").contains("(in 1 day)"));
}

// ---- warnings -----------------------------------------------------------------------

#[test]
fn accountable_not_person_on_a_department() {
    let r = check("accountable-not-person");
    assert_eq!(
        r.found("accountable-not-person"),
        [warning(
            "accountable-not-person",
            Some("instagram"),
            Some("marketing"),
            (20, 15)
        )]
    );
    assert_eq!(r.codes(), ["accountable-not-person"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn accountable_not_person_near_miss_one_person_of_that_department() {
    assert_near_miss("accountable-not-person", "accountable-not-person", &[], 0);
}

#[test]
fn accountable_external_on_an_agency() {
    let r = check("accountable-external");
    assert_eq!(
        r.found("accountable-external"),
        [warning(
            "accountable-external",
            Some("instagram"),
            Some("pixel"),
            (20, 15)
        )]
    );
    assert_eq!(r.codes(), ["accountable-external"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn accountable_external_near_miss_external_false() {
    assert_near_miss("accountable-external", "accountable-external", &[], 0);
}

#[test]
fn no_responsible_on_an_empty_list() {
    let r = check("no-responsible");
    assert_eq!(
        r.found("no-responsible"),
        [warning("no-responsible", Some("instagram"), None, (12, 1))]
    );
    assert_eq!(r.codes(), ["no-responsible"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn no_responsible_near_miss_accountable_and_responsible_is_fine() {
    assert_near_miss("no-responsible", "no-responsible", &[], 0);
}

#[test]
fn no_internal_admin_when_only_the_agency_holds_the_login() {
    let r = check("no-internal-admin");
    assert_eq!(
        r.found("no-internal-admin"),
        [warning(
            "no-internal-admin",
            Some("instagram"),
            None,
            (19, 10)
        )]
    );
    r.assert_absent("single-admin");
    assert_eq!(r.codes(), ["no-internal-admin"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn no_internal_admin_near_miss_one_on_staff_is_single_admin_instead() {
    assert_near_miss(
        "no-internal-admin",
        "no-internal-admin",
        &["single-admin"],
        0,
    );
}

#[test]
fn single_admin_when_the_other_admin_is_external() {
    let r = check("single-admin");
    assert_eq!(
        r.found("single-admin"),
        [warning(
            "single-admin",
            Some("instagram"),
            Some("sam"),
            (22, 10)
        )]
    );
    assert_eq!(r.codes(), ["single-admin"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn single_admin_near_miss_a_second_admin_on_staff() {
    assert_near_miss("single-admin", "single-admin", &[], 0);
}

#[test]
fn owner_leaving_exactly_leaving_notice_days_ahead() {
    let r = check("owner-leaving");
    assert_eq!(
        r.found("owner-leaving"),
        [warning(
            "owner-leaving",
            Some("instagram"),
            Some("ana"),
            (19, 15)
        )]
    );
    let message = r.message("owner-leaving");
    assert!(message.contains("2027-01-22"), "{message}");
    assert!(message.contains("in 60 days"), "{message}");
    assert!(message.contains("accountable and an admin"), "{message}");
    assert_eq!(r.codes(), ["owner-leaving"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn owner_leaving_near_miss_one_day_beyond_the_notice() {
    assert_near_miss("owner-leaving", "owner-leaving", &[], 0);
}

#[test]
fn owner_leaving_for_the_lead_points_at_lead() {
    let r = check("owner-leaving-lead");
    assert_eq!(
        r.found("owner-leaving"),
        [warning("owner-leaving", None, Some("sam"), (4, 8))]
    );
    assert!(r.message("owner-leaving").contains("in 30 days"));
    assert_eq!(r.codes(), ["owner-leaving"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn stale_review_one_day_past_review_every_days() {
    let r = check("stale-review");
    assert_eq!(
        r.found("stale-review"),
        [warning("stale-review", Some("instagram"), None, (15, 17))]
    );
    assert!(r.message("stale-review").contains("91 days ago"));
    assert_eq!(r.codes(), ["stale-review"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn stale_review_near_miss_reviewed_exactly_review_every_days_ago() {
    assert_near_miss("stale-review", "stale-review", &[], 0);
}

#[test]
fn no_lead_points_at_the_plan_table() {
    let r = check("no-lead");
    assert_eq!(r.found("no-lead"), [warning("no-lead", None, None, (2, 1))]);
    assert_eq!(r.codes(), ["no-lead"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn no_lead_near_miss_a_lead() {
    assert_near_miss("no-lead", "no-lead", &[], 0);
}

#[test]
fn mixed_roles_on_accountable_and_consulted() {
    let r = check("mixed-roles");
    assert_eq!(
        r.found("mixed-roles"),
        [warning(
            "mixed-roles",
            Some("instagram"),
            Some("sam"),
            (16, 15)
        )]
    );
    assert!(
        r.message("mixed-roles")
            .contains("accountable and consulted")
    );
    assert_eq!(r.codes(), ["mixed-roles"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn mixed_roles_near_miss_accountable_and_responsible_is_fine() {
    assert_near_miss("mixed-roles", "mixed-roles", &[], 0);
}

#[test]
fn unknown_key_on_a_typo_suggests_the_known_key() {
    let r = check("unknown-key");
    assert_eq!(
        r.found("unknown-key"),
        [warning("unknown-key", Some("instagram"), None, (14, 1))]
    );
    assert!(r.message("unknown-key").contains("`platfrom`"));
    assert!(r.hint("unknown-key").contains("`platform`"));
    assert_eq!(r.codes(), ["unknown-key"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn unknown_key_near_miss_the_key_spelt_right() {
    assert_near_miss("unknown-key", "unknown-key", &[], 0);
}

// ---- infos --------------------------------------------------------------------------

#[test]
fn overloaded_one_row_past_max_accountable() {
    let r = check("overloaded");
    assert_eq!(
        r.found("overloaded"),
        [info("overloaded", None, Some("sam"), (7, 1))]
    );
    assert!(r.message("overloaded").contains("3 rows (more than 2)"));
    assert_eq!(r.codes(), ["overloaded"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn overloaded_near_miss_exactly_max_accountable() {
    assert_near_miss("overloaded", "overloaded", &[], 0);
}

#[test]
fn not_reviewed_on_a_duty_without_a_date() {
    let r = check("not-reviewed");
    assert_eq!(
        r.found("not-reviewed"),
        [info("not-reviewed", Some("policy"), None, (12, 1))]
    );
    assert_eq!(r.codes(), ["not-reviewed"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn not_reviewed_near_miss_reviewed_today() {
    assert_near_miss("not-reviewed", "not-reviewed", &[], 0);
}

#[test]
fn no_goal_on_a_blank_goal() {
    let r = check("no-goal");
    assert_eq!(
        r.found("no-goal"),
        [info("no-goal", Some("instagram"), None, (12, 1))]
    );
    assert_eq!(r.codes(), ["no-goal"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn no_goal_near_miss_a_goal_and_a_duty_without_one() {
    assert_near_miss("no-goal", "no-goal", &[], 0);
}

#[test]
fn no_admins_listed_on_a_channel_without_admins() {
    let r = check("no-admins-listed");
    assert_eq!(
        r.found("no-admins-listed"),
        [info("no-admins-listed", Some("instagram"), None, (12, 1))]
    );
    assert_eq!(r.codes(), ["no-admins-listed"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn no_admins_listed_near_miss_two_admins() {
    assert_near_miss("no-admins-listed", "no-admins-listed", &[], 0);
}

#[test]
fn idle_person_with_no_role() {
    let r = check("idle-person");
    assert_eq!(
        r.found("idle-person"),
        [info("idle-person", None, Some("bo"), (12, 1))]
    );
    assert_eq!(r.codes(), ["idle-person"]);
    assert_eq!(r.exit, 0);
}

#[test]
fn idle_person_near_miss_informed_is_a_role() {
    assert_near_miss("idle-person", "idle-person", &[], 0);
}

// ---- once per row and party ---------------------------------------------------------

#[test]
fn two_unknown_ids_in_one_list_are_two_problems_and_one_id_on_two_rows_is_one_each() {
    let r = check("unknown-reference-twice");
    assert_eq!(
        r.found("unknown-reference"),
        [
            error(
                "unknown-reference",
                Some("instagram"),
                Some("ghost"),
                (18, 23)
            ),
            error(
                "unknown-reference",
                Some("instagram"),
                Some("phantom"),
                (18, 32)
            ),
            error("unknown-reference", Some("policy"), Some("ghost"), (25, 15)),
        ]
    );
    assert_eq!(r.codes(), ["unknown-reference"; 3]);
    assert_eq!(r.count("errors"), 3);
    assert_eq!(r.exit, 1);
}

#[test]
fn two_parties_mixing_roles_on_one_row_are_two_problems_one_each() {
    let r = check("mixed-roles-two-parties");
    assert_eq!(
        r.found("mixed-roles"),
        [
            warning("mixed-roles", Some("instagram"), Some("sam"), (17, 15)),
            warning("mixed-roles", Some("instagram"), Some("ana"), (18, 15)),
        ]
    );
    assert_eq!(r.codes(), ["mixed-roles"; 2]);
    assert_eq!(r.exit, 0);
}

#[test]

fn one_unknown_id_in_three_lists_of_one_row_is_one_problem() {
    let r = check("once-per-row-and-party");
    let ghosts: Vec<Found> = r
        .found("unknown-reference")
        .into_iter()
        .filter(|f| f.row.as_deref() == Some("instagram") && f.party.as_deref() == Some("ghost"))
        .collect();
    assert_eq!(
        ghosts,
        [error(
            "unknown-reference",
            Some("instagram"),
            Some("ghost"),
            (18, 23)
        )]
    );
}

// ---- order, exit codes, today -------------------------------------------------------

#[test]
fn problems_are_listed_in_file_order() {
    let r = check("file-order");
    let listed: Vec<(&str, u64, u64)> = r
        .problems()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().expect("code"),
                p["line"].as_u64().expect("line"),
                p["column"].as_u64().expect("column"),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("unknown-key", 3, 1),
            ("no-accountable", 5, 1),
            ("no-responsible", 5, 1),
            ("not-reviewed", 5, 1),
            ("several-accountable", 12, 15),
            ("unknown-reference", 12, 23),
            ("no-lead", 16, 1),
            ("idle-person", 25, 1),
        ]
    );
    assert_eq!(
        (r.count("errors"), r.count("warnings"), r.count("infos")),
        (3, 3, 2)
    );
    assert_eq!(r.exit, 1);
}

#[test]
fn every_fixture_lists_its_problems_in_file_order() {
    let dir = fixture("clean")
        .parent()
        .expect("a directory")
        .to_path_buf();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the fixtures directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            p.file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert!(names.len() > 2 * CODES.len(), "{names:?}");
    for name in names {
        // check() asserts file order, the counts and the exit code for each.
        check(&name);
    }
}

#[test]
fn strict_fails_on_warnings_but_not_on_infos_or_a_clean_plan() {
    let warnings_only = check("no-lead");
    assert_eq!(
        (
            warnings_only.count("errors"),
            warnings_only.count("warnings")
        ),
        (0, 1)
    );
    assert_eq!(warnings_only.exit, 0);
    let strict = check_with("no-lead", &["--today", TODAY, "--strict"], None);
    assert_eq!(strict.exit, 1);
    assert_eq!(strict.json, warnings_only.json);

    let clean = check_with("clean", &["--today", TODAY, "--strict"], None);
    assert_eq!(clean.codes(), Vec::<&str>::new());
    assert_eq!(clean.exit, 0);

    let infos_only = check_with("idle-person", &["--today", TODAY, "--strict"], None);
    assert_eq!(infos_only.codes(), ["idle-person"]);
    assert_eq!(infos_only.exit, 0);

    let errors = check_with("several-accountable", &["--today", TODAY, "--strict"], None);
    assert_eq!(errors.exit, 1);
}

#[test]
fn steward_today_works_like_the_today_flag() {
    let flag = check("owner-leaving");
    let env = check_with("owner-leaving", &[], Some(TODAY));
    assert_eq!(env.json, flag.json);
    assert_eq!(env.exit, flag.exit);

    // One day earlier, Ana leaves in 61 days: outside the notice.
    let earlier = check_with("owner-leaving", &[], Some("2026-11-22"));
    earlier.assert_absent("owner-leaving");
    assert_eq!(earlier.codes(), Vec::<&str>::new());

    // The flag wins over the environment.
    let both = check_with("owner-leaving", &["--today", TODAY], Some("2026-11-22"));
    assert_eq!(both.json, flag.json);
}

#[test]
fn the_day_decides_between_leaving_soon_and_departed() {
    // departed-holder.toml: Ana leaves 2026-11-23.
    let day_before = check_with("departed-holder", &["--today", "2026-11-22"], None);
    assert_eq!(day_before.codes(), ["owner-leaving"]);
    assert_eq!(day_before.exit, 0);
    let day_after = check_with("departed-holder", &["--today", "2026-11-24"], None);
    assert_eq!(day_after.codes(), ["departed-holder"]);
    assert_eq!(day_after.exit, 1);
}
