//! The files beside the plan, and every file steward writes, as safe as the plan itself:
//! links planted in a folder everybody can write to redirect nothing; a save keeps the
//! file's owner and group; `-o` onto a device, a FIFO or a link writes to it as a stream
//! or through the link; a hard-linked plan stays one file with one writer; long names,
//! the size cap, and what a recovery file is restored onto.
//!
//! They run the real binary on a real file system, as root and as ordinary users the
//! tests make (see `common::user`).

#[allow(
    dead_code,
    reason = "each test file uses its own part of the shared helpers; `expect` cannot say that, as what is unused differs from file to file"
)]
mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::mount;
use common::user::{self, Group, User};
use common::{Launch, Session, fixture, matrix_line, status_line};
use steward::store::{self, PlanFile};

fn steward() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_steward"));
    c.env_remove("STEWARD_TODAY").env_remove("NO_COLOR");
    c
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .unwrap_or_else(|e| panic!("chmod {mode:o} {}: {e}", path.display()));
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o7777
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A folder for the test that other users may enter (a temporary folder is private).
fn open_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    chmod(dir.path(), 0o755);
    dir
}

/// Marketing made accountable for Instagram (the cursor starts on that cell); waits
/// until the matrix shows it.
fn edit_one(s: &Session) {
    s.send(&["a"]);
    s.wait_until("Marketing accountable for Instagram", |sc| {
        matrix_line(sc, "Instagram").matches('A').count() == 2
    });
}

// Links planted in a folder everybody can write to.

const PRECIOUS: &str = "precious: a shell start-up file, say\n";

/// A 1777 folder owned by `attacker`, holding the victim's plan and, planted by the
/// attacker, a link in the place of every file steward writes beside it, each to a file
/// of the victim's.
struct Planted {
    _dir: tempfile::TempDir,
    shared: PathBuf,
    /// (the link, the victim's file it points to)
    links: Vec<(PathBuf, PathBuf)>,
}

fn plant(attacker: &User, victim: Option<&User>) -> Planted {
    let dir = open_folder();
    let shared = dir.path().join("shared");
    let home = dir.path().join("home");
    fs::create_dir(&shared).expect("mkdir");
    fs::create_dir(&home).expect("mkdir");
    chmod(&shared, 0o1777);
    attacker.own(&shared);
    let plan = shared.join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    if let Some(v) = victim {
        v.own(&home);
        v.own(&plan);
    }
    let mut links = Vec::new();
    for name in [
        "plan.toml.lock",
        "plan.toml.recovery",
        "plan.toml.bak",
        "plan.html",
    ] {
        let target = home.join(format!("{name}.target"));
        fs::write(&target, PRECIOUS).expect("write the victim's file");
        if let Some(v) = victim {
            v.own(&target);
        }
        let link = shared.join(name);
        std::os::unix::fs::symlink(&target, &link).expect("plant a link");
        attacker.own(&link);
        links.push((link, target));
    }
    Planted {
        _dir: dir,
        shared,
        links,
    }
}

