//! Faults of a real file system: saves killed with SIGKILL at random moments, a full
//! disk, a file size limit, a read-only file system and a read-only file. Whatever
//! happens, the plan on disk is the old version or the new one, never half of either,
//! and an edit that could not be saved is still in steward, still marked unsaved.
//!
//! The saves that are killed run in another process: this test program runs itself again
//! with `--exact save_loop_child --ignored`, the child saving in a loop until it is
//! killed. The mount tests need the superuser; see `common::mount`.

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use common::mount;
use common::{Launch, Session, fixture, matrix_line, names, status_line};
use steward::model::Role;
use steward::store::{self, PlanFile, SaveError, TEMP_SUFFIX};

/// Names the file the child process saves over and over.
const LOOP_FILE: &str = "STEWARD_TEST_SAVE_LOOP_FILE";
/// Says the child process saves with `store::write_atomic` instead of `PlanFile::save`.
const LOOP_WITH_WRITE_ATOMIC: &str = "STEWARD_TEST_SAVE_LOOP_WRITE_ATOMIC";
/// Names the file the child process saves once, under a file size limit.
const LIMIT_FILE: &str = "STEWARD_TEST_LIMIT_FILE";
/// Says the child may start saving.
const READY: &str = "steward-test: saving";

/// A valid plan of about `channels` × 250 bytes. Two versions differ all through the
/// file (names, roles, a comment), so a file torn between them is easy to see.
fn big_plan(version: u8, channels: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# A big plan, version {version}\n[plan]\nname = \"Big plan v{version}\"\nlead = \"p0\"\n"
    );
    for d in 0..10 {
        let _ = writeln!(s, "[departments.d{d}]\nname = \"Department {d}\"\n");
    }
    for p in 0..50 {
        let _ = writeln!(
            s,
            "[people.p{p}]\nname = \"Person {p} (v{version})\"\ndepartment = \"d{}\"\n",
            p % 10
        );
    }
    let v = usize::from(version);
    for c in 0..channels {
        let _ = writeln!(
            s,
            "[channels.c{c}]\nname = \"Channel {c}, version {version}\"\nplatform = \"instagram\"\n\
             goal = \"Reach the people who walk past the shop every morning ({version})\"\n\
             accountable = \"p{}\"   # the owner\nresponsible = [\"p{}\", \"d{}\"]\nadmins = [\"p{}\"]\n",
            (c + v) % 50,
            (c * 7 + v) % 50,
            (c + v) % 10,
            (c * 3 + v) % 50,
        );
    }
    s
}

/// The plan the child saves in turn with `big_plan(1, …)`: about 100 KB each.
const CHANNELS: usize = 450;

/// A small random number generator, enough to pick delays; seeded from the clock unless
/// `STEWARD_TEST_SEED` says otherwise, and the seed is printed, so a failure can be re-run.
struct Random(u64);

