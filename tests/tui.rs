//! The app's `update`, key by key, without a terminal: each key in the keymap does what
//! the help says, and undo and redo give back exactly what was there.

use chrono::NaiveDate;
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use steward::model::Role;
use steward::store::parse;
use steward::tui::app::{Confirm, Mode, View};
use steward::tui::keymap::{Action, KEYMAP, Scope};
use steward::tui::{App, Effect, Notice};

const PLAN: &str = include_str!("fixtures/spec-example.toml");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")
}

fn app_of(text: &str) -> App {
    App::from_text("plan.toml", text, today()).expect("the fixture parses")
}

fn app() -> App {
    app_of(PLAN)
}

/// The text of a rules fixture, `tests/fixtures/rules/NAME.toml`.
fn rules_fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/rules/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Tab until `view` shows.
fn go_to_view(app: &mut App, view: View) {
    while app.view() != view {
        press(app, KeyCode::Tab);
    }
}

fn press(app: &mut App, code: KeyCode) -> Effect {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(app: &mut App, c: char) -> Effect {
    press(app, KeyCode::Char(c))
}

fn ctrl(app: &mut App, c: char) -> Effect {
    app.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        ch(app, c);
    }
}

/// The focused row's id and the focused column's id.
fn focus(app: &App) -> (String, String) {
    let row = app.focused_row().map(|r| app.plan().rows[r].id.clone());
    let col = app.focused_column().map(|c| c.id.clone());
    (row.unwrap_or_default(), col.unwrap_or_default())
}

/// Roles the focused party holds on the focused row.
fn cell(app: &App) -> Vec<Role> {
    let (row, col) = focus(app);
    app.plan().row(&row).expect("row").roles_of(&col)
}

#[test]
fn the_cursor_starts_on_the_first_row_and_column_and_moves_within_bounds() {
    let mut app = app();
    // Columns: marketing, sam, customer-service, ana, pixel.
    assert_eq!(focus(&app), ("instagram".into(), "marketing".into()));
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Left);
    assert_eq!(focus(&app), ("instagram".into(), "marketing".into()));
    ch(&mut app, 'l');
    assert_eq!(focus(&app).1, "sam");
    press(&mut app, KeyCode::Right);
    assert_eq!(focus(&app).1, "customer-service");
    ch(&mut app, 'h');
    assert_eq!(focus(&app).1, "sam");
    ch(&mut app, 'j');
    assert_eq!(focus(&app).0, "policy");
    press(&mut app, KeyCode::Down);
    assert_eq!(focus(&app).0, "policy", "the last row stays");
    ch(&mut app, 'k');
    assert_eq!(focus(&app).0, "instagram");
    press(&mut app, KeyCode::End);
    assert_eq!(focus(&app).1, "pixel");
    press(&mut app, KeyCode::Home);
    assert_eq!(focus(&app).1, "marketing");
    press(&mut app, KeyCode::PageDown);
    assert_eq!(focus(&app).0, "policy");
    press(&mut app, KeyCode::PageUp);
    assert_eq!(focus(&app).0, "instagram");
}

#[test]
fn role_keys_toggle_and_problems_follow() {
    let mut app = app();
    ch(&mut app, 'l'); // sam, accountable for instagram
    assert_eq!(cell(&app), [Role::Accountable]);
    ch(&mut app, 'a');
    assert!(cell(&app).is_empty());
    assert!(app.modified());
    assert!(
        app.derived()
            .problems
            .iter()
            .any(|p| p.code.as_str() == "no-accountable" && p.row.as_deref() == Some("instagram"))
    );
    ch(&mut app, 'a');
    ch(&mut app, 'r');
    assert_eq!(cell(&app), [Role::Accountable, Role::Responsible]);
    ch(&mut app, 'c');
    ch(&mut app, 'i');
    assert_eq!(cell(&app), Role::ALL);
    assert!(
        app.derived()
            .problems
            .iter()
            .any(|p| p.code.as_str() == "mixed-roles")
    );
    ch(&mut app, 'x');
    assert!(cell(&app).is_empty());
    ch(&mut app, 'a');
    press(&mut app, KeyCode::Delete);
    assert!(cell(&app).is_empty());
}

#[test]
fn undo_and_redo_walk_the_history_exactly() {
    let mut app = app();
    let original = app.plan().clone();
    ch(&mut app, 'l');
    ch(&mut app, 'r');
    ch(&mut app, 'j');
    ch(&mut app, 'i');
    let after = app.plan().clone();
    ch(&mut app, 'u');
    ch(&mut app, 'u');
    assert_eq!(app.plan(), &original);
    assert_eq!(app.text(), PLAN, "the file text is back too");
    ctrl(&mut app, 'r');
    ctrl(&mut app, 'r');
    assert_eq!(app.plan(), &after);
    ctrl(&mut app, 'r');
    assert!(
        app.status()
            .is_some_and(|s| s.text.contains("nothing to redo"))
    );
}

