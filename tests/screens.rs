//! What the screen shows: snapshots of every view, the help, the forms and the prompts at
//! 80x24 and at 140x40, style checks where colour carries meaning, and any size at all
//! drawn without a panic.

use std::fmt::Write as _;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};
use steward::tui::{App, Notice, Theme, view};

const SPEC: &str = include_str!("fixtures/spec-example.toml");
const LONG_NAMES: &str = include_str!("fixtures/long-names.toml");
const EXAMPLE: &str = steward::templates::EXAMPLE;
const HOSTILE: &str = "[plan]\nname = \"Evil \\u001b[2J Corp\"\nlead = \"eve\"\n\n\
[departments.x]\nname = \"Départment 🍞🍞🍞 with a very long name indeed\"\n\n\
[people.eve]\nname = \"Eve \\u001b]0;pwned\\u0007 \\u202e evil\"\ndepartment = \"x\"\n\n\
[people.wide]\nname = \"李小龍李小龍李小龍\"\ndepartment = \"x\"\n\n\
[people.rtl]\nname = \"مخبز الميناء\"\n\n\
[channels.a]\nname = \"e\\u0301e\\u0301 combining and a name of three hundred characters \
xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n\
accountable = \"wide\"\nresponsible = [\"eve\", \"rtl\"]\n";

fn app_of(text: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day");
    App::from_text("plan.toml", text, today).expect("parses")
}

/// The theme with colour, and the one `NO_COLOR` gives.
const COLOR: Theme = Theme { color: true };
const PLAIN: Theme = Theme { color: false };

fn draw(app: &mut App, theme: Theme, w: u16, h: u16) -> Terminal<TestBackend> {
    app.handle(&Event::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| view::render(app, theme, frame))
        .expect("draws");
    terminal
}

fn key(app: &mut App, code: KeyCode) {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Snapshots of one state at both sizes.
fn snap(name: &str, text: &str, setup: impl Fn(&mut App)) {
    for (w, h) in [(80, 24), (140, 40)] {
        let mut app = app_of(text);
        app.handle(&Event::Resize(w, h));
        setup(&mut app);
        let terminal = draw(&mut app, PLAIN, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// Snapshots of one of the room's screens at 80x24 and at a projector's 100x30.
fn snap_room(name: &str, text: &str, setup: impl Fn(&mut App)) {
    for (w, h) in [(80, 24), (100, 30)] {
        let mut app = app_of(text);
        app.handle(&Event::Resize(w, h));
        setup(&mut app);
        let terminal = draw(&mut app, PLAIN, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// Moves the matrix's cursor to the row and column of these names.
fn go_to(app: &mut App, row: &str, column: &str) {
    key(app, KeyCode::Home);
    for _ in 0..app.rows().len() {
        key(app, KeyCode::Up);
    }
    while app.focused_row().map(|r| app.plan().rows[r].name.as_str()) != Some(row) {
        key(app, KeyCode::Down);
    }
    while app.focused_column().map(|c| c.name.as_str()) != Some(column) {
        key(app, KeyCode::Right);
    }
}

#[test]
fn the_rooms_screens() {
    snap_room("settings_form", EXAMPLE, |app| chars(app, "s"));
    snap_room("person_form_matches", EXAMPLE, |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "nBo Baker");
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "ca");
    });
    snap_room("person_form_new_department", EXAMPLE, |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "nBo Baker");
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "Bakery");
        key(app, KeyCode::Enter);
    });
    snap_room("fix_confirm", EXAMPLE, |app| {
        go_to(app, "TikTok @harbourbakes", "Management");
        chars(app, "f");
    });
    snap_room("fix_choose", EXAMPLE, |app| {
        go_to(app, "LinkedIn page", "Management");
        chars(app, "f");
    });
    snap_room("what_if", EXAMPLE, |app| {
        go_to(app, "Instagram @harbourbakery", "Sam Okafor");
        chars(app, "w");
    });
    snap_room("only_broken", EXAMPLE, |app| chars(app, "!"));
    snap_room("problems_worst_first", EXAMPLE, |app| {
        app.key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    });
}

#[test]
fn matrix() {
    snap("matrix_spec", SPEC, |_| {});
    snap("matrix_example", EXAMPLE, |_| {});
}

#[test]
fn matrix_after_moving_and_toggling() {
    snap("matrix_toggled", SPEC, |app| {
        chars(app, "ljar");
    });
}

#[test]
fn lists() {
    for (name, tabs) in [
        ("channels", 1),
        ("people", 2),
        ("departments", 3),
        ("problems", 4),
    ] {
        snap(&format!("view_{name}"), EXAMPLE, |app| {
            for _ in 0..tabs {
                key(app, KeyCode::Tab);
            }
        });
    }
}

#[test]
fn help() {
    snap("help", SPEC, |app| chars(app, "?"));
}

#[test]
fn forms() {
    snap("form_new_person", SPEC, |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "nBo Baker");
    });
    snap("form_edit_channel", SPEC, |app| chars(app, "e"));
    snap("form_refused", SPEC, |app| {
        chars(app, "n");
        key(app, KeyCode::Enter);
    });
}

