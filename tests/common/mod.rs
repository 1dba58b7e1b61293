//! What the tests that run the real `steward` share: a steward in a real pseudo-terminal
//! driven through tmux (`Session`), file systems mounted for a test and unmounted after it
//! (`Mount`), and small readers of the screen.
//!
//! Each test file uses its own part of this module.

pub mod mount;
pub mod today;
pub mod user;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;
use today::TODAY;

/// The fixture's plan name, shown in the title line.
pub const PLAN_NAME: &str = "Harbour Bakery e2e";
/// Stands in the pane's command for its status file.
const STATUS: &str = "@STATUS@";
/// How long a step may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
pub const POLL: Duration = Duration::from_millis(50);
pub const WIDTH: u16 = 100;
pub const HEIGHT: u16 = 30;

pub fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/e2e/plan.toml")
}

pub fn fixture() -> String {
    fs::read_to_string(fixture_path()).expect("the e2e fixture is readable")
}

/// Quotes `s` for `sh`.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Whether tmux can be run at all; when not, says so (once per test) and the test
/// passes, unless `STEWARD_REQUIRE_TMUX=1` (CI sets it): then the test fails.
pub fn tmux_available() -> bool {
    let why = match Command::new("tmux").arg("-V").output() {
        Ok(out) if out.status.success() => return true,
        Ok(out) => format!("tmux does not run ({})", out.status),
        Err(e) => format!("tmux cannot be started ({e})"),
    };
    assert!(
        std::env::var("STEWARD_REQUIRE_TMUX").as_deref() != Ok("1"),
        "STEWARD_REQUIRE_TMUX=1, but {why}: the end-to-end tests cannot drive steward in a \
         terminal"
    );
    eprintln!(
        "SKIPPED: {why}, so the end-to-end tests cannot drive steward in a terminal; \
         install tmux to run them (CI does)"
    );
    false
}

/// How to start a steward for a test.
pub struct Launch<'a> {
    /// Names the tmux server (with the test process id): unique per test.
    pub test: &'a str,
    /// The plan's text; `None` leaves the folder as it is (a plan already there).
    pub contents: Option<&'a str>,
    /// The folder steward runs in; `None`: a fresh one of the test's own.
    pub work: Option<&'a Path>,
    /// Shell commands run before steward, in the shell that then becomes steward
    /// (`trap "" XFSZ; ulimit -f 16;`).
    pub before: &'a str,
    /// More environment, `VAR=value …`.
    pub env: &'a str,
    /// steward's arguments.
    pub args: &'a str,
}

impl<'a> Launch<'a> {
    /// steward on `plan.toml` holding `contents`, in a fresh folder.
    pub fn new(test: &'a str, contents: &'a str) -> Self {
        Launch {
            test,
            contents: Some(contents),
            work: None,
            before: "",
            env: "",
            args: "plan.toml",
        }
    }
}

/// One steward running in a detached tmux session on a tmux server of its own, on a copy
/// of the fixture in a fresh folder. Dropping it kills the server, then removes the folder.
pub struct Session {
    socket: String,
    /// Where tmux put the server's socket, to remove it after the server is gone.
    socket_path: Option<PathBuf>,
    config: PathBuf,
    /// The tmux session this handle drives.
    name: String,
    /// How tmux commands name it: `=name:` is the session called exactly `name` (a bare
    /// `name` could also be a window's name, and steward's window is called `steward` in
    /// every session).
    target: String,
    /// The shell command that runs steward.
    command: String,
    /// Whether dropping this handle ends the tmux server (a second handle on the same
    /// server does not).
    owns_server: bool,
    /// The folder steward runs in; it holds the plan.
    pub work: PathBuf,
    pub plan: PathBuf,
    _dir: Option<TempDir>,
}

impl Session {
    /// Starts steward on a copy of the fixture; `None` (test skipped) without tmux.
    pub fn start(test: &str) -> Option<Session> {
        Session::start_with(test, &fixture(), "", "plan.toml")
    }

    /// Starts steward in a folder holding `plan.toml` with `contents`, with more
    /// environment (`VAR=value …`) and the given arguments.
    pub fn start_with(test: &str, contents: &str, env: &str, args: &str) -> Option<Session> {
        Session::launch(&Launch {
            env,
            args,
            ..Launch::new(test, contents)
        })
    }