#[test]
fn undoing_back_to_the_saved_state_is_not_a_change() {
    let mut app = app();
    ch(&mut app, 'a');
    app.notice(Notice::Saved(Ok(())));
    ch(&mut app, 'r');
    assert!(app.modified());
    ch(&mut app, 'u');
    assert!(!app.modified(), "this is what was saved");
    ch(&mut app, 'u');
    assert!(app.modified(), "before the save");
    ctrl(&mut app, 'r');
    assert!(!app.modified());
}

#[test]
fn t_marks_the_row_reviewed_today() {
    let mut app = app();
    ch(&mut app, 't');
    assert_eq!(
        app.plan().row("instagram").expect("row").last_reviewed,
        Some(today())
    );
    assert!(app.text().contains("last_reviewed = 2026-11-23"));
}

#[test]
fn saving_and_quitting() {
    let mut app = app();
    assert_eq!(ctrl(&mut app, 's'), Effect::Save);
    assert_eq!(
        ch(&mut app, 'q'),
        Effect::Quit,
        "nothing to lose: quit at once"
    );
    ch(&mut app, 'a');
    assert_eq!(ch(&mut app, 'q'), Effect::None);
    assert_eq!(*app.mode(), Mode::Confirm(Confirm::Quit));
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    assert_eq!(*app.mode(), Mode::Normal, "Esc stays");
    ch(&mut app, 'q');
    assert_eq!(ch(&mut app, 'y'), Effect::SaveAndQuit);
    ch(&mut app, 'q');
    assert_eq!(ch(&mut app, 'n'), Effect::Quit);
    app.notice(Notice::Saved(Ok(())));
    assert!(!app.modified());
    app.notice(Notice::Saved(Err("disk full".into())));
    assert!(
        app.status()
            .is_some_and(|s| s.is_error && s.text.contains("disk full"))
    );
}

#[test]
fn tab_and_shift_tab_go_round_the_views() {
    let mut app = app();
    let mut seen = vec![app.view()];
    for _ in 0..6 {
        press(&mut app, KeyCode::Tab);
        seen.push(app.view());
    }
    assert_eq!(
        seen,
        [
            View::Matrix,
            View::Channels,
            View::People,
            View::Departments,
            View::Workload,
            View::Problems,
            View::Matrix
        ]
    );
    app.key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.view(), View::Problems);
}

#[test]
fn help_opens_and_closes() {
    let mut app = app();
    app.key(&KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT));
    assert_eq!(*app.mode(), Mode::Help { scroll: 0 });
    press(&mut app, KeyCode::Down);
    assert_eq!(*app.mode(), Mode::Help { scroll: 1 });
    ch(&mut app, 'a');
    assert_eq!(*app.mode(), Mode::Normal, "any other key closes the help");
    assert!(!app.modified(), "and does nothing else");
}

#[test]
fn the_filter_narrows_rows_and_columns_and_esc_clears_it() {
    let mut app = app();
    ch(&mut app, '/');
    assert_eq!(*app.mode(), Mode::Filter);
    typed(&mut app, "insta");
    assert_eq!(app.rows().len(), 1);
    assert_eq!(app.cols().len(), 5, "no party matches: all columns stay");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(app.rows().len(), 1);
    ch(&mut app, '/');
    for _ in 0..5 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "ana");
    assert_eq!(app.cols().len(), 1, "{:?}", app.cols());
    assert_eq!(focus(&app).1, "ana");
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.rows().len(), app.cols().len()), (2, 5));
}

#[test]
fn a_filter_naming_a_row_and_a_party_still_shows_who_holds_the_row() {
    let text = format!("{PLAN}\n[people.li]\nname = \"Li, Instagram helper\"\n");
    let mut app = app_of(&text);
    assert_eq!(app.cols().len(), 6);
    ch(&mut app, '/');
    typed(&mut app, "insta");
    assert_eq!(app.rows().len(), 1);
    let columns = &app.derived().columns;
    let shown: Vec<&str> = app.cols().iter().map(|&c| columns[c].id.as_str()).collect();
    // Sam (A), Pixel and Ana (R), Customer service (C), and Li by name; not Marketing.
    assert_eq!(shown.len(), 5, "{shown:?}");
    for id in ["sam", "pixel", "ana", "customer-service", "li"] {
        assert!(shown.contains(&id), "{id} shows: {shown:?}");
    }
}

