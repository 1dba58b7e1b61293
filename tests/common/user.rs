//! Ordinary users and groups made for one test, and removed again when dropped, also when
//! the test fails: steward must behave for a user who is not the superuser, and against
//! one who plants links in a folder everybody can write to.
//!
//! Making a user needs the superuser and `useradd` (Debian's `passwd`); running as one
//! needs `setpriv` (`util-linux`). Where that is impossible the test says `SKIPPED: …`
//! and passes, unless `STEWARD_REQUIRE_MOUNTS=1` is set (CI sets it): then it fails.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A user of its own, with a group of the same name as its primary group.
pub struct User {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
}

/// A group of its own.
pub struct Group {
    pub name: String,
    pub gid: u32,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A name no other test of any test program running now uses (at most 32 bytes).
fn fresh_name(kind: &str) -> String {
    format!(
        "st{kind}{}x{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Runs a command that edits the user database, again while another one holds its lock
/// (tests run side by side).
fn run(program: &str, args: &[&str]) -> Result<(), String> {
    let mut last = String::new();
    for _ in 0..100 {
        let out = Command::new(program)
            .args(args)
            .output()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        last = String::from_utf8_lossy(&out.stderr).trim().to_string();
        // 10: useradd could not lock the user database; others say "lock". 8: userdel
        // found a process of the user still running (a steward a test just ended).
        if !matches!(out.status.code(), Some(8 | 10)) && !last.contains("lock") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{program} {} failed: {last}", args.join(" ")))
}

fn id(flag: &str, name: &str) -> Result<u32, String> {
    let out = Command::new("id")
        .args([flag, name])
        .output()
        .map_err(|e| format!("cannot run id: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| format!("id {flag} {name} gave no number"))
}

impl Group {
    /// Makes a new group.
    ///
    /// # Errors
    /// Why it could not be made.
    pub fn create() -> Result<Group, String> {
        let name = fresh_name("g");
        run("groupadd", &[&name])?;
        let mut group = Group {
            gid: 0,
            name: name.clone(),
        };
        let line = std::fs::read_to_string("/etc/group").unwrap_or_default();
        let gid = line
            .lines()
            .find_map(|l| {
                let mut f = l.split(':');
                (f.next() == Some(&name)).then(|| f.nth(1).and_then(|g| g.parse().ok()))?
            })
            .ok_or_else(|| format!("group {name} was made but is not in /etc/group"))?;
        group.gid = gid;
        Ok(group)
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        let _ = run("groupdel", &[&self.name]);
    }
}

impl User {
    /// Makes a new user, without a home, also in the groups `groups`.
    ///
    /// # Errors
    /// Why it could not be made, or `setpriv` is missing.
    pub fn create(groups: &[&Group]) -> Result<User, String> {
        if Command::new("setpriv").arg("--version").output().is_err() {
            return Err("setpriv (util-linux) is not installed".into());
        }
        let name = fresh_name("u");
        let list: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        let mut args = vec!["-M", "-U", "-s", "/bin/sh"];
        let joined = list.join(",");
        if !list.is_empty() {
            args.extend(["-G", &joined]);
        }
        args.push(&name);
        run("useradd", &args)?;
        let mut user = User {
            name: name.clone(),
            uid: 0,
            gid: 0,
        };
        user.uid = id("-u", &name)?;
        user.gid = id("-g", &name)?;
        Ok(user)
    }

    /// The words that run a command as this user, with all of their groups: put them
    /// before the command.
    pub fn run_as(&self) -> String {
        format!(
            "setpriv --reuid={} --regid={} --init-groups",
            self.uid, self.gid
        )
    }

    /// A `Command` that runs `program` as this user.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new("setpriv");
        c.arg(format!("--reuid={}", self.uid))
            .arg(format!("--regid={}", self.gid))
            .arg("--init-groups")
            .arg(program);
        c
    }

    /// Gives `path` (not following a link) to this user.
    pub fn own(&self, path: &Path) {
        std::os::unix::fs::lchown(path, Some(self.uid), Some(self.gid))
            .unwrap_or_else(|e| panic!("chown {} to {}: {e}", path.display(), self.name));
    }
}

impl Drop for User {
    fn drop(&mut self) {
        // Its processes are gone by now; its files go with the test's folder.
        let _ = run("userdel", &[&self.name]);
        let _ = run("groupdel", &[&self.name]);
    }
}

/// The user or group, or `None` after saying why the test is skipped; fails instead when
/// `STEWARD_REQUIRE_MOUNTS=1`.
pub fn or_skip<T>(made: Result<T, String>, test: &str) -> Option<T> {
    match made {
        Ok(made) => Some(made),
        Err(reason) => {
            let required = std::env::var("STEWARD_REQUIRE_MOUNTS").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{test}: STEWARD_REQUIRE_MOUNTS=1 but no user can be made here: {reason}"
            );
            eprintln!("SKIPPED: {test} needs to make a user (as root), and cannot: {reason}");
            None
        }
    }
}
