//! The figures of the performance targets, in one run, each beside the baseline it is
//! judged against, measured in the same run (absolute times drift between runs on a
//! shared machine; ratios to a baseline of the same run do not):
//!
//! - a keystroke to a drawn frame (a move, a toggle) on seeded plans of three sizes,
//!   beside a full-screen `Paragraph` frame on the same backend;
//! - `check` and start to first frame of a typical plan and of 1 MB, beside a bare
//!   `toml::from_str::<toml::Table>` of the same text;
//! - an edit and its save at 1 MB, beside the same;
//! - what a recovery write after an edit costs the loop, and what it costs its thread.
//!
//! `cargo bench --bench frame` runs them all and ends with the table of ratios.

#[path = "../generate/plan.rs"]
#[allow(
    dead_code,
    reason = "the tests and the generate command use other parts of the generator; `expect` cannot say that, as what is unused differs from target to target"
)]
mod generate;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::widgets::Paragraph;
use steward::model::rules;
use steward::store::recovery::{self, Recovery};
use steward::store::{self, PlanFile};
use steward::tui::{App, Editor, Notice, Theme, view};

/// The day the plans are checked on (the generator's dates are chosen around it).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a day")
}

/// The theme steward draws with in a colour terminal.
const THEME: Theme = Theme { color: true };

/// The terminal the frames are drawn on.
const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

fn plan(size: &str) -> String {
    generate::plan(&generate::Spec::named(size).expect("a size"))
}

/// The app as `steward FILE` opens it: the document is not read before the first frame.
fn app_of(text: &str) -> App {
    let loaded = store::from_bytes(text.as_bytes()).expect("a plan");
    let mut app = App::new("plan.toml".into(), Editor::open(loaded, today(), None));
    app.handle(&Event::Resize(WIDTH, HEIGHT));
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn frames(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    let filler = "x".repeat(usize::from(WIDTH) * usize::from(HEIGHT));
    c.bench_function("baseline paragraph frame", |b| {
        b.iter(|| {
            terminal
                .draw(|f| f.render_widget(Paragraph::new(filler.as_str()), f.area()))
                .expect("draws");
        });
    });
    for size in ["50x20", "500x100", "5000x1000"] {
        let mut app = app_of(&plan(size));
        let (down, right) = (key(KeyCode::Down), key(KeyCode::Right));
        c.bench_function(&format!("move + frame {size}"), |b| {
            let mut i = 0u32;
            b.iter(|| {
                i += 1;
                app.key(if i.is_multiple_of(3) { &right } else { &down });
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
            });
        });
        // The first edit reads the document; the warm-up takes that.
        let toggle = key(KeyCode::Char('i'));
        c.bench_function(&format!("toggle + frame {size}"), |b| {
            b.iter(|| {
                app.key(&toggle);
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
            });
        });
    }
}

fn reading(c: &mut Criterion) {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    for size in ["500x100", "1mb"] {
        let text = plan(size);
        c.bench_function(&format!("bare parse {size}"), |b| {
            b.iter(|| black_box(toml::from_str::<toml::Table>(black_box(&text)).expect("TOML")));
        });
        // What `steward check --format json` does between reading the file and writing
        // the answer.
        c.bench_function(&format!("check {size}"), |b| {
            b.iter(|| {
                let loaded = store::from_bytes(black_box(text.as_bytes())).expect("a plan");
                let problems = rules::check(&loaded.plan, today());
                black_box(steward::export::check_text("plan.toml", &problems))
            });
        });
        c.bench_function(&format!("start to first frame {size}"), |b| {
            b.iter(|| {
                let app = app_of(black_box(&text));
                terminal
                    .draw(|f| view::render(&app, THEME, f))
                    .expect("draws");
                app
            });
        });
    }
}

/// A plan file in a folder of its own, opened, with its first save (which keeps the
/// backup) done.
fn opened(text: &str) -> (tempfile::TempDir, PlanFile, App) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, text).expect("writes the plan");
    let (mut file, loaded) = PlanFile::open(&path).expect("opens");
    let mut app = App::new(path.clone(), Editor::open(loaded, today(), None));
    app.handle(&Event::Resize(WIDTH, HEIGHT));
    app.key(&key(KeyCode::Char('i')));
    file.save(&app.text()).expect("saves");
    (dir, file, app)
}