#[test]
fn a_new_person_through_the_form() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.view(), View::People);
    ch(&mut app, 'n');
    assert!(matches!(app.mode(), Mode::Form(_)));
    typed(&mut app, "Bo Baker");
    press(&mut app, KeyCode::Tab);
    let Mode::Form(form) = app.mode() else {
        panic!("a form")
    };
    assert_eq!(
        form.fields[1].input.text(),
        "",
        "the department starts empty"
    );
    typed(&mut app, "nowhere");
    press(&mut app, KeyCode::Enter);
    let Mode::Form(form) = app.mode() else {
        panic!("still a form")
    };
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("there is no department called \"nowhere\""))
    );
    ctrl(&mut app, 'u');
    typed(&mut app, "customer-service");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal);
    let bo = app.plan().person("bo-baker").expect("added");
    assert_eq!(bo.department.as_deref(), Some("customer-service"));
    assert!(
        app.text()
            .contains("[people.bo-baker]\nname = \"Bo Baker\"\ndepartment = \"customer-service\"")
    );
    ch(&mut app, 'u');
    assert!(app.plan().person("bo-baker").is_none());
}

#[test]
fn esc_leaves_a_form_without_a_change() {
    let mut app = app();
    // Nothing typed: one Esc closes it.
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.mode(), Mode::Normal);
    // Something typed: the first Esc says what the second does.
    ch(&mut app, 'e');
    typed(&mut app, " renamed");
    press(&mut app, KeyCode::Esc);
    let Mode::Form(form) = app.mode() else {
        panic!("what was typed is not lost on one key: {:?}", app.mode());
    };
    assert!(form.closing);
    // Any other key, and Esc asks again.
    typed(&mut app, "!");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::Form(f) if f.closing));
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.mode(), Mode::Normal);
    assert!(!app.modified());
    ch(&mut app, 'e');
    typed(&mut app, " renamed");
    press(&mut app, KeyCode::Enter);
    let row = app.plan().row("instagram").expect("the id stays");
    assert_eq!(row.name, "Instagram @harbourbakery renamed");
}

#[test]
fn deleting_asks_first_and_undo_brings_everything_back() {
    let mut app = app();
    let original = app.plan().clone();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'd');
    let Mode::Confirm(Confirm::Delete { question, .. }) = app.mode() else {
        panic!("asks first")
    };
    // Sam: accountable twice, admin once, and the lead.
    assert_eq!(
        question,
        "Delete Sam Okafor and 4 roles in the matrix? Instagram @harbourbakery and Social media policy \
         would lose their accountable owner; the plan would lose its lead."
    );
    ch(&mut app, 'n');
    assert_eq!(app.plan(), &original);
    ch(&mut app, 'd');
    ch(&mut app, 'y');
    assert!(app.plan().person("sam").is_none());
    assert_eq!(app.plan().settings.lead, None);
    ch(&mut app, 'u');
    assert_eq!(app.plan(), &original);
    assert_eq!(app.text(), PLAN);
}

#[test]
fn enter_on_a_problem_jumps_to_its_row() {
    let mut app = app();
    app.key(&KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.view(), View::Problems);
    let first = app.derived().problems[0].clone();
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.view(), View::Matrix);
    assert_eq!(Some(focus(&app).0), first.row);
}

#[test]
fn every_described_key_is_reachable_in_its_scope() {
    // Each binding must resolve to its own action in its scope (no shadowing).
    for b in KEYMAP {
        let key = KeyEvent::new(b.code, b.modifiers);
        let scopes: &[Scope] = match b.scope {
            Scope::Matrix => &[Scope::Matrix, Scope::Anywhere],
            Scope::Lists => &[Scope::Lists, Scope::Anywhere],
            Scope::Problems => &[Scope::Problems, Scope::Anywhere],
            other => &[other],
        };
        let found = steward::tui::keymap::lookup(scopes, &key);
        assert_eq!(found, Some(b.action), "{b:?}");
        if b.scope == Scope::Anywhere {
            // An Anywhere key may be taken over by a view only on purpose.
            for view in [Scope::Matrix, Scope::Lists, Scope::Problems] {
                let taken = steward::tui::keymap::lookup(&[view], &key);
                assert!(
                    taken.is_none() || b.action == Action::Quit,
                    "{b:?} is shadowed in {view:?}"
                );
            }
        }
    }
}

#[derive(Debug, Clone)]
enum Step {
    Key(char),
    Ctrl(char),
    Move(KeyCode),
    /// In the given list view (1 channels, 2 people, 3 departments): add an entry
    /// after the focused one, through the form.
    Add(usize),
    /// In the given list view: delete the focused entry, answering yes.
    Delete(usize),
}