impl Random {
    fn new() -> Self {
        let seed = std::env::var("STEWARD_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                SystemTime::now()
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .map_or(1, |d| d.as_secs() ^ (u64::from(d.subsec_nanos()) << 20))
            })
            | 1;
        eprintln!("seed: STEWARD_TEST_SEED={seed}");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Whether `name` is one of the temporary files a save of `plan.toml` (or of its backup
/// or recovery file) makes, the ones `store::sweep_temp_files` removes.
fn is_temp_file(name: &str) -> bool {
    name.starts_with(".plan.toml.") && name.ends_with(TEMP_SUFFIX)
}

/// Saves in turn the two big versions, for ever: run by `kill_9_during_saves_…` in a
/// process of its own, which it kills.
#[test]
#[ignore = "a child process of kill_9_during_saves_never_tears_the_file; does nothing alone"]
fn save_loop_child() {
    let Some(path) = std::env::var_os(LOOP_FILE) else {
        return;
    };
    let path = PathBuf::from(path);
    let versions = [big_plan(0, CHANNELS), big_plan(1, CHANNELS)];
    if std::env::var_os(LOOP_WITH_WRITE_ATOMIC).is_some() {
        // The bare atomic write, without parsing the plan first: a quicker start.
        let now = fs::read(&path).expect("the child reads the plan");
        let mut next = usize::from(now == versions[0].as_bytes());
        println!("{READY}");
        loop {
            store::write_atomic(&path, versions[next].as_bytes()).expect("the child writes");
            next = 1 - next;
        }
    }
    let (mut file, loaded) = PlanFile::open(&path).expect("the child opens the plan");
    let mut next = usize::from(loaded.text == versions[0]);
    println!("{READY}");
    loop {
        file.save(&versions[next]).expect("the child saves");
        next = 1 - next;
    }
}

/// How long one save of a big plan takes here (the median of three).
fn time_a_save(versions: &[String; 2]) -> Duration {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, &versions[0]).expect("write the plan");
    let (mut file, _) = PlanFile::open(&plan).expect("open the plan");
    // The first save also writes the backup.
    file.save(&versions[1]).expect("save");
    let mut times: Vec<Duration> = (0..3)
        .map(|i| {
            let start = Instant::now();
            file.save(&versions[i % 2]).expect("save");
            start.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

/// Starts a child saving `plan` over and over, and waits until it has begun.
fn start_saving(exe: &Path, plan: &Path, bare: bool, round: usize) -> std::process::Child {
    let mut command = Command::new(exe);
    if bare {
        command.env(LOOP_WITH_WRITE_ATOMIC, "1");
    }
    let mut child = command
        .args(["--exact", "save_loop_child", "--ignored", "--nocapture"])
        .env(LOOP_FILE, plan)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the child starts");
    let stdout = child.stdout.take().expect("the child's output");
    let ready = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .any(|l| l == READY);
    if !ready {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let _ = child.wait();
        panic!("round {round}: the child never started saving:\n{err}");
    }
    child
}

/// Checks that what a killed save left beside the plan in `dir` is only temporary files
/// the sweep knows, and sweeps them; returns how many there were.
fn sweep_and_check(dir: &Path, round: usize) -> usize {
    let others = || -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| n != "plan.toml" && n != "plan.toml.bak")
            .collect()
    };
    let strays = others();
    assert!(
        strays.iter().all(|n| is_temp_file(n)),
        "round {round}: only temporary files of a save are left, not {strays:?}"
    );
    let swept = store::sweep_temp_files(&dir.join("plan.toml"));
    assert_eq!(
        swept,
        strays.len(),
        "round {round}: the sweep removes them all"
    );
    let left = others();
    assert!(
        left.is_empty(),
        "round {round}: nothing left after the sweep: {left:?}"
    );
    strays.len()
}

#[test]
fn kill_9_during_saves_never_tears_the_file() {
    const ROUNDS: usize = 100;
    let versions = [big_plan(0, CHANNELS), big_plan(1, CHANNELS)];
    for v in &versions {
        assert!(v.len() > 90_000, "a sizeable plan: {} bytes", v.len());
        store::parse(v).expect("both versions are valid plans");
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, &versions[0]).expect("write the plan");
    // A save here takes as long as the disk needs to flush it: kill at any moment of
    // the child's first few saves (its backup, then the plan, in turn).
    let save = time_a_save(&versions);
    let window = u64::try_from((4 * save).as_millis()).unwrap_or(200).max(30);
    let mut random = Random::new();
    let exe = std::env::current_exe().expect("the test program's path");
    let (mut changed, mut left_behind) = (0, 0);
    let mut waited = Duration::ZERO;
    let mut before = fs::read(&plan).expect("read the plan");
    let start = Instant::now();
    for round in 0..ROUNDS {
        // Every other round saves the way steward does, backup first; the others write
        // atomically and nothing else.
        let spawned = Instant::now();
        let mut child = start_saving(&exe, &plan, round % 2 == 1, round);
        waited += spawned.elapsed();
        std::thread::sleep(Duration::from_millis(random.below(window + 1)));
        child.kill().expect("SIGKILL the child");
        let status = child.wait().expect("the child ends");
        assert!(
            std::os::unix::process::ExitStatusExt::signal(&status) == Some(9),
            "round {round}: the child was still saving when killed, not {status}"
        );

        let bytes = fs::read(&plan).expect("the plan is still there");
        assert!(
            bytes == versions[0].as_bytes() || bytes == versions[1].as_bytes(),
            "round {round}: after SIGKILL the plan is neither version ({} bytes; the versions \
             are {} and {} bytes)",
            bytes.len(),
            versions[0].len(),
            versions[1].len()
        );
        if bytes != before {
            changed += 1;
        }
        before = bytes;
        // A kill before the first backup was written leaves none.
        if let Ok(backup) = fs::read(dir.path().join("plan.toml.bak")) {
            assert!(
                backup == versions[0].as_bytes() || backup == versions[1].as_bytes(),
                "round {round}: the backup is torn ({} bytes)",
                backup.len()
            );
        }
        left_behind += sweep_and_check(dir.path(), round);
    }
    eprintln!(
        "{ROUNDS} rounds in {:.1?} (a save takes {save:.1?}, kills within {window} ms, a child \
         starts in {:.1?}): the file changed in {changed}, {left_behind} temporary files were \
         left by killed saves and swept",
        start.elapsed(),
        waited / u32::try_from(ROUNDS).unwrap_or(1),
    );
    assert!(
        changed > 0,
        "in {ROUNDS} rounds no save finished before the kill: the test killed too early to \
         test anything"
    );
}

// A full disk.

/// The fixture with a comment of `bytes` more bytes: still the same plan, but bigger.
fn padded(bytes: usize) -> String {
    let mut text = fixture();
    let line = "# padding to make the plan big: the quick brown fox jumps over the lazy dog\n";
    while text.len() + line.len() <= fixture().len() + bytes {
        text.push_str(line);
    }
    text
}

#[test]
fn a_full_disk_refuses_the_save_and_keeps_the_original() {
    let Some((_dir, disk)) = mount::tiny_disk("64k", "a_full_disk_refuses_the_save") else {
        return;
    };
    let at = disk.path();
    let plan = at.join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    // Room for the backup (a page), not for the new version (40 KB).
    let filler = mount::fill(at, "filler", 3 * 4096);
    let bigger = padded(40_000);
    let (mut file, _) = PlanFile::open(&plan).expect("open the plan");

    for attempt in 1..=2 {
        let err = file.save(&bigger).expect_err("the disk is full");
        let message = err.to_string();
        assert!(
            matches!(err, SaveError::Io { .. })
                && message.contains("the disk is full")
                && message.contains("the file on disk is unchanged"),
            "attempt {attempt}: the message says why: {message}"
        );
        assert_eq!(
            fs::read_to_string(&plan).expect("the plan"),
            fixture(),
            "attempt {attempt}: the original is byte for byte as it was"
        );
        assert_eq!(
            names(at),
            ["filler", "plan.toml", "plan.toml.bak"],
            "attempt {attempt}: no temporary file is left"
        );
        assert_eq!(
            fs::read_to_string(at.join("plan.toml.bak")).expect("the backup"),
            fixture()
        );
    }

    // Room again: the same open file saves.
    fs::remove_file(&filler).expect("free the disk");
    file.save(&bigger).expect("a save once there is room");
    assert_eq!(fs::read_to_string(&plan).expect("the plan"), bigger);
}

#[test]
fn a_full_disk_in_the_matrix_says_so_and_keeps_the_edit_unsaved() {
    let Some((_dir, disk)) = mount::tiny_disk("64k", "a_full_disk_in_the_matrix") else {
        return;
    };
    let Some(s) = Session::launch(&Launch {
        work: Some(disk.path()),
        ..Launch::new("enospc", &fixture())
    }) else {
        return;
    };
    s.wait_started();
    // The disk fills up while steward runs.
    let filler = mount::fill(disk.path(), "filler", 0);
    // Wide enough for "edits at risk" and the reason, both in full.
    s.resize(140, common::HEIGHT);
    s.send(&["a"]);
    s.wait_for_status("edits at risk: the disk is full (no space left on device)");
    s.send(&["C-s"]);
    let screen = s.wait_for_status("not saved");
    let status = status_line(&screen);
    assert!(
        status.contains("the disk is full") && status.contains(" ●"),
        "the status line gives the reason, and the plan is still unsaved:\n{screen}"
    );
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        2,
        "the edit is still on screen:\n{screen}"
    );
    assert_eq!(s.plan_text(), fixture(), "the original is as it was");
    assert!(
        s.strays().iter().all(|n| !is_temp_file(n)),
        "no temporary file is left: {:?}",
        s.strays()
    );

    // Room again: the save goes through.
    fs::remove_file(&filler).expect("free the disk");
    s.save();
    let saved = s.export();
    assert_eq!(
        common::ids(&common::row(&saved, "channels", "instagram")["accountable"]),
        ["sam", "marketing"]
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn a_full_disk_at_the_start_still_locks_the_plan() {
    let Some((_dir, disk)) = mount::tiny_disk("64k", "a_full_disk_at_the_start") else {
        return;
    };
    fs::write(disk.path().join("plan.toml"), fixture()).expect("write the plan");
    mount::fill(disk.path(), "filler", 0);
    let Some(first) = Session::launch(&Launch {
        contents: None,
        work: Some(disk.path()),
        ..Launch::new("full-lock", "")
    }) else {
        return;
    };
    let screen = first.wait_started();
    assert!(
        !screen.contains("cannot lock"),
        "the lock needs no room on the disk:\n{screen}"
    );
    // The lock file could not say who holds it, but the lock holds.
    let second = first.second("second");
    let screen = second.wait_for_status("read-only: plan.toml is open in another steward");
    second.send(&["a"]);
    second.wait_until("the edit refused", |sc| {
        status_line(sc).contains("read-only: plan.toml is open in another steward")
            && !sc.contains("now accountable")
    });
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        1,
        "{screen}"
    );
}

// A file size limit.

/// How many bytes `ulimit -f blocks` lets a file hold in `sh` here (the unit differs
/// between shells), found by writing more than that under it.
fn size_limit(blocks: u32) -> usize {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let probe = dir.path().join("probe");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {blocks}; cat > \"$0\""))
        .arg(&probe)
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sh runs");
    let mut input = child.stdin.take().expect("sh's input");
    let _ = input.write_all(&vec![b'x'; 1 << 20]);
    drop(input);
    let _ = child.wait();
    let limit = fs::metadata(&probe).map_or(0, |m| m.len());
    assert!(limit > 0, "ulimit -f {blocks} lets a file grow at all");
    usize::try_from(limit).expect("a small size")
}

