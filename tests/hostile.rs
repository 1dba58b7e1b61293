//! Hostile plans: names made of escape sequences, control, invisible and bidi characters;
//! very long, wide, combining and right-to-left names; files too large, nested too deep or
//! not UTF-8. Whatever a plan holds, `steward check` and `export` print no raw control
//! character, a file steward cannot read exits 2 with where and why, and the matrix keeps
//! its columns in line.

#[path = "common/cli.rs"]
mod cli_common;

use cli_common::today::TODAY;
use cli_common::{steward, write};
use std::fmt::Write as _;
use std::path::Path;
use std::{fs, iter};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value;
use steward::store::{self, Document};
use steward::tui::{App, Theme, layout, view};
use unicode_width::UnicodeWidthStr;

/// Names no plan should be able to use against a terminal, or against the matrix's layout.
fn hostile_names() -> Vec<(&'static str, String)> {
    vec![
        ("clear screen", "Evil \u{1b}[2J\u{1b}[H Corp".into()),
        ("window title", "\u{1b}]0;pwned\u{7} Sam".into()),
        (
            "OSC 8 link",
            "\u{1b}]8;;https://evil.example/\u{1b}\\click me\u{1b}]8;;\u{1b}\\".into(),
        ),
        (
            "every C0 control and DEL",
            iter::once('C')
                .chain((0u8..0x20).map(char::from))
                .chain(iter::once('\u{7f}'))
                .collect(),
        ),
        (
            "every C1 control",
            iter::once('C')
                .chain((0x80u32..0xa0).filter_map(char::from_u32))
                .collect(),
        ),
        ("8-bit CSI", "Red \u{9b}31m alert".into()),
        (
            "zero-width",
            "Sa\u{200b}m\u{200c} O\u{200d}k\u{2060}a\u{feff}for".into(),
        ),
        ("bidi override", "Invoice \u{202e}fdp.exe\u{202c}".into()),
        (
            "bidi isolates and marks",
            "A\u{2066}b\u{2067}c\u{2068}d\u{2069}e\u{61c}f\u{200e}g\u{200f}".into(),
        ),
        (
            "line separators",
            "One\u{2028}Two\u{2029}Three\u{85}".into(),
        ),
        ("300 characters", "Long name ".repeat(30)),
        (
            "300 wide characters",
            "李小龍🍞".repeat(75).chars().take(300).collect(),
        ),
        ("emoji", "🍞 Bakery 👩‍👩‍👧 🇫🇷 ❤️ 🧑🏽‍🍳".into()),
        (
            "combining marks",
            "Zoe\u{308} e\u{301}\u{302}\u{303}\u{304} Z\u{336}\u{337}a\u{338}l\u{335}g\u{334}o"
                .into(),
        ),
        ("Arabic", "مخبز الميناء".into()),
        ("Hebrew", "מאפיית הנמל".into()),
        ("mixed direction", "Harbour مخبز Bakery מאפייה 2026".into()),
        (
            "quotes and backslashes",
            "\"Sam\" \\ 'O'Neil' \\u001b".into(),
        ),
    ]
}

/// Whether `c` must not reach a terminal raw: C0 controls but the newline, DEL, C1
/// controls, and the invisible characters that reorder or hide text. Written out here, not
/// taken from steward, so that the tests check steward's own list.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Output steward printed: UTF-8, and nothing forbidden in it.
fn assert_clean(bytes: &[u8], what: &str) -> String {
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what} is not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|c| forbidden(*c)) {
        panic!("{what} holds the raw character {c:?}:\n{text}");
    }
    text
}

/// `s` as a TOML basic string: the text itself, with what TOML cannot hold raw escaped.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A plan with `name` wherever a plan holds text, and where a problem quotes it: an
/// unknown lead, an unknown department, an unknown id in a role list, an unknown key.
fn plan_with(name: &str) -> String {
    let n = toml_string(name);
    format!(
        "[plan]\nname = {n}\nlead = {n}\n\n\
         [departments.shop]\nname = {n}\n\n\
         [people.sam]\nname = {n}\ndepartment = \"shop\"\ntitle = {n}\nexternal = true\n\n\
         [people.ana]\nname = {n}\ndepartment = {n}\nleaving = 2026-11-30\n\n\
         [channels.ig]\nname = {n}\nplatform = {n}\ngoal = {n}\n\
         accountable = [\"sam\", {n}]\nresponsible = \"ana\"\n{n} = 1\n\n\
         [duties.policy]\nname = {n}\nconsulted = \"sam\"\n"
    )
}