fn in_view(app: &mut App, tabs: usize, act: impl FnOnce(&mut App)) {
    for _ in 0..tabs {
        press(app, KeyCode::Tab);
    }
    act(app);
    go_to_view(app, View::Matrix);
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        prop::sample::select(vec!['a', 'r', 'c', 'i', 'x', 't', 'u']).prop_map(Step::Key),
        Just(Step::Ctrl('r')),
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right
        ])
        .prop_map(Step::Move),
        (1usize..4).prop_map(Step::Add),
        (1usize..4).prop_map(Step::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After any sequence of edits, undos and redos, the file text means the plan, and
    /// undoing everything gives back the plan and the file byte for byte.
    #[test]
    fn random_edits_keep_file_and_plan_together(steps in prop::collection::vec(step(), 1..40)) {
        let mut app = app();
        let original = app.plan().clone();
        for s in &steps {
            match s {
                Step::Key(c) => { ch(&mut app, *c); }
                Step::Ctrl(c) => { ctrl(&mut app, *c); }
                Step::Move(code) => { press(&mut app, *code); }
                Step::Add(tabs) => in_view(&mut app, *tabs, |app| {
                    ch(app, 'n');
                    typed(app, "New one");
                    press(app, KeyCode::Enter);
                }),
                Step::Delete(tabs) => in_view(&mut app, *tabs, |app| {
                    ch(app, 'd');
                    ch(app, 'y');
                }),
            }
            let back = parse(&app.text()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            prop_assert_eq!(&back, app.plan());
        }
        for _ in 0..steps.len() * 2 {
            ch(&mut app, 'u');
        }
        prop_assert!(!app.modified(), "back at the saved state");
        prop_assert_eq!(app.plan(), &original);
        prop_assert_eq!(app.text(), PLAN);
    }
}

#[test]
fn a_click_selects_a_cell_and_the_wheel_scrolls() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let mut app = app();
    app.handle(&Event::Resize(100, 30));
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    // Row names take 29 cells here; the five parties share the other 71, 14 each: the
    // fourth starts at 71.
    app.handle(&click(73, 4));
    assert_eq!(focus(&app), ("policy".into(), "ana".into()));
    app.handle(&click(2, 1));
    assert_eq!(
        focus(&app),
        ("policy".into(), "ana".into()),
        "a header click moves nothing"
    );
    app.handle(&Event::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollUp,
        column: 50,
        row: 10,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(focus(&app).0, "instagram");
}

#[test]
fn p_asks_for_the_handout_in_every_view_but_not_while_typing() {
    let mut app = app();
    for _ in View::ALL {
        let before = app.plan().clone();
        assert_eq!(ch(&mut app, 'p'), Effect::Handout, "{:?}", app.view());
        assert_eq!(
            app.plan(),
            &before,
            "asking for the handout changes nothing"
        );
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(app.view(), View::Matrix);
    ch(&mut app, 'n');
    assert!(matches!(app.mode(), Mode::Form(_)), "{:?}", app.mode());
    assert_eq!(ch(&mut app, 'p'), Effect::None, "in a form, p is a letter");
    // Something was typed: Esc twice.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    ch(&mut app, '/');
    assert_eq!(*app.mode(), Mode::Filter);
    assert_eq!(
        ch(&mut app, 'p'),
        Effect::None,
        "in the filter, p is a letter"
    );
}

// ---- What a workshop found, each with the test that shows it mended -------------------

#[test]
fn esc_clears_a_kept_filter_as_the_help_says() {
    let mut app = app();
    ch(&mut app, '/');
    typed(&mut app, "insta");
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.mode(), app.rows().len()), (&Mode::Normal, 1));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.rows().len(), 2, "every row again");
    assert_eq!(app.filter().text(), "");
}

#[test]
fn a_paste_is_one_insertion_and_a_long_name_makes_a_short_id() {
    use ratatui::crossterm::event::Event;
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'n');
    let long = "Bo ".repeat(7000);
    app.handle(&Event::Paste(format!("{long}\nBaker")));
    let Mode::Form(form) = app.mode() else {
        panic!("a form")
    };
    assert_eq!(
        form.fields[0].input.text().len(),
        long.len() + 6,
        "one line"
    );
    assert!(
        form.fields[1].input.text().len() <= 40,
        "the id stays short"
    );
    // Outside a text field a paste does nothing.
    press(&mut app, KeyCode::Esc);
    let before = app.text();
    app.handle(&Event::Paste("aaaa".into()));
    assert_eq!(app.text(), before);
}

#[test]
fn undo_and_redo_say_what_they_did_in_names() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'n');
    typed(&mut app, "Google Business Profile");
    press(&mut app, KeyCode::Enter);
    ch(&mut app, 'u');
    let status = app.status().expect("a message").text.clone();
    assert_eq!(status, "undo: added Google Business Profile");
    ctrl(&mut app, 'r');
    let status = app.status().expect("a message").text.clone();
    assert_eq!(status, "redo: added Google Business Profile");
    // Undoing a delete says it was a delete.
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'd');
    ch(&mut app, 'y');
    ch(&mut app, 'u');
    let status = app.status().expect("a message").text.clone();
    assert!(status.starts_with("undo: deleted Sam Okafor"), "{status}");
}

