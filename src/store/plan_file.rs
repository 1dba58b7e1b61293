//! One open plan file: where its bytes live, how they are laid out, and what steward last
//! read or wrote there, so that a save never overwrites somebody else's change.

use std::fs::{self, File, TryLockError};
use std::io::{self, Read as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use super::atomic::{self, Existing, Like};
pub use super::fingerprint::Fingerprint;
use super::lock::{self, Outcome};
use super::{Encoding, LoadError, Loaded, MAX_PLAN_BYTES, from_bytes, io_reason, resolve};

/// What a file says of itself when it holds the bytes steward last read or wrote: which
/// file it is (device and inode), its length, and when it was last written. While it
/// says the same, nobody has written it since, and steward need not read it to know: a
/// write sets the time anew, and a file put in its place is another inode. A file system
/// whose times stop at the second could be written twice in one, so there it says
/// nothing.
#[derive(Debug, Clone, Copy)]
struct Stamp {
    dev: u64,
    ino: u64,
    len: u64,
    written: (i64, i64),
    /// Whether it was seen long enough after that write that a second write cannot
    /// share its time: the times of a file move on with the system's clock tick, not
    /// with every nanosecond.
    settled: bool,
}

/// Longer than the clock tick that file times move on with.
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

impl Stamp {
    fn of(meta: &fs::Metadata) -> Option<Self> {
        let settled = meta
            .modified()
            .ok()
            .and_then(|at| at.elapsed().ok())
            .is_some_and(|age| age >= TICK);
        (meta.mtime_nsec() != 0).then(|| Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            written: (meta.mtime(), meta.mtime_nsec()),
            settled,
        })
    }

    fn now(path: &Path) -> Option<Self> {
        fs::metadata(path).ok().as_ref().and_then(Stamp::of)
    }

    /// Whether the file says the same of itself as when this was seen.
    fn same(self, other: Option<Stamp>) -> bool {
        other.is_some_and(|o| {
            (o.dev, o.ino, o.len, o.written) == (self.dev, self.ino, self.len, self.written)
        })
    }
}

/// How far to trust what a file says of itself before reading it.
#[derive(Debug, Clone, Copy)]
enum Trust {
    /// Its stamp, however recent: to notice an outside change.
    Stamp,
    /// Its stamp, once settled: before writing over it.
    Settled,
    /// Nothing: read it.
    Nothing,
}

/// The file on disk compared with what steward last read or wrote.
#[derive(Debug)]
pub enum DiskState {
    /// The same bytes (perhaps rewritten, with a new modification time).
    Same,
    /// Other bytes: somebody else changed the file.
    Changed(Vec<u8>),
    /// The file is gone.
    Missing,
    /// The file cannot be read now.
    Unreadable(String),
}

/// Why a save did not happen. In every case the file on disk is as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0}")]
    ReadOnly(String),
    #[error("{} was changed by another program since steward read it; nothing written", .0.display())]
    Changed(PathBuf),
    /// The reason comes first: a status line too narrow for the whole message still
    /// shows why.
    #[error("{reason}, while {what}; the file on disk is unchanged")]
    Io { what: String, reason: String },
    /// steward would refuse to read the plan it wrote.
    #[error(
        "the plan would be {0} bytes, and steward reads plans of up to {MAX_PLAN_BYTES} bytes; nothing written (make it smaller, then save)"
    )]
    TooLarge(usize),
}

/// An open plan file.
#[derive(Debug)]
pub struct PlanFile {
    /// The path as the user gave it.
    path: PathBuf,
    /// Where the bytes live (a symbolic link followed).
    target: PathBuf,
    encoding: Encoding,
    /// The bytes last read or written; `None` when the file was missing.
    known: Option<Fingerprint>,
    /// What the file said of itself when it held them, when that is known.
    stamp: Option<Stamp>,
    /// Whether this session already kept the file as it was in `FILE.bak`.
    backed_up: bool,
    /// The plan file itself, locked while this steward is its one writer: a lock that
    /// holds under any name of the file (a hard link), where the lock file beside it
    /// holds for one name.
    inode_lock: Option<File>,
    /// Whether the plan's folder let this user make no file (the lock file could not be
    /// made there): saving, which makes a backup and a new copy there, cannot work.
    folder_closed: bool,
}

