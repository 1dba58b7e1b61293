//! Noticing outside edits: the plan's folder is watched (a save by rename replaces the
//! file, so watching the file itself would go deaf after the first one), events for other
//! files are dropped, and so are those that cannot change a file's bytes: a file being
//! opened or read, as every look at it does (steward's own among them). Whoever listens
//! merges bursts (`SETTLE`). What changed is decided by comparing bytes, not here.

use std::path::Path;

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// How long a burst of events must settle before it counts as one change.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(300);

/// A watch on some files; it ends when dropped.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

impl Watch {
    /// Starts watching the file at `target` (a resolved path); `changed` is called, on
    /// the watch's own thread, whenever it may have changed.
    ///
    /// # Errors
    /// The system cannot watch the folder (too many watches, say).
    pub fn start(target: &Path, changed: impl Fn() + Send + 'static) -> notify::Result<Self> {
        Watch::start_files(&[target], changed)
    }

    /// Starts watching these files, all in the folder of the first (a plan and the files
    /// beside it).
    ///
    /// # Errors
    /// The system cannot watch the folder (too many watches, say).
    pub fn start_files(
        files: &[&Path],
        changed: impl Fn() + Send + 'static,
    ) -> notify::Result<Self> {
        let first = files.first().copied().unwrap_or(Path::new("."));
        let dir = match first.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let names: Vec<_> = files
            .iter()
            .filter_map(|f| f.file_name().map(ToOwned::to_owned))
            .collect();
        let mut watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            let ours = match &result {
                Ok(event) => {
                    can_change_bytes(event.kind)
                        && event
                            .paths
                            .iter()
                            .any(|p| p.file_name().is_some_and(|n| names.iter().any(|m| m == n)))
                }
                // When in doubt, look: comparing the bytes is cheap.
                Err(_) => true,
            };
            if ours {
                changed();
            }
        })?;
        watcher.watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(Watch { _watcher: watcher })
    }
}

/// Whether an event of this kind can mean new bytes: not a file opened, read, or closed
/// without being written.
fn can_change_bytes(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(access) => access == AccessKind::Close(AccessMode::Write),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind, RenameMode};

    #[test]
    fn opening_or_reading_a_file_is_no_change() {
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Access(AccessKind::Read),
        ] {
            assert!(!can_change_bytes(kind), "{kind:?}");
        }
        for kind in [
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Any,
        ] {
            assert!(can_change_bytes(kind), "{kind:?}");
        }
    }
}