#[test]
fn t_works_where_the_help_lists_it_and_nowhere_else() {
    let mut app = app();
    for view in [View::Channels, View::People, View::Departments] {
        go_to_view(&mut app, view);
        let before = app.text();
        ch(&mut app, 't');
        let changed = app.text() != before;
        assert_eq!(changed, view == View::Channels, "{view:?}");
        let listed = steward::tui::keymap::help_lines_for(true)
            .iter()
            .any(|l| l.keys == "t" && view.scopes().contains(&l.scope));
        assert_eq!(listed, changed, "{view:?}: listed if and only if it works");
        ch(&mut app, 'u');
    }
}

#[test]
fn enter_on_a_problem_shows_that_problem_first_where_it_lands() {
    let mut app = app_of(steward::templates::EXAMPLE);
    let n = app.derived().problems.len();
    let mut landed = 0;
    for line in 0..n {
        go_to_view(&mut app, View::Problems);
        press(&mut app, KeyCode::Home);
        for _ in 0..line {
            press(&mut app, KeyCode::Down);
        }
        let chosen = app.focused_problem().expect("a problem").clone();
        press(&mut app, KeyCode::Enter);
        if app.view() != View::Matrix {
            continue;
        }
        landed += 1;
        assert_eq!(
            app.focused_problems().first().copied(),
            Some(&chosen),
            "the details line shows the problem Enter came from"
        );
    }
    assert!(landed > 3, "most problems are about a row");
}

#[test]
fn a_new_entry_has_no_line_until_saved_and_the_right_one_after() {
    let mut app = app();
    press(&mut app, KeyCode::Tab);
    ch(&mut app, 'n');
    typed(&mut app, "Blog");
    press(&mut app, KeyCode::Enter);
    assert!(app.modified());
    app.notice(Notice::Saved(Ok(())));
    // As the loop does, on a thread of its own.
    let placing = app.take_placing().expect("the saved plan, to read again");
    app.placed(placing.run().expect("the saved plan reads"));
    let text = app.text();
    let saved = steward::model::rules::check(&parse(&text).expect("parses"), today());
    let ours = app
        .derived()
        .problems
        .iter()
        .find(|p| p.row.as_deref() == Some("blog"))
        .expect("a problem about the new row");
    let theirs = saved
        .iter()
        .find(|p| p.row.as_deref() == Some("blog") && p.code == ours.code)
        .expect("check finds it too");
    assert_eq!(ours.pos, theirs.pos, "the line check gives");
    assert!(ours.pos.line > 1);
}

#[test]
fn a_fix_that_cannot_help_leaving_a_warning_says_so_before_yes() {
    let mut app = app_of(&rules_fixture("departed-holder"));
    go_to_view(&mut app, View::Problems);
    press(&mut app, KeyCode::Home);
    while app.focused_problem().map(|p| p.code) != Some(steward::model::rules::Code::DepartedHolder)
    {
        press(&mut app, KeyCode::Down);
    }
    ch(&mut app, 'f');
    assert!(matches!(app.mode(), Mode::Pick(_)), "{:?}", app.mode());
    press(&mut app, KeyCode::Enter);
    let Mode::Confirm(Confirm::Apply {
        sentence, brings, ..
    }) = app.mode()
    else {
        panic!("asks first: {:?}", app.mode());
    };
    assert_eq!(
        sentence,
        "hand what Ana Ruiz holds on Instagram to Sam Okafor"
    );
    assert_eq!(
        brings,
        &["only Sam Okafor on staff can log in to \"Instagram\"".to_string()],
        "the one on staff left holds the login alone, and the question says so"
    );
    ch(&mut app, 'y');
    assert!(app.modified());
}

#[test]
fn esc_on_the_matches_of_a_name_hides_them_and_keeps_the_form() {
    let mut app = app();
    ch(&mut app, 'n');
    typed(&mut app, "TikTok");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "sa");
    let Mode::Form(form) = app.mode() else {
        panic!("the new channel form: {:?}", app.mode());
    };
    assert!(
        !form.suggestions.is_empty(),
        "the admins field shows matches"
    );
    press(&mut app, KeyCode::Esc);
    let Mode::Form(form) = app.mode() else {
        panic!("Esc on the matches keeps the form: {:?}", app.mode());
    };
    assert!(form.suggestions.is_empty());
    assert_eq!(form.fields[0].input.text(), "TikTok");
}

#[test]
fn a_key_of_another_view_says_where_it_works() {
    let mut app = app();
    go_to_view(&mut app, View::Problems);
    let before = app.plan().clone();
    ch(&mut app, 'w');
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("w works in Matrix, People and Workload: what if this person leaves")
    );
    assert_eq!(app.plan(), &before);
    // A key bound nowhere says nothing.
    app.tell("", false);
    ch(&mut app, 'Z');
    assert_eq!(app.status().map(|s| s.text.as_str()), Some(""));
    // P works in every view: it shows the matrix for the room.
    for view in [View::People, View::Workload, View::Problems] {
        go_to_view(&mut app, view);
        ch(&mut app, 'P');
        assert!(app.presenting(), "{view:?}");
        assert_eq!(app.view(), View::Matrix);
        ch(&mut app, 'P');
        assert!(!app.presenting());
    }
    // Tab out of presenter mode, then P: presenter mode shows again at once.
    ch(&mut app, 'P');
    press(&mut app, KeyCode::Tab);
    assert_ne!(app.view(), View::Matrix);
    ch(&mut app, 'P');
    assert!(app.presenting());
    assert_eq!(app.view(), View::Matrix, "one P shows presenter mode again");
}

