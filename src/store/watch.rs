//! Noticing outside edits: the plan's folder is watched (a save by rename replaces the
//! file, so watching the file itself would go deaf after the first one), events for other
//! files are dropped, and bursts are merged. What changed is decided by comparing bytes,
//! not here.

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a burst of events must settle before it counts as one change.
pub const SETTLE: Duration = Duration::from_millis(300);

/// A watch on one file; it ends when dropped.
pub struct Watch {
    _debouncer: Debouncer<RecommendedWatcher>,
    events: Receiver<()>,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

impl Watch {
    /// Starts watching the file at `target` (a resolved path).
    ///
    /// # Errors
    /// The system cannot watch the folder (too many watches, say).
    pub fn start(target: &Path) -> notify_debouncer_mini::notify::Result<Self> {
        Watch::start_files(&[target])
    }

    /// Starts watching these files, all in the folder of the first (a plan and the files
    /// beside it).
    ///
    /// # Errors
    /// The system cannot watch the folder (too many watches, say).
    pub fn start_files(files: &[&Path]) -> notify_debouncer_mini::notify::Result<Self> {
        let first = files.first().copied().unwrap_or(Path::new("."));
        let dir = match first.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let names: Vec<_> = files
            .iter()
            .filter_map(|f| f.file_name().map(ToOwned::to_owned))
            .collect();
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(SETTLE, move |result: DebounceEventResult| {
            let ours = match &result {
                Ok(events) => events.iter().any(|e| {
                    e.path
                        .file_name()
                        .is_some_and(|n| names.iter().any(|m| m == n))
                }),
                // When in doubt, look: comparing the bytes is cheap.
                Err(_) => true,
            };
            if ours {
                let _ = tx.send(());
            }
        })?;
        debouncer
            .watcher()
            .watch(&dir, RecursiveMode::NonRecursive)?;
        Ok(Watch {
            _debouncer: debouncer,
            events,
        })
    }

    /// Whether the file may have changed since last asked.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.events.try_iter().count() > 0
    }
}