#[test]
fn prompts() {
    snap("quit_prompt", SPEC, |app| chars(app, "aq"));
    snap("delete_prompt", SPEC, |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "d");
    });
}

#[test]
fn filter() {
    snap("filter", EXAMPLE, |app| chars(app, "/insta"));
}

#[test]
fn hostile_names_are_shown_safely_and_aligned() {
    snap("hostile", HOSTILE, |_| {});
    let mut app = app_of(HOSTILE);
    let terminal = draw(&mut app, COLOR, 100, 30);
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert!(
            steward::text::unsafe_char(cell.symbol()).is_none(),
            "an unsafe character reached the screen: {:?}",
            cell.symbol()
        );
    }
}

fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let area = buffer.area;
    for y in 0..area.height {
        let line: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = line.find(needle) {
            let x = line[..i].chars().count();
            return Some((u16::try_from(x).expect("fits"), y));
        }
    }
    None
}

#[test]
fn row_states_show_by_symbol_and_colour() {
    let mut app = app_of(SPEC);
    chars(&mut app, "la"); // Sam is no longer accountable for Instagram.
    let terminal = draw(&mut app, COLOR, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "∅ Instagram").expect("the orphaned row is marked");
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    assert!(buffer[(x, y)].modifier.contains(Modifier::BOLD));

    // Without colour the symbol is still there, and the cursor is reverse video.
    let mut plain = app_of(SPEC);
    chars(&mut plain, "la");
    let terminal = draw(&mut plain, PLAIN, 100, 30);
    let buffer = terminal.backend().buffer();
    let (x, y) = find(buffer, "∅ Instagram").expect("marked without colour");
    assert_eq!(buffer[(x, y)].fg, Color::Reset);
    let reversed = buffer
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() == "[")
        .count();
    assert_eq!(
        reversed, 1,
        "the focused empty cell shows as [ ] in reverse"
    );
    let no_colour = buffer
        .content
        .iter()
        .all(|c| c.fg == Color::Reset && c.bg == Color::Reset);
    assert!(no_colour, "NO_COLOR means no colour at all");
}

