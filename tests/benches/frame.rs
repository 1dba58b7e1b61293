//! Keystroke to drawn frame, in process, on generated plans of two sizes, beside a
//! baseline measured in the same run (a full-screen `Paragraph` on the same backend), and
//! `check` beside a bare TOML parse of the same text.

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::widgets::Paragraph;
use steward::store::parse;
use steward::store::recovery::{self, Recovery};
use steward::tui::{App, Theme, view};

/// A plan of `channels` rows and `people` people in ten departments, with three or four
/// assignments per row; deterministic.
fn plan_text(channels: usize, people: usize) -> String {
    let mut s = String::from("[plan]\nname = \"Generated\"\nlead = \"p0\"\n\n");
    for d in 0..10 {
        let _ = writeln!(s, "[departments.d{d}]\nname = \"Department {d}\"\n");
    }
    for p in 0..people {
        let _ = writeln!(
            s,
            "[people.p{p}]\nname = \"Person number {p}\"\ndepartment = \"d{}\"\n",
            p % 10
        );
    }
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        usize::try_from(seed >> 33).unwrap_or(0) % n
    };
    for c in 0..channels {
        let _ = writeln!(
            s,
            "[channels.c{c}]\nname = \"Channel {c}\"\nplatform = \"web\"\ngoal = \"Goal {c}\"\n\
             last_reviewed = 2026-10-01\naccountable = \"p{}\"\nresponsible = [\"p{}\", \"p{}\"]\n\
             informed = \"d{}\"\nadmins = [\"p{}\", \"p{}\"]\n",
            next(people),
            next(people),
            next(people),
            next(10),
            next(people),
            next(people)
        );
    }
    s
}

fn app_of(text: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day");
    let mut app = App::from_text("plan.toml", text, today).expect("parses");
    app.handle(&Event::Resize(200, 50));
    app
}

/// The theme steward draws with in a colour terminal.
const THEME: Theme = Theme { color: true };

fn frames(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let filler = "x".repeat(200 * 50);
    c.bench_function("baseline: full-screen paragraph 200x50", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(Paragraph::new(filler.as_str()), f.area()))
                .expect("draws");
        });
    });
    for (channels, people) in [(500, 100), (5000, 1000)] {
        let text = plan_text(channels, people);
        let mut app = app_of(&text);
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        let right = KeyEvent::new(KeyCode::Right, KeyModifiers::NONE);
        c.bench_function(&format!("move + frame {channels}x{people}"), |b| {
            let mut i = 0u32;
            b.iter(|| {
                i += 1;
                app.key(if i.is_multiple_of(3) { &right } else { &down });
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
            });
        });
        let toggle = KeyEvent::new(KeyCode::Char('i'), KeyModifiers::NONE);
        c.bench_function(&format!("toggle + frame {channels}x{people}"), |b| {
            b.iter(|| {
                app.key(&toggle);
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
            });
        });
        // What every edit adds to keep unsaved work safe: the text, written atomically
        // (temporary file, fsync, rename, fsync of the folder) to the recovery file.
        let dir = tempfile::tempdir().expect("a temporary folder");
        let plan_path = dir.path().join("plan.toml");
        std::fs::write(&plan_path, &text).expect("writes the plan");
        let (plan_file, _) = steward::store::PlanFile::open(&plan_path).expect("opens");
        let recovery_path = plan_file.sidecar(".recovery");
        c.bench_function(
            &format!("toggle + recovery write {channels}x{people}"),
            |b| {
                b.iter(|| {
                    app.key(&toggle);
                    let r = Recovery::now(std::path::Path::new("plan.toml"), 1, app.text());
                    recovery::write(&plan_file, &recovery_path, &r).expect("writes");
                });
            },
        );
        c.bench_function(&format!("bare toml parse {channels}x{people}"), |b| {
            b.iter(|| black_box(text.parse::<toml::Table>().expect("parses")));
        });
        c.bench_function(&format!("load + check {channels}x{people}"), |b| {
            b.iter(|| {
                let plan = parse(black_box(&text)).expect("parses");
                black_box(steward::model::rules::check(
                    &plan,
                    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day"),
                ))
            });
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = frames
}
criterion_main!(benches);