#[test]
fn a_new_channel_names_who_answers_for_it_and_enter_on_a_match_saves() {
    let mut app = app();
    ch(&mut app, 'n');
    typed(&mut app, "TikTok");
    // Name, Platform, Goal, then who answers for it.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    let Mode::Form(form) = app.mode() else {
        panic!("the new channel form: {:?}", app.mode());
    };
    assert_eq!(form.field().key.label(), "Accountable");
    typed(&mut app, "sam ok");
    // Enter takes the match and saves the form: one key.
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal, "saved");
    let row = app.plan().row("tiktok").expect("added");
    assert_eq!(row.holders(Role::Accountable), ["sam"]);
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("added TikTok; Sam Okafor is accountable for it")
    );
    // A name nobody has is refused in the form, with the nearest.
    ch(&mut app, 'n');
    typed(&mut app, "Blog");
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    typed(&mut app, "Smа Okafor");
    press(&mut app, KeyCode::Enter);
    let Mode::Form(form) = app.mode() else {
        panic!("refused: {:?}", app.mode());
    };
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("did you mean Sam Okafor")),
        "{:?}",
        form.error
    );
}

#[test]
fn a_leaving_date_in_the_past_says_what_it_means() {
    let mut app = app();
    go_to_view(&mut app, View::People);
    ch(&mut app, 'e');
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    let Mode::Form(form) = app.mode() else {
        panic!("the person form: {:?}", app.mode());
    };
    assert_eq!(form.field().key.label(), "Leaving");
    let name = form.fields[0].input.text().to_string();
    ctrl(&mut app, 'u');
    typed(&mut app, "2026-11-01");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal);
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.ends_with(&format!(
            "; {name} counts as gone since 2026-11-01: f on their rows hands over what they held"
        )),
        "{status}"
    );
    // A date to come says nothing more.
    ch(&mut app, 'e');
    for _ in 0..4 {
        press(&mut app, KeyCode::Tab);
    }
    ctrl(&mut app, 'u');
    typed(&mut app, "2027-06-01");
    press(&mut app, KeyCode::Enter);
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(!status.contains("counts as gone"), "{status}");
}

#[test]
fn handing_over_from_someone_who_holds_nothing_says_so_before_asking_who() {
    let mut app = app_of(&rules_fixture("idle-person"));
    go_to_view(&mut app, View::People);
    press(&mut app, KeyCode::End);
    assert_eq!(app.plan().people[2].name, "Bo Lind");
    ch(&mut app, 'w');
    assert!(matches!(app.mode(), Mode::WhatIf(_)), "{:?}", app.mode());
    ch(&mut app, 'h');
    assert!(
        matches!(app.mode(), Mode::WhatIf(_)),
        "no picker: {:?}",
        app.mode()
    );
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("Bo Lind holds none of what is marked: nothing to hand over")
    );
}

#[test]
fn a_misspelt_name_is_guessed_tab_takes_the_guess_and_enter_does_not() {
    let mut app = app();
    ch(&mut app, 's');
    press(&mut app, KeyCode::Tab);
    let Mode::Form(form) = app.mode() else {
        panic!("the settings: {:?}", app.mode());
    };
    assert_eq!(form.field().key.label(), "Lead");
    ctrl(&mut app, 'u');
    typed(&mut app, "Sam Okafr");
    let Mode::Form(form) = app.mode() else {
        panic!("still the settings");
    };
    assert!(
        matches!(form.suggestions.as_slice(), [s] if s.id == "sam" && s.guess),
        "{:?}",
        form.suggestions
    );
    // Enter does not take a guess: it says the name is unknown.
    press(&mut app, KeyCode::Enter);
    let Mode::Form(form) = app.mode() else {
        panic!("refused: {:?}", app.mode());
    };
    assert!(
        form.error
            .as_deref()
            .is_some_and(|e| e.contains("did you mean Sam Okafor")),
        "{:?}",
        form.error
    );
    // Tab takes it.
    press(&mut app, KeyCode::Left);
    typed(&mut app, "o");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Tab);
    let Mode::Form(form) = app.mode() else {
        panic!("still the settings");
    };
    assert_eq!(form.fields[1].input.text(), "Sam Okafor");
}