/// Reads a file's bytes, refusing folders and files (or pipes, or devices) above the
/// size cap.
///
/// # Errors
/// The file cannot be read, is a folder, or holds more than `MAX_PLAN_BYTES`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::IsDir {
            path: path.to_path_buf(),
        });
    }
    let too_large = |size| LoadError::TooLarge {
        path: path.to_path_buf(),
        size,
    };
    if meta.len() > MAX_PLAN_BYTES {
        return Err(too_large(Some(meta.len())));
    }
    let file = fs::File::open(path).map_err(io_err)?;
    read_capped(file, path)
}

/// `read_bytes`, and what the file said of itself while it was read, when it said the
/// same before and after.
fn read_stamped(path: &Path) -> Result<(Vec<u8>, Option<Stamp>), LoadError> {
    let before = Stamp::now(path);
    let bytes = read_bytes(path)?;
    let after = Stamp::now(path);
    Ok((bytes, before.filter(|b| b.same(after))))
}

/// Reads everything `reader` holds, up to the size cap; `path` names it in errors
/// (standard input is read this way, named as the command line shows it).
///
/// # Errors
/// It cannot be read, or holds more than `MAX_PLAN_BYTES`.
pub fn read_capped(reader: impl io::Read, path: &Path) -> Result<Vec<u8>, LoadError> {
    // A pipe or a device (`/dev/zero`) has no length to check first: read one byte more
    // than a plan may hold, and no further.
    let mut bytes = Vec::new();
    reader
        .take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| LoadError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_PLAN_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size: None,
        });
    }
    Ok(bytes)
}

impl PlanFile {
    /// Opens and parses the plan at `path`.
    ///
    /// # Errors
    /// As `store::load`.
    pub fn open(path: &Path) -> Result<(Self, Loaded), LoadError> {
        let target = resolve(path);
        let (bytes, stamp) = read_stamped(&target)?;
        let loaded = from_bytes(&bytes).map_err(|(text, error)| LoadError::Invalid {
            path: path.to_path_buf(),
            text,
            error,
        })?;
        let file = PlanFile {
            path: path.to_path_buf(),
            target,
            encoding: Encoding::of(&bytes),
            known: Some(Fingerprint::of(&bytes)),
            stamp,
            backed_up: false,
            inode_lock: None,
            folder_closed: false,
        };
        Ok((file, loaded))
    }

    /// The path as the user gave it.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the bytes live.
    #[must_use]
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// A file beside the plan: `plan.toml` and `.bak` give `plan.toml.bak` (shortened
    /// where the name would pass the file system's limit).
    #[must_use]
    pub fn sidecar(&self, suffix: &str) -> PathBuf {
        atomic::beside(&self.target, suffix)
    }

    /// What the files written beside the plan take from it (mode, owner, group).
    #[must_use]
    pub fn like(&self) -> Option<Like> {
        fs::metadata(&self.target).ok().map(|m| Like::of(&m))
    }

    /// What steward last read or wrote in the file (`None`: it was missing).
    #[must_use]
    pub fn known(&self) -> Option<Fingerprint> {
        self.known
    }

    /// Takes the file as holding the version `known` from now on, whatever it holds: a
    /// recovery made from that version is restored, so that what is there now, if it
    /// differs, counts as a change made by somebody else.
    pub fn assume(&mut self, known: Option<Fingerprint>) {
        self.known = known;
        self.stamp = None;
    }

    /// Writes a file steward names beside the plan (`sidecar`), replacing its own
    /// earlier one; never through a link. It is no more readable than the plan, and has
    /// the plan's owner and group where this user may give them.
    ///
    /// # Errors
    /// Something but a plain file stands at `path`, or it cannot be written.
    pub fn write_beside(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        atomic::write_side_file(path, bytes, self.like(), Existing::Replace)
    }

