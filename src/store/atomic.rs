//! Writing a file all at once: a temporary file in the same folder, flushed, renamed
//! into place, the folder flushed too. A reader, a kill or a power cut sees the old file
//! or the new one, never half of either. What a killed write leaves behind is named
//! after the file and the process, so that a later one can sweep it away.
//!
//! Two kinds of file are written. The plan (and an export the user names) is the user's:
//! a link to it is followed, and a save keeps its mode, owner, group and other names.
//! The files steward names itself beside the plan (backup, recovery file, handout…) are
//! steward's: a link or anything else but a plain file standing in their place is never
//! followed nor written through, since in a folder others can write to it may have been
//! planted there; they get the mode a new file gets, but never more readable than the
//! plan.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, Metadata};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::os::unix::ffi::{OsStrExt as _, OsStringExt as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

/// The suffix of the temporary files steward makes; what a killed write leaves behind
/// ends in it, and `sweep_temp_files` removes those.
pub const TEMP_SUFFIX: &str = ".steward-tmp";

/// The longest file name most file systems take, in bytes.
const NAME_MAX: usize = 255;

/// What a temporary name adds to the name it is made for: `.NAME.PID.XXXXXX.steward-tmp`.
const TEMP_EXTRA: usize = 1 + 1 + 10 + 1 + 6 + TEMP_SUFFIX.len();

/// `name` if it fits in `room` bytes; else its first bytes, `~`, and a hash of the whole
/// name, so that two long names that start alike still get names of their own.
fn fit_name(name: &OsStr, room: usize) -> OsString {
    let bytes = name.as_bytes();
    if bytes.len() <= room {
        return name.to_owned();
    }
    let hash = format!(
        "~{:016x}",
        super::fingerprint::Fingerprint::of(bytes).hash()
    );
    let mut keep = room.saturating_sub(hash.len());
    // Cut a UTF-8 name between two characters.
    while keep > 0 && (bytes[keep] & 0b1100_0000) == 0b1000_0000 {
        keep -= 1;
    }
    let mut out = bytes[..keep].to_vec();
    out.extend_from_slice(hash.as_bytes());
    OsString::from_vec(out)
}

/// A file beside `path` named after it: `plan.toml` and `.bak` give `plan.toml.bak`,
/// the name shortened (with a hash of it) where the whole would be too long.
#[must_use]
pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().unwrap_or_default();
    let mut fitted = fit_name(name, NAME_MAX.saturating_sub(suffix.len()));
    fitted.push(suffix);
    path.with_file_name(fitted)
}

/// The folder of `path`.
fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The start of the names of temporary files made for `path`: `.NAME.`.
fn temp_stem(path: &Path) -> OsString {
    let name = path.file_name().unwrap_or_default();
    let mut stem = OsString::from(".");
    stem.push(fit_name(name, NAME_MAX - TEMP_EXTRA));
    stem.push(".");
    stem
}

/// A new temporary file beside `path`, created with `mode` (less the umask), named
/// after this process so that only a dead one's is swept.
fn temp_file(path: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let mut prefix = temp_stem(path);
    prefix.push(format!("{}.", std::process::id()));
    tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(6)
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(folder(path))
}

/// Makes a rename durable: some file systems refuse to flush a folder, and the file is
/// written by then, so that is not an error.
fn sync_folder(path: &Path) {
    if let Ok(dir) = File::open(folder(path)) {
        let _ = dir.sync_all();
    }
}

/// What stands in a side file's place, if it is anything but a plain file steward may
/// replace: said without the path, which the caller names.
fn unexpected(meta: &Metadata) -> Option<io::Error> {
    use std::os::unix::fs::FileTypeExt as _;
    let t = meta.file_type();
    let what = if t.is_file() {
        return None;
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a device"
    };
    Some(io::Error::other(format!(
        "{what} stands in its place, which steward did not make and does not write through (remove it)"
    )))
}

/// Refuses when something but a plain file (or nothing) is at `path`.
pub(crate) fn check_slot(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) => unexpected(&meta).map_or(Ok(()), Err),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// What a file steward writes beside the plan takes from it: never more readable, and
/// the same owner and group where this user may give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Like {
    mode: u32,
    uid: u32,
    gid: u32,
}

impl Like {
    #[must_use]
    pub fn of(meta: &Metadata) -> Self {
        Like {
            mode: meta.mode() & 0o777,
            uid: meta.uid(),
            gid: meta.gid(),
        }
    }

    /// The permission bits.
    #[must_use]
    pub fn mode(self) -> u32 {
        self.mode
    }
}

/// Gives a new side file the plan's owner and group where it can; where the group
/// cannot be the plan's, the group loses its access, so that no other group gains it.
fn take_owner(file: &File, like: Like) -> io::Result<()> {
    let meta = file.metadata()?;
    if (meta.uid(), meta.gid()) == (like.uid, like.gid) {
        return Ok(());
    }
    if std::os::unix::fs::fchown(file, Some(like.uid), Some(like.gid)).is_ok() {
        return Ok(());
    }
    if std::os::unix::fs::fchown(file, None, Some(like.gid)).is_ok() {
        return Ok(());
    }
    let mode = file.metadata()?.mode() & 0o777;
    file.set_permissions(fs::Permissions::from_mode(mode & !0o070))
}

