//! Part of stages "prepare" and "swap", and of `cairn serve`'s scratch folder: whether a
//! folder belongs to a process that is still running. The process holds an `flock` on
//! the folder itself for as long as it lives; the system drops it when the process ends,
//! however it ends, so a folder whose lock can be taken is a leftover. No `/proc`, no
//! pids: the same on Linux and macOS.

use std::fs;
use std::io;
use std::os::fd::AsRawFd;
use std::path::Path;

/// A held lock on a folder, released when dropped (or when the process ends).
#[derive(Debug)]
pub struct FolderLock {
    _file: fs::File,
}

/// Takes the lock on the folder at `dir`, or says why not (`WouldBlock`: another
/// process, or another handle of this one, holds it).
pub fn lock(dir: &Path) -> io::Result<FolderLock> {
    let file = fs::File::open(dir)?;
    // SAFETY: a valid open descriptor, owned by `file` for the whole call.
    let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if rc == 0 {
        Ok(FolderLock { _file: file })
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Makes the folder `dir` (which must not exist) and locks it at once.
pub fn create_locked(dir: &Path) -> io::Result<FolderLock> {
    fs::create_dir_all(dir.parent().unwrap_or(Path::new(".")))?;
    fs::create_dir(dir)?;
    lock(dir)
}

/// True when a running process holds the lock on `dir`. A folder that cannot be
/// opened counts as held: it is not ours to remove.
pub fn is_held(dir: &Path) -> bool {
    match lock(dir) {
        Ok(_) => false,
        Err(e) => e.kind() != io::ErrorKind::NotFound,
    }
}

/// Removes `dir` when no running process holds its lock; true when it was removed.
/// The lock is held while removing, so two clean-ups never race a live owner.
pub fn remove_if_stale(dir: &Path) -> io::Result<bool> {
    let held = match lock(dir) {
        Ok(held) => held,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(false),
        Err(e) => return Err(e),
    };
    let removed = gone_is_false(fs::remove_dir_all(dir));
    drop(held);
    removed
}

/// A removal's result as "removed": a folder another process removed first (between
/// the lock and the removal) was not removed by us, and is no failure either.
fn gone_is_false(removal: io::Result<()>) -> io::Result<bool> {
    match removal {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_folder_is_kept_and_a_released_one_removed() {
        let tmp = std::env::temp_dir().join(format!("cairn-lock-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&tmp);
        let held = create_locked(&tmp).unwrap();
        fs::write(tmp.join("x"), "x").unwrap();
        assert!(is_held(&tmp));
        assert!(!remove_if_stale(&tmp).unwrap());
        assert!(tmp.exists());
        drop(held);
        assert!(!is_held(&tmp));
        assert!(remove_if_stale(&tmp).unwrap());
        assert!(!tmp.exists());
    }

    /// A folder already gone is neither held nor an error to clean up; a lock taken
    /// on it fails with NotFound.
    #[test]
    fn a_missing_folder_is_not_held_and_not_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let gone = tmp.path().join("gone");
        assert_eq!(
            lock(&gone).map(|_| ()).unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
        assert!(!is_held(&gone));
        assert!(!remove_if_stale(&gone).unwrap());
        // Not a folder cairn may take: a file cannot be removed as a folder.
        let file = tmp.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(remove_if_stale(&file).is_err());
        assert!(file.exists());
        // A lock that fails for another reason than "gone" or "held" is reported.
        let under_file = file.join("child");
        assert_eq!(
            remove_if_stale(&under_file).unwrap_err().kind(),
            io::ErrorKind::NotADirectory
        );
        assert!(is_held(&under_file), "not ours to remove");
    }

    /// Only "not found" means someone else removed it first; other failures surface.
    #[test]
    fn a_removal_that_finds_nothing_is_not_a_failure() {
        assert!(gone_is_false(Ok(())).unwrap());
        assert!(!gone_is_false(Err(io::ErrorKind::NotFound.into())).unwrap());
        let busy = gone_is_false(Err(io::ErrorKind::ResourceBusy.into()));
        assert_eq!(busy.unwrap_err().kind(), io::ErrorKind::ResourceBusy);
    }
}