#[test]
fn the_matrix_scrolls_with_the_cursor() {
    let mut text = String::from("[plan]\nname = \"Big\"\n");
    for p in 0..40 {
        let _ = write!(text, "[people.p{p}]\nname = \"Person {p}\"\n");
    }
    for r in 0..200 {
        let _ = write!(
            text,
            "[channels.c{r}]\nname = \"Channel {r}\"\naccountable = \"p{}\"\n",
            r % 40
        );
    }
    let mut app = app_of(&text);
    app.handle(&Event::Resize(80, 24));
    key(&mut app, KeyCode::End);
    for _ in 0..150 {
        key(&mut app, KeyCode::Down);
    }
    let terminal = draw(&mut app, PLAIN, 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(
        find(buffer, "Channel 150").is_some(),
        "the cursor's row is on screen"
    );
    assert!(
        find(buffer, "Channel 0 ").is_none(),
        "the first rows scrolled away"
    );
    assert!(find(buffer, "Channel / duty").is_some(), "the header stays");
    assert!(
        find(buffer, "Person 39").is_some(),
        "the last column is on screen"
    );
}

#[test]
fn any_size_draws_without_a_panic() {
    let mut app = app_of(EXAMPLE);
    for w in (1..=160).step_by(7) {
        for h in 1..=45 {
            draw(&mut app, COLOR, w, h);
        }
    }
    let terminal = draw(&mut app, COLOR, 39, 9);
    assert!(find(terminal.backend().buffer(), "larger window").is_some());
    let terminal = draw(&mut app, COLOR, 40, 10);
    assert!(find(terminal.backend().buffer(), "larger window").is_none());
}

#[test]
fn a_window_too_small_says_what_the_keys_still_do_in_lines_that_fit() {
    let mut app = app_of(SPEC);
    let terminal = draw(&mut app, PLAIN, 20, 6);
    let screen = format!("{:?}", terminal.backend());
    for words in ["steward needs a", "larger window", "is 20x6", "q quits"] {
        assert!(screen.contains(words), "{words:?} on:\n{screen}");
    }
    // With unsaved edits, q asks, and the small screen shows the question.
    app.handle(&Event::Resize(100, 30));
    key(&mut app, KeyCode::Char('a'));
    app.handle(&Event::Resize(30, 8));
    key(&mut app, KeyCode::Char('q'));
    let terminal = draw(&mut app, PLAIN, 30, 8);
    let screen = format!("{:?}", terminal.backend());
    for words in ["unsaved changes", "y save and quit"] {
        assert!(screen.contains(words), "{words:?} on:\n{screen}");
    }
    // On a sliver, the answers before all.
    let terminal = draw(&mut app, PLAIN, 20, 5);
    let screen = format!("{:?}", terminal.backend());
    for words in ["y save and quit", "Esc stay"] {
        assert!(screen.contains(words), "{words:?} on:\n{screen}");
    }
}

#[test]
fn an_empty_plan_draws_and_says_what_to_do() {
    let mut app = app_of("[plan]\nname = \"Empty\"\n");
    for (w, h) in [(40, 10), (80, 24)] {
        for tabs in 0..steward::tui::app::View::ALL.len() {
            let terminal = draw(&mut app, PLAIN, w, h);
            let buffer = terminal.backend().buffer();
            if tabs == 0 {
                assert!(find(buffer, "No channels yet").is_some());
            }
            chars(&mut app, "arcixtde");
            key(&mut app, KeyCode::Esc);
            key(&mut app, KeyCode::Tab);
        }
    }
    assert!(!app.modified(), "nothing to change in an empty plan");
}

#[test]
fn the_screens_for_the_room() {
    snap_room("present", EXAMPLE, |app| {
        go_to(app, "TikTok @harbourbakes", "Lily Chen");
        chars(app, "P");
    });
    snap_room("present_only_broken", EXAMPLE, |app| chars(app, "P!"));
    snap_room("present_long_names", LONG_NAMES, |app| {
        go_to(
            app,
            "Facebook page for new patients",
            "Smile / Social Agency Partners",
        );
        chars(app, "P");
    });
    snap_room("present_mirror", LONG_NAMES, |app| {
        app.notice(Notice::Mirror("a mirror".into()));
        chars(app, "P");
    });
    snap_room("workload", EXAMPLE, |app| {
        while app.view() != steward::tui::app::View::Workload {
            key(app, KeyCode::Tab);
        }
    });
    snap_room("changes", EXAMPLE, |app| {
        go_to(app, "TikTok @harbourbakes", "Lily Chen");
        chars(app, "A");
        chars(app, "D");
    });
    snap_room("help_legend", EXAMPLE, |app| chars(app, "?"));
    snap_room("messages", EXAMPLE, |app| {
        go_to(app, "TikTok @harbourbakes", "Lily Chen");
        chars(app, "Aum");
    });
}

#[test]
fn the_days_changes_speak_of_names_on_screen_and_in_the_handout() {
    let mut app = app_of(EXAMPLE);
    go_to(&mut app, "TikTok @harbourbakes", "Lily Chen");
    chars(&mut app, "A");
    go_to(&mut app, "LinkedIn page", "Sam Okafor");
    chars(&mut app, "A");
    let lines = app.changes_today();
    assert_eq!(
        lines,
        [
            "TikTok @harbourbakes: Lily Chen is now accountable",
            "LinkedIn page: Sam Okafor is now accountable and no longer consulted; Nora \
             Lindgren is now responsible and no longer accountable; Priya Das is now \
             responsible and no longer accountable",
            "Fixed: nobody is accountable for \"TikTok @harbourbakes\"",
            "Fixed: \"LinkedIn page\" has 2 accountable parties (Nora Lindgren and Priya Das): \
             exactly one should answer for it",
        ]
    );
    // A save does not move where the day's changes are counted from.
    app.notice(Notice::Saved(Ok(())));
    assert_eq!(app.changes_today(), lines, "the same after a save");
    chars(&mut app, "D");
    let terminal = draw(&mut app, PLAIN, 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(
        find(
            buffer,
            "• TikTok @harbourbakes: Lily Chen is now accountable"
        )
        .is_some(),
        "{:?}",
        terminal.backend()
    );
    for never in ["(tiktok)", "no-accountable", "error", "~", " + "] {
        assert!(
            find(buffer, never).is_none(),
            "{never}: {:?}",
            terminal.backend()
        );
    }

    // The handout the matrix writes says the same, one change an item.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, EXAMPLE).expect("write the plan");
    let out = steward::tui::write_handout(
        &path,
        app.plan(),
        &app.derived().problems,
        app.today(),
        Some(("What we changed today", &lines)),
    )
    .expect("written");
    let page = std::fs::read_to_string(out).expect("the handout");
    assert!(
        page.contains("<li>TikTok @harbourbakes: Lily Chen is now accountable</li>"),
        "{page}"
    );
    assert!(
        page.contains("<li>Fixed: nobody is accountable for &quot;TikTok @harbourbakes&quot;</li>"),
        "{page}"
    );
    let section = &page[page.find("<h2>What we changed today").expect("the section")..];
    let section = &section[..section.find("</section>").expect("its end")];
    for never in [
        "(tiktok)",
        "(linkedin)",
        "[no-accountable]",
        "error",
        "-&gt;",
    ] {
        assert!(!section.contains(never), "{never}: {section}");
    }
}

/// The cells of the line where `needle` is, from its start, as (symbol, cell).
fn cells_at<'a>(buffer: &'a Buffer, needle: &str) -> Vec<&'a ratatui::buffer::Cell> {
    let (x, y) = find(buffer, needle).unwrap_or_else(|| panic!("{needle} on screen"));
    (x..buffer.area.width).map(|x| &buffer[(x, y)]).collect()
}