#[test]
fn a_person_with_a_new_department_says_both() {
    let mut app = app();
    go_to_view(&mut app, View::People);
    ch(&mut app, 'n');
    typed(&mut app, "Bo Baker");
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "Front desk");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal);
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("added Bo Baker and added the department Front desk")
    );
}

#[test]
fn f_on_a_problem_with_no_one_key_fix_says_why_and_changes_nothing() {
    let mut app = app_of(&rules_fixture("mixed-roles"));
    go_to_view(&mut app, View::Problems);
    press(&mut app, KeyCode::Home);
    while app.focused_problem().map(|p| p.code) != Some(steward::model::rules::Code::MixedRoles) {
        press(&mut app, KeyCode::Down);
    }
    let before = app.text();
    ch(&mut app, 'f');
    let said = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(said.starts_with("no one-key fix: "), "{said}");
    assert!(matches!(app.mode(), Mode::Normal), "{:?}", app.mode());
    assert_eq!(app.text(), before, "nothing changed");
    assert!(!app.modified());
}

#[test]
fn f_in_the_matrix_fixes_the_focused_cells_own_problem() {
    let text = "[plan]\nname = \"Shop\"\nlead = \"sam\"\n\
        [people.sam]\nname = \"Sam\"\n\
        [people.una]\nname = \"Una Gone\"\nleaving = 2026-01-10\n\
        [people.dov]\nname = \"Dov Gone\"\nleaving = 2026-02-10\n\
        [channels.ig]\nname = \"Instagram\"\ngoal = \"g\"\nlast_reviewed = 2026-11-01\n\
        accountable = \"sam\"\nresponsible = \"sam\"\ninformed = [\"una\", \"dov\"]\n\
        admins = [\"sam\"]\n";
    for (name, other) in [("Dov Gone", "Una Gone"), ("Una Gone", "Dov Gone")] {
        let mut app = app_of(text);
        press(&mut app, KeyCode::Home);
        while app.focused_column().map(|c| c.name.clone()).as_deref() != Some(name) {
            press(&mut app, KeyCode::Right);
        }
        ch(&mut app, 'f');
        let Mode::Pick(picker) = app.mode() else {
            panic!("asks who takes over: {:?}", app.mode());
        };
        assert!(
            picker.question.contains(name) && !picker.question.contains(other),
            "the hand-over is from the focused cell's person, {name}: {}",
            picker.question
        );
    }
}

#[test]
fn while_the_window_is_too_small_only_quitting_and_answering_work() {
    use ratatui::crossterm::event::Event;
    let mut app = self::app();
    app.handle(&Event::Resize(100, 30));
    let before = app.text();
    app.handle(&Event::Resize(20, 5));
    // Moving, toggling, presenter mode, a form and a paste: none of it, unseen.
    for c in ['j', 'l', 'a', 'r', 'P', 'n', 's', '?'] {
        assert_eq!(ch(&mut app, c), Effect::None);
    }
    ctrl(&mut app, 's');
    app.handle(&Event::Paste("pasted".into()));
    assert_eq!(app.text(), before, "no key changed the plan");
    assert_eq!(app.mode(), &Mode::Normal);
    app.handle(&Event::Resize(100, 30));
    assert!(!app.presenting(), "P did not open presenter mode");
    assert_eq!(focus(&app), ("instagram".into(), "marketing".into()));

    // With unsaved edits, q asks first, and the question takes its own answers only.
    ch(&mut app, 'a');
    app.handle(&Event::Resize(20, 5));
    assert_eq!(ch(&mut app, 'q'), Effect::None);
    assert!(matches!(app.mode(), Mode::Confirm(Confirm::Quit)));
    assert_eq!(ch(&mut app, 'j'), Effect::None);
    assert!(matches!(app.mode(), Mode::Confirm(Confirm::Quit)));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.mode(), &Mode::Normal, "Esc stays");
    ch(&mut app, 'q');
    assert_eq!(ch(&mut app, 'y'), Effect::SaveAndQuit);

    // A form waits, as typed, for a larger window; not even q quits it.
    let mut app = self::app();
    app.handle(&Event::Resize(100, 30));
    ch(&mut app, 'n');
    typed(&mut app, "Pod");
    app.handle(&Event::Resize(20, 5));
    typed(&mut app, "cast");
    assert_eq!(ch(&mut app, 'q'), Effect::None);
    assert_eq!(press(&mut app, KeyCode::Esc), Effect::None);
    app.handle(&Event::Resize(100, 30));
    let Mode::Form(form) = app.mode() else {
        panic!("the form is still open: {:?}", app.mode());
    };
    assert_eq!(
        form.field().input.text(),
        "Pod",
        "what was typed small is not kept"
    );

    // Unmodified, q quits at once.
    let mut app = self::app();
    app.handle(&Event::Resize(20, 5));
    assert_eq!(ch(&mut app, 'q'), Effect::Quit);
}