/// Saves the padded plan once under a file size limit: run by
/// `a_file_size_limit_refuses_the_save_…` in a process of its own.
#[test]
#[ignore = "a child process of a_file_size_limit_refuses_the_save; does nothing alone"]
fn size_limit_child() {
    let Some(path) = std::env::var_os(LIMIT_FILE) else {
        return;
    };
    let bigger = std::env::var("STEWARD_TEST_BIGGER").expect("how big to save");
    let bigger = padded(bigger.parse().expect("a number"));
    let (mut file, _) = PlanFile::open(Path::new(&path)).expect("open the plan");
    let err = file
        .save(&bigger)
        .expect_err("the file size limit refuses it");
    println!("{err}");
}

#[test]
fn a_file_size_limit_refuses_the_save_and_keeps_the_original() {
    let limit = size_limit(16);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    assert!(fixture().len() < limit, "the original fits under the limit");
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16; exec \"$0\" --exact size_limit_child --ignored --nocapture")
        .arg(std::env::current_exe().expect("the test program's path"))
        .env(LIMIT_FILE, &plan)
        .env("STEWARD_TEST_BIGGER", (4 * limit).to_string())
        .output()
        .expect("the child runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the child: {}\n{said}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("larger than this system allows")
            && said.contains("the file on disk is unchanged"),
        "the message says why:\n{said}"
    );
    assert_eq!(
        fs::read_to_string(&plan).expect("the plan"),
        fixture(),
        "the original is byte for byte as it was"
    );
    assert_eq!(
        names(dir.path()),
        ["plan.toml", "plan.toml.bak"],
        "no temporary file is left"
    );
}