#[test]
fn presenter_mode_marks_the_focus_and_the_states_beyond_colour() {
    for theme in [COLOR, PLAIN] {
        let mut app = app_of(EXAMPLE);
        app.handle(&Event::Resize(100, 30));
        go_to(&mut app, "TikTok @harbourbakes", "Lily Chen");
        chars(&mut app, "P");
        let terminal = draw(&mut app, theme, 100, 30);
        let buffer = terminal.backend().buffer();
        // The focused row: an arrow, and its name stands out.
        let row = cells_at(buffer, "▶TikTok");
        assert!(
            row[1].modifier.contains(Modifier::REVERSED) || row[1].bg == Color::Blue,
            "the focused row's name stands out: {:?}",
            row[1]
        );
        // The focused cell is reverse video, with or without colour.
        let focused: Vec<_> = buffer
            .content
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED) && c.symbol() == "R")
            .collect();
        assert!(!focused.is_empty(), "Lily's R on TikTok is the cursor");
        // The orphaned row's mark, red where there is colour.
        let (x, y) = find(buffer, "∅▶TikTok").expect("marked");
        if theme.color {
            assert_eq!(buffer[(x, y)].fg, Color::Red);
        } else {
            assert_eq!(buffer[(x, y)].fg, Color::Reset);
        }
        // Full names over the columns, the legend and the counts in words.
        for text in [
            "Nora",
            "Lindgren",
            "Raj Mehta",
            "nobody accountable",
            "A accountable",
            "2 errors · 4 warnings · 1 info",
        ] {
            assert!(find(buffer, text).is_some(), "{text} on screen");
        }
        // No ids, paths or line numbers.
        for text in ["plan.toml", "tiktok", "line "] {
            assert!(find(buffer, text).is_none(), "{text} is not on screen");
        }
        // The focused row's problems in full, with what to press.
        assert!(find(buffer, "f: make Lily Chen accountable").is_some());
    }
}

#[test]
fn help_is_always_named_on_the_status_line_and_counts_are_words_when_they_fit() {
    for (w, h) in [(80, 24), (100, 30), (200, 50), (40, 10)] {
        let mut app = app_of(EXAMPLE);
        let terminal = draw(&mut app, PLAIN, w, h);
        let buffer = terminal.backend().buffer();
        let status: String = (0..w)
            .map(|x| buffer[(x, h - 1)].symbol().to_string())
            .collect();
        assert!(status.trim_end().ends_with("? help"), "{w}x{h}: {status}");
        let words = status.contains("2 errors · 4 warnings · 1 info");
        assert_eq!(words, w >= 80, "{w}x{h}: {status}");
        if !words {
            assert!(status.contains("✖ 2 ▲ 4 • 1"), "{w}x{h}: {status}");
        }
        let title: String = (0..w)
            .map(|x| buffer[(x, 0)].symbol().to_string())
            .collect();
        assert!(
            title.contains("Harbour Bakery"),
            "{w}x{h}: the whole name: {title}"
        );
    }
}

/// Every field of a form can be reached and seen on a small screen: the fields that do
/// not fit scroll, and the message under them is never drawn over a field.
#[test]
fn a_form_taller_than_the_screen_scrolls_to_the_focused_field() {
    let channel: fn(&mut App) = |app| chars(app, "e");
    let person: fn(&mut App) = |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "e");
    };
    let settings: fn(&mut App) = |app| chars(app, "s");
    let new_person: fn(&mut App) = |app| {
        key(app, KeyCode::Tab);
        key(app, KeyCode::Tab);
        chars(app, "n");
    };
    // Refused: the message of why stands under the fields.
    let refused: fn(&mut App) = |app| {
        chars(app, "n");
        key(app, KeyCode::Enter);
    };
    let forms = [channel, person, settings, new_person, refused];
    for ((w, h), open) in [(40, 10), (60, 12), (80, 24)]
        .into_iter()
        .flat_map(|size| forms.map(|open| (size, open)))
    {
        let mut app = app_of(EXAMPLE);
        open(&mut app);
        let steward::tui::app::Mode::Form(form) = app.mode().clone() else {
            panic!("a form is open");
        };
        for i in 0..form.fields.len() {
            let terminal = draw(&mut app, PLAIN, w, h);
            let buffer = terminal.backend().buffer();
            let steward::tui::app::Mode::Form(now) = app.mode() else {
                panic!("the form stays open");
            };
            assert_eq!(now.focus, i);
            let label = now.fields[i].key.label();
            assert!(
                find(buffer, label).is_some(),
                "{w}x{h}: field {i} ({label}) is not on screen:\n{:?}",
                terminal.backend()
            );
            key(&mut app, KeyCode::Down);
        }
    }
}