    /// Writes a new file beside the plan at a name nothing holds yet
    /// (`free_sidecar(suffix)`), never over one; returns where.
    ///
    /// # Errors
    /// It cannot be written.
    pub fn create_beside(&self, suffix: &str, bytes: &[u8]) -> io::Result<PathBuf> {
        let mut last = None;
        // Another name taken meanwhile: the next free one.
        for _ in 0..5 {
            let path = self.free_sidecar(suffix);
            match atomic::write_side_file(&path, bytes, self.like(), Existing::Keep) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free name beside the plan")))
    }

    /// Locks the plan for this steward: the lock file beside it (`plan.toml.lock`, which
    /// says who holds it), and the file itself, which another name of it (a hard link)
    /// shares.
    ///
    /// # Errors
    /// The lock file cannot be made or locked; the message says why.
    pub fn lock(&mut self) -> io::Result<Outcome> {
        let path = self.sidecar(".lock");
        let outcome = match lock::acquire_like(&path, self.like()) {
            Ok(outcome) => outcome,
            // Refused, and no lock file there to read: the folder lets this user make
            // no file.
            Err(e)
                if e.kind() == io::ErrorKind::PermissionDenied
                    && fs::symlink_metadata(&path).is_err() =>
            {
                self.folder_closed = true;
                return Err(io::Error::new(
                    e.kind(),
                    "its folder is read-only for this user".to_string(),
                ));
            }
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("{}: {}", crate::text::path(&path), io_reason(&e)),
                ));
            }
        };
        if let Outcome::Held(_) = &outcome {
            // A file system without locks of its own (some network ones) gives an
            // error: the lock file still holds for this name.
            if let Ok(false) = self.lock_inode() {
                let names = fs::metadata(&self.target).map_or(2, |m| m.nlink());
                return Ok(Outcome::Busy {
                    holder: format!(
                        "another steward, by another of its {names} names (hard links)"
                    ),
                });
            }
        }
        Ok(outcome)
    }

    /// Locks the plan file itself; `Ok(false)` when another steward holds it.
    fn lock_inode(&mut self) -> io::Result<bool> {
        let file = fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&self.target)?;
        match file.try_lock() {
            Ok(()) => {
                self.inode_lock = Some(file);
                Ok(true)
            }
            Err(TryLockError::WouldBlock) => Ok(false),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    /// A file beside the plan that does not exist yet: `plan.toml.mine`, else
    /// `plan.toml.mine-2`, and so on.
    #[must_use]
    pub fn free_sidecar(&self, suffix: &str) -> PathBuf {
        let first = self.sidecar(suffix);
        if fs::symlink_metadata(&first).is_err() {
            return first;
        }
        (2..10_000)
            .map(|n| self.sidecar(&format!("{suffix}-{n}")))
            .find(|p| fs::symlink_metadata(p).is_err())
            .unwrap_or(first)
    }

    /// The plan's text as this file's bytes (its BOM, line endings and final newline).
    #[must_use]
    pub fn encode(&self, text: &str) -> Vec<u8> {
        self.encoding.apply(text)
    }

    /// Why the file cannot be written, if it cannot: its mode has no write permission
    /// (checked from the mode, since the superuser could write it anyway), steward may not
    /// open it for writing, or its file system is read-only.
    #[must_use]
    pub fn read_only(&self) -> Option<String> {
        let meta = fs::metadata(&self.target).ok()?;
        let mode = meta.permissions().mode() & 0o7777;
        let shown = self.path.display();
        if self.folder_closed {
            return Some(format!(
                "{shown} cannot be saved: its folder is read-only for this user"
            ));
        }
        if mode & 0o222 == 0 {
            return Some(format!(
                "{shown} is read-only (mode {mode:04o}); make it writable (chmod u+w) and save again"
            ));
        }
        match fs::OpenOptions::new().write(true).open(&self.target) {
            Err(e) if e.kind() == io::ErrorKind::ReadOnlyFilesystem => Some(format!(
                "{shown} is on a read-only file system; nothing can be saved there"
            )),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => Some(format!(
                "{shown} may not be written by this user (permission denied)"
            )),
            _ => None,
        }
    }

    /// Compares the file with what steward last read or wrote: read again unless it says
    /// of itself that it was not written since. Told that it changed (by the folder
    /// watch), this is how steward looks.
    #[must_use]
    pub fn look(&mut self) -> DiskState {
        self.look_reading(Trust::Stamp).0
    }

    /// `look`, trusting what the file says of itself as `trust` allows; the bytes read,
    /// when they are the ones steward knows.
    fn look_reading(&mut self, trust: Trust) -> (DiskState, Option<Vec<u8>>) {
        if self.known.is_some()
            && let Some(stamp) = self.stamp
            && match trust {
                Trust::Stamp => true,
                Trust::Settled => stamp.settled,
                Trust::Nothing => false,
            }
            && stamp.same(Stamp::now(&self.target))
        {
            return (DiskState::Same, None);
        }
        match read_stamped(&self.target) {
            Ok((bytes, stamp)) if Some(Fingerprint::of(&bytes)) == self.known => {
                self.stamp = stamp;
                (DiskState::Same, Some(bytes))
            }
            Ok((bytes, _)) => (DiskState::Changed(bytes), None),
            Err(LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
                let state = if self.known.is_none() {
                    DiskState::Same
                } else {
                    DiskState::Missing
                };
                (state, None)
            }
            Err(e) => (DiskState::Unreadable(e.to_string()), None),
        }
    }

    /// Takes `bytes` as the file's content from now on: after reloading it, or after
    /// choosing to keep one's own version over it. `None`: the file is gone.
    pub fn accept(&mut self, bytes: Option<&[u8]>, reloaded: bool) {
        self.known = bytes.map(Fingerprint::of);
        self.stamp = None;
        if reloaded && let Some(bytes) = bytes {
            self.encoding = Encoding::of(bytes);
        }
    }

    /// Writes `text` to the file, atomically, unless the file is read-only or was changed
    /// on disk since steward last read or wrote it. The first save of a session first
    /// keeps the file as it was in `FILE.bak`, as private as the plan: the bytes read to
    /// make sure it was not changed are the ones kept.
    ///
    /// # Errors
    /// Why nothing was written; the file on disk is then exactly as it was.
    pub fn save(&mut self, text: &str) -> Result<(), SaveError> {
        if let Some(reason) = self.read_only() {
            return Err(SaveError::ReadOnly(reason));
        }
        // Before writing over the file, its stamp is trusted only once settled: a
        // write in the same clock tick as steward's last one would share it. The first
        // save reads it whatever it says, to keep it as it was in the backup.
        let trust = if self.backed_up {
            Trust::Settled
        } else {
            Trust::Nothing
        };
        let (state, old) = self.look_reading(trust);
        match state {
            DiskState::Same | DiskState::Missing => {}
            DiskState::Changed(_) => return Err(SaveError::Changed(self.path.clone())),
            DiskState::Unreadable(reason) => {
                return Err(SaveError::Io {
                    what: "checking the file before writing it".into(),
                    reason,
                });
            }
        }
        let bytes = self.encode(text);
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_PLAN_BYTES {
            return Err(SaveError::TooLarge(bytes.len()));
        }
        if !self.backed_up {
            if let Some(old) = old {
                let bak = self.sidecar(".bak");
                self.write_beside(&bak, &old).map_err(|e| SaveError::Io {
                    what: format!("writing the backup {}", bak.display()),
                    reason: io_reason(&e),
                })?;
            }
            self.backed_up = true;
        }
        let written = atomic::replace_file(&self.target, &bytes).map_err(|e| SaveError::Io {
            what: format!("writing {}", self.path.display()),
            reason: io_reason(&e),
        })?;
        self.known = Some(Fingerprint::of(&bytes));
        self.stamp = Stamp::of(&written);
        // A save by rename made a new file: it is the one to hold locked now (nobody
        // else can have it, under any name, yet).
        if self.inode_lock.is_some() {
            self.inode_lock = None;
            let _ = self.lock_inode();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "[plan]\r\nname = \"Shop\"\r\n\r\n[channels.blog]\r\nname = \"Blog\"";

    fn plan_in(dir: &Path, contents: &[u8]) -> PathBuf {
        let path = dir.join("plan.toml");
        fs::write(&path, contents).expect("write the plan");
        path
    }

    #[test]
    fn a_save_keeps_the_layout_and_the_first_one_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let original = [b"\xEF\xBB\xBF".as_slice(), PLAN.as_bytes()].concat();
        let path = plan_in(dir.path(), &original);
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        let (mut file, loaded) = PlanFile::open(&path).expect("open");
        let edited = loaded
            .text
            .replace("Shop", "Shop & Co")
            .replace("\r\n", "\n")
            + "\n";
        file.save(&edited).expect("save");
        let written = fs::read(&path).expect("read");
        assert_eq!(
            written,
            [
                b"\xEF\xBB\xBF".as_slice(),
                PLAN.replace("Shop", "Shop & Co").as_bytes()
            ]
            .concat()
        );
        assert_eq!(
            fs::read(dir.path().join("plan.toml.bak")).expect("bak"),
            original
        );
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o640);
        assert_eq!(mode(&dir.path().join("plan.toml.bak")), 0o640);
        // The backup is the file as it was before the session, not before the last save.
        file.save(&edited.replace("Co", "Sons"))
            .expect("save again");
        assert_eq!(
            fs::read(dir.path().join("plan.toml.bak")).expect("bak"),
            original
        );
    }

    #[test]
    fn a_change_on_disk_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = plan_in(dir.path(), PLAN.as_bytes());
        let (mut file, _) = PlanFile::open(&path).expect("open");
        fs::write(&path, "[plan]\nname = \"Theirs\"\n").expect("outside edit");
        let err = file.save("[plan]\nname = \"Mine\"\n").expect_err("refused");
        assert!(matches!(err, SaveError::Changed(_)), "{err}");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "[plan]\nname = \"Theirs\"\n"
        );
        assert!(matches!(file.look(), DiskState::Changed(_)));
        // Choosing to keep one's own version makes the next save go through.
        file.accept(Some(b"[plan]\nname = \"Theirs\"\n"), false);
        file.save("[plan]\nname = \"Mine\"\n").expect("save");
        assert!(fs::read_to_string(&path).expect("read").contains("Mine"));
    }

    #[test]
    fn a_change_of_the_same_length_right_after_a_save_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = plan_in(dir.path(), PLAN.as_bytes());
        let (mut file, _) = PlanFile::open(&path).expect("open");
        file.save("[plan]\nname = \"Mine\"\n").expect("save");
        // In the same clock tick as the save, so that the file's time may not move on.
        fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"[plan]\nname = \"Them\"\n"))
            .expect("outside edit in place");
        let err = file
            .save("[plan]\nname = \"Mine again\"\n")
            .expect_err("refused");
        assert!(matches!(err, SaveError::Changed(_)), "{err}");
        assert!(fs::read_to_string(&path).expect("read").contains("Them"));
        // Written later, the file's time tells it at once.
        std::thread::sleep(TICK);
        file.accept(Some(b"[plan]\nname = \"Them\"\n"), false);
        assert!(matches!(file.look(), DiskState::Same));
        std::thread::sleep(TICK);
        fs::write(&path, "[plan]\nname = \"Tom!\"\n").expect("another outside edit");
        assert!(matches!(file.look(), DiskState::Changed(_)));
    }

    #[test]
    fn the_same_bytes_written_again_are_no_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = plan_in(dir.path(), PLAN.as_bytes());
        let (mut file, _) = PlanFile::open(&path).expect("open");
        fs::remove_file(&path).expect("remove");
        assert!(matches!(file.look(), DiskState::Missing));
        fs::write(&path, PLAN).expect("rewrite");
        assert!(matches!(file.look(), DiskState::Same));
    }

    #[test]
    fn a_read_only_file_is_refused_even_for_the_superuser() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = plan_in(dir.path(), PLAN.as_bytes());
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
        let (mut file, _) = PlanFile::open(&path).expect("open");
        let reason = file.read_only().expect("read-only");
        assert!(reason.contains("read-only (mode 0444)"), "{reason}");
        let err = file.save("[plan]\n").expect_err("refused");
        assert!(matches!(err, SaveError::ReadOnly(_)), "{err}");
        assert_eq!(fs::read(&path).expect("read"), PLAN.as_bytes());
        assert!(!dir.path().join("plan.toml.bak").exists());
    }

    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let real = plan_in(dir.path(), PLAN.as_bytes());
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let (mut file, _) = PlanFile::open(&link).expect("open");
        file.save("[plan]\nname = \"Linked\"\n").expect("save");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert!(fs::read_to_string(&real).expect("read").contains("Linked"));
        assert!(dir.path().join("plan.toml.bak").exists());
    }

    #[test]
    fn a_free_sidecar_never_replaces_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = plan_in(dir.path(), PLAN.as_bytes());
        let (file, _) = PlanFile::open(&path).expect("open");
        assert_eq!(
            file.free_sidecar(".mine"),
            dir.path().join("plan.toml.mine")
        );
        fs::write(dir.path().join("plan.toml.mine"), "x").expect("write");
        assert_eq!(
            file.free_sidecar(".mine"),
            dir.path().join("plan.toml.mine-2")
        );
    }
}