#[test]
fn a_file_size_limit_in_the_matrix_says_so_and_keeps_the_edit_unsaved() {
    let limit = size_limit(16);
    // The plan just fits; with the edit (`accountable = ["sam", "marketing"]`) it does not.
    let pad = limit - 3 - fixture().len() - 2;
    let original = format!("{}#{}\n", fixture(), "x".repeat(pad));
    assert_eq!(original.len(), limit - 3);
    let Some(s) = Session::launch(&Launch {
        before: "trap '' XFSZ; ulimit -f 16;",
        ..Launch::new("efbig", &original)
    }) else {
        return;
    };
    s.wait_started();
    // Wide enough for "edits at risk" and the reason the save failed, both in full.
    s.resize(140, common::HEIGHT);
    s.send(&["a"]);
    s.wait_for_status("edits at risk: the file is larger than this system allows");
    s.send(&["C-s"]);
    let screen = s.wait_for_status("not saved");
    let status = status_line(&screen);
    assert!(
        status.contains("larger than this system allows") && status.contains(" ●"),
        "the status line gives the reason, and the plan is still unsaved:\n{screen}"
    );
    assert!(s.is_running(), "SIGXFSZ is ignored: steward lives on");
    assert_eq!(s.plan_text(), original, "the original is as it was");
    assert!(
        s.strays().iter().all(|n| !is_temp_file(n)),
        "no temporary file is left: {:?}",
        s.strays()
    );
}

// Read-only.