/// How a side file treats one already at its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Replaced (a file steward wrote before: the backup, the recovery file).
    Replace,
    /// Kept: the write fails with `AlreadyExists`.
    Keep,
}

/// Writes a file steward names itself beside the plan, all at once, at `path` (never
/// resolved): a link or anything else but a plain file there is refused; a plain file
/// is replaced (by rename, so a hard link planted there is not written through) or kept.
/// The file gets what the umask gives, at most `like`'s mode, and `like`'s owner and
/// group where this user may give them.
pub(crate) fn write_side_file(
    path: &Path,
    contents: &[u8],
    like: Option<Like>,
    existing: Existing,
) -> io::Result<()> {
    check_slot(path)?;
    let mut tmp = temp_file(path, 0o666 & like.map_or(0o666, |l| l.mode))?;
    tmp.write_all(contents)?;
    if let Some(like) = like {
        take_owner(tmp.as_file(), like)?;
    }
    tmp.as_file().sync_all()?;
    match existing {
        Existing::Replace => {
            tmp.persist(path).map_err(|e| e.error)?;
        }
        Existing::Keep => {
            tmp.persist_noclobber(path).map_err(|e| e.error)?;
        }
    }
    sync_folder(path);
    Ok(())
}

/// Where a path ends once every symbolic link on its last part is followed, whether or
/// not anything is there (a dangling link gives where its file would be).
#[must_use]
pub fn follow(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    // As many links as the system follows itself.
    for _ in 0..40 {
        match fs::read_link(&at) {
            Ok(to) if to.is_absolute() => at = to,
            Ok(to) => at = folder(&at).join(to),
            Err(_) => break,
        }
    }
    at
}

/// Replaces `path` with `contents` all at once: written to a temporary file in the same
/// folder, flushed to disk, renamed over `path`, then the folder flushed too. A reader (or
/// a machine that loses power) sees the old file or the new one, never half of either.
/// A symbolic link is followed and its target replaced. The file keeps its mode, owner
/// and group; one with other names (hard links), or whose owner or group this user
/// cannot give a new file, is written in place instead, so that it stays one file and
/// keeps them (a kill during that write can tear it: callers keep a backup first).
/// When anything fails (a full disk, a file size limit), `path` is left as it was.
///
/// # Errors
/// The folder cannot be written, the disk is full, or the rename fails.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_file(&follow(path), contents).map(|_| ())
}

/// `write_atomic` on a path already resolved. Returns what the file written says of
/// itself (its inode, length, modification time), told by the file steward wrote, so
/// that nobody else's can pass for it.
pub(crate) fn replace_file(target: &Path, contents: &[u8]) -> io::Result<Metadata> {
    let old = match fs::symlink_metadata(target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let Some(old) = old else {
        let mut tmp = temp_file(target, 0o666)?;
        tmp.write_all(contents)?;
        tmp.as_file().sync_all()?;
        let written = tmp.as_file().metadata()?;
        tmp.persist(target).map_err(|e| e.error)?;
        sync_folder(target);
        return Ok(written);
    };
    if let Some(e) = unexpected(&old) {
        return Err(e);
    }
    if old.nlink() > 1 {
        return write_in_place(target, contents);
    }
    let mut tmp = temp_file(target, 0o600)?;
    tmp.write_all(contents)?;
    let file = tmp.as_file();
    let now = file.metadata()?;
    if (now.uid(), now.gid()) != (old.uid(), old.gid())
        && std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid())).is_err()
    {
        drop(tmp);
        return write_in_place(target, contents);
    }
    // After the owner: a change of owner clears the set-user-id and set-group-id bits.
    file.set_permissions(fs::Permissions::from_mode(old.mode() & 0o7777))?;
    file.sync_all()?;
    let written = file.metadata()?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_folder(target);
    Ok(written)
}

/// Writes `contents` over the file at `target`, keeping its inode (its other names,
/// owner, group, mode). The whole of it is first written to a temporary file, so that a
/// disk without room for it fails before the file is touched; a write that fails all
/// the same puts the old bytes back.
fn write_in_place(target: &Path, contents: &[u8]) -> io::Result<Metadata> {
    {
        let mut trial = temp_file(target, 0o600)?;
        trial.write_all(contents)?;
        trial.as_file().sync_all()?;
    }
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(target)?;
    let mut old = Vec::new();
    file.read_to_end(&mut old)?;
    let write = |file: &mut File, bytes: &[u8]| -> io::Result<()> {
        file.rewind()?;
        file.write_all(bytes)?;
        file.set_len(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
        file.sync_all()
    };
    if let Err(e) = write(&mut file, contents) {
        let _ = write(&mut file, &old);
        return Err(e);
    }
    file.metadata()
}

/// Writes a new file at `path` all at once, only if nothing is there yet (creating its
/// folder): written to a temporary file in the same folder, flushed, then moved into
/// place by a rename that refuses to replace a file (or a link). A reader never sees half
/// of it; an existing file is never touched. The new file gets the usual permissions
/// (what `umask` allows of 0666).
///
/// # Errors
/// The file exists (`AlreadyExists`), or the folder cannot be written.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    write_side_file(path, contents, None, Existing::Keep).map_err(|e| {
        if fs::symlink_metadata(path).is_ok() {
            io::Error::new(io::ErrorKind::AlreadyExists, e)
        } else {
            e
        }
    })
}

