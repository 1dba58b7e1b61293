//! The recovery file: every edit not yet saved is written at once, atomically, beside the
//! plan (`plan.toml.recovery`), so a crash, a kill or a power cut loses nothing. The next
//! start offers it back; saving or a clean quit removes it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::PlanFile;

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// The plan it belongs to, as its path was given.
    pub file: String,
    /// How many edits it holds beyond the saved plan.
    pub edits: u64,
    /// When it was written, as local time `YYYY-MM-DD HH:MM:SS`.
    pub written: String,
    /// The whole plan text, with the edits.
    pub text: String,
}

impl Recovery {
    /// A recovery of `text`, written now.
    #[must_use]
    pub fn now(file: &Path, edits: u64, text: String) -> Self {
        Recovery {
            file: file.display().to_string(),
            edits,
            written: chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
            text,
        }
    }
}

/// Writes `recovery` to `path` atomically.
///
/// # Errors
/// The folder cannot be written or the disk is full.
pub fn write(path: &Path, recovery: &Recovery) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(recovery).map_err(io::Error::other)?;
    super::write_atomic(path, &json)
}

/// Reads the recovery file at `path`: `Ok(None)` when there is none.
///
/// # Errors
/// The file exists but cannot be read or is not a recovery file; the message says why.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(format!(
                "cannot read {}: {}",
                path.display(),
                super::io_reason(&e)
            ));
        }
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        format!(
            "{} is not a recovery file steward can read: {e}",
            path.display()
        )
    })
}

/// Removes the recovery file at `path`, if there is one.
///
/// # Errors
/// It exists and cannot be removed.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Moves the recovery file at `path` out of the way, to a name beside the plan that
/// nothing holds yet (`plan.toml` and `.recovery.old` give `plan.toml.recovery.old`,
/// else `plan.toml.recovery.old-2`, …), so that its edits are kept but no longer
/// offered; returns where it went.
///
/// # Errors
/// It cannot be moved; it is then where it was.
pub fn set_aside(file: &PlanFile, path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let aside = file.free_sidecar(suffix);
    fs::rename(path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recovery_file_reads_back_as_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.recovery");
        assert_eq!(read(&path), Ok(None));
        let r = Recovery::now(
            Path::new("plan.toml"),
            3,
            "[plan]\nname = \"\u{1F600}\"\n".into(),
        );
        write(&path, &r).expect("write");
        assert_eq!(read(&path), Ok(Some(r)));
        remove(&path).expect("remove");
        assert!(!path.exists());
        remove(&path).expect("removing nothing is fine");
    }

    #[test]
    fn a_recovery_file_set_aside_never_replaces_one_set_aside_before() {
        let dir = tempfile::tempdir().expect("temp dir");
        let plan = dir.path().join("plan.toml");
        fs::write(&plan, "[plan]\n").expect("write the plan");
        let (file, _) = PlanFile::open(&plan).expect("open");
        let path = dir.path().join("plan.toml.recovery");
        for (n, name) in ["plan.toml.recovery.old", "plan.toml.recovery.old-2"]
            .into_iter()
            .enumerate()
        {
            fs::write(&path, n.to_string()).expect("write a recovery file");
            let aside = set_aside(&file, &path, ".recovery.old").expect("set aside");
            assert_eq!(aside, dir.path().join(name));
            assert_eq!(fs::read_to_string(&aside).expect("read"), n.to_string());
            assert!(!path.exists());
        }
        assert!(
            set_aside(&file, &path, ".recovery.old").is_err(),
            "nothing to move"
        );
    }

    #[test]
    fn a_mangled_recovery_file_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.recovery");
        fs::write(&path, "{not json").expect("write");
        let err = read(&path).expect_err("mangled");
        assert!(err.contains("not a recovery file"), "{err}");
    }
}