/// steward opened, edited, saved and printed the handout of a plan among planted links:
/// every link is still a link, every file it points to is untouched, and the status line
/// said why the handout was not written.
fn planted_links_redirect_nothing(test: &str, as_user: bool) {
    let Some(attacker) = user::or_skip(User::create(&[]), test) else {
        return;
    };
    let victim = if as_user {
        let Some(v) = user::or_skip(User::create(&[]), test) else {
            return;
        };
        Some(v)
    } else {
        None
    };
    let planted = plant(&attacker, victim.as_ref());
    let before = victim.as_ref().map(User::run_as).unwrap_or_default();
    let Some(s) = Session::launch(&Launch {
        contents: None,
        work: Some(&planted.shared),
        before: &before,
        ..Launch::new(test, "")
    }) else {
        return;
    };
    let screen = s.wait_started();
    assert!(
        status_line(&screen).contains("symbolic link"),
        "the status line says a link is in the way:\n{screen}"
    );
    edit_one(&s);
    std::thread::sleep(Duration::from_millis(300));
    s.send(&["C-s"]);
    s.wait_until("the save answered", |sc| status_line(sc).contains("saved"));
    s.send(&["p"]);
    let screen = s.wait_until("the handout answered", |sc| {
        status_line(sc).contains("handout")
    });
    assert!(
        status_line(&screen).contains("no handout") && status_line(&screen).contains("link"),
        "the handout is refused, and the status line says it is because of a link:\n{screen}"
    );
    for (link, target) in &planted.links {
        assert!(
            is_link(link),
            "{} is still the planted link",
            link.display()
        );
        assert_eq!(
            fs::read_to_string(target).expect("the victim's file"),
            PRECIOUS,
            "{} was written through the link {}",
            target.display(),
            link.display()
        );
    }
    assert_eq!(
        fs::read_to_string(planted.shared.join("plan.toml")).expect("the plan"),
        fixture(),
        "with no backup possible, the plan is not saved"
    );
    s.send(&["q", "n"]);
    s.expect_clean_exit();
    for (link, target) in &planted.links {
        assert!(is_link(link), "{} is left as it was", link.display());
        assert_eq!(fs::read_to_string(target).expect("read"), PRECIOUS);
    }
}

#[test]
fn planted_links_redirect_nothing_as_root() {
    planted_links_redirect_nothing("planted-root", false);
}

#[test]
fn planted_links_redirect_nothing_as_an_ordinary_user() {
    planted_links_redirect_nothing("planted-user", true);
}

// Owner and group.

/// steward run as `user` on the plan in `work`, one edit made and saved; `None` when the
/// test cannot run here (no tmux).
fn edit_and_save_as(user: &User, work: &Path, name: &str) -> Option<Session> {
    let before = user.run_as();
    let s = Session::launch(&Launch {
        contents: None,
        work: Some(work),
        before: &before,
        ..Launch::new(name, "")
    })?;
    s.wait_started();
    edit_one(&s);
    s.save();
    Some(s)
}

#[test]
fn a_plan_in_a_folder_the_user_cannot_write_says_so_before_and_on_saving() {
    let test = "read-only-folder";
    let Some(user) = user::or_skip(User::create(&[]), test) else {
        return;
    };
    let dir = open_folder();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    // The plan may be written; its folder (root's, 0755) takes no new file.
    chmod(&plan, 0o666);
    let before = user.run_as();
    let Some(s) = Session::launch(&Launch {
        contents: None,
        work: Some(dir.path()),
        before: &before,
        ..Launch::new(test, "")
    }) else {
        return;
    };
    // The message log (m) holds every message whole.
    let messages = |at: &str, said: &[&str]| {
        s.wait_for_status(at);
        s.send(&["m"]);
        let screen = s.wait_for("Messages");
        for words in said {
            assert!(screen.contains(words), "{words:?} in:\n{screen}");
        }
        s.send(&["Escape"]);
    };
    messages(
        "plan.toml cannot be saved: its folder",
        &[
            "cannot lock plan.toml (its folder is read-only",
            "plan.toml cannot be saved: its folder is read-only for this user",
        ],
    );
    edit_one(&s);
    s.wait_for_status("edits at risk");
    s.send(&["C-s"]);
    messages(
        "not saved",
        &[
            "not saved: plan.toml cannot be saved: its folder is read-only",
            "no recovery file (nor can the plan be saved)",
        ],
    );
    assert_eq!(s.plan_text(), fixture(), "nothing written");
    s.send(&["q", "n"]);
    s.expect_clean_exit();
}

#[test]
fn root_saving_a_users_private_plan_leaves_it_theirs() {
    let Some(owner) = user::or_skip(User::create(&[]), "root_saving_a_users_plan") else {
        return;
    };
    let dir = open_folder();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    owner.own(&plan);
    chmod(&plan, 0o600);
    let (mut file, loaded) = PlanFile::open(&plan).expect("open");
    file.save(&loaded.text.replace("Harbour Bakery", "Harbour Bakery & Co"))
        .expect("save");
    let meta = fs::metadata(&plan).expect("the plan");
    assert_eq!(
        (meta.uid(), meta.gid(), mode(&plan)),
        (owner.uid, owner.gid, 0o600),
        "the plan keeps its owner, group and mode"
    );
    let bak = fs::metadata(dir.path().join("plan.toml.bak")).expect("the backup");
    assert_eq!(
        (bak.uid(), bak.gid(), bak.permissions().mode() & 0o777),
        (owner.uid, owner.gid, 0o600),
        "the backup is the owner's too, and as private"
    );
}

