//! Plan files on disk: reading them with every failure explained, and writing new ones.

mod document;
mod parse;
mod write;

pub use document::{Document, Patch};

use std::fs;
use std::io::{self, Read as _, Write as _};
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

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads and parses the plan at `path`.
///
/// # Errors
/// The file is missing, unreadable, a folder, too large, not UTF-8, or not a valid plan.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
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
    // A pipe or a device (`/dev/zero`) has no length to check first: read one byte more
    // than a plan may hold, and no further.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes))
        .map_err(io_err)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_PLAN_BYTES {
        return Err(too_large(None));
    }
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
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
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

/// Writes `contents` to `path` only if nothing is there yet.
///
/// # Errors
/// The file exists (`AlreadyExists`), or the folder cannot be written.
pub fn create_new(path: &Path, contents: &str) -> io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// Replaces `path` with `contents` all at once, keeping its permissions: written to a temporary file in the same
/// folder, flushed to disk, then renamed over `path`. A reader sees the old file or the new
/// one, never half of either.
///
/// # Errors
/// The folder cannot be written, the disk is full, or the rename fails.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".steward-")
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(contents)?;
    // The new file keeps the permissions of the one it replaces.
    if let Ok(meta) = fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(folder) = fs::File::open(&dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}
