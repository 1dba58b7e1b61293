//! `steward import` through the real binary: spreadsheet CSV quirks, bad cells named by
//! their place, never overwriting, and the round trip with the CSV format of
//! `steward export --format csv` (written here by a small writer of the same format).

#[path = "common/cli.rs"]
mod cli_common;

use cli_common::{steward, write};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use steward::model::{Party, Plan, Role};
use steward::{store, templates};

/// Runs `steward import FILE` and returns the plan it prints, asserting exit 0.
fn import_stdout(csv: &Path) -> (String, Plan) {
    let out = steward().arg("import").arg(csv).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let plan = store::parse(&text).expect("the printed plan parses");
    (text, plan)
}

/// Runs `steward import FILE -o OUT` expecting exit 2; returns stderr.
fn import_fails(csv: &Path, out: &Path) -> String {
    let result = steward()
        .arg("import")
        .arg(csv)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2), "{result:?}");
    assert!(result.stdout.is_empty(), "{result:?}");
    assert!(!out.exists(), "nothing is written when the import fails");
    String::from_utf8(result.stderr).expect("UTF-8")
}

/// A party's header as the CSV export writes it.
fn header(party: Party<'_>) -> String {
    match party {
        Party::Department(d) => format!("{} (department)", d.name),
        Party::Person(p) => p.name.clone(),
    }
}

/// The CSV that `steward export --format csv` writes.
fn export_csv(plan: &Plan) -> Vec<u8> {
    steward::export::csv::table(plan).into_bytes()
}

/// The matrix as names: each row's name to each party's header and roles. Column and row
/// order do not count; which roles each name holds does.
fn matrix(plan: &Plan) -> BTreeMap<String, BTreeMap<String, Vec<Role>>> {
    plan.rows
        .iter()
        .map(|row| {
            let cells = plan
                .parties()
                .into_iter()
                .map(|p| (header(p), row.roles_of(p.id())))
                .collect();
            (row.name.clone(), cells)
        })
        .collect()
}

#[test]
fn a_spreadsheets_csv_with_its_quirks_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A byte order mark, CRLF endings, an empty first header cell, quoted headers with a
    // comma and a line break, empty trailing columns, blank rows, cells in many spellings.
    let csv = write(
        dir.path(),
        "raci.csv",
        "\u{feff},\"Okafor, Sam\",\"Customer\nservice (department)\",Pixel & Co,,\r\n\
         Instagram,A/R,c,\" R \",,\r\n\
         ,,,,,\r\n\
         \r\n\
         \"Blog, news\",\"R, A\",I,,,\r\n\
         TikTok,AR,,r/i,,\r\n"
            .as_bytes(),
    );
    let (_, plan) = import_stdout(&csv);
    let people: Vec<(&str, &str)> = plan
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        people,
        [("okafor-sam", "Okafor, Sam"), ("pixel-co", "Pixel & Co")]
    );
    assert_eq!(plan.departments.len(), 1);
    assert_eq!(plan.departments[0].id, "customer-service");
    assert_eq!(plan.departments[0].name, "Customer\nservice");
    let names: Vec<&str> = plan.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Instagram", "Blog, news", "TikTok"]);
    let ig = plan.row("instagram").expect("instagram");
    assert_eq!(ig.holders(Role::Accountable), ["okafor-sam"]);
    assert_eq!(ig.holders(Role::Responsible), ["okafor-sam", "pixel-co"]);
    assert_eq!(ig.holders(Role::Consulted), ["customer-service"]);
    let blog = plan.row("blog-news").expect("blog");
    assert_eq!(
        blog.roles_of("okafor-sam"),
        [Role::Accountable, Role::Responsible]
    );
    assert_eq!(blog.holders(Role::Informed), ["customer-service"]);
    let tiktok = plan.row("tiktok").expect("tiktok");
    assert_eq!(
        tiktok.roles_of("pixel-co"),
        [Role::Responsible, Role::Informed]
    );
}

#[test]
fn bad_cells_are_all_named_by_place_and_names_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "raci.csv",
        b"Channel or duty,Sam,Marketing (department),Ana\n\
          Instagram,A,C,X\n\
          Blog,yes,,R\n\
          TikTok,A,Z,\n",
    );
    let out = dir.path().join("plan.toml");
    let err = import_fails(&csv, &out);
    assert!(
        err.starts_with("error: cannot import "),
        "the message names the file: {err}"
    );
    assert!(
        err.contains("raci.csv: 3 cells cannot be understood; nothing was written"),
        "{err}"
    );
    for line in [
        "  D2 (row \"Instagram\", column \"Ana\"): `X` is not a role",
        "  B3 (row \"Blog\", column \"Sam\"): `yes` is not a role",
        "  C4 (row \"TikTok\", column \"Marketing (department)\"): `Z` is not a role",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
}

#[test]
fn duplicate_parties_and_rows_are_reported_not_merged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "raci.csv",
        b"x,Sam,Ana,Sam\nInstagram,A,R,\nInstagram,,A,\n",
    );
    let err = import_fails(&csv, &dir.path().join("plan.toml"));
    assert!(
        err.contains("D1: the person \"Sam\" has a column already, B1"),
        "{err}"
    );
    assert!(
        err.contains("A3: \"Instagram\" has a row already, row 2"),
        "{err}"
    );
}