/// Whether the process `pid` still runs (a zombie does not). Without `/proc` to ask,
/// every process counts as gone, as before names held a process id.
fn alive(pid: &str) -> bool {
    if pid.parse::<u32>().is_err() || !Path::new("/proc/self").exists() {
        return false;
    }
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z'))
    })
}

/// Removes the temporary files that killed writes of `path` left in its folder (those
/// of processes that no longer run); returns how many went. `path` is not resolved.
#[must_use]
pub fn sweep_temp_files(path: &Path) -> usize {
    let stem = temp_stem(path);
    let stem = stem.as_bytes();
    let Ok(entries) = fs::read_dir(folder(path)) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let n = name.as_bytes();
            let Some(middle) = n
                .strip_prefix(stem)
                .and_then(|m| m.strip_suffix(TEMP_SUFFIX.as_bytes()))
            else {
                return false;
            };
            // `PID.XXXXXX`, or `XXXXXX` from before names held a process id.
            let pid = String::from_utf8_lossy(middle);
            let pid = pid.split_once('.').map_or("", |(p, _)| p);
            pid != std::process::id().to_string() && !alive(pid)
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// Opens a file steward reads beside the plan without following a link, and only if it
/// is a plain file; `Ok(None)` when there is none.
pub(crate) fn open_side_file(path: &Path) -> io::Result<Option<File>> {
    match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => {
            let meta = file.metadata()?;
            match unexpected(&meta) {
                Some(e) => Err(e),
                None => Ok(Some(file)),
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(check_slot(path).err().unwrap_or(e)),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn a_killed_write_leaves_only_what_the_sweep_removes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml");
        fs::write(&path, "[plan]\n").expect("write the plan");
        fs::write(dir.path().join(".plan.toml.a1b2c3.steward-tmp"), "half").expect("write");
        fs::write(dir.path().join(".plan.toml.1.a1b2c3.steward-tmp"), "init's").expect("write");
        let mine = format!(".plan.toml.{}.a1b2c3.steward-tmp", std::process::id());
        fs::write(dir.path().join(&mine), "being written").expect("write");
        fs::write(dir.path().join(".other.toml.a1b2c3.steward-tmp"), "x").expect("write");
        assert_eq!(sweep_temp_files(&path), 1);
        assert!(dir.path().join(".other.toml.a1b2c3.steward-tmp").exists());
        assert!(dir.path().join(&mine).exists(), "a live write's is kept");
        assert!(dir.path().join(".plan.toml.1.a1b2c3.steward-tmp").exists());
    }

    #[test]
    fn long_names_are_shortened_to_fit_and_stay_apart() {
        let dir = Path::new("/x");
        for len in [1, 200, 230, 245, 255] {
            let a = dir.join("é".repeat(len / 2) + &"p".repeat(len % 2));
            let b = dir.join("é".repeat(len / 2) + &"q".repeat(len % 2));
            for suffix in [".recovery", ".lock", ".recovery-unreadable-99"] {
                let side = beside(&a, suffix);
                let name = side.file_name().expect("a name");
                assert!(name.len() <= NAME_MAX, "{len}{suffix}: {}", name.len());
                assert!(name.to_str().is_some(), "cut between characters");
                assert!(name.to_string_lossy().ends_with(suffix));
                if len % 2 == 1 && len > 240 {
                    assert_ne!(side, beside(&b, suffix));
                }
            }
            let stem = temp_stem(&a);
            assert!(stem.len() + TEMP_EXTRA - 2 <= NAME_MAX, "{len}");
        }
        assert_eq!(
            beside(Path::new("plan.toml"), ".bak"),
            Path::new("plan.toml.bak")
        );
    }

    #[test]
    fn a_side_file_is_never_written_through_a_link() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("victim");
        fs::write(&target, "precious").expect("write");
        let link = dir.path().join("plan.toml.bak");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        let err = write_side_file(&link, b"x", None, Existing::Replace).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&target).expect("read"), "precious");
        assert!(open_side_file(&link).is_err());
        let err = create_new(&link, b"x").expect_err("refused");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn a_hard_linked_file_is_written_in_place() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        fs::write(&a, "old").expect("write");
        fs::hard_link(&a, &b).expect("link");
        write_atomic(&a, b"new and longer").expect("write");
        assert_eq!(fs::read(&b).expect("read"), b"new and longer");
        write_atomic(&b, b"short").expect("write");
        assert_eq!(fs::read(&a).expect("read"), b"short");
        assert_eq!(fs::metadata(&a).expect("meta").nlink(), 2);
    }
}
