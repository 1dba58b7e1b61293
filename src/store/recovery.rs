//! The recovery file: every edit not yet saved is written at once, atomically, beside the
//! plan (`plan.toml.recovery`), so a crash, a kill or a power cut loses nothing. The next
//! start offers it back; saving or a clean quit removes it.

use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use serde::{Deserialize, Serialize};

use super::{Fingerprint, Like, MAX_PLAN_BYTES, PlanFile};

/// The largest recovery file steward reads: a plan at the cap, each byte escaped in
/// JSON at the most (`\u0000`), and room for the rest.
const MAX_RECOVERY_BYTES: u64 = MAX_PLAN_BYTES * 6 + 64 * 1024;

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
    /// The fingerprint of the plan on disk the edits were made to (`LEN:HASH`), so that
    /// restoring them onto a plan changed since is noticed; absent in recovery files of
    /// earlier stewards, and when the plan was missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
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
            base: None,
        }
    }

    /// The same, made from the plan on disk whose fingerprint is `base`.
    #[must_use]
    pub fn made_from(mut self, base: Option<Fingerprint>) -> Self {
        self.base = base.map(|b| b.to_string());
        self
    }

    /// The fingerprint of the plan it was made from; `None` when unknown.
    #[must_use]
    pub fn base(&self) -> Option<Fingerprint> {
        self.base.as_deref().and_then(|b| b.parse().ok())
    }
}

/// Writes `recovery` to `path` beside the plan `file`, atomically, never through a link.
///
/// # Errors
/// Something but a plain file stands at `path`, the folder cannot be written or the
/// disk is full.
pub fn write(file: &PlanFile, path: &Path, recovery: &Recovery) -> io::Result<()> {
    write_like(path, file.like(), recovery)
}

/// `write`, for a plan whose mode, owner and group are `like`.
fn write_like(path: &Path, like: Option<Like>, recovery: &Recovery) -> io::Result<()> {
    let json = serde_json::to_vec_pretty(recovery).map_err(io::Error::other)?;
    super::atomic::write_side_file(path, &json, like, super::atomic::Existing::Replace)
}

/// What the recovery file is to become: written with these edits, or removed.
#[derive(Debug)]
pub struct Job {
    /// Whose state it brings the file up to date with, told back when done.
    pub state: (u64, bool),
    pub path: PathBuf,
    /// The recovery to write (with the plan's mode, owner and group), or none: remove.
    pub write: Option<(Option<Like>, Recovery)>,
}

impl Job {
    /// Does it: writes the recovery file, or removes it.
    ///
    /// # Errors
    /// The file cannot be written or removed.
    pub fn run(&self) -> io::Result<()> {
        match &self.write {
            Some((like, recovery)) => write_like(&self.path, *like, recovery),
            None => remove(&self.path),
        }
    }
}

/// A job done, and how it went.
#[derive(Debug)]
pub struct Done {
    pub state: (u64, bool),
    pub result: io::Result<()>,
}

/// Writes recovery files on a thread of its own, so that a burst of keys never waits
/// for the disk: a job handed over while another is being written replaces any that
/// waits, since only the newest state matters.
#[derive(Debug)]
pub struct Writer {
    shared: Arc<(Mutex<Queue>, Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Debug, Default)]
struct Queue {
    next: Option<Job>,
    busy: bool,
    closed: bool,
}

impl Writer {
    /// Starts the writer; `done` is called, on its thread, after each job.
    ///
    /// # Errors
    /// The thread cannot be started.
    pub fn start(done: impl Fn(Done) + Send + 'static) -> io::Result<Self> {
        let shared = Arc::new((Mutex::new(Queue::default()), Condvar::new()));
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("recovery".into())
            .spawn(move || {
                let (queue, changed) = &*theirs;
                loop {
                    let job = {
                        let Ok(mut q) = queue.lock() else { return };
                        while q.next.is_none() && !q.closed {
                            q = match changed.wait(q) {
                                Ok(q) => q,
                                Err(_) => return,
                            };
                        }
                        let Some(job) = q.next.take() else { return };
                        q.busy = true;
                        job
                    };
                    let result = job.run();
                    done(Done {
                        state: job.state,
                        result,
                    });
                    if let Ok(mut q) = queue.lock() {
                        q.busy = false;
                    }
                    changed.notify_all();
                }
            })?;
        Ok(Writer {
            shared,
            thread: Some(thread),
        })
    }