/// Runs steward with `args` on `path`; returns exit code, stdout and stderr, each checked
/// for raw control characters.
fn run(args: &[&str], path: &Path) -> (Option<i32>, String, String) {
    let out = steward()
        .args(args)
        .args(["--today", TODAY])
        .arg(path)
        .output()
        .expect("runs");
    let what = format!("{args:?} on {}", path.display());
    let stdout = assert_clean(&out.stdout, &format!("stdout of {what}"));
    let stderr = assert_clean(&out.stderr, &format!("stderr of {what}"));
    (out.status.code(), stdout, stderr)
}

// ---- the command line ------------------------------------------------------------

#[test]
fn check_and_export_never_print_a_raw_control_character() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (what, name) in hostile_names() {
        let path = write(dir.path(), "plan.toml", plan_with(&name).as_bytes());

        let (code, stdout, stderr) = run(&["check"], &path);
        assert_eq!(code, Some(1), "{what}: errors were found\n{stdout}{stderr}");
        assert!(stderr.is_empty(), "{what}: {stderr}");
        assert!(
            stdout.contains("error[unknown-reference]"),
            "{what}: {stdout}"
        );
        // Each hidden character is shown, not dropped: the reader sees it is there.
        for c in name.chars().filter(|c| forbidden(*c)) {
            let shown = format!("\\u{{{:x}}}", u32::from(c));
            assert!(
                stdout.contains(&shown),
                "{what}: {shown} not shown\n{stdout}"
            );
        }

        let (code, stdout, stderr) = run(&["check", "--format", "json"], &path);
        assert_eq!(code, Some(1), "{what}: {stderr}");
        let v: Value = serde_json::from_str(&stdout).expect("one JSON object");
        assert!(v["errors"].as_u64() >= Some(3), "{what}: {v}");
        let quoted = v["problems"].as_array().expect("problems").iter().any(|p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains(name.trim()))
        });
        assert!(
            quoted,
            "{what}: the JSON messages quote the name exactly\n{v}"
        );

        let (code, stdout, stderr) = run(&["export", "--format", "json"], &path);
        assert_eq!(code, Some(0), "{what}: {stderr}");
        // Programs reading the JSON get every name back exactly as written.
        let v: Value = serde_json::from_str(&stdout).expect("one JSON object");
        for pointer in [
            "/plan/name",
            "/departments/0/name",
            "/people/0/name",
            "/people/0/title",
            "/people/1/department",
            "/channels/0/name",
            "/channels/0/platform",
            "/channels/0/goal",
            "/duties/0/name",
        ] {
            assert_eq!(
                v.pointer(pointer),
                Some(&Value::from(name.as_str())),
                "{what}: {pointer}"
            );
        }
    }
}

#[test]
fn raw_invisible_characters_in_the_file_are_shown_escaped_in_its_lines() {
    // TOML lets these stand raw in comments and strings; the report quotes the lines.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        dir.path(),
        "raw.toml",
        "[plan] # \u{9b}2J \u{202e}evil\u{200b} \u{85}\u{2028}\n\
         name = \"Raw \u{9b}31m \u{202e}x\u{2066}\"\n\n\
         [channels.ig] # \u{9b}31m\u{202e}\u{feff}\u{61c}\n\
         name = \"IG \u{202e}\u{200f}\"\n"
            .as_bytes(),
    );
    let (code, stdout, _) = run(&["check"], &path);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("[channels.ig] # \\u{9b}31m\\u{202e}\\u{feff}\\u{61c}"),
        "{stdout}"
    );
    assert!(
        stdout.contains("[plan] # \\u{9b}2J \\u{202e}evil\\u{200b} \\u{85}\\u{2028}"),
        "{stdout}"
    );
    run(&["check", "--format", "json"], &path);
    run(&["export", "--format", "json"], &path);
}

#[test]
fn raw_control_characters_in_a_broken_file_are_shown_escaped() {
    let dir = tempfile::tempdir().expect("tempdir");
    // TOML refuses raw controls in strings and comments; the refusal quotes the line.
    let mut raw = b"[plan]\nname = \"".to_vec();
    raw.extend((0u8..0x20).filter(|b| *b != b'\n'));
    raw.extend(b"\x7f\"\n");
    let path = write(dir.path(), "controls.toml", &raw);
    let (code, stdout, stderr) = run(&["check"], &path);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("controls.toml:2:"), "{stderr}");
    assert!(
        stderr.contains("\\u{0}"),
        "the line is quoted with its NUL shown: {stderr}"
    );
}