/// A list of people for a fix names who it leaves out, and why: among those the row
/// names, never the one handing over.
#[test]
fn a_picker_names_who_it_does_not_offer() {
    let mut app = app_of(EXAMPLE);
    while app.view() != steward::tui::app::View::Problems {
        key(&mut app, KeyCode::Tab);
    }
    key(&mut app, KeyCode::Home);
    let n = app.derived().problems.len();
    let mut said = Vec::new();
    for _ in 0..n {
        chars(&mut app, "f");
        if let steward::tui::app::Mode::Pick(picker) = app.mode() {
            let question = picker.question.clone();
            let terminal = draw(&mut app, PLAIN, 100, 30);
            let screen = lines_of(terminal.backend().buffer()).join("\n");
            if let Some(at) = screen.find("Not offered:") {
                said.push((
                    question,
                    screen[at..].lines().next().unwrap_or("").to_string(),
                ));
            }
        }
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Down);
    }
    assert!(
        said.iter()
            .any(|(q, line)| q.contains("TikTok")
                && line.contains("Pixel & Co (agency or freelancer)")),
        "the agency that holds TikTok's login is named: {said:?}"
    );
    assert!(
        !said.iter().any(|(q, _)| q.contains("LinkedIn")),
        "nobody on LinkedIn is left out: {said:?}"
    );
    assert!(
        !said
            .iter()
            .any(|(q, line)| q.contains("from Ana Ruiz") && line.contains("Ana Ruiz")),
        "the one handing over is not left out: {said:?}"
    );
}

/// Who does the work on a row: someone leaving is not offered, and the picker says so.
#[test]
fn the_picker_for_who_does_the_work_names_who_is_leaving() {
    let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\n[people.sam]\nname = \"Sam\"\n\n\
                [people.li]\nname = \"Li Ming\"\nleaving = 2027-01-15\n\n\
                [channels.blog]\nname = \"Blog\"\naccountable = \"sam\"\n";
    let mut app = app_of(text);
    while app.view() != steward::tui::app::View::Problems {
        key(&mut app, KeyCode::Tab);
    }
    let n = app.derived().problems.len();
    for _ in 0..n {
        chars(&mut app, "f");
        if let steward::tui::app::Mode::Pick(picker) = app.mode()
            && picker.question.contains("Who does the work")
        {
            assert!(!picker.choices.iter().any(|c| c == "li"), "{picker:?}");
            let terminal = draw(&mut app, PLAIN, 100, 30);
            let screen = lines_of(terminal.backend().buffer()).join("\n");
            assert!(
                screen.contains("Not offered: Li Ming (leaving)"),
                "{screen}"
            );
            return;
        }
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Down);
    }
    panic!("no fix asked who does the work on Blog");
}

/// The screen's lines as text.
fn lines_of(buffer: &Buffer) -> Vec<String> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// Whether `line` is the matrix's line of the row named `name`: the row's mark, a space
/// or the focus arrow, then the name (as much of its first word as fits).
fn is_row_line(line: &str, name: &str) -> bool {
    let mut chars = line.chars();
    let mark = chars.next().unwrap_or(' ');
    let focus = chars.next().unwrap_or(' ');
    let rest: String = chars.collect();
    let rest = rest.strip_prefix("◇ ").unwrap_or(&rest);
    let start: String = name.chars().take(6).collect();
    ['✓', '∅', '‼', '▲'].contains(&mark) && [' ', '▶'].contains(&focus) && rest.starts_with(&start)
}

/// Presenter mode, in the editor and in a mirror, at every size from the smallest up:
/// the title on top, the header above the rows, every row shown on its own line in order,
/// the focus arrow on the focused row only, the panel of problems below the rows and the
/// line of what is off screen, the status line at the bottom. Nothing lands on anything.
#[test]
fn presenter_mode_lays_out_without_overlap_at_every_size() {
    let panel_words = [
        "nothing to decide",
        "holds no role here",
        " here",
        " — ",
        "more in the Problems view",
    ];
    for (text, first_word) in [(EXAMPLE, "Harbour"), (LONG_NAMES, "Riverside")] {
        for mirror in [false, true] {
            for (w, h) in (40..=140)
                .step_by(4)
                .flat_map(|w| (10..=40).map(move |h| (w, h)))
            {
                let mut app = app_of(text);
                if mirror {
                    app.notice(Notice::Mirror("a mirror".into()));
                }
                app.handle(&Event::Resize(w, h));
                chars(&mut app, "P");
                // A row with several problems, its last column (off to the right).
                key(&mut app, KeyCode::Down);
                key(&mut app, KeyCode::End);
                let terminal = draw(&mut app, PLAIN, w, h);
                let lines = lines_of(terminal.backend().buffer());
                let at = format!("{w}x{h}{}", if mirror { " (mirror)" } else { "" });
                let screen = lines.join("\n");
                assert!(
                    lines[0].starts_with(first_word),
                    "{at}: the title:\n{screen}"
                );
                // The focused row: the only line with the arrow after a row's mark.
                let focused: Vec<usize> = (0..lines.len())
                    .filter(|&y| lines[y].chars().nth(1) == Some('▶'))
                    .collect();
                assert_eq!(focused.len(), 1, "{at}: one arrow:\n{screen}");
                let names: Vec<&str> = app
                    .rows()
                    .iter()
                    .map(|&r| app.plan().rows[r].name.as_str())
                    .collect();
                let cursor = app.cursors().row;
                let first = focused[0] - (cursor.at - cursor.scroll);
                let mut last = first;
                for (i, name) in names.iter().enumerate().skip(cursor.scroll) {
                    let y = first + i - cursor.scroll;
                    if y < lines.len() && is_row_line(&lines[y], name) {
                        last = y;
                    } else {
                        assert!(i > cursor.at, "{at}: the row {name:?} is broken:\n{screen}");
                        break;
                    }
                }
                // Above the rows: the title and the header, nothing of the panel.
                for line in &lines[..first] {
                    for word in panel_words {
                        assert!(
                            !line.contains(word),
                            "{at}: the panel over the header:\n{screen}"
                        );
                    }
                }
                let column = app.focused_column().expect("a column").name.clone();
                let word = column.split(' ').next().unwrap_or_default();
                let short: String = word.chars().take(4).collect();
                assert!(
                    lines[..first].iter().any(|l| l.contains(&short)),
                    "{at}: the focused column's name ({short}) over the rows:\n{screen}"
                );
                // Below the rows: what is off screen, then the panel, then the status line.
                let row = app.plan().rows[app.focused_row().expect("a row")]
                    .name
                    .clone();
                // The row's name, cut where the line is short, then the party's.
                let start: String = row.chars().take(8).collect();
                let panel: Vec<usize> = (0..lines.len())
                    .filter(|&y| lines[y].starts_with(&start) && lines[y].contains("  ·  "))
                    .collect();
                assert_eq!(panel.len(), 1, "{at}: one heading of the panel:\n{screen}");
                assert!(panel[0] > last, "{at}: the panel under the rows:\n{screen}");
                for line in &lines[last + 1..panel[0]] {
                    assert!(
                        line.trim().is_empty() || line.contains("more"),
                        "{at}: only what is off screen between the rows and the panel: \
                         {line:?}\n{screen}"
                    );
                }
                assert!(
                    lines[..panel[0]]
                        .iter()
                        .any(|l| l.contains("more columns") || l.contains("more ▶")),
                    "{at}: columns off to the left are named:\n{screen}"
                );
                let status = &lines[lines.len() - 1];
                assert!(status.trim_end().ends_with("? help"), "{at}\n{screen}");
                // Only the keys there: they end in a whole hint, or `…` for those left out.
                let keys = status.trim_end().trim_end_matches("? help").trim_end();
                assert!(
                    keys.ends_with('…') || keys.ends_with("quit"),
                    "{at}: something else on the status line:\n{screen}"
                );
            }
        }
    }
}

