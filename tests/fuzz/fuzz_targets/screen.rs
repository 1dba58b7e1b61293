//! Any plan that loads, in the app: drawn at several sizes in every view it never panics,
//! never puts a control character on the screen, and fills every line exactly; edits made
//! with the keys keep the file meaning the plan, and undoing them all gives the file back.

#![no_main]

use std::path::PathBuf;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use steward::store::{self, Document};
use steward::text;
use steward::tui::{App, Editor, Theme, view};
use unicode_width::UnicodeWidthStr;

fn draw(app: &mut App, w: u16, h: u16) {
    app.handle(&Event::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    terminal
        .draw(|frame| view::render(app, Theme { color: true }, frame))
        .expect("draws");
    let buffer = terminal.backend().buffer();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            if let Some(c) = text::unsafe_char(symbol) {
                panic!("{c:?} on screen at {x},{y}");
            }
            line.push_str(symbol);
            x += u16::try_from(symbol.width().max(1)).expect("a cell is narrow");
        }
        assert_eq!(x, w, "line {y} runs past the edge: {line:?}");
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.key(&KeyEvent::new(code, KeyModifiers::NONE));
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(loaded) = store::from_bytes(bytes) else {
        return;
    };
    let Ok(doc) = Document::parse(&loaded.text) else {
        panic!("a plan that loads is not a document");
    };
    let original = doc.text();
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day");
    let mut app = App::new(PathBuf::from("plan.toml"), Editor::new(loaded.plan, doc, today));
    let before = app.plan().clone();
    for _view in 0..5 {
        for (w, h) in [(80, 24), (41, 10), (133, 37)] {
            draw(&mut app, w, h);
        }
        key(&mut app, KeyCode::Tab);
    }

    // Edits through the keys: roles, a review date, a cleared cell.
    let mut edits = 0;
    for c in "arjcltjx".chars() {
        let text = app.text();
        key(&mut app, KeyCode::Char(c));
        if app.text() != text {
            edits += 1;
        }
        let back = store::parse(&app.text())
            .unwrap_or_else(|e| panic!("after {c:?} the file does not parse: {e:?}"));
        assert_eq!(&back, app.plan(), "after {c:?} the file and the plan differ");
    }
    draw(&mut app, 80, 24);
    for _ in 0..edits * 2 {
        key(&mut app, KeyCode::Char('u'));
    }
    assert_eq!(app.plan(), &before, "undoing everything gives the plan back");
    assert_eq!(
        app.text(),
        original,
        "undoing everything gives the file back"
    );
});