/// Runs `check` in both formats on a file steward cannot read: exit 2, nothing on
/// standard output, the reason on standard error. Returns the text format's message.
fn refused(path: &Path) -> String {
    let (code, stdout, stderr) = run(&["check", "--format", "json"], path);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    let (code, stdout, stderr) = run(&["check"], path);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    stderr
}

#[test]
fn a_file_above_the_cap_is_refused_naming_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.toml");
    fs::File::create(&path)
        .and_then(|f| f.set_len(store::MAX_PLAN_BYTES + 1))
        .expect("a sparse file");
    let err = refused(&path);
    let cap = store::MAX_PLAN_BYTES.to_string();
    assert!(err.contains("huge.toml"), "{err}");
    assert!(err.contains(&format!("up to {cap} bytes")), "{err}");
}

#[cfg(unix)]
#[test]
fn a_file_with_no_end_is_read_no_further_than_the_cap() {
    // /dev/zero says it is empty and never ends: reading it all would fill memory.
    let err = refused(Path::new("/dev/zero"));
    let cap = store::MAX_PLAN_BYTES.to_string();
    assert!(err.contains("/dev/zero"), "{err}");
    assert!(err.contains(&format!("more than the {cap} bytes")), "{err}");
}

#[test]
fn deep_nesting_is_refused_with_where_and_why() {
    const DEEP: usize = 10_000;
    let cases = [
        (
            "lists.toml",
            format!("a = {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP)),
            "1:85",
        ),
        (
            "open-lists.toml",
            format!("a = {}\n", "[".repeat(DEEP)),
            "1:85",
        ),
        (
            "in-a-role.toml",
            format!(
                "[channels.ig]\nname = \"IG\"\naccountable = {}\"sam\"{}\n",
                "[".repeat(DEEP),
                "]".repeat(DEEP)
            ),
            "3:95",
        ),
        (
            "inline-tables.toml",
            format!("a = {}1{}\n", "{b = ".repeat(DEEP), "}".repeat(DEEP)),
            "1:405",
        ),
        (
            "table-header.toml",
            format!("[plan]\nname = \"x\"\n\n[{}]\n", vec!["a"; DEEP].join(".")),
            "4:1",
        ),
        (
            "dotted-key.toml",
            format!("{} = 1\n", vec!["a"; DEEP].join(".")),
            "1:1",
        ),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, text, at) in cases {
        let path = write(dir.path(), file, text.as_bytes());
        let err = refused(&path);
        assert!(err.contains("nested too deeply"), "{file}: {err}");
        assert!(err.contains(&format!("{file}:{at}")), "{file}: {err}");
        // The long line is cut around the spot, not printed whole.
        assert!(err.len() < 1000, "{file}: {} bytes of message", err.len());
        // The app's document refuses it too, without overflowing the stack.
        assert!(Document::parse(&text).is_err(), "{file}");
    }
}

#[test]
fn nesting_a_plan_could_use_is_read() {
    // 80 parts of a key, or lists 80 deep, are still TOML steward reads (as unknown keys).
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "[plan]\nname = \"x\"\nlead = \"sam\"\n[people.sam]\nname = \"Sam\"\n[{}]\nb = {}{}\n",
        vec!["a"; 80].join("."),
        "[".repeat(79),
        "]".repeat(79)
    );
    let path = write(dir.path(), "deep-but-fine.toml", text.as_bytes());
    let (code, stdout, stderr) = run(&["check"], &path);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("warning[unknown-key]"), "{stdout}");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let cases: [(&str, Vec<u8>, &str); 5] = [
        // A loaf, then a loaf cut short: the column counts the first loaf as one.
        (
            "cut-emoji.toml",
            ["[plan]\nname = \"🍞".as_bytes(), b"\xf0\x9f\x8d\"\n"].concat(),
            "cut-emoji.toml:2:10",
        ),
        (
            "lone-continuation.toml",
            b"\x80[plan]\n".to_vec(),
            "lone-continuation.toml:1:1",
        ),
        (
            "last-byte.toml",
            b"[plan]\nname = \"x\"\n\xff".to_vec(),
            "last-byte.toml:3:1",
        ),
        (
            "overlong.toml",
            b"[plan]\nname = \"\xc0\xaf\"\n".to_vec(),
            "overlong.toml:2:9",
        ),
        (
            "utf16.toml",
            b"\xff\xfe[\x00p\x00".to_vec(),
            "utf16.toml:1:1",
        ),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    for (file, bytes, at) in cases {
        let path = write(dir.path(), file, &bytes);
        let err = refused(&path);
        assert!(err.contains("not UTF-8"), "{file}: {err}");
        assert!(err.contains(at), "{file}: {err}");
    }
}