/// The columns and rows off screen are said in words in presenter mode, in the editor
/// and in a mirror: a row marked as having several accountable shows only one A when the
/// other is off to the right, so the room must be told there is more.
#[test]
fn presenter_mode_says_which_columns_and_rows_are_off_screen() {
    for mirror in [false, true] {
        let mut app = app_of(EXAMPLE);
        if mirror {
            app.notice(Notice::Mirror("a mirror".into()));
        }
        app.handle(&Event::Resize(100, 30));
        chars(&mut app, "P");
        let terminal = draw(&mut app, PLAIN, 100, 30);
        let buffer = terminal.backend().buffer();
        assert!(
            find(buffer, "10 more columns to the right ▶").is_some(),
            "{:?}",
            terminal.backend()
        );
        assert!(find(buffer, "to the left").is_none());
        assert!(find(buffer, "rows").is_none(), "every row shows");
        // LinkedIn has two accountable, one off to the right: its line says so.
        let linkedin = lines_of(buffer)
            .into_iter()
            .find(|l| l.starts_with("‼ LinkedIn"))
            .expect("the LinkedIn row");
        assert!(linkedin.trim_end().ends_with('▶'), "{linkedin}");
        assert!(!linkedin.contains('◀'), "{linkedin}");
        key(&mut app, KeyCode::End);
        let terminal = draw(&mut app, PLAIN, 100, 30);
        let buffer = terminal.backend().buffer();
        assert!(
            find(buffer, "◀ 10 more columns to the left").is_some(),
            "{:?}",
            terminal.backend()
        );
        assert!(find(buffer, "to the right").is_none());
        let linkedin = lines_of(buffer)
            .into_iter()
            .find(|l| l.starts_with("‼ LinkedIn"))
            .expect("the LinkedIn row");
        assert!(
            linkedin.contains('◀') && !linkedin.trim_end().ends_with('▶'),
            "{linkedin}"
        );
        // A short screen: rows below, then above.
        let terminal = draw(&mut app, PLAIN, 100, 18);
        let buffer = terminal.backend().buffer();
        assert!(
            find(buffer, "more rows below").is_some(),
            "{:?}",
            terminal.backend()
        );
        key(&mut app, KeyCode::PageDown);
        key(&mut app, KeyCode::PageDown);
        let terminal = draw(&mut app, PLAIN, 100, 18);
        let buffer = terminal.backend().buffer();
        assert!(
            find(buffer, "more rows above").is_some(),
            "{:?}",
            terminal.backend()
        );
        assert!(find(buffer, "more columns to the left").is_some());
    }
}