    /// Hands a job over, in place of one that waits.
    pub fn hand(&self, job: Job) {
        let (queue, changed) = &*self.shared;
        if let Ok(mut q) = queue.lock() {
            q.next = Some(job);
        }
        changed.notify_all();
    }

    /// Waits until no job waits or is being written: each one done has been told.
    pub fn wait(&self) {
        let (queue, changed) = &*self.shared;
        let Ok(mut q) = queue.lock() else { return };
        while q.next.is_some() || q.busy {
            q = match changed.wait(q) {
                Ok(q) => q,
                Err(_) => return,
            };
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let (queue, changed) = &*self.shared;
        if let Ok(mut q) = queue.lock() {
            q.closed = true;
        }
        changed.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// What a recovery file beside the plan at `plan` holds, in a sentence, when there is
/// one: for the message of a plan that cannot be opened, so that nobody takes the edits
/// for lost, nor removes them unknowingly.
#[must_use]
pub fn waiting(plan: &Path) -> Option<String> {
    let path = super::beside(&super::resolve(plan), ".recovery");
    let found = read(&path).ok()??;
    let n = found.edits;
    Some(format!(
        "note: {n} unsaved edit{} to {}, made {}, {} kept in {}; steward offers {} back once \
         the plan opens (the recovery file's \"text\" is the whole plan with {})",
        crate::text::plural(n),
        crate::text::path(plan),
        found.written,
        if n == 1 { "is" } else { "are" },
        crate::text::path(&path),
        if n == 1 { "it" } else { "them" },
        if n == 1 { "the edit" } else { "the edits" },
    ))
}

/// Reads the recovery file at `path`: `Ok(None)` when there is none.
///
/// # Errors
/// The file exists but cannot be read or is not a recovery file; the message says why.
pub fn read(path: &Path) -> Result<Option<Recovery>, String> {
    let cannot = |e: &io::Error| format!("cannot read {}: {}", path.display(), super::io_reason(e));
    // Never through a link planted in its place.
    let mut bytes = Vec::new();
    match super::atomic::open_side_file(path) {
        Ok(None) => return Ok(None),
        Ok(Some(file)) => {
            file.take(MAX_RECOVERY_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| cannot(&e))?;
        }
        Err(e) => return Err(cannot(&e)),
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_RECOVERY_BYTES {
        return Err(format!(
            "{} is larger than any recovery file steward writes",
            path.display()
        ));
    }
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
    // Only steward's own: what else stands in its place is not steward's to remove.
    if fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Ok(());
    }
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
    // Only a plain file: what else stands there is left where it is.
    super::atomic::check_slot(path)?;
    if fs::symlink_metadata(path).is_err() {
        return Err(io::Error::from(io::ErrorKind::NotFound));
    }
    // A new name and then no old one: a link or file that appeared at the free name
    // meanwhile is never replaced.
    for _ in 0..5 {
        let aside = file.free_sidecar(suffix);
        match fs::hard_link(path, &aside) {
            Ok(()) => {
                fs::remove_file(path)?;
                return Ok(aside);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            // A file system without hard links: a rename, after the same check.
            Err(_) => {
                fs::rename(path, &aside)?;
                return Ok(aside);
            }
        }
    }
    Err(io::Error::other("no free name beside the plan"))
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
        fs::write(dir.path().join("plan.toml"), "[plan]\n").expect("write the plan");
        let (file, _) = PlanFile::open(&dir.path().join("plan.toml")).expect("open");
        write(&file, &path, &r).expect("write");
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
    fn the_writer_writes_the_newest_and_tells_each_job_done() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("plan.toml.recovery");
        let (to, from) = std::sync::mpsc::channel();
        let writer = Writer::start(move |done| {
            let _ = to.send(done);
        })
        .expect("starts");
        for n in 1..=3 {
            let r = Recovery::now(Path::new("plan.toml"), n, format!("edit {n}"));
            writer.hand(Job {
                state: (n, true),
                path: path.clone(),
                write: Some((None, r)),
            });
        }
        writer.wait();
        let done: Vec<(u64, bool)> = from
            .try_iter()
            .map(|d| {
                assert!(d.result.is_ok());
                d.state
            })
            .collect();
        assert_eq!(
            done.last(),
            Some(&(3, true)),
            "the newest is written last: {done:?}"
        );
        assert_eq!(read(&path).expect("reads").expect("there").text, "edit 3");
        writer.hand(Job {
            state: (3, false),
            path: path.clone(),
            write: None,
        });
        drop(writer);
        assert!(!path.exists(), "the job handed before the end is done");
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