#[test]
fn a_user_saving_a_plan_of_a_shared_group_keeps_the_group() {
    let test = "a_user_saving_a_shared_plan";
    let Some(shared) = user::or_skip(Group::create(), test) else {
        return;
    };
    let Some(me) = user::or_skip(User::create(&[&shared]), test) else {
        return;
    };
    let dir = open_folder();
    let work = dir.path().join("work");
    fs::create_dir(&work).expect("mkdir");
    me.own(&work);
    let plan = work.join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    std::os::unix::fs::chown(&plan, Some(me.uid), Some(shared.gid)).expect("chown");
    chmod(&plan, 0o640);
    let Some(s) = edit_and_save_as(&me, &work, "shared-group") else {
        return;
    };
    let meta = fs::metadata(&plan).expect("the plan");
    assert_eq!(
        (meta.uid(), meta.gid(), mode(&plan)),
        (me.uid, shared.gid, 0o640),
        "the plan stays in the shared group (not the user's own, {}), mode 0640",
        me.gid
    );
    let bak = work.join("plan.toml.bak");
    let meta = fs::metadata(&bak).expect("the backup");
    assert!(
        meta.gid() == shared.gid && mode(&bak) & !0o640 == 0,
        "the backup is in the same group and no more readable: gid {} mode {:o}",
        meta.gid(),
        mode(&bak)
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn a_user_saving_a_colleagues_plan_keeps_its_owner() {
    let test = "a_user_saving_a_colleagues_plan";
    let Some(shared) = user::or_skip(Group::create(), test) else {
        return;
    };
    let Some(me) = user::or_skip(User::create(&[&shared]), test) else {
        return;
    };
    let Some(colleague) = user::or_skip(User::create(&[&shared]), test) else {
        return;
    };
    let dir = open_folder();
    let work = dir.path().join("work");
    fs::create_dir(&work).expect("mkdir");
    std::os::unix::fs::chown(&work, Some(colleague.uid), Some(shared.gid)).expect("chown");
    chmod(&work, 0o2775);
    let plan = work.join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    std::os::unix::fs::chown(&plan, Some(colleague.uid), Some(shared.gid)).expect("chown");
    chmod(&plan, 0o660);
    let Some(s) = edit_and_save_as(&me, &work, "colleague") else {
        return;
    };
    let meta = fs::metadata(&plan).expect("the plan");
    assert_eq!(
        (meta.uid(), meta.gid(), mode(&plan)),
        (colleague.uid, shared.gid, 0o660),
        "the plan is still the colleague's"
    );
    assert!(
        s.plan_text().contains("\"marketing\""),
        "and holds the edit:\n{}",
        s.plan_text()
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

// Modes of new files.

#[test]
fn exports_and_the_handout_follow_the_umask_and_never_pass_the_plan() {
    let dir = open_folder();
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write the plan");
    let out = dir.path().join("matrix.csv");
    let status = Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" export \"$1\" --format csv -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_steward"))
        .arg(&plan)
        .arg(&out)
        .status()
        .expect("runs");
    assert!(status.success());
    assert_eq!(mode(&out), 0o644, "a new export gets what the umask gives");

    let loaded = store::load(&plan).expect("load");
    let today = common::today::today();
    let problems = steward::model::rules::check(&loaded.plan, today);
    for (plan_mode, handout_mode) in [(0o644, 0o644), (0o640, 0o640), (0o600, 0o600)] {
        chmod(&plan, plan_mode);
        let _ = fs::remove_file(dir.path().join("plan.html"));
        let written = steward::tui::write_handout(&plan, &loaded.plan, &problems, today, None)
            .expect("the handout");
        assert_eq!(
            mode(&written),
            handout_mode,
            "beside a {plan_mode:o} plan (umask 022)"
        );
    }
}

// -o onto what is not a regular file.

fn export_to(plan: &Path, out: &Path) -> std::process::Output {
    steward()
        .arg("export")
        .arg(plan)
        .args(["--format", "csv", "-o"])
        .arg(out)
        .output()
        .expect("runs")
}

#[test]
fn export_o_onto_a_fifo_writes_into_it() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap_or_default())
    };
    let out = export_to(&plan, &fifo);
    assert!(out.status.success(), "{out:?}");
    let kind = fs::symlink_metadata(&fifo)
        .expect("still there")
        .file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind),
        "the FIFO is still a FIFO, not replaced by a file"
    );
    let start = Instant::now();
    while !reader.is_finished() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "nothing was written into the FIFO"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let read = reader.join().expect("the reader");
    assert!(read.starts_with("Channel or duty,"), "{read:?}");
}