/// On a projector's 100x30 every name shows whole in presenter mode, for the example, each
/// template and a plan of long names: the plan's, the parties', the rows', the legend,
/// the keys on the status line.
#[test]
fn presenter_mode_cuts_nothing_on_a_projector() {
    let plans: Vec<(&str, &str)> = [("example", EXAMPLE), ("long names", LONG_NAMES)]
        .into_iter()
        .chain(
            steward::templates::TEMPLATES
                .iter()
                .map(|t| (t.name, t.text)),
        )
        .collect();
    for (name, text) in plans {
        for mirror in [false, true] {
            let mut app = app_of(text);
            if mirror {
                app.notice(Notice::Mirror("a mirror".into()));
            }
            app.handle(&Event::Resize(100, 30));
            chars(&mut app, "P");
            // The first columns, and the last (a department scrolled in part off screen
            // may have its name cut over the columns of it that show, with `…`).
            for end in [false, true] {
                if end {
                    key(&mut app, KeyCode::End);
                }
                let terminal = draw(&mut app, PLAIN, 100, 30);
                let departments = usize::from(app.presenter().header_top);
                for (y, line) in lines_of(terminal.backend().buffer()).iter().enumerate() {
                    assert!(
                        !line.contains('…') || (end && y == departments),
                        "{name}: cut:\n{:?}",
                        terminal.backend()
                    );
                }
            }
        }
    }
}

/// Where the plan cannot be changed (a mirror, or a plan another steward holds), the help
/// and the what-if box list only the keys that work there, and handing over is refused.
#[test]
fn a_read_only_steward_lists_only_the_keys_that_work_in_it() {
    for read_only in [false, true] {
        let mut app = app_of(SPEC);
        if read_only {
            app.notice(Notice::ReadOnly("plan.toml is open in process 1".into()));
        }
        chars(&mut app, "?");
        let help = lines_of(draw(&mut app, PLAIN, 100, 60).backend().buffer()).join("\n");
        assert_eq!(
            help.contains("Read-only here"),
            read_only,
            "the help says it is read-only only when it is:\n{help}"
        );
        // Whole, wrapped at 80 columns too.
        let narrow = lines_of(draw(&mut app, PLAIN, 80, 24).backend().buffer()).join(" ");
        assert_eq!(
            narrow.contains("the steward that") && narrow.contains("│edits it"),
            read_only,
            "{narrow}"
        );
        assert_eq!(
            help.contains("toggle Accountable"),
            !read_only,
            "a key that changes the plan is listed only where it works:\n{help}"
        );
        assert!(
            help.contains("presenter mode"),
            "reading keys stay:\n{help}"
        );
        key(&mut app, KeyCode::Esc);

        // What if the first person left: what breaks can be read anywhere.
        go_to(&mut app, "Instagram @harbourbakery", "Sam Okafor");
        chars(&mut app, "w");
        let what_if = lines_of(draw(&mut app, PLAIN, 100, 30).backend().buffer()).join("\n");
        assert!(what_if.contains("What if"), "{what_if}");
        assert_eq!(
            what_if.contains("hand over"),
            !read_only,
            "the box hints handing over only where it works:\n{what_if}"
        );
        chars(&mut app, "h");
        let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
        assert_eq!(
            said.starts_with("read-only"),
            read_only,
            "handing over is refused only where the plan cannot change: {said:?}"
        );
    }
}

/// The lines inside the border of the box whose top starts with `top`, drawn at 80x24.
fn inside(app: &mut App, top: &str) -> Vec<String> {
    let lines = lines_of(draw(app, PLAIN, 80, 24).backend().buffer());
    let at = lines
        .iter()
        .position(|l| l.contains(top))
        .unwrap_or_else(|| panic!("a box {top:?}:\n{}", lines.join("\n")));
    let chars: Vec<char> = lines[at].chars().collect();
    let left = chars.iter().position(|&c| c == '┌').expect("its corner");
    let right = chars.iter().rposition(|&c| c == '┐').expect("its corner");
    lines[at + 1..]
        .iter()
        .take_while(|l| l.chars().nth(left) != Some('└'))
        .map(|l| l.chars().skip(left + 1).take(right - left - 1).collect())
        .collect()
}

/// The help's box at 80x24: Page Down shows the next page, whole (what the box shows is a
/// page), and however far past its end the keys go, one key up moves it.
#[test]
fn help_pages_by_what_it_shows_and_stops_at_its_end() {
    let mut app = app_of(SPEC);
    chars(&mut app, "?");
    let inner = |app: &mut App| inside(app, "┌ Keys");
    let first = inner(&mut app);
    key(&mut app, KeyCode::PageDown);
    let second = inner(&mut app);
    assert_ne!(first, second, "PgDn moves the help");
    // One line back up from the second page shows the first page's last line on top:
    // the page was exactly what the box shows.
    key(&mut app, KeyCode::Up);
    let back = inner(&mut app);
    assert_eq!(
        back.first(),
        first.last(),
        "a page is what the box shows:\n{}\n---\n{}",
        first.join("\n"),
        second.join("\n")
    );
    assert_eq!(back[1..], second[..second.len() - 1]);
    for _ in 0..200 {
        key(&mut app, KeyCode::Down);
    }
    let end = inner(&mut app);
    key(&mut app, KeyCode::Up);
    let up = inner(&mut app);
    assert_ne!(end, up, "one key up moves the help back from its end");
    assert_eq!(up[1..], end[..end.len() - 1], "by one line");
}