    /// Starts steward as `launch` says; `None` (test skipped) without tmux.
    pub fn launch(launch: &Launch) -> Option<Session> {
        if !tmux_available() {
            return None;
        }
        let dir = tempfile::tempdir().expect("a temporary folder");
        let work = if let Some(work) = launch.work {
            work.to_path_buf()
        } else {
            let work = dir.path().join("work");
            fs::create_dir(&work).expect("the work folder");
            work
        };
        let plan = work.join("plan.toml");
        if let Some(contents) = launch.contents {
            fs::write(&plan, contents).expect("write the plan");
        }
        // A config of our own: no user config, a known shell for the command, no status
        // bar (the pane is the whole window), and a pane that stays after steward exits so
        // that its exit status can be read.
        let config = dir.path().join("tmux.conf");
        fs::write(
            &config,
            "set -g default-shell /bin/sh\nset -g remain-on-exit on\nset -g status off\n\
             set -sg escape-time 0\n",
        )
        .expect("write the tmux config");
        // steward runs in the plan's folder on `plan.toml`, so that the status line and the
        // prompts show a short name that never wraps. The shell around it writes its exit
        // status to a file: tmux does not always learn the status of a pane's process
        // (when the terminal closes before the process is reaped, it may never know).
        // `CI` is unset so that colour is decided the same on a laptop and in CI.
        let command = format!(
            "cd {} && {} env -u CI STEWARD_TODAY={TODAY} NO_COLOR=1 {} {} {}; echo $? > {STATUS}",
            sh_quote(&work.display().to_string()),
            launch.before,
            launch.env,
            sh_quote(env!("CARGO_BIN_EXE_steward")),
            launch.args,
        );
        let mut session = Session {
            socket: format!("steward-e2e-{}-{}", std::process::id(), launch.test),
            socket_path: None,
            config,
            name: "steward".into(),
            target: "=steward:".into(),
            command,
            owns_server: true,
            work,
            plan,
            _dir: Some(dir),
        };
        session.new_session();
        let out = session.tmux(&["display-message", "-p", "#{socket_path}"]);
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        session.socket_path = (out.status.success() && !path.is_empty()).then(|| path.into());
        Some(session)
    }

    /// The file the shell around steward writes steward's exit status to.
    fn status_file(&self) -> PathBuf {
        self.config.with_file_name(format!("{}.status", self.name))
    }

    /// The command for this session's pane, its status file named, the file removed.
    fn pane_command(&self) -> String {
        let status = self.status_file();
        let _ = fs::remove_file(&status);
        self.command
            .replace(STATUS, &sh_quote(&status.display().to_string()))
    }

