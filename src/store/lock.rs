//! One writer per plan: a lock on a file beside it (`plan.toml.lock`) that says which
//! process holds it. The lock is the operating system's (`flock`), so it goes with its
//! process: a lock left by a killed steward is free again and is simply taken over.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use super::atomic::{Like, check_slot};

/// The lock, held until dropped; dropping it removes the lock file.
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

/// What trying to lock a plan found.
#[derive(Debug)]
pub enum Outcome {
    /// This process now holds the lock.
    Held(Lock),
    /// Another process holds it; what its lock file says about it.
    Busy { holder: String },
}

/// The name of this machine, for the lock file.
fn host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "this machine".into())
}

/// Tries to lock the plan whose lock file is `path`, without waiting.
///
/// # Errors
/// The lock file cannot be created or locked (a read-only folder, say).
pub fn acquire(path: &Path) -> io::Result<Outcome> {
    acquire_like(path, None)
}

/// Opens the lock file at `path`, made if missing (no more readable than `like`), never
/// through a link planted in its place: in a folder others can write to, that would
/// make steward write into the file it points to. Another user's lock file, which this
/// one may not write, is locked all the same.
fn open(path: &Path, like: Option<Like>) -> io::Result<File> {
    check_slot(path)?;
    let mode = 0o666 & like.map_or(0o666, Like::mode);
    let flags = libc::O_NOFOLLOW | libc::O_NONBLOCK;
    let file = match fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(mode)
        .custom_flags(flags)
        .open(path)
    {
        // Another user's lock file may still be read (to learn who holds it); when there
        // is none, the refusal to make it is the reason.
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            match fs::OpenOptions::new()
                .read(true)
                .custom_flags(flags)
                .open(path)
            {
                Err(r) if r.kind() == io::ErrorKind::NotFound => Err(e),
                other => other,
            }
        }
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(check_slot(path).err().unwrap_or(e)),
        other => other,
    }?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::other(
            "something but a plain file stands in its place (remove it)",
        ));
    }
    // A hard link planted in its place would make steward write into the file it is
    // another name of.
    if meta.nlink() > 1 {
        return Err(io::Error::other(
            "it is another name (a hard link) of another file; steward does not write to it (remove it)",
        ));
    }
    Ok(file)
}

/// `acquire`, for a plan whose mode, owner and group are `like`.
///
/// # Errors
/// As `acquire`; also when something but a plain file of its own stands at `path`.
pub fn acquire_like(path: &Path, like: Option<Like>) -> io::Result<Outcome> {
    // A holder that quits removes the file; if that happens between our open and our
    // lock, the lock we got is on a file nobody else will see, so try again.
    for _ in 0..5 {
        let mut file = open(path, like)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = file.read_to_string(&mut holder);
                let holder = describe(&holder);
                return Ok(Outcome::Busy { holder });
            }
            Err(TryLockError::Error(e)) => return Err(e),
        }
        let same = match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        };
        if !same {
            continue;
        }
        // The lock is held now. Who holds it is only a courtesy to the next steward: a
        // full disk that cannot take these few bytes must not cost the lock itself
        // (another steward then names "another steward" as the holder).
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| writeln!(file, "pid={} host={}", std::process::id(), host()))
            .and_then(|()| file.sync_all());
        return Ok(Outcome::Held(Lock {
            file,
            path: path.to_path_buf(),
        }));
    }
    Err(io::Error::other("the lock file kept changing"))
}

/// The holder as a person reads it, from a lock file's text.
fn describe(text: &str) -> String {
    let field = |key: &str| {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .map(|v| crate::text::safe(v).into_owned())
    };
    match (field("pid="), field("host=")) {
        (Some(pid), Some(host)) => format!("steward (process {pid} on {host})"),
        (Some(pid), None) => format!("steward (process {pid})"),
        _ => "another steward".into(),
    }
}

/// Whether the steward a lock file names still runs, as far as can be told without
/// taking the lock or writing anything (a mirror asks, which must do neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The process the lock file names runs on this machine.
    Running,
    /// There is no lock file, or the process it names on this machine is gone: a
    /// steward killed leaves its lock file behind, naming itself.
    Gone,
    /// It cannot be told: another machine's process, a lock file that names none, or a
    /// system without `/proc`.
    Unknown,
}

/// Reads the lock file at `path` and looks for the process it names.
#[must_use]
pub fn holder(path: &Path) -> Holder {
    let text = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(mut file) => {
            let mut text = String::new();
            if file.read_to_string(&mut text).is_err() {
                return Holder::Unknown;
            }
            text
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Holder::Gone,
        Err(_) => return Holder::Unknown,
    };
    let field = |key: &str| text.split_whitespace().find_map(|w| w.strip_prefix(key));
    let (Some(pid), Some(on)) = (field("pid="), field("host=")) else {
        return Holder::Unknown;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return Holder::Unknown;
    };
    if on != host() || !Path::new("/proc/self/stat").exists() {
        return Holder::Unknown;
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // A process that has ended but not yet been reaped is a zombie (`Z`), or dead.
        Ok(stat) => match stat
            .rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
        {
            Some('Z' | 'X' | 'x') => Holder::Gone,
            _ => Holder::Running,
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Holder::Gone,
        Err(_) => Holder::Unknown,
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove the file while still holding the lock, so nobody locks it in between.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.lock");
        let Outcome::Held(first) = acquire(&path).expect("lock") else {
            panic!("the first lock should be free");
        };
        match acquire(&path).expect("lock") {
            Outcome::Busy { holder } => {
                assert!(
                    holder.contains(&format!("process {}", std::process::id())),
                    "{holder}"
                );
            }
            Outcome::Held(_) => panic!("two holders of one lock"),
        }
        drop(first);
        assert!(!path.exists(), "a released lock removes its file");
        assert!(matches!(acquire(&path), Ok(Outcome::Held(_))));
    }

    #[test]
    fn the_holder_is_looked_for_without_taking_the_lock() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.lock");
        assert_eq!(holder(&path), Holder::Gone, "no lock file");
        let Outcome::Held(lock) = acquire(&path).expect("lock") else {
            panic!("free");
        };
        let before = fs::read(&path).expect("read");
        assert_eq!(holder(&path), Holder::Running, "this process");
        assert_eq!(fs::read(&path).expect("read"), before, "nothing written");
        assert!(
            matches!(acquire(&path), Ok(Outcome::Busy { .. })),
            "still held"
        );
        drop(lock);
        // A process that has ended: the first child's id, once it is reaped.
        let mut child = std::process::Command::new("true")
            .spawn()
            .expect("true runs");
        let pid = child.id();
        child.wait().expect("it ends");
        fs::write(&path, format!("pid={pid} host={}\n", host())).expect("write");
        assert_eq!(holder(&path), Holder::Gone, "a steward killed");
        fs::write(&path, format!("pid={pid} host=elsewhere\n")).expect("write");
        assert_eq!(holder(&path), Holder::Unknown, "another machine's");
        fs::write(&path, "").expect("write");
        assert_eq!(holder(&path), Holder::Unknown, "names nobody");
    }

    #[test]
    fn a_lock_file_left_behind_is_taken_over() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.lock");
        fs::write(&path, "pid=999999 host=elsewhere\n").expect("write");
        let Ok(Outcome::Held(_lock)) = acquire(&path) else {
            panic!("a lock nobody holds should be taken over");
        };
        let text = fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with(&format!("pid={} ", std::process::id())),
            "{text}"
        );
    }
}
