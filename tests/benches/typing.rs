//! Typing into a form: a name of 20,000 characters pasted into a new person's form, as a
//! terminal without bracketed paste sends it (one key event per character) and as one
//! paste event, each followed by one frame (the loop draws once the keys waiting are
//! handled). Beside them, the same frame with nothing typed, as the baseline.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use steward::tui::{App, Theme, view};

const THEME: Theme = Theme { color: true };
const NAME_LENGTH: usize = 20_000;

/// The example plan, in the People view, with a new person's form open.
fn form() -> App {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day");
    let mut app = App::from_text("plan.toml", steward::templates::EXAMPLE, today).expect("parses");
    app.handle(&Event::Resize(100, 30));
    for code in [KeyCode::Tab, KeyCode::Tab, KeyCode::Char('n')] {
        app.key(&KeyEvent::new(code, KeyModifiers::NONE));
    }
    app
}

fn typing(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let name: String = "Bäckerei Łukasz 漢字 🍞 "
        .chars()
        .cycle()
        .take(NAME_LENGTH)
        .collect();
    let keys: Vec<KeyEvent> = name
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    c.bench_function("baseline: the form's frame", |b| {
        let app = form();
        b.iter(|| {
            terminal
                .draw(|f| view::render(&app, THEME, f))
                .expect("draws");
        });
    });
    c.bench_function("20000 characters as keys + frame", |b| {
        b.iter_batched(
            form,
            |mut app| {
                for key in &keys {
                    app.key(key);
                }
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
                app
            },
            criterion::BatchSize::LargeInput,
        );
    });
    c.bench_function("20000 characters as one paste + frame", |b| {
        b.iter_batched(
            form,
            |mut app| {
                app.handle(&Event::Paste(name.clone()));
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
                app
            },
            criterion::BatchSize::LargeInput,
        );
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = typing
}
criterion_main!(benches);