// ---- the screen ------------------------------------------------------------------

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")
}

fn app_of(text: &str) -> App {
    App::from_text("plan.toml", text, today()).unwrap_or_else(|e| panic!("{e} in\n{text}"))
}

fn key(app: &mut App, code: KeyCode) {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(app: &mut App, w: u16, h: u16) -> Buffer {
    app.handle(&Event::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| view::render(app, Theme { color: true }, frame))
        .expect("draws");
    terminal.backend().buffer().clone()
}

/// Every line of the screen: no forbidden character in any cell, and the cells' display
/// widths add up to exactly the screen's width (a wide character takes its cell and the
/// hidden one after it, and none hangs over the edge).
fn assert_screen_sound(buffer: &Buffer, what: &str) {
    let area = buffer.area;
    for y in 0..area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(forbidden),
                "{what}: {symbol:?} on screen at {x},{y}"
            );
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).expect("a narrow cell");
        }
        assert_eq!(
            x, area.width,
            "{what}: line {y} runs past the edge: {line:?}"
        );
    }
}

fn symbols(buffer: &Buffer, y: u16, from: u16) -> Vec<String> {
    (from..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn every_view_of_a_hostile_plan_is_clean_and_fills_each_line() {
    for (what, name) in hostile_names() {
        let mut app = app_of(&plan_with(&name));
        for (w, h) in [(80, 24), (40, 10), (133, 37)] {
            for view in 0..5 {
                let buffer = draw(&mut app, w, h);
                assert_screen_sound(&buffer, &format!("{what}, view {view} at {w}x{h}"));
                key(&mut app, KeyCode::Tab);
            }
        }
        // The edit form of the channel, and the delete prompt naming a person.
        key(&mut app, KeyCode::Char('e'));
        assert_screen_sound(&draw(&mut app, 80, 24), &format!("{what}, edit form"));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('d'));
        assert_screen_sound(&draw(&mut app, 80, 24), &format!("{what}, delete prompt"));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('?'));
        assert_screen_sound(&draw(&mut app, 80, 24), &format!("{what}, help"));
    }
}

/// The lines at the bottom: the details of what is focused, and the status line.
const DETAILS: u16 = 4;

/// Six people (`p0` accountable, the rest responsible) on `rows.len()` channels.
fn grid_plan(people: &[String], rows: &[String]) -> String {
    let mut text = String::from(
        "[plan]\nname = \"Grid\"\nlead = \"p0\"\n\n[departments.shop]\nname = \"Shop\"\n",
    );
    for (i, name) in people.iter().enumerate() {
        let _ = write!(
            text,
            "\n[people.p{i}]\nname = {}\ndepartment = \"shop\"\ntitle = \"Baker\"\n",
            toml_string(name)
        );
    }
    let responsible: Vec<String> = (1..people.len()).map(|i| format!("\"p{i}\"")).collect();
    for (j, name) in rows.iter().enumerate() {
        let _ = write!(
            text,
            "\n[channels.c{j}]\nname = {}\nplatform = \"web\"\naccountable = \"p0\"\n\
             responsible = [{}]\nlast_reviewed = 2026-11-01\ngoal = \"Sell bread\"\n",
            toml_string(name),
            responsible.join(", ")
        );
    }
    text
}

/// The names of the hostile list, six at a time, for the columns of the matrix.
fn six_at_a_time() -> Vec<Vec<String>> {
    let names: Vec<String> = hostile_names().into_iter().map(|(_, n)| n).collect();
    names.chunks(6).map(<[String]>::to_vec).collect()
}

