//! Plan files on disk: reading them with every failure explained, and writing new ones.

mod document;
mod encoding;
pub mod lock;
mod parse;
mod plan_file;
pub mod recovery;
pub mod watch;
mod write;

pub use document::{Document, Patch};
pub use encoding::Encoding;
pub use plan_file::{DiskState, PlanFile, SaveError, read_bytes};

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

pub use parse::{ParseError, parse};
pub use write::to_toml;

use crate::model::Plan;

/// The largest plan steward reads: far above any real plan, low enough that a wrong file
/// (a video, a database) is refused at once instead of filling memory.
pub const MAX_PLAN_BYTES: u64 = 16 * 1024 * 1024;

/// A plan read from a file, with the text it came from (for showing lines in messages).
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    /// The file's text, without a byte order mark.
    pub text: String,
}

/// Why a plan file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {}: {}", .path.display(), io_reason(.source))]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is a folder, not a plan file", .path.display())]
    IsDir { path: PathBuf },
    /// `size` is unknown when the file does not say it (a pipe, a device) and holds more.
    #[error("{}", too_large(.path, *.size))]
    TooLarge { path: PathBuf, size: Option<u64> },
    /// The text is not UTF-8, or not a plan; `text` is the file shown as far as possible.
    #[error("{}: {}", .path.display(), .error.message)]
    Invalid {
        path: PathBuf,
        text: String,
        error: ParseError,
    },
}

fn too_large(path: &Path, size: Option<u64>) -> String {
    let path = path.display();
    match size {
        Some(n) => {
            format!("{path} is {n} bytes; steward reads plans of up to {MAX_PLAN_BYTES} bytes")
        }
        None => {
            format!("{path} holds more than the {MAX_PLAN_BYTES} bytes steward reads in a plan")
        }
    }
}

/// An I/O error in plain words.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::StorageFull => "the disk is full (no space left on device)".into(),
        io::ErrorKind::FileTooLarge => "the file is larger than this system allows".into(),
        io::ErrorKind::ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => e.to_string(),
    }
}

/// Reads and parses the plan at `path`.
///
/// # Errors
/// The file is missing, unreadable, a folder, too large, not UTF-8, or not a valid plan.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = plan_file::read_bytes(path)?;
    from_bytes(&bytes).map_err(|(text, error)| LoadError::Invalid {
        path: path.to_path_buf(),
        text,
        error,
    })
}

/// Parses a plan from raw bytes: UTF-8, with or without a byte order mark.
///
/// # Errors
/// The text as far as it can be shown, and what is wrong with it.
pub fn from_bytes(bytes: &[u8]) -> Result<Loaded, (String, ParseError)> {
    let bytes = crate::text::strip_bom(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(e) => {
            let at = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            return Err((
                text,
                ParseError {
                    message: "the file is not UTF-8 text: save it as UTF-8 (a plan is plain text)"
                        .into(),
                    span: Some(at..at + 1),
                },
            ));
        }
    };
    match parse(&text) {
        Ok(plan) => Ok(Loaded { plan, text }),
        Err(error) => Err((text, error)),
    }
}

/// Where the bytes of `path` live: a symbolic link is followed to its target, so
/// writing through it keeps the link.
#[must_use]
pub fn resolve(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The suffix of the temporary files `write_atomic` makes; what a killed save leaves
/// behind ends in it, and `sweep_temp_files` removes those.
pub const TEMP_SUFFIX: &str = ".steward-tmp";

/// Replaces `path` with `contents` all at once: written to a temporary file in the same
/// folder, flushed to disk, renamed over `path`, then the folder flushed too. A reader (or
/// a machine that loses power) sees the old file or the new one, never half of either.
/// The new file keeps the permissions of the one it replaces; a symbolic link is followed
/// and its target replaced. When anything fails (a full disk, a file size limit), the
/// temporary file is removed and `path` is left as it was.
///
/// # Errors
/// The folder cannot be written, the disk is full, or the rename fails.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_via_temp(&resolve(path), contents, true)
}

/// Writes a new file at `path` all at once, only if nothing is there yet (creating its
/// folder): written to a temporary file in the same folder, flushed, then moved into
/// place by a rename that refuses to replace a file. A reader never sees half of it; an
/// existing file is never touched. The new file gets the usual permissions (what `umask`
/// allows of 0666).
///
/// # Errors
/// The file exists (`AlreadyExists`), or the folder cannot be written.
pub fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    write_via_temp(path, contents, false)
}

/// The folder of `path`, and the prefix of the temporary files made for it there.
fn folder_and_temp_prefix(path: &Path) -> (PathBuf, String) {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    (dir, format!(".{name}."))
}

/// Writes `contents` to a temporary file beside `path`, flushes it, renames it to `path`
/// (over what is there when `replace`, else only if nothing is), then flushes the folder.
fn write_via_temp(path: &Path, contents: &[u8], replace: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    let (dir, prefix) = folder_and_temp_prefix(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    if !replace {
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir)?;
    tmp.write_all(contents)?;
    // A replaced file keeps its permissions.
    if let (true, Ok(meta)) = (replace, fs::metadata(path)) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    // The rename itself is made durable by flushing the folder. Some file systems
    // refuse to flush a folder; the file is written by then, so that is not an error.
    if let Ok(folder) = fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Whether `a` and `b` are the same file: the same canonical path, or the same device
/// and inode (which also catches a hard link). A path that does not exist is no file.
#[must_use]
pub fn is_same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    if let (Ok(x), Ok(y)) = (a.canonicalize(), b.canonicalize())
        && x == y
    {
        return true;
    }
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("it is the plan itself")]
    IsThePlan,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// Writes an export of the plan at `plan` to `out`, atomically, and never over the plan
/// itself (by its path, a link or a hard link).
///
/// # Errors
/// `out` is the plan, or it cannot be written.
pub fn write_export(out: &Path, plan: &Path, contents: &[u8]) -> Result<(), ExportError> {
    if out == plan || is_same_file(out, plan) {
        return Err(ExportError::IsThePlan);
    }
    write_atomic(out, contents)?;
    Ok(())
}

/// Removes the temporary files a killed save of `path` left in its folder; returns how
/// many went. Only call it while holding the plan's lock, so no other save is under way.
#[must_use]
pub fn sweep_temp_files(path: &Path) -> usize {
    let (dir, prefix) = folder_and_temp_prefix(&resolve(path));
    let Ok(entries) = fs::read_dir(&dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with(&prefix) && n.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}