fn saving(c: &mut Criterion) {
    let toggle = key(KeyCode::Char('i'));
    let text = plan("1mb");
    let (_dir, mut file, mut app) = opened(&text);
    c.bench_function("edit + save 1mb", |b| {
        b.iter(|| {
            app.key(&toggle);
            file.save(&app.text()).expect("saves");
        });
    });
    // The whole of Ctrl-s in the matrix, as far as a key waits for it.
    c.bench_function("edit + save + saved 1mb", |b| {
        b.iter(|| {
            app.key(&toggle);
            file.save(&app.text()).expect("saves");
            app.notice(Notice::Saved(Ok(())));
        });
    });
    // Then, on a thread of its own: where each part of the plan now stands in the file,
    // read again from what was written.
    c.bench_function("lines again after a save 1mb", |b| {
        b.iter_batched(
            || {
                app.key(&toggle);
                app.notice(Notice::Saved(Ok(())));
                app.take_placing().expect("a plan to read again")
            },
            |placing| black_box(placing.run()),
            BatchSize::LargeInput,
        );
    });
    let (_dir, file, mut app) = opened(&plan("5000x1000"));
    let at = file.sidecar(".recovery");
    // What the loop does for the recovery file after an edit: the text, handed over.
    c.bench_function("edit + recovery handed over 5000x1000", |b| {
        b.iter(|| {
            app.key(&toggle);
            black_box(Recovery::now(Path::new("plan.toml"), 1, app.text()));
        });
    });
    // What the writer's thread then does.
    c.bench_function("recovery write 5000x1000", |b| {
        b.iter_batched(
            || Recovery::now(Path::new("plan.toml"), 1, app.text()),
            |r| recovery::write(&file, &at, &r).expect("writes"),
            BatchSize::LargeInput,
        );
    });
}

/// Where criterion keeps what it measured: `target/criterion`.
fn measured() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap_or(Path::new("target"))
        .join("criterion")
}

/// The median and the fastest time of a benchmark measured since `since` (in this run,
/// not an earlier one), in nanoseconds.
fn figures(name: &str, since: SystemTime) -> Option<(f64, f64)> {
    let dir = measured().join(name).join("new");
    let read = |file: &str| -> Option<serde_json::Value> {
        let path = dir.join(file);
        if std::fs::metadata(&path).ok()?.modified().ok()? < since {
            return None;
        }
        serde_json::from_slice(&std::fs::read(path).ok()?).ok()
    };
    let median = read("estimates.json")?["median"]["point_estimate"].as_f64()?;
    let sample = read("sample.json")?;
    let iters = sample["iters"].as_array()?;
    let times = sample["times"].as_array()?;
    let fastest = iters
        .iter()
        .zip(times)
        .filter_map(|(n, t)| Some(t.as_f64()? / n.as_f64()?))
        .fold(f64::INFINITY, f64::min);
    Some((median, fastest))
}

fn ms(ns: f64) -> String {
    format!("{:.3} ms", ns / 1e6)
}

/// The table: each figure of this run, its baseline, and the ratio of their medians.
fn ratios(since: SystemTime) {
    let rows: &[(&str, &str, &str)] = &[
        ("move + frame 50x20", "baseline paragraph frame", ""),
        ("toggle + frame 50x20", "baseline paragraph frame", ""),
        ("move + frame 500x100", "baseline paragraph frame", ""),
        (
            "toggle + frame 500x100",
            "baseline paragraph frame",
            "median <= 2 ms",
        ),
        ("move + frame 5000x1000", "baseline paragraph frame", ""),
        (
            "toggle + frame 5000x1000",
            "baseline paragraph frame",
            "median <= 4 ms",
        ),
        ("check 500x100", "bare parse 500x100", ""),
        ("check 1mb", "bare parse 1mb", "<= 1.2x"),
        (
            "start to first frame 500x100",
            "bare parse 500x100",
            "<= 50 ms",
        ),
        (
            "start to first frame 1mb",
            "bare parse 1mb",
            "<= 1.3x + 15 ms",
        ),
        ("edit + save 1mb", "bare parse 1mb", ""),
        ("edit + save + saved 1mb", "bare parse 1mb", "<= 0.5x"),
        ("lines again after a save 1mb", "bare parse 1mb", ""),
        (
            "edit + recovery handed over 5000x1000",
            "move + frame 5000x1000",
            "",
        ),
        ("recovery write 5000x1000", "move + frame 5000x1000", ""),
    ];
    println!(
        "\n{:<40} {:>10} {:>10}   {:<26} {:>10} {:>8}   target",
        "what", "median", "fastest", "beside", "its median", "ratio"
    );
    for (what, beside, target) in rows {
        let (Some((m, f)), Some((bm, _))) = (figures(what, since), figures(beside, since)) else {
            continue;
        };
        println!(
            "{what:<40} {:>10} {:>10}   {beside:<26} {:>10} {:>7.2}x   {target}",
            ms(m),
            ms(f),
            ms(bm),
            m / bm
        );
    }
}

fn main() {
    let since = SystemTime::now();
    let mut c = Criterion::default()
        .output_directory(&measured())
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    frames(&mut c);
    reading(&mut c);
    saving(&mut c);
    c.final_summary();
    ratios(since);
}
