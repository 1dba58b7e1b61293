//! Plan files on disk: reading them with every failure explained, and writing new ones.
//!
//! `parse.rs` turns text into a plan; `serialize.rs` a plan into the text of a new file;
//! `document.rs` mirrors edits into the file as its author wrote it; `atomic.rs` writes
//! any file all at once; `plan_file.rs` guards one open plan's saves.

mod atomic;
mod document;
mod encoding;
pub mod lock;
mod parse;
mod plan_file;
pub mod recovery;
mod serialize;
pub mod watch;

pub use atomic::{TEMP_SUFFIX, create_new, sweep_temp_files, write_atomic};
pub use document::{Document, Patch};
pub use encoding::Encoding;
pub(crate) use parse::LineIndex;
pub use parse::{ParseError, parse};
pub use plan_file::{DiskState, PlanFile, SaveError, read_bytes, read_capped};
pub use serialize::to_toml;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
