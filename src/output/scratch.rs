//! Beside stage "prepare": the scratch folders of `cairn serve` (`cairn-serve-<pid>`,
//! the site it serves) and `cairn check` (`cairn-check-<pid>`, rendered to be checked
//! and thrown away) in the temp folder. Each is locked (`lock`) for as long as its
//! process runs and removed when it ends normally; one left by a process that was
//! killed outright is removed by the next process that makes one with the same prefix.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::lock::{self, FolderLock};
use crate::Error;

/// A scratch folder in the temp folder, locked while this process runs and removed
/// when dropped.
#[derive(Debug)]
pub struct Scratch {
    dir: PathBuf,
    _lock: FolderLock,
}

impl Scratch {
    /// Makes `<temp>/<prefix><pid>`, after removing the folders with `prefix` that no
    /// running process holds.
    pub fn make(prefix: &str) -> Result<Scratch, Error> {
        let temp = std::env::temp_dir();
        remove_stale(&temp, prefix);
        let dir = temp.join(format!("{prefix}{}", std::process::id()));
        // A folder of this pid can only be a dead process's (pids are reused).
        let _ = lock::remove_if_stale(&dir);
        let lock = lock::create_locked(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Scratch { dir, _lock: lock })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Err(e) = remove(&self.dir) {
            eprintln!("{}", cannot_remove(&self.dir, &e));
        }
    }
}

/// Makes `dir` again and locks it, after something removed it under a running serve
/// (a clean-up of the temp folder): without the lock, the next serve would take it for
/// a dead one's. The returned lock must be kept for as long as the folder is used.
pub fn remake(dir: &Path) -> io::Result<FolderLock> {
    match lock::create_locked(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => lock::lock(dir),
        made => made,
    }
}

/// Removes the folders named `<prefix>…` in `temp` whose lock no running process
/// holds. A failure is a warning: it concerns another process's leftovers.
fn remove_stale(temp: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir())
            && let Err(e) = lock::remove_if_stale(&entry.path())
        {
            eprintln!(
                "warning: cannot remove {}, left by a cairn that stopped: {e}",
                entry.path().display()
            );
        }
    }
}

/// Removes a scratch folder, trying again while a rebuild still writes into it
/// (a file created during `remove_dir_all` makes it fail with "not empty").
pub fn remove(dir: &Path) -> io::Result<()> {
    retrying(|| std::fs::remove_dir_all(dir))
}

/// Runs `removal` until it succeeds or finds nothing to remove, trying again 10 ms
/// later after a failure, at most 20 times: a rebuild's last writes end within that.
fn retrying(mut removal: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match removal() {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(_) if tries < 20 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(10));
            }
            done => return done,
        }
    }
}

/// "cannot remove <dir>: <why>", in the moderator's language: said when a scratch
/// folder outlives the build that made it (the next build clears it).
pub fn cannot_remove(dir: &Path, e: &io::Error) -> String {
    crate::messages::say(
        "scratch-cannot-remove",
        &[
            ("path", dir.display().to_string().into()),
            ("error", e.to_string().into()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scratch_folder_is_removed_on_drop_and_stale_ones_by_the_next() {
        let prefix = format!("cairn-scratch-test-{}-", std::process::id());
        let temp = std::env::temp_dir();
        // A dead process's folder: no lock held.
        let stale = temp.join(format!("{prefix}4000000000"));
        std::fs::create_dir_all(stale.join("public")).unwrap();
        let scratch = Scratch::make(&prefix).unwrap();
        assert!(!stale.exists(), "a stale scratch folder is removed");
        let dir = scratch.dir().to_path_buf();
        assert!(dir.is_dir() && lock::is_held(&dir));
        // Removed under it, it is made and locked again.
        std::fs::remove_dir_all(&dir).unwrap();
        let relocked = remake(&dir).unwrap();
        assert!(dir.is_dir() && lock::is_held(&dir));
        drop(relocked);
        drop(scratch);
        assert!(!dir.exists(), "dropped, the folder is removed");
    }

    /// A removal that fails while a rebuild still writes is tried again until it
    /// succeeds; one that keeps failing is tried 21 times and then reported.
    #[test]
    fn removal_is_tried_again_twenty_times_and_gone_is_done() {
        let calls = |fail_first: usize, kind: io::ErrorKind| {
            let mut calls = 0;
            let result = retrying(|| {
                calls += 1;
                if calls <= fail_first {
                    Err(kind.into())
                } else {
                    Ok(())
                }
            });
            (result.map_err(|e| e.kind()), calls)
        };
        let not_empty = io::ErrorKind::DirectoryNotEmpty;
        assert_eq!(calls(3, not_empty), (Ok(()), 4));
        assert_eq!(calls(20, not_empty), (Ok(()), 21));
        assert_eq!(calls(usize::MAX, not_empty), (Err(not_empty), 21));
        assert_eq!(calls(usize::MAX, io::ErrorKind::NotFound), (Ok(()), 1));
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("file");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(
            remove(&file).unwrap_err().kind(),
            io::ErrorKind::NotADirectory
        );
        remove(&tmp.path().join("gone")).expect("gone already is done");
    }

    /// Remade over a folder that is still there, it is locked again, not refused.
    #[test]
    fn remake_locks_a_folder_that_is_still_there() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("cairn-serve-1");
        std::fs::create_dir_all(&dir).unwrap();
        let held = remake(&dir).unwrap();
        assert!(lock::is_held(&dir));
        drop(held);
        assert!(!lock::is_held(&dir));
    }

    #[test]
    fn a_live_scratch_folder_is_not_removed_by_another() {
        let prefix = format!("cairn-scratch-live-{}-", std::process::id());
        let live = std::env::temp_dir().join(format!("{prefix}4000000001"));
        let _ = std::fs::remove_dir_all(&live);
        let held = lock::create_locked(&live).unwrap();
        let scratch = Scratch::make(&prefix).unwrap();
        assert!(live.is_dir(), "a folder whose lock is held is kept");
        drop(scratch);
        drop(held);
        std::fs::remove_dir_all(&live).unwrap();
    }
}