#[test]
fn export_o_onto_a_link_to_a_device_keeps_both() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    // A device of the test's own: the null device (1, 3).
    let device = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .output()
        .expect("mknod");
    if !made.status.success() {
        let _ = mount::or_skip(
            Err(format!(
                "mknod failed: {}",
                String::from_utf8_lossy(&made.stderr)
            )),
            "export_o_onto_a_link_to_a_device",
        );
        return;
    }
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink(&device, &link).expect("link");
    let out = export_to(&plan, &link);
    assert!(out.status.success(), "{out:?}");
    assert!(is_link(&link), "the link stays a link");
    let kind = fs::symlink_metadata(&device).expect("device").file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_char_device(&kind),
        "the device stays a device"
    );
    let out = export_to(&plan, &device);
    assert!(out.status.success(), "{out:?}");
    let kind = fs::symlink_metadata(&device).expect("device").file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_char_device(&kind));
}

#[test]
fn export_o_through_a_dangling_link_makes_its_target() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    let link = dir.path().join("out.csv");
    let target = dir.path().join("later.csv");
    std::os::unix::fs::symlink("later.csv", &link).expect("link");
    let out = export_to(&plan, &link);
    assert!(out.status.success(), "{out:?}");
    assert!(is_link(&link), "the link stays a link");
    assert!(
        fs::read_to_string(&target)
            .expect("the target is made")
            .starts_with("Channel or duty,")
    );
}

#[test]
fn export_o_through_a_link_to_a_file_writes_the_file_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    let target = dir.path().join("real.csv");
    fs::write(&target, "old\n").expect("the old export");
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink("real.csv", &link).expect("link");
    let out = export_to(&plan, &link);
    assert!(out.status.success(), "{out:?}");
    assert!(is_link(&link), "the link stays a link");
    assert!(
        fs::read_to_string(&target)
            .expect("the file it points to")
            .starts_with("Channel or duty,"),
        "the file the link points to holds the export"
    );
}

#[test]
fn export_o_dev_stdout_writes_to_standard_output() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    // In a mount namespace of its own, over a /dev of its own: a steward that replaced
    // /dev/stdout would replace only this one.
    let script = "mount -t tmpfs tmpfs /dev && ln -s /proc/self/fd/1 /dev/stdout && \
                  \"$0\" export \"$1\" --format csv -o /dev/stdout && \
                  if [ -L /dev/stdout ]; then echo STILL-A-LINK; fi";
    let out = Command::new("unshare")
        .args(["--mount", "sh", "-c", script])
        .arg(env!("CARGO_BIN_EXE_steward"))
        .arg(&plan)
        .stdout(Stdio::piped())
        .output();
    let out = match out {
        Ok(out) if !String::from_utf8_lossy(&out.stderr).contains("unshare failed") => out,
        other => {
            let _ = mount::or_skip(
                Err(format!("cannot make a mount namespace: {other:?}")),
                "export_o_dev_stdout",
            );
            return;
        }
    };
    assert!(out.status.success(), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("Channel or duty,"), "{out:?}");
    assert!(
        stdout.trim_end().ends_with("STILL-A-LINK"),
        "/dev/stdout is a link still: {out:?}"
    );
}