#[test]
fn a_read_only_file_system_refuses_the_save() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (rw, ro) = (dir.path().join("rw"), dir.path().join("ro"));
    fs::create_dir(&rw).expect("a folder");
    fs::create_dir(&ro).expect("a folder");
    fs::write(rw.join("plan.toml"), fixture()).expect("write the plan");
    let Some(mount) = mount::or_skip(
        mount::read_only_bind(&rw, &ro),
        "a_read_only_file_system_refuses_the_save",
    ) else {
        return;
    };
    let plan = mount.path().join("plan.toml");
    let (mut file, loaded) = PlanFile::open(&plan).expect("a read-only plan opens");
    let reason = file.read_only().expect("the file is seen to be read-only");
    assert!(reason.contains("read-only file system"), "{reason}");
    let edited = loaded
        .text
        .replace("Harbour Bakery e2e", "Harbour Bakery (edited)");
    let err = file.save(&edited).expect_err("nothing can be saved there");
    assert!(
        matches!(err, SaveError::ReadOnly(_)) && err.to_string().contains("read-only file system"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&plan).expect("the plan"), fixture());
    assert_eq!(names(&rw), ["plan.toml"], "nothing was written");

    // The same through the matrix.
    let Some(s) = Session::launch(&Launch {
        contents: None,
        work: Some(mount.path()),
        ..Launch::new("rofs", "")
    }) else {
        return;
    };
    s.wait_started();
    // steward says at once that nothing can be saved.
    s.wait_for_status("read-only file system");
    // Wide enough for "edits at risk" and the reason the save failed, both in full.
    s.resize(140, common::HEIGHT);
    // The title's tabs move to the new right edge once steward has drawn at that size.
    s.wait_until("the screen redrawn 140 wide", |sc| {
        sc.lines().next().is_some_and(|l| l.chars().count() > 120)
    });
    s.send(&["a"]);
    s.wait_for_status("edits at risk: the file system is read-only");
    s.send(&["C-s"]);
    let screen = s.wait_for_status("not saved");
    assert!(
        status_line(&screen).contains("read-only file system") && common::unsaved(&screen),
        "the reason, and the plan still unsaved:\n{screen}"
    );
    assert_eq!(
        matrix_line(&screen, "Instagram").matches('A').count(),
        2,
        "the edit is still on screen:\n{screen}"
    );
    assert_eq!(fs::read_to_string(&plan).expect("the plan"), fixture());
    assert_eq!(names(&rw), ["plan.toml"], "nothing was written");
}

#[test]
fn a_read_only_file_refuses_the_save_even_for_the_superuser() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o444)).expect("chmod 444");
    let (mut file, loaded) = PlanFile::open(&plan).expect("open the plan");
    let edited = loaded
        .text
        .replace("Harbour Bakery e2e", "Harbour Bakery (edited)");
    let err = file
        .save(&edited)
        .expect_err("a read-only file is not written");
    assert!(
        matches!(err, SaveError::ReadOnly(_)) && err.to_string().contains("mode 0444"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&plan).expect("the plan"), fixture());
    assert_eq!(names(dir.path()), ["plan.toml"], "nothing was written");
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o644)).expect("chmod 644");
    file.save(&edited).expect("writable again: saved");
    assert_eq!(fs::read_to_string(&plan).expect("the plan"), edited);
}

#[test]
fn a_read_only_file_in_the_matrix_keeps_the_edits_in_the_recovery_file() {
    let Some(s) = Session::start("ro444") else {
        return;
    };
    fs::set_permissions(&s.plan, fs::Permissions::from_mode(0o444)).expect("chmod 444");
    // steward was started before the chmod: it learns of it when saving.
    s.wait_started();
    s.send(&["a"]);
    s.wait_for_status("Marketing is now accountable");
    s.send(&["C-s"]);
    let screen = s.wait_for_status("not saved");
    assert!(
        status_line(&screen).contains("read-only") && common::unsaved(&screen),
        "the reason, and the plan still unsaved:\n{screen}"
    );
    assert_eq!(s.plan_text(), fixture(), "the file is as it was");
    // The recovery file counts the edit.
    let recovery = s.recovery(1);
    let plan = store::parse(&recovery.text).expect("the recovery file holds a plan");
    assert_eq!(
        plan.row("instagram")
            .expect("instagram")
            .holders(Role::Accountable),
        ["sam", "marketing"],
        "the recovery file holds the edit"
    );

    // Made writable, the same steward saves.
    fs::set_permissions(&s.plan, fs::Permissions::from_mode(0o644)).expect("chmod 644");
    s.save();
    assert_eq!(
        s.plan_text(),
        recovery.text,
        "what was kept is what was saved"
    );
    s.send(&["q"]);
    s.expect_clean_exit();
    assert!(
        !s.sidecar(".recovery").exists(),
        "a clean quit removes the recovery file"
    );
}