    fn new_session(&self) {
        let (w, h) = (WIDTH.to_string(), HEIGHT.to_string());
        let command = self.pane_command();
        let out = self.tmux(&[
            "new-session",
            "-d",
            "-s",
            &self.name,
            "-x",
            &w,
            "-y",
            &h,
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts another steward on the same plan, the same way, in a tmux session of its
    /// own (`name`) on this test's server. Drop it before this one.
    pub fn second(&self, name: &str) -> Session {
        self.second_with(name, "plan.toml")
    }

    /// Starts another steward in the same folder with other arguments (`view plan.toml`),
    /// in a tmux session of its own (`name`) on this test's server. Drop it before this
    /// one.
    pub fn second_with(&self, name: &str, args: &str) -> Session {
        let command = match self.command.rsplit_once(" plan.toml;") {
            Some((start, end)) => format!("{start} {args};{end}"),
            None => self.command.clone(),
        };
        let second = Session {
            socket: self.socket.clone(),
            socket_path: None,
            config: self.config.clone(),
            name: name.into(),
            target: format!("={name}:"),
            command,
            owns_server: false,
            work: self.work.clone(),
            plan: self.plan.clone(),
            _dir: None,
        };
        second.new_session();
        second
    }

    /// Runs steward again in the same pane, once the one before has exited.
    pub fn restart(&self) {
        let command = self.pane_command();
        let out = self.tmux(&["respawn-pane", "-t", &self.target, &command]);
        assert!(
            out.status.success(),
            "tmux respawn-pane failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs `tmux` on this test's server.
    pub fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-u")
            .arg("-f")
            .arg(&self.config)
            .args(["-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            .env("STEWARD_TODAY", TODAY)
            .env("NO_COLOR", "1")
            .output()
            .expect("tmux runs")
    }

    /// A tmux format (`#{pane_pid}`) expanded for this session's pane.
    pub fn format(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", &self.target, format]);
        assert!(
            out.status.success(),
            "tmux display-message {format} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The process id of steward: the child of the pane's shell.
    pub fn pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let start = Instant::now();
        loop {
            let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
                .unwrap_or_default();
            if let Some(pid) = children.split_whitespace().next() {
                return pid
                    .parse()
                    .unwrap_or_else(|_| panic!("a process id, not {pid:?}"));
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "the pane's shell (process {shell}) never started steward"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Sends a signal (`TERM`, `HUP`, `KILL`) to steward.
    pub fn signal(&self, signal: &str) {
        let pid = self.pid().to_string();
        // The shell's own `kill`: there may be no kill program installed.
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("kill -{signal} {pid}"))
            .output()
            .expect("sh runs");
        assert!(
            out.status.success(),
            "kill -{signal} {pid} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Presses keys, in tmux's names: `l`, `Tab`, `Escape`, `Enter`, `C-s`.
    pub fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", &self.target];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(
            out.status.success(),
            "tmux send-keys {keys:?} failed: {}\nscreen:\n{}",
            String::from_utf8_lossy(&out.stderr),
            self.screen()
        );
    }

    /// Resizes the window (and so the pane, the only one) to `width` x `height`.
    pub fn resize(&self, width: u16, height: u16) {
        let (w, h) = (width.to_string(), height.to_string());
        let out = self.tmux(&["resize-window", "-t", &self.target, "-x", &w, "-y", &h]);
        assert!(
            out.status.success(),
            "tmux resize-window failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Types text as it is (no key names).
    pub fn type_text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", &self.target, "-l", text]);
        assert!(
            out.status.success(),
            "tmux send-keys -l {text:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// The screen as text, one line per terminal line.
    pub fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen with its attributes, as escape sequences.
    pub fn screen_with_attributes(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-e", "-t", &self.target]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Polls the screen until `ready` holds, and returns that screen; fails with the last
    /// screen after `TIMEOUT`.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            // When the pane's command ends, tmux scrolls what it printed above the pane
            // to write "Pane is dead" at its foot: a steward that printed a message and
            // exited between two looks has its message there.
            if matches!(self.pane(), Some((true, _))) {
                let out = self.tmux(&["capture-pane", "-p", "-S", "-100", "-t", &self.target]);
                let all = String::from_utf8_lossy(&out.stdout).into_owned();
                if ready(&all) {
                    return all;
                }
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for {what}; steward is {}; \
                 the screen:\n{screen}",
                if self.is_running() {
                    "running"
                } else {
                    "no longer running"
                }
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on the screen"), |s| s.contains(text))
    }

    /// Waits until the status line (the last line) shows `text`.
    pub fn wait_for_status(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on the status line"), |s| {
            status_line(s).contains(text)
        })
    }

    /// Presses Ctrl-s and waits until the plan is saved and no longer modified; returns
    /// the screen.
    pub fn save(&self) -> String {
        self.send(&["C-s"]);
        self.wait_until("\"saved plan.toml\", no longer modified", |sc| {
            status_line(sc).contains("saved plan.toml") && !status_line(sc).contains("modified")
        })
    }

    /// `(dead, exit status)` of the pane, or `None` when the session is gone.
    pub fn pane(&self) -> Option<(bool, Option<i32>)> {
        let out = self.tmux(&[
            "list-panes",
            "-t",
            &self.target,
            "-F",
            "#{pane_dead} #{pane_dead_status}",
        ]);
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let mut words = text.split_whitespace();
        let dead = words.next() == Some("1");
        // steward's own status, as the shell around it wrote it.
        let status = fs::read_to_string(self.status_file())
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .filter(|_| dead);
        Some((dead, status))
    }

    pub fn is_running(&self) -> bool {
        matches!(self.pane(), Some((false, _)))
    }

    /// Waits for steward to exit and returns its exit status (when tmux knows it).
    pub fn wait_exit(&self) -> Option<i32> {
        const GRACE: Duration = Duration::from_millis(500);
        let start = Instant::now();
        let mut dead_since: Option<Instant> = None;
        loop {
            // tmux may mark the pane dead (its terminal closed) a moment before it has
            // reaped the process and knows the exit status: give it that moment.
            match self.pane() {
                None => return None,
                Some((true, Some(status))) => return Some(status),
                Some((true, None))
                    if dead_since.get_or_insert_with(Instant::now).elapsed() > GRACE =>
                {
                    return None;
                }
                Some(_) => {}
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for steward to exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits for steward to exit, and checks it exited cleanly.
    pub fn expect_clean_exit(&self) {
        let status = self.wait_exit();
        assert!(
            status == Some(0),
            "steward exited with status {status:?}; the screen:\n{}",
            self.screen()
        );
    }

    /// The plan file's text now.
    pub fn plan_text(&self) -> String {
        fs::read_to_string(&self.plan).expect("the plan is readable")
    }

    /// A file beside the plan: `.recovery` gives `plan.toml.recovery`.
    pub fn sidecar(&self, suffix: &str) -> PathBuf {
        self.work.join(format!("plan.toml{suffix}"))
    }

    /// The recovery file, once steward has written it with `edits` edits.
    pub fn recovery(&self, edits: u64) -> steward::store::recovery::Recovery {
        let path = self.sidecar(".recovery");
        let start = Instant::now();
        loop {
            let found = steward::store::recovery::read(&path);
            if let Ok(Some(r)) = &found
                && r.edits == edits
            {
                return r.clone();
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out after {TIMEOUT:?} waiting for a recovery file with {edits} edits; \
                 found {found:?}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// The names in the plan's folder other than the plan: temporary files left behind.
    pub fn strays(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.work)
            .expect("the work folder is readable")
            .map(|e| {
                e.expect("a folder entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n != "plan.toml" && n != "plan.toml.bak")
            .collect();
        names.sort();
        names
    }

    /// `steward export --format json` of the plan, parsed.
    pub fn export(&self) -> Value {
        export(&self.plan)
    }

    /// Waits for the first screen: the plan's name in the title, the matrix below it,
    /// and the status line on the last row (a frame is written top to bottom, and a
    /// capture may come while it is half written).
    pub fn wait_started(&self) -> String {
        self.wait_until("the matrix of the plan", |s| {
            first_line(s).contains(PLAN_NAME)
                && s.contains("Channel / duty")
                && s.lines().last().is_some_and(|l| !l.trim().is_empty())
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.owns_server {
            let _ = self.tmux(&["kill-session", "-t", &self.target]);
            return;
        }
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .env_remove("TMUX")
            .output();
        // tmux leaves the socket file behind.
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

/// Waits until nothing is at `path` (steward removes files as it goes).
pub fn wait_gone(path: &Path, why: &str) {
    let start = Instant::now();
    while fs::symlink_metadata(path).is_ok() {
        assert!(
            start.elapsed() <= TIMEOUT,
            "{} is still there after {TIMEOUT:?}: {why}",
            path.display()
        );
        std::thread::sleep(POLL);
    }
}

/// `steward export --format json` of the plan at `plan`, parsed.
pub fn export(plan: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_steward"))
        .arg("export")
        .arg(plan)
        .args(["--format", "json", "--today", TODAY])
        .env_remove("STEWARD_TODAY")
        .output()
        .expect("steward export runs");
    assert!(
        out.status.success(),
        "steward export failed ({}): {}\nthe file:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr),
        fs::read_to_string(plan).unwrap_or_default()
    );
    serde_json::from_slice(&out.stdout).expect("export prints JSON")
}

pub fn first_line(screen: &str) -> &str {
    screen.lines().next().unwrap_or_default()
}

/// The last line with something on it: steward's status line.
/// The names in a folder, sorted.
pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("the folder is readable")
        .map(|e| {
            e.expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Whether the status line says the plan has unsaved changes: `● modified`, or just
/// `●` when a long message needs the room.
pub fn unsaved(screen: &str) -> bool {
    status_line(screen).contains(" ●")
}

pub fn status_line(screen: &str) -> &str {
    screen
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default()
}

/// The row of the matrix whose name contains `name`.
pub fn matrix_line<'a>(screen: &'a str, name: &str) -> &'a str {
    screen
        .lines()
        .skip(3)
        .find(|l| l.contains(name))
        .unwrap_or_default()
}

/// The channel or duty with this id in an export.
pub fn row<'a>(export: &'a Value, section: &str, id: &str) -> &'a Value {
    export[section]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no {section} `{id}` in the export: {export:#}"))
}

/// A role list of an export as plain strings.
pub fn ids(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}