#[test]
fn import_o_onto_a_fifo_writes_into_it_and_never_over_a_file() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = dir.path().join("raci.csv");
    fs::write(&csv, "Channel,Sam\nBlog,A\n").expect("write");
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap_or_default())
    };
    let out = steward()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&fifo)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let read = reader.join().expect("the reader");
    assert!(read.contains("[channels.blog]"), "{read:?}");
    let existing = dir.path().join("plan.toml");
    fs::write(&existing, "mine\n").expect("write");
    let out = steward()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&existing)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&existing).expect("read"), "mine\n");
}

// What a killed export leaves behind.

#[test]
fn an_export_sweeps_what_a_killed_export_left() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    let stale = dir.path().join(".matrix.csv.a1b2c3.steward-tmp");
    fs::write(&stale, "half an export").expect("write");
    let out = export_to(&plan, &dir.path().join("matrix.csv"));
    assert!(out.status.success(), "{out:?}");
    assert!(
        !stale.exists(),
        "the killed export's temporary file is swept"
    );
}

// One file, many names.

#[test]
fn a_hard_linked_plan_has_one_writer_and_stays_one_file() {
    let Some(first) = Session::start("hardlink") else {
        return;
    };
    let other = first.work.join("other.toml");
    fs::hard_link(&first.plan, &other).expect("a second name");
    first.wait_started();
    let second = Session::launch(&Launch {
        contents: None,
        work: Some(&first.work),
        args: "other.toml",
        ..Launch::new("hardlink-2", "")
    })
    .expect("tmux");
    let screen = second.wait_until("the second steward started", |sc| {
        sc.contains("Channel / duty")
    });
    assert!(
        status_line(&screen).contains("read-only"),
        "the same file under another name is open in the first steward:\n{screen}"
    );
    edit_one(&first);
    first.send(&["C-s"]);
    first.wait_for_status("saved plan.toml");
    let (a, b) = (
        fs::metadata(&first.plan).expect("plan"),
        fs::metadata(&other).expect("other"),
    );
    assert_eq!(
        (a.ino(), a.nlink()),
        (b.ino(), 2),
        "both names are still one file"
    );
    assert_eq!(
        fs::read_to_string(&other).expect("other"),
        first.plan_text(),
        "the other name holds the saved plan"
    );
    drop(second);
    first.send(&["q"]);
    first.expect_clean_exit();
}

// The size cap, both ways.

#[test]
fn a_save_never_writes_a_plan_steward_would_refuse_to_read() {
    let dir = tempfile::tempdir().expect("dir");
    let plan = dir.path().join("plan.toml");
    fs::write(&plan, fixture()).expect("write");
    let (mut file, loaded) = PlanFile::open(&plan).expect("open");
    let pad = "# padding\n".repeat(usize::try_from(store::MAX_PLAN_BYTES).expect("fits") / 10);
    let err = file
        .save(&format!("{}{pad}", loaded.text))
        .expect_err("over the cap");
    assert!(err.to_string().contains("bytes"), "{err}");
    assert_eq!(fs::read_to_string(&plan).expect("read"), fixture());
    assert!(store::load(&plan).is_ok());
}

// Long names.

#[test]
fn long_plan_names_get_recovery_files_and_saves() {
    for len in [230, 245, 255] {
        let name = format!("{}.toml", "p".repeat(len - 5));
        let dir = tempfile::tempdir().expect("dir");
        let plan = dir.path().join(&name);
        fs::write(&plan, fixture()).expect("write the plan");
        let Some(s) = Session::launch(&Launch {
            args: &name,
            contents: None,
            work: Some(dir.path()),
            ..Launch::new(&format!("long-{len}"), "")
        }) else {
            return;
        };
        let screen = s.wait_started();
        assert!(
            !status_line(&screen).contains("cannot lock"),
            "{len}: {screen}"
        );
        edit_one(&s);
        let start = Instant::now();
        let recovery = loop {
            let found: Vec<String> = fs::read_dir(&s.work)
                .expect("ls")
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".recovery"))
                .collect();
            if let [one] = found.as_slice() {
                break one.clone();
            }
            assert!(
                start.elapsed() < common::TIMEOUT,
                "{len}: no recovery file; the screen:\n{}",
                s.screen()
            );
            std::thread::sleep(common::POLL);
        };
        assert!(recovery.len() <= 255, "{len}: {recovery}");
        s.send(&["C-s"]);
        let screen = s.wait_until("the save answered", |sc| status_line(sc).contains("saved"));
        assert!(
            !status_line(&screen).contains("not saved"),
            "{len}: the save goes through:\n{screen}"
        );
        assert!(
            fs::read_to_string(&plan)
                .expect("read")
                .contains("\"marketing\"")
        );
        s.send(&["q"]);
        s.expect_clean_exit();
    }
}

