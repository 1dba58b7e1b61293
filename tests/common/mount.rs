//! File systems mounted for one test: a tiny tmpfs (a disk that fills up) and a read-only
//! bind mount. Each is unmounted when its guard is dropped, also when the test fails.
//!
//! Mounting needs the superuser. Where it is impossible the test says `SKIPPED: …` and
//! passes, unless `STEWARD_REQUIRE_MOUNTS=1` is set (CI sets it): then it fails.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A mounted file system; dropping it unmounts it.
pub struct Mount {
    at: PathBuf,
}

impl Mount {
    /// Where it is mounted.
    pub fn path(&self) -> &Path {
        &self.at
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.at)
            .output()
            .is_ok_and(|o| o.status.success());
        if !ok {
            // Still busy (a process not yet gone): detach it now, it goes when free.
            let _ = Command::new("umount").arg("-l").arg(&self.at).output();
        }
    }
}

fn run(args: &[&str], at: &Path) -> Result<(), String> {
    let out = Command::new("mount")
        .args(args)
        .arg(at)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "mount {} {} failed: {}",
            args.join(" "),
            at.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// A folder of its own with a tmpfs of `size` on it; `None` when the test is skipped.
pub fn tiny_disk(size: &str, test: &str) -> Option<(tempfile::TempDir, Mount)> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let at = dir.path().join("disk");
    fs::create_dir(&at).expect("the mount point");
    let disk = or_skip(tmpfs(&at, size), test)?;
    Some((dir, disk))
}

/// A tmpfs of `size` (`64k`) mounted at `at` (an empty folder).
///
/// # Errors
/// Why it could not be mounted.
pub fn tmpfs(at: &Path, size: &str) -> Result<Mount, String> {
    run(&["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"], at)?;
    Ok(Mount {
        at: at.to_path_buf(),
    })
}

/// The folder `from` seen read-only at `at`.
///
/// # Errors
/// Why it could not be mounted.
pub fn read_only_bind(from: &Path, at: &Path) -> Result<Mount, String> {
    run(&["--bind", &from.display().to_string()], at)?;
    let mount = Mount {
        at: at.to_path_buf(),
    };
    // Dropped on failure: unmounted again.
    run(&["-o", "remount,bind,ro"], at)?;
    Ok(mount)
}

/// The mount, or `None` after saying why the test is skipped; fails instead when
/// `STEWARD_REQUIRE_MOUNTS=1`.
pub fn or_skip(mount: Result<Mount, String>, test: &str) -> Option<Mount> {
    match mount {
        Ok(m) => Some(m),
        Err(reason) => {
            let required = std::env::var("STEWARD_REQUIRE_MOUNTS").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "{test}: STEWARD_REQUIRE_MOUNTS=1 but mounting is impossible here: {reason}"
            );
            eprintln!(
                "SKIPPED: {test} needs to mount a file system (as root), and cannot: {reason}"
            );
            None
        }
    }
}

/// Fills the file system holding `dir` with a file `name` until no byte more fits, then
/// gives back `free` bytes (rounded to whole pages by the file system); returns the path.
pub fn fill(dir: &Path, name: &str, free: u64) -> PathBuf {
    use std::io::Write as _;
    let path = dir.join(name);
    let mut file = fs::File::create(&path).expect("create the filler");
    let chunk = vec![0u8; 4096];
    loop {
        match file.write(&chunk) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::StorageFull => break,
            Err(e) => panic!("filling {} failed: {e}", dir.display()),
        }
    }
    let len = file.metadata().expect("the filler's size").len();
    file.set_len(len.saturating_sub(free))
        .expect("shrink the filler");
    path
}
