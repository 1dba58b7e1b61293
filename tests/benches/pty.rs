//! Keystroke latency through a real pseudo-terminal: the release binary runs on a
//! seeded plan in a terminal of 200x50, and each key is timed from the moment it is
//! written to the terminal until the frame it causes is complete (ratatui ends every
//! frame by hiding the cursor, `ESC [ ? 25 l`, after the cells it changed).
//!
//! ```text
//! cargo bench --bench pty                  # 500x100, 300 keys
//! cargo bench --bench pty -- 5000x1000 600
//! ```
//!
//! The keys are a move (`l`, `j`, `h`, `k` in turn) and two toggles of Informed on the
//! cell it reaches (the second takes the first back), again and again, one at a time: the next is written once the frame of the
//! last is complete. The figures are p50, p95 and p99 of each kind, and the bytes a
//! frame took.

#[path = "../generate/plan.rs"]
#[allow(
    dead_code,
    reason = "the tests and the generate command use other parts of the generator; `expect` cannot say that, as what is unused differs from target to target"
)]
mod generate;

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Write as _};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 50;

/// What ends every frame ratatui draws without a cursor shown.
const FRAME_END: &[u8] = b"\x1b[?25l";

/// The longest a frame may take before the run counts as stuck.
const STUCK: Duration = Duration::from_secs(10);

fn main() {
    // cargo bench passes `--bench` along; the other arguments are the size and keys.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let size = args.first().map_or("500x100", String::as_str);
    let keys: usize = args
        .get(1)
        .map_or(300, |n| n.parse().expect("a number of keys"));
    let spec = generate::Spec::named(size).expect("a size: 50x20, 500x100, 1mb, 5000x1000");
    let dir = tempfile::tempdir().expect("a folder for the plan");
    let plan = dir.path().join("plan.toml");
    std::fs::write(&plan, generate::plan(&spec)).expect("write the plan");

    let (master, slave) = pty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_steward"))
        .arg("--today")
        .arg("2026-11-23")
        .arg(&plan)
        .env("TERM", "xterm-256color")
        .env_remove("NO_COLOR")
        .stdin(Stdio::from(slave.try_clone().expect("the terminal")))
        .stdout(Stdio::from(slave.try_clone().expect("the terminal")))
        .stderr(Stdio::from(slave))
        .spawn()
        .expect("start steward");
    let mut to = master.try_clone().expect("the terminal's other side");
    let from = read_on_a_thread(master);

    let started = Instant::now();
    let (_, first) = frame(&from, Instant::now());
    println!(
        "{size}: first frame {:.1} ms after start ({first} bytes)",
        ms(started.elapsed())
    );
    let mut moves = Vec::new();
    let mut toggles = Vec::new();
    let mut bytes = 0;
    for n in 0..keys {
        let (key, times) = match n % 3 {
            0 => (["l", "j", "h", "k"][n / 3 % 4], &mut moves),
            _ => ("i", &mut toggles),
        };
        // Drain whatever came after the last frame (nothing, normally).
        while from.try_recv().is_ok() {}
        let sent = Instant::now();
        to.write_all(key.as_bytes()).expect("write a key");
        let (took, size) = frame(&from, sent);
        times.push(took);
        bytes += size;
    }
    // Quit, discarding what a run cut between two toggles left unsaved.
    let _ = to.write_all(b"q");
    std::thread::sleep(Duration::from_millis(200));
    let _ = to.write_all(b"n");
    let _ = child.kill();
    let _ = child.wait();

    println!(
        "{size}: {keys} keys, {} bytes a frame on average",
        bytes / keys.max(1)
    );
    for (what, times) in [("move", &mut moves), ("toggle", &mut toggles)] {
        times.sort_unstable();
        println!(
            "{size}: {what:<6} p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms  ({} keys)",
            ms(percentile(times, 50)),
            ms(percentile(times, 95)),
            ms(percentile(times, 99)),
            ms(times.last().copied().unwrap_or_default()),
            times.len()
        );
    }
}

/// A new pseudo-terminal of `WIDTH`x`HEIGHT`: its controlling side and the terminal
/// steward runs in.
fn pty() -> (File, File) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC)
        .expect("a pseudo-terminal");
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("the terminal's name");
    let slave = OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("a name in UTF-8"))
        .expect("open the terminal");
    tcsetwinsize(
        &slave,
        Winsize {
            ws_row: HEIGHT,
            ws_col: WIDTH,
            ws_xpixel: 0,
            ws_ypixel: 0,
        },
    )
    .expect("the terminal's size");
    (File::from(master), slave)
}

/// What steward writes, as it comes, with when it came.
fn read_on_a_thread(mut master: File) -> Receiver<(Instant, Vec<u8>)> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = vec![0; 1 << 16];
        loop {
            match master.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => {
                    if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                        return;
                    }
                }
            }
        }
    });
    rx
}

/// Waits for the end of the next frame: how long after `since` it came, and its bytes.
fn frame(from: &Receiver<(Instant, Vec<u8>)>, since: Instant) -> (Duration, usize) {
    let mut seen: Vec<u8> = Vec::new();
    loop {
        let (at, chunk) = from
            .recv_timeout(STUCK)
            .expect("a frame within ten seconds");
        seen.extend_from_slice(&chunk);
        if seen.windows(FRAME_END.len()).any(|w| w == FRAME_END) {
            return (at.duration_since(since), seen.len());
        }
    }
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