#[test]
fn a_pipe_or_device_stops_at_the_cap() {
    // /dev/zero never ends: the import must refuse it, not fill memory.
    let dir = tempfile::tempdir().expect("tempdir");
    let err = import_fails(Path::new("/dev/zero"), &dir.path().join("plan.toml"));
    assert!(err.contains("holds more than the 16777216 bytes"), "{err}");
}

#[test]
fn files_that_are_not_a_matrix_get_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("plan.toml");
    let cases: [(&str, &[u8], &str); 6] = [
        (
            "latin1.csv",
            b"Channel,Sam\nCaf\xe9,A\n",
            "latin1.csv:2:4: the file is not UTF-8 text",
        ),
        ("empty.csv", b"", "holds no cells"),
        (
            "parties.csv",
            b"Channel\nInstagram\n",
            "the header row (row 1) names no person or department",
        ),
        (
            "semicolons.csv",
            b"Channel;Sam\nInstagram;A\n",
            "seem to be separated by `;`",
        ),
        (
            "rows.csv",
            b"Channel,Sam,Ana\n",
            "there are no rows under the header row (row 1)",
        ),
        (
            "notes.csv",
            b"Channel,Sam\nInstagram,call on Monday\n",
            "B2 (row \"Instagram\", column \"Sam\"): `call` is not a role",
        ),
    ];
    for (name, bytes, want) in cases {
        let csv = write(dir.path(), name, bytes);
        let err = import_fails(&csv, &out);
        assert!(err.contains(want), "{name}: {err}");
    }
    let err = import_fails(&dir.path().join("missing.csv"), &out);
    assert!(err.contains("missing.csv: no such file"), "{err}");
}

#[test]
fn a_header_with_no_cells_under_it_is_a_party_with_no_roles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "raci.csv",
        b"Channel,Sam,Notes\nInstagram,A/R,\n",
    );
    let (_, plan) = import_stdout(&csv);
    let notes = plan.person("notes").expect("the column is a person");
    assert_eq!(notes.name, "Notes");
    assert!(!plan.rows.iter().any(|r| r.involves("notes")));
}

#[test]
fn the_plan_is_written_once_and_never_over_a_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = write(
        dir.path(),
        "raci.csv",
        b"Channel,Sam,Sales (department)\nInstagram,A,R\nBlog,A,\n",
    );
    let out = dir.path().join("sub/plan.toml");
    steward()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0)
        .stdout(predicates::str::contains(
            "2 channels, 1 person, 1 department",
        ));
    let loaded = store::load(&out).expect("the written plan loads");
    let (printed, from_stdout) = import_stdout(&csv);
    assert_eq!(loaded.text, printed, "-o writes what stdout shows");
    assert_eq!(loaded.plan, from_stdout);
    assert_eq!(
        matrix(&loaded.plan)["Instagram"]["Sales (department)"],
        [Role::Responsible]
    );

    // A second import to the same file is refused and leaves it alone.
    fs::write(&out, "# mine\n").expect("overwrite by hand");
    let result = steward()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(result.status.code(), Some(2), "{result:?}");
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("already exists; `steward import` never overwrites a file"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&out).expect("read"), "# mine\n");
    let leftovers: Vec<_> = fs::read_dir(out.parent().expect("folder"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(steward::store::TEMP_SUFFIX)
        })
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files are left: {leftovers:?}"
    );
}

#[test]
fn export_then_import_gives_the_same_matrix() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = store::parse(templates::EXAMPLE).expect("the example parses");
    // The real binary's export, as a user runs it.
    let plan = write(dir.path(), "example.toml", templates::EXAMPLE.as_bytes());
    let csv = dir.path().join("example.csv");
    steward()
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv)
        .arg(&plan)
        .assert()
        .code(0);
    let out = dir.path().join("imported.toml");
    steward()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let imported = store::load(&out).expect("loads").plan;
    assert_eq!(matrix(&imported), matrix(&example));
    assert_eq!(imported.rows.len(), example.rows.len());

    // The CSV does not say who works in which department, so the imported plan lists
    // the departments first; from then on export and import give back the same bytes.
    let second = export_csv(&imported);
    let again = write(dir.path(), "again.csv", &second);
    let (_, reimported) = import_stdout(&again);
    assert_eq!(export_csv(&reimported), second);
}

#[test]
fn guarded_cells_come_back_without_the_guard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = store::parse(
        "[departments.ops]\nname = \"-ops\"\n\
         [people.a]\nname = \"=SUM(A1:A9)\"\n[people.b]\nname = \"@handle\"\n\
         [people.c]\nname = \"'quoted'\"\n[people.d]\nname = \"Zoë, \\\"the\\\" boss\"\n\
         [channels.x]\nname = \"+44 hotline\"\naccountable = \"a\"\nresponsible = [\"b\", \"c\"]\nconsulted = \"ops\"\n\
         [channels.y]\nname = \"Ordinary\"\ninformed = [\"d\"]\n",
    )
    .expect("parses");
    let csv = export_csv(&plan);
    let text = String::from_utf8(csv.clone()).expect("UTF-8");
    assert!(
        text.contains("'-ops (department)") && text.contains("'=SUM(A1:A9)"),
        "{text}"
    );
    let (_, imported) = import_stdout(&write(dir.path(), "guarded.csv", &csv));
    let names: Vec<&str> = imported.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["=SUM(A1:A9)", "@handle", "'quoted'", "Zoë, \"the\" boss"]
    );
    assert_eq!(imported.departments[0].name, "-ops");
    assert_eq!(imported.rows[0].name, "+44 hotline");
    assert_eq!(matrix(&imported), matrix(&plan));
}