// A recovery file and the plan it belongs to.

/// Two edits, then SIGKILL.
fn edit_and_kill(s: &Session) {
    s.wait_started();
    edit_one(s);
    s.recovery(1);
    s.signal("KILL");
    s.wait_exit();
}

#[test]
fn restoring_onto_a_plan_changed_since_asks_and_keeps_both() {
    let Some(s) = Session::start("restore-changed") else {
        return;
    };
    edit_and_kill(&s);
    let theirs = fixture().replace("Harbour Bakery e2e", "Harbour Bakery theirs");
    fs::write(&s.plan, &theirs).expect("a colleague's change");
    s.restart();
    s.wait_for("Unsaved edits found");
    s.send(&["y"]);
    s.wait_for("Changed on disk");
    // Keep mine: theirs goes beside the plan.
    s.send(&["y"]);
    s.wait_for_status("kept your version");
    assert_eq!(
        fs::read_to_string(s.sidecar(".theirs")).expect("theirs is kept"),
        theirs
    );
    s.send(&["C-s"]);
    s.wait_for_status("saved plan.toml");
    assert!(s.plan_text().contains("Harbour Bakery e2e"));
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn restoring_onto_the_same_plan_asks_nothing_more() {
    let Some(s) = Session::start("restore-same") else {
        return;
    };
    edit_and_kill(&s);
    s.restart();
    s.wait_for("Unsaved edits found");
    s.send(&["y"]);
    s.wait_for_status("restored 1 unsaved edit");
    std::thread::sleep(Duration::from_millis(800));
    assert!(!s.screen().contains("Changed on disk"), "{}", s.screen());
}

#[test]
fn a_recovery_file_that_cannot_be_restored_is_kept() {
    let Some(s) = Session::start("unrestorable") else {
        return;
    };
    s.wait_started();
    s.send(&["q"]);
    s.expect_clean_exit();
    let recovery = steward::store::recovery::Recovery::now(
        Path::new("plan.toml"),
        2,
        "[plan]\nname = \"half".into(),
    );
    let json = serde_json::to_string(&recovery).expect("json");
    fs::write(s.sidecar(".recovery"), &json).expect("write");
    let stale = s.work.join(".plan.html.a1b2c3.steward-tmp");
    fs::write(&stale, "half a handout").expect("write");
    s.restart();
    s.wait_for("Unsaved edits found");
    assert!(
        !stale.exists(),
        "a killed handout's temporary file is swept"
    );
    s.send(&["y"]);
    s.wait_for_status("cannot restore");
    s.send(&["q"]);
    s.expect_clean_exit();
    let kept: Vec<String> = fs::read_dir(&s.work)
        .expect("ls")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("plan.toml.recovery"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let text = fs::read_to_string(s.work.join(&kept[0])).expect("read");
    assert_eq!(text, json, "kept byte for byte");
}

#[test]
fn a_plan_that_is_missing_or_broken_says_a_recovery_file_is_waiting() {
    let Some(s) = Session::start("waiting") else {
        return;
    };
    edit_and_kill(&s);
    for broken in [Some("[plan\n"), None] {
        match broken {
            Some(text) => fs::write(&s.plan, text).expect("break it"),
            None => fs::remove_file(&s.plan).expect("remove it"),
        }
        s.restart();
        let screen = s.wait_until("steward refuses the plan", |sc| {
            sc.contains("plan.toml.recovery")
        });
        assert!(
            screen.contains("1 unsaved edit"),
            "{broken:?}: the message says what is waiting:\n{screen}"
        );
        s.wait_exit();
    }
    assert!(s.sidecar(".recovery").exists());
    // The way back the message gives for a plan that is gone: a new one in its place.
    let screen = s.screen();
    assert!(
        screen.contains("steward init plan.toml --template blank"),
        "{screen}"
    );
    let init = steward()
        .args(["init", "plan.toml", "--template", "blank"])
        .current_dir(&s.work)
        .output()
        .expect("init");
    assert!(init.status.success(), "{init:?}");
    s.restart();
    s.wait_for("Unsaved edits found");
    s.send(&["y"]);
    s.wait_for("Changed on disk");
    s.send(&["y"]);
    s.wait_for_status("kept your version");
    s.save();
    assert!(
        s.plan_text().contains("Harbour Bakery"),
        "the edits are back in the plan:\n{}",
        s.plan_text()
    );
}

// A recovery write that fails.

/// CPU time a process has used so far, in clock ticks (user and system).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // After the command's name in parentheses: state is field 3, utime 14, stime 15.
    let rest = &stat[stat.rfind(')').expect("the name") + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime")
}

/// An edit whose recovery write fails, then undone: what the file holds is the plan as
/// it is again, so nothing is at risk, and steward says so and goes back to sleep
/// instead of trying again and again.
#[test]
fn undoing_the_edit_a_failed_recovery_write_was_for_puts_nothing_at_risk() {
    let Some((_dir, disk)) = mount::tiny_disk("64k", "undoing_a_failed_write") else {
        return;
    };
    let Some(s) = Session::launch(&Launch {
        work: Some(disk.path()),
        ..Launch::new("retry-undo", &fixture())
    }) else {
        return;
    };
    s.wait_started();
    let _filler = mount::fill(disk.path(), "filler", 0);
    s.send(&["a"]);
    s.wait_for_status("the disk is full");
    s.send(&["u"]);
    s.wait_for_status("no edit is at risk any more");
    let pid = s.pid();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(2));
    let used = cpu_ticks(pid) - before;
    assert!(
        used < 50,
        "steward sleeps once nothing is at risk: {used} ticks of CPU in two idle seconds"
    );
    s.send(&["q"]);
    s.expect_clean_exit();
}

#[test]
fn a_failed_recovery_write_is_tried_again_and_said_until_it_works() {
    let Some((_dir, disk)) = mount::tiny_disk("64k", "a_failed_recovery_write") else {
        return;
    };
    let Some(s) = Session::launch(&Launch {
        work: Some(disk.path()),
        ..Launch::new("retry", &fixture())
    }) else {
        return;
    };
    s.wait_started();
    let filler = mount::fill(disk.path(), "filler", 0);
    s.send(&["a"]);
    s.wait_for_status("the disk is full");
    // Two more edits: the status line still says the edits are at risk.
    s.send(&["j", "r"]);
    let screen = s.wait_until("Marketing responsible for the Facebook page", |sc| {
        matrix_line(sc, "Facebook page").matches('R').count() == 2
    });
    assert!(
        status_line(&screen).contains("at risk"),
        "after the second edit:\n{screen}"
    );
    s.send(&["j"]);
    std::thread::sleep(Duration::from_millis(300));
    let screen = s.screen();
    assert!(
        status_line(&screen).contains("at risk"),
        "after a move:\n{screen}"
    );
    // Room again: the recovery file is written without another edit.
    fs::remove_file(&filler).expect("free the disk");
    let recovery = s.recovery(2);
    assert!(recovery.text.contains("\"marketing\""));
    s.wait_until("the warning gone", |sc| {
        !status_line(sc).contains("at risk")
    });
    s.signal("KILL");
    s.wait_exit();
    s.restart();
    let screen = s.wait_for("Unsaved edits found");
    assert!(screen.contains("2 edits"), "{screen}");
}