/// The box of every message so far opens at the newest, and pages and stops the same way.
#[test]
fn the_messages_page_by_what_they_show_and_stop_at_their_end() {
    let mut app = app_of(SPEC);
    for n in 1..=60 {
        app.tell(format!("message number {n}"), false);
    }
    chars(&mut app, "m");
    let end = inside(&mut app, "┌ Messages");
    assert!(
        end.last().is_some_and(|l| l.contains("message number 60")),
        "it opens at the newest: {end:?}"
    );
    key(&mut app, KeyCode::Up);
    let up = inside(&mut app, "┌ Messages");
    assert_eq!(
        up[1..],
        end[..end.len() - 1],
        "one key up moves it by a line"
    );
    key(&mut app, KeyCode::PageUp);
    key(&mut app, KeyCode::Down);
    let paged = inside(&mut app, "┌ Messages");
    assert_eq!(paged.last(), up.first(), "a page is what the box shows");
    for _ in 0..200 {
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(
        inside(&mut app, "┌ Messages"),
        end,
        "down to the end, and no further"
    );
    key(&mut app, KeyCode::Up);
    assert_eq!(
        inside(&mut app, "┌ Messages"),
        up,
        "one key up from there moves it"
    );
}

/// The Workload's note on a person (left, leaving, agency) is whole at a projector's
/// size, and beside the name where the screen has no room for it.
#[test]
fn the_workload_says_who_has_left_at_every_size() {
    let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\n[people.sam]\nname = \"Sam\"\n\n\
                [people.maya]\nname = \"Dr Maya Chen\"\nleaving = 2026-11-01\n\n\
                [people.li]\nname = \"Li Ming\"\nleaving = 2027-01-15\n\n\
                [channels.blog]\nname = \"Blog\"\naccountable = \"sam\"\nresponsible = \"li\"\n";
    for (w, h, says) in [
        (100, 30, ["left 2026-11-01", "leaving 2027-01-15"]),
        (80, 24, ["Dr Maya Chen (left)", "Li Ming (leaving)"]),
    ] {
        let mut app = app_of(text);
        app.handle(&Event::Resize(w, h));
        while app.view() != steward::tui::app::View::Workload {
            key(&mut app, KeyCode::Tab);
        }
        let terminal = draw(&mut app, PLAIN, w, h);
        let screen = lines_of(terminal.backend().buffer()).join("\n");
        for words in says {
            assert!(screen.contains(words), "{w}x{h}: {words:?} on:\n{screen}");
        }
    }
}

/// In presenter mode, the panel's heading names the focused row and party: a long row
/// name gives way to the party's, and no part is left as a lone "…".
#[test]
fn presenter_mode_names_the_focused_party_beside_a_long_row_name() {
    let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\n[people.sam]\nname = \"Social media lead\"\n\n\
                [channels.gbp]\nname = \"Google Business Profile for the main practice on Elm Street, \
                the one patients find first\"\naccountable = \"sam\"\n";
    let mut app = app_of(text);
    app.handle(&Event::Resize(80, 24));
    key(&mut app, KeyCode::Char('P'));
    while app.focused_column().is_some_and(|c| c.id != "sam") {
        key(&mut app, KeyCode::Right);
    }
    let terminal = draw(&mut app, PLAIN, 80, 24);
    let lines = lines_of(terminal.backend().buffer());
    let heading = lines
        .iter()
        .find(|l| l.starts_with("Google Business") && l.contains("  ·  "))
        .unwrap_or_else(|| panic!("a heading:\n{}", lines.join("\n")));
    assert!(
        heading.contains("Social media lead") && !heading.contains("……"),
        "{heading}"
    );
}

/// A long plan name gives way before the tabs do: the name first, cut, and every view
/// still named; a mirror's tag is never the part cut.
#[test]
fn a_long_plan_name_is_cut_before_the_tabs_go() {
    let name = "Riverside Community Bakery and Café Cooperative of North Yorkshire";
    let text = format!("[plan]\nname = \"{name}\"\n\n[people.sam]\nname = \"Sam\"\n");
    // At 120 the whole name (up to 60 columns) fits beside the tabs cut to four letters.
    for (w, tabs) in [
        (80, ["Matr", "Prob"]),
        (100, ["Matrix", "Problems"]),
        (120, ["of North Yo…", "Prob"]),
    ] {
        let mut app = app_of(&text);
        let first = lines_of(draw(&mut app, PLAIN, w, 24).backend().buffer())[0].clone();
        assert!(first.starts_with("Riverside Community"), "{w}: {first}");
        for tab in tabs {
            assert!(first.contains(tab), "{w}: {tab:?} in {first}");
        }
        assert!(!first.contains("steward ·"), "{w}: {first}");
    }
    let mut app = app_of(&text);
    app.notice(Notice::Mirror("a mirror".into()));
    app.notice(Notice::Following(steward::tui::app::Following::Unsaved));
    let first = lines_of(draw(&mut app, PLAIN, 100, 24).backend().buffer())[0].clone();
    assert!(
        first.starts_with("Riverside") && first.contains("· mirror · unsaved edits"),
        "{first}"
    );
}
