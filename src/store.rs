//! Plan files on disk: reading them with every failure explained, and writing new ones.
//!
//! `parse.rs` turns text into a plan; `serialize.rs` a plan into the text of a new file;
//! `document.rs` mirrors edits into the file as its author wrote it; `atomic.rs` writes
//! any file all at once; `plan_file.rs` guards one open plan's saves.

mod atomic;
mod document;
mod encoding;
mod fingerprint;
pub mod lock;
mod parse;
mod plan_file;
pub mod recovery;
mod serialize;
pub mod watch;

pub use atomic::{Like, TEMP_SUFFIX, beside, create_new, follow, sweep_temp_files, write_atomic};
pub use document::{Coming, Document, Patch, Reading};
pub use encoding::Encoding;
pub(crate) use parse::LineIndex;
pub use parse::{ParseError, parse};
pub use plan_file::{DiskState, Fingerprint, PlanFile, SaveError, read_bytes, read_capped};
pub use serialize::to_toml;

use std::fs;
use std::io::{self, Write as _};
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
        io::ErrorKind::IsADirectory => "it is a folder".into(),
        io::ErrorKind::NotADirectory => "a part of its path is a file, not a folder".into(),
        // The system's words, as a sentence of steward's: "is a directory", not
        // "Is a directory (os error 21)".
        _ => {
            let text = e.to_string();
            let text = match text.rfind(" (os error ") {
                Some(i) if text.ends_with(')') => text[..i].to_string(),
                _ => text,
            };
            let mut chars = text.chars();
            chars.next().map_or(text.clone(), |c| {
                c.to_lowercase().chain(chars).collect::<String>()
            })
        }
    }
}

/// Why `path` cannot be written, in words: `io_reason`, but a missing folder is named.
pub(crate) fn write_reason(path: &Path, e: &io::Error) -> String {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    match parent {
        Some(folder) if e.kind() == io::ErrorKind::NotFound && !folder.exists() => {
            format!("there is no folder {}", crate::text::path(folder))
        }
        _ => io_reason(e),
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

/// Writes the handout (or another file steward names beside the plan `plan`) at `out`,
/// all at once, never over the plan itself (by its path, a link or a hard link) and
/// never through a link or anything else but a plain file standing at `out`. It gets
/// what the umask gives, but is never more readable than the plan.
///
/// # Errors
/// `out` is the plan, something else stands there, or it cannot be written.
pub fn write_export(out: &Path, plan: &Path, contents: &[u8]) -> Result<(), ExportError> {
    if out == plan || is_same_file(out, plan) {
        return Err(ExportError::IsThePlan);
    }
    let like = fs::metadata(resolve(plan)).ok().map(|m| Like::of(&m));
    let _ = sweep_temp_files(out);
    atomic::write_side_file(out, contents, like, atomic::Existing::Replace)?;
    Ok(())
}

/// Where an output goes, as a path names it.
enum Destination {
    /// This process's standard output or error (`/dev/stdout`, `/dev/fd/2`…), written
    /// to as they are: opened again by name, a file they go to would be written from
    /// its start.
    Standard(i32),
    /// A FIFO, a terminal or another character device: written to as a stream.
    Stream,
    /// A regular file, or nothing yet, at this path (its links followed).
    File(PathBuf),
}

fn destination(out: &Path) -> io::Result<Destination> {
    use std::os::unix::fs::FileTypeExt as _;
    for (fd, names) in [
        (1, ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]),
        (2, ["/dev/stderr", "/dev/fd/2", "/proc/self/fd/2"]),
    ] {
        if names.iter().any(|n| out == Path::new(n)) {
            return Ok(Destination::Standard(fd));
        }
    }
    match fs::metadata(out) {
        Ok(meta) if meta.is_file() => Ok(Destination::File(follow(out))),
        Ok(meta) if meta.file_type().is_fifo() || meta.file_type().is_char_device() => {
            Ok(Destination::Stream)
        }
        Ok(meta) => Err(io::Error::other(if meta.is_dir() {
            "it is a folder"
        } else {
            "it is a block device or a socket, which steward writes no output to"
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Destination::File(follow(out))),
        Err(e) => Err(e),
    }
}

/// Writes `contents` to a standard stream or one opened at `out`.
fn write_stream(dest: &Destination, out: &Path, contents: &[u8]) -> io::Result<()> {
    let result = match dest {
        Destination::Standard(1) => {
            let mut s = io::stdout().lock();
            s.write_all(contents).and_then(|()| s.flush())
        }
        Destination::Standard(_) => {
            let mut s = io::stderr().lock();
            s.write_all(contents).and_then(|()| s.flush())
        }
        _ => fs::OpenOptions::new()
            .write(true)
            .open(out)
            .and_then(|mut f| f.write_all(contents).and_then(|()| f.flush())),
    };
    // A reader that went away (`| head`) is not an error.
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes an export of the plan at `plan` to `out` (`-o OUT`): a regular file or a new
/// path is written atomically (through a link, which stays a link; a file there keeps
/// its mode, owner and group; a new one gets what the umask gives), never over the plan
/// itself (by its path, a link or a hard link); a FIFO, a terminal or another character
/// device is written to as a stream; `/dev/stdout` is this process's standard output.
///
/// # Errors
/// `out` is the plan, a folder or a block device, or it cannot be written.
pub fn write_output(out: &Path, plan: &Path, contents: &[u8]) -> Result<(), ExportError> {
    match destination(out)? {
        Destination::File(target) => {
            if out == plan || is_same_file(&target, plan) {
                return Err(ExportError::IsThePlan);
            }
            // What a killed export to the same file left behind.
            let _ = sweep_temp_files(&target);
            atomic::replace_file(&target, contents)?;
        }
        stream => write_stream(&stream, out, contents)?,
    }
    Ok(())
}

/// Writes a new file at `out` (`import -o PLAN`) as `create_new` does, never over one
/// (a dangling link makes its target); a FIFO, a terminal or another character device
/// is written to as a stream, `/dev/stdout` is this process's standard output.
///
/// # Errors
/// A file is there (`AlreadyExists`), or it cannot be written.
pub fn create_output(out: &Path, contents: &[u8]) -> io::Result<()> {
    match destination(out)? {
        Destination::File(target) => {
            let _ = sweep_temp_files(&target);
            create_new(&target, contents)
        }
        stream => write_stream(&stream, out, contents),
    }
}

/// Writes `contents` to standard output, as `-o -` means: a reader that went away
/// (`| head`) is not an error.
///
/// # Errors
/// Standard output cannot be written.
pub fn write_stdout(contents: &[u8]) -> io::Result<()> {
    write_stream(&Destination::Standard(1), Path::new("-"), contents)
}
