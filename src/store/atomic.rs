//! Writing a file all at once: a temporary file in the same folder, flushed, renamed
//! into place, the folder flushed too. A reader, a kill or a power cut sees the old file
//! or the new one, never half of either. What a killed save leaves behind is named so
//! that the next start can sweep it away.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use super::resolve;

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

#[cfg(test)]
mod tests {
    use std::fs;

    use super::sweep_temp_files;

    #[test]
    fn a_killed_save_leaves_only_what_the_sweep_removes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml");
        fs::write(&path, "[plan]\n").expect("write the plan");
        fs::write(dir.path().join(".plan.toml.a1b2c3.steward-tmp"), "half").expect("write");
        fs::write(dir.path().join(".other.toml.a1b2c3.steward-tmp"), "x").expect("write");
        assert_eq!(sweep_temp_files(&path), 1);
        assert!(dir.path().join(".other.toml.a1b2c3.steward-tmp").exists());
    }
}