#[test]
fn hostile_column_names_keep_the_matrix_grid() {
    let plain: Vec<String> = (0..6).map(|i| format!("P{i}")).collect();
    let rows = vec!["Website".to_string(); 2];
    for people in six_at_a_time() {
        let mut people = people;
        while people.len() < 6 {
            people.push(format!("Plain {}", people.len()));
        }
        for (w, h) in [(80, 24), (140, 40)] {
            let reference = draw(&mut app_of(&grid_plan(&plain, &rows)), w, h);
            let hostile = draw(&mut app_of(&grid_plan(&people, &rows)), w, h);
            assert_screen_sound(&hostile, &format!("{people:?}"));
            // Only the header of names (and the details of the focused cell, at the
            // bottom) may differ; every cell of every row is where it was.
            for y in (0..h - DETAILS).filter(|y| *y != 2) {
                assert_eq!(
                    symbols(&hostile, y, 0),
                    symbols(&reference, y, 0),
                    "line {y} at {w}x{h} moved with the names {people:?}"
                );
            }
            // Each name starts where its column starts, and leaves a gap before the next.
            let starts: Vec<u16> = (0..w)
                .filter(|x| reference[(*x, 2)].symbol() == "P")
                .collect();
            assert!(!starts.is_empty(), "columns on screen at {w}x{h}");
            // Columns grow when there is room for them all: as wide as the reference's.
            let cell = match starts.as_slice() {
                [a, b, ..] => b - a,
                _ => layout::CELL_WIDTH,
            };
            for x in starts {
                assert_ne!(
                    hostile[(x, 2)].symbol(),
                    " ",
                    "a name starts at {x} ({people:?})"
                );
                let gap = x + cell - 1;
                if gap < w {
                    assert_eq!(
                        hostile[(gap, 2)].symbol(),
                        " ",
                        "the gap after column at {x} ({people:?})"
                    );
                }
            }
        }
    }
}

#[test]
fn hostile_row_names_keep_the_matrix_grid() {
    let people: Vec<String> = ["Sam", "Ana", "Tom"].map(String::from).to_vec();
    let plain: Vec<String> = (0..7)
        .map(|i| format!("Row {i} {}", "r".repeat(40)))
        .collect();
    for mut rows in six_at_a_time() {
        // One long name among them: the row names' column is at its widest in both.
        rows.push("Filler ".repeat(40));
        for (w, h) in [(80, 24), (140, 40)] {
            let n = rows.len();
            let reference = draw(&mut app_of(&grid_plan(&people, &plain[..n])), w, h);
            let hostile = draw(&mut app_of(&grid_plan(&people, &rows)), w, h);
            assert_screen_sound(&hostile, &format!("{rows:?}"));
            // Right of the row names (34 cells at most) every line is as it was.
            for y in 0..h - DETAILS {
                let from = if y < 3 { 0 } else { 34 };
                assert_eq!(
                    symbols(&hostile, y, from),
                    symbols(&reference, y, from),
                    "line {y} at {w}x{h} moved with the row names {rows:?}"
                );
            }
        }
    }
}

#[test]
fn hostile_names_keep_the_list_columns_in_line() {
    let plain_people: Vec<String> = (0..6).map(|i| format!("Person {i}")).collect();
    let plain_rows: Vec<String> = (0..6).map(|i| format!("Channel {i}")).collect();
    for names in six_at_a_time() {
        let n = names.len();
        // The channels list, then the people list: right of the name column, nothing moves.
        for (tabs, header, people, rows) in [
            (1, "Kind", plain_people.clone(), names.clone()),
            (2, "Department", names.clone(), plain_rows[..n].to_vec()),
        ] {
            let plain_plan = if tabs == 1 {
                grid_plan(&plain_people, &plain_rows[..n])
            } else {
                grid_plan(&plain_people[..n], &plain_rows[..n])
            };
            let people = if tabs == 1 {
                people
            } else {
                people[..n].to_vec()
            };
            for (w, h) in [(80, 24), (140, 40)] {
                let mut reference = app_of(&plain_plan);
                let mut hostile = app_of(&grid_plan(&people, &rows));
                for _ in 0..tabs {
                    key(&mut reference, KeyCode::Tab);
                    key(&mut hostile, KeyCode::Tab);
                }
                let reference = draw(&mut reference, w, h);
                let hostile = draw(&mut hostile, w, h);
                assert_screen_sound(&hostile, &format!("{names:?}"));
                let line: String = symbols(&reference, 2, 0).concat();
                let at = line
                    .find(header)
                    .unwrap_or_else(|| panic!("{header} in {line:?}"));
                let from = u16::try_from(line[..at].width()).expect("fits");
                for y in 2..h - DETAILS {
                    assert_eq!(
                        symbols(&hostile, y, from),
                        symbols(&reference, y, from),
                        "line {y} at {w}x{h} moved with the names {names:?}"
                    );
                }
            }
        }
    }
}