#[test]
fn undo_after_restoring_edits_says_why_there_is_nothing_and_how_to_go_without_them() {
    let mut app = app();
    let restored = PLAN.replace("Harbour Bakery", "Harbour Bakery & Sons");
    app.notice(Notice::Recovery {
        edits: 2,
        written: "2026-11-23 10:00".into(),
        text: restored.clone(),
    });
    ch(&mut app, 'y');
    assert_eq!(app.text(), restored);
    assert!(app.modified());
    ch(&mut app, 'u');
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("nothing to undo since the edits were restored; q then n quits without them")
    );
    assert_eq!(app.text(), restored, "undo changed nothing");
    // With nothing unsaved, it is the plain message.
    let mut app = self::app();
    ch(&mut app, 'u');
    assert_eq!(
        app.status().map(|s| s.text.as_str()),
        Some("nothing to undo")
    );
}

#[test]
fn the_leaving_date_set_from_what_if_goes_back_to_what_if() {
    let mut app = app();
    go_to_view(&mut app, View::People);
    ch(&mut app, 'w');
    let Mode::WhatIf(panel) = app.mode() else {
        panic!("what if: {:?}", app.mode());
    };
    let person = panel.person.clone();
    ch(&mut app, 'l');
    assert!(matches!(app.mode(), Mode::Form(_)), "{:?}", app.mode());
    ctrl(&mut app, 'u');
    typed(&mut app, "2027-03-01");
    press(&mut app, KeyCode::Enter);
    let Mode::WhatIf(panel) = app.mode() else {
        panic!("back in what if: {:?}", app.mode());
    };
    assert_eq!(panel.person, person);
    assert_eq!(
        app.plan()
            .person(&person)
            .and_then(|p| p.leaving)
            .map(|d| d.to_string()),
        Some("2027-03-01".to_string())
    );
    // Esc in the form goes back there too; a form opened elsewhere goes to the view.
    ch(&mut app, 'l');
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode(), Mode::WhatIf(_)), "{:?}", app.mode());
    press(&mut app, KeyCode::Esc);
    ch(&mut app, 'e');
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.mode(), Mode::Normal);
}

#[test]
fn a_second_entry_of_the_same_name_is_added_and_the_status_line_says_so() {
    let mut app = app();
    ch(&mut app, 'n');
    typed(&mut app, "instagram @HarbourBakery");
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.mode(), Mode::Normal, "added all the same");
    assert_eq!(app.plan().rows.len(), 3);
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(
        status.contains(
            "another is named instagram @HarbourBakery too: rename one (e) to tell them apart"
        ),
        "{status}"
    );
    // A name of its own says nothing of the kind.
    ch(&mut app, 'n');
    typed(&mut app, "TikTok");
    press(&mut app, KeyCode::Enter);
    let status = app.status().map(|s| s.text.clone()).unwrap_or_default();
    assert!(!status.contains("another is named"), "{status}");
}

#[test]
fn e_in_the_problems_view_edits_what_the_problem_concerns() {
    let mut app = app();
    go_to_view(&mut app, View::Problems);
    let n = app.derived().problems.len();
    let mut edited = Vec::new();
    for _ in 0..n {
        let problem = app.focused_problem().expect("a problem").clone();
        ch(&mut app, 'e');
        let Mode::Form(form) = app.mode() else {
            panic!("a form for {problem:?}: {:?}", app.mode());
        };
        let expected = problem.row.clone().or(problem.party.clone());
        assert_eq!(form.editing, expected, "{problem:?}");
        edited.push(form.editing.clone());
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Down);
    }
    assert!(edited.iter().any(Option::is_some), "{edited:?}");
}

#[test]
fn only_the_broken_rows_and_back_keep_the_focused_cell() {
    let mut app = app();
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    let before = focus(&app);
    assert_eq!(before.0, "policy");
    ch(&mut app, '!');
    assert_eq!(app.rows().len(), 1, "only the policy has a problem");
    assert_eq!(focus(&app), before);
    ch(&mut app, '!');
    assert_eq!(app.rows().len(), 2);
    assert_eq!(focus(&app), before, "back on the same cell");
}

#[test]
fn the_filter_narrows_the_problems_too() {
    let mut app = app_of(steward::templates::EXAMPLE);
    go_to_view(&mut app, View::Problems);
    let all = app.problem_lines().len();
    ch(&mut app, '/');
    typed(&mut app, "tiktok");
    press(&mut app, KeyCode::Enter);
    let shown = app.problem_lines().to_vec();
    assert!(!shown.is_empty() && shown.len() < all, "{shown:?} of {all}");
    for &i in &shown {
        let p = &app.derived().problems[i];
        assert!(
            p.row.as_deref() == Some("tiktok") || p.message.to_lowercase().contains("tiktok"),
            "{p:?}"
        );
    }
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.problem_lines().len(), all, "Esc clears it");
}
