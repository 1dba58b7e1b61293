//! What the command-line tests share: the real binary, with none of the environment
//! that would change its output, fixture files written into a test's folder, and the
//! day the tests check plans on.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[path = "today.rs"]
pub mod today;

/// The real `steward` binary, with no `STEWARD_TODAY`, colour variable, git pager or git
/// external diff around it.
pub fn steward() -> Command {
    let mut cmd = Command::cargo_bin("steward").expect("the steward binary is built");
    for name in [
        "STEWARD_TODAY",
        "NO_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "FORCE_COLOR",
        "GIT_PAGER_IN_USE",
        "GIT_DIFF_PATH_COUNTER",
        "GIT_DIFF_PATH_TOTAL",
    ] {
        cmd.env_remove(name);
    }
    cmd
}

/// Writes `contents` to `name` in `dir`, and returns its path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).expect("write a file for the test");
    path
}
