//! Stages "prepare" and "swap", and every stage that writes: the output folder. Pages are written into a staging folder beside the
//! output and swapped in only when the whole build succeeded, so a failed or killed
//! build never damages the last good site. A marker file says a folder is cairn's:
//! a folder without it is never replaced unless asked (`--force`). With a scanner
//! (`Staging::scanning`), every byte that enters the staging folder is scanned for
//! private values on its way in (DESIGN §5), so nothing has to be read back.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::Error;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::privacy::Scanner;

/// The file that marks an output folder as made by cairn.
pub const MARKER: &str = ".cairn-output";

/// What the marker says.
const MARKER_TEXT: &str = "This folder is written by cairn build; it is replaced on every build.\n";

/// Where a build's files go: a staging folder for `cairn build`, or `cairn serve`'s
/// patch over the pages it serves (`serve::Rebuilder`).
pub trait Destination: Sync {
    /// Writes `rel` (a path with `/` separators).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error>;
    /// Keeps `rel` as the last build wrote it (only a patch has one).
    fn keep(&self, _rel: &str) {}
    /// Keeps the `index.html` of each page folder in `pages`.
    fn keep_pages(&self, pages: &[String]) {
        for page in pages {
            self.keep(&format!("{page}index.html"));
        }
    }
    /// Copies the tree under `src` to `rel`.
    fn copy_tree(&self, src: &Path, rel: &str) -> Result<(), Error> {
        for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(src, io::Error::other(e.to_string())))?;
            if entry.file_type().is_file() {
                let sub = entry.path().strip_prefix(src).unwrap_or(entry.path());
                let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                let sub = sub.to_string_lossy().replace('\\', "/");
                self.write(&format!("{rel}/{sub}"), &bytes)?;
            }
        }
        Ok(())
    }
}

impl Destination for Staging<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        Staging::write(self, rel, bytes)
    }

    fn copy_tree(&self, src: &Path, rel: &str) -> Result<(), Error> {
        Staging::copy_tree(self, src, rel)
    }
}

/// A staging folder that becomes the output on `commit`, and is removed otherwise.
pub struct Staging<'a> {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// The locks on the staging folder (and, during the rename fallback, on the
    /// previous output set aside), held while this build runs.
    _held: Vec<lock::FolderLock>,
    /// Scans every file written, and where leaks are shown (`public/qa/x/index.html`).
    scanner: Option<(&'a Scanner<'a>, PathBuf)>,
    /// Leaks found so far, by output path: a file written twice is judged by its last
    /// bytes, as a scan of the finished folder would judge it.
    leaks: Mutex<HashMap<String, Vec<Diagnostic>>>,
    /// Files in the folder and their bytes, counted as they are written: walking the
    /// finished folder to count them cost 1.5 s at 100k items.
    files: AtomicUsize,
    bytes: AtomicU64,
    /// The largest file written so far and its size (a host's per-file limit,
    /// `deploy`); the size alone is read first, so most writes take no lock.
    largest_len: AtomicU64,
    largest: Mutex<Option<(PathBuf, u64)>>,
}

/// What an output holds: files, bytes and its largest file (as an output path), for
/// the build summary and the host's limits (`deploy`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footprint {
    pub files: usize,
    pub bytes: u64,
    pub largest: Option<(String, u64)>,
}

/// Creates `out` as a folder cairn made (with its marker), unless it exists: `cairn
/// book` writes into `public/books/`, and a later `cairn build` must still own `public/`.
pub fn claim(out: &Path) -> Result<(), Error> {
    if out.exists() {
        return Ok(());
    }
    fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    fs::write(out.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(out, e))
}

/// Creates the file at `path`, which must not exist, making its folder when missing.
/// The caller writes through the handle returned: reopening with O_TRUNC makes ext4
/// flush the file on close (its `auto_da_alloc` rule for truncated files), a device
/// write per file. A missing folder shows up as the open failing, so a file in a folder
/// that exists costs no extra call. (`examples/bench` writes its writing floor with it.)
pub fn create_fresh(path: &Path) -> io::Result<fs::File> {
    let create = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match create() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            create()
        }
        created => created,
    }
}

impl<'a> Staging<'a> {
    /// Prepares `.<name>.cairn-tmp` beside `out`, after checking `out` may be replaced.
    pub fn new(out: &Path, force: bool) -> Result<Staging<'a>, Error> {
        if out.exists() && !force && !is_ours(out)? {
            return Err(Error::NotOurs(out.to_path_buf()));
        }
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = out
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let dir = parent.join(format!(".{name}.cairn-tmp-{}", std::process::id()));
        remove_stale_staging(parent, &name)?;
        // Locked from the start and until this build ends: how other builds tell a
        // running build's staging folder from a killed one's (`lock`).
        let held = lock::create_locked(&dir).map_err(|e| Error::io(&dir, e))?;
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            _held: vec![held],
            out: out.to_path_buf(),
            committed: false,
            scanner: None,
            leaks: Mutex::new(HashMap::new()),
            files: AtomicUsize::new(1),
            bytes: AtomicU64::new(MARKER_TEXT.len() as u64),
            largest_len: AtomicU64::new(0),
            largest: Mutex::new(None),
        })
    }

    /// Scans every file from now on for private values as it is written (and the
    /// marker, already written, too: every file of the output is covered). Leaks are
    /// shown under `shown_as` and collected by `leaks`.
    pub(crate) fn scanning(mut self, scanner: &'a Scanner<'a>, shown_as: &Path) -> Staging<'a> {
        self.scanner = Some((scanner, shown_as.to_path_buf()));
        self.scan(MARKER, MARKER_TEXT.as_bytes());
        self
    }

    /// Scans the bytes of `rel` in memory, on the writing thread.
    fn scan(&self, rel: &str, bytes: &[u8]) {
        let Some((scanner, shown_as)) = &self.scanner else {
            return;
        };
        let found = scanner.scan(bytes, &shown_as.join(rel));
        let mut leaks = self.leaks.lock().unwrap_or_else(|p| p.into_inner());
        if found.is_empty() {
            leaks.remove(rel);
        } else {
            leaks.insert(rel.to_string(), found);
        }
    }

    /// Every leak found in the files written, sorted by file then message whatever
    /// order the threads wrote in.
    pub fn leaks(&self) -> Diagnostics {
        let leaks = std::mem::take(&mut *self.leaks.lock().unwrap_or_else(|p| p.into_inner()));
        let mut leaks: Vec<Diagnostic> = leaks.into_values().flatten().collect();
        leaks.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.message.cmp(&b.message)));
        leaks.into_iter().collect()
    }

    /// The staging folder, for checks before `commit`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `rel` (a path with `/` separators) under the staging folder, scanning
    /// it first when scanning.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        self.scan(rel, bytes);
        let path = self.dir.join(rel);
        self.counted(&path, bytes.len() as u64, |file| file.write_all(bytes))
    }

    /// Creates the file at `path` (and its folder when missing), runs `fill` on it to
    /// leave `len` bytes there, and counts it: a new file, or a replaced one whose old
    /// bytes no longer count.
    fn counted(
        &self,
        path: &Path,
        len: u64,
        fill: impl FnOnce(&mut fs::File) -> io::Result<()>,
    ) -> Result<(), Error> {
        // Staging files are nearly always new, so the file is created exclusively and
        // only a clash looks at what was there (a `metadata` call per file cost what
        // walking the folder did).
        let (mut file, old) = match create_fresh(path) {
            Ok(file) => (file, None),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let old = fs::metadata(path).map_err(|e| Error::io(path, e))?.len();
                let file = fs::File::create(path).map_err(|e| Error::io(path, e))?;
                (file, Some(old))
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        fill(&mut file).map_err(|e| Error::io(path, e))?;
        if let Some(old) = old {
            self.bytes.fetch_sub(old, Ordering::Relaxed);
        } else {
            self.files.fetch_add(1, Ordering::Relaxed);
        }
        self.bytes.fetch_add(len, Ordering::Relaxed);
        // Of files of the same size the first by path is the largest, whatever order
        // the threads wrote them in: the summary and the host's warnings name it.
        if len >= self.largest_len.load(Ordering::Relaxed) {
            let mut largest = self.largest.lock().unwrap_or_else(|e| e.into_inner());
            let larger = |(p, n): &(PathBuf, u64)| len > *n || (len == *n && path < p.as_path());
            if largest.as_ref().is_none_or(larger) {
                *largest = Some((path.to_path_buf(), len));
                self.largest_len.store(len, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// Files, bytes and the largest file written so far.
    pub fn footprint(&self) -> Footprint {
        let largest = self.largest.lock().unwrap_or_else(|e| e.into_inner());
        Footprint {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            largest: largest.as_ref().map(|(path, len)| {
                let rel = path.strip_prefix(&self.dir).unwrap_or(path);
                (rel.to_string_lossy().replace('\\', "/"), *len)
            }),
        }
    }

    /// Copies the tree under `src` to `rel` in the staging folder. When scanning, each
    /// file is read once and its bytes scanned and written (`static/` reaches the
    /// output only this way); otherwise the system copies it.
    pub fn copy_tree(&self, src: &Path, rel: &str) -> Result<(), Error> {
        for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::io(src, io::Error::other(e.to_string())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let sub = entry.path().strip_prefix(src).unwrap_or(entry.path());
            if self.scanner.is_some() {
                let bytes = fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                let sub = sub.to_string_lossy().replace('\\', "/");
                self.write(&format!("{rel}/{sub}"), &bytes)?;
                continue;
            }
            let dest = self.dir.join(rel).join(sub);
            let meta = entry
                .metadata()
                .map_err(|e| Error::io(entry.path(), e.into()))?;
            self.counted(&dest, meta.len(), |file| {
                // As `fs::copy` does: the system copies the bytes, and the mode follows.
                io::copy(&mut fs::File::open(entry.path())?, file)?;
                file.set_permissions(meta.permissions())
            })?;
        }
        Ok(())
    }

    /// Swaps the staging folder in for the output; returns what was published.
    /// Where the system can, the two folders trade places in one step, so there is no
    /// moment, not even for a killed build, when the output is missing or partial.
    pub fn commit(mut self) -> Result<Footprint, Error> {
        let footprint = self.footprint();
        let old = if !self.out.exists() {
            fs::rename(&self.dir, &self.out).map_err(|e| Error::io(&self.out, e))?;
            None
        } else if exchange(&self.dir, &self.out).is_ok() {
            // The staging path now holds the previous output.
            Some(self.dir.clone())
        } else {
            Some(self.swap_by_renames()?)
        };
        self.committed = true;
        if let Some(old) = old {
            // The previous output: a folder, or the file `--force` replaced.
            remove_any(&old)?;
        }
        Ok(footprint)
    }

    /// The fallback where folders cannot be exchanged: output aside, staging in. A kill
    /// between the two renames leaves the last good site beside the output, under the
    /// `.cairn-old-` name, and the next build puts it back before staging.
    fn swap_by_renames(&mut self) -> Result<PathBuf, Error> {
        let old = old_path(&self.out);
        // Held while it is set aside, so another build does not take this running
        // build's previous output for a killed one's (a file cannot be locked here,
        // and is not a site to put back).
        if self.out.is_dir()
            && let Ok(held) = lock::lock(&self.out)
        {
            self._held.push(held);
        }
        fs::rename(&self.out, &old).map_err(|e| Error::io(&self.out, e))?;
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the last good site back before reporting; say so when that fails.
            if let Err(back) = fs::rename(&old, &self.out) {
                return Err(Error::io(
                    &self.out,
                    io::Error::new(
                        back.kind(),
                        format!(
                            "{e}; and the previous output could not be put back ({back}): it is at {}",
                            old.display()
                        ),
                    ),
                ));
            }
            return Err(Error::io(&self.out, e));
        }
        Ok(old)
    }
}

/// Where the previous output waits while the fallback swap runs.
fn old_path(out: &Path) -> PathBuf {
    out.with_file_name(format!(
        ".{}.cairn-old-{}",
        out.file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ))
}

/// Atomically exchanges two paths (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// An existing output folder is ours when it is empty or carries the marker.
fn is_ours(out: &Path) -> Result<bool, Error> {
    if !out.is_dir() {
        return Ok(false);
    }
    if out.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none())
}

/// Staging folders left by killed builds are removed: those whose lock no running
/// process holds (`lock`; the pid in the name is only there to keep names apart).
fn remove_stale_staging(parent: &Path, name: &str) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if file.starts_with(&format!(".{name}.cairn-old-")) {
            // A build killed mid-swap (the rename fallback) left the last good site
            // here and no output: put it back rather than delete it.
            let out = parent.join(name);
            if !out.exists() && !lock::is_held(&path) {
                fs::rename(&path, &out).map_err(|e| Error::io(&path, e))?;
                continue;
            }
        } else if !file.starts_with(&format!(".{name}.cairn-tmp-")) {
            continue;
        }
        if path.is_dir() {
            lock::remove_if_stale(&path).map_err(|e| Error::io(&path, e))?;
        } else {
            // Not a folder: no build stages into it; left by an old swap over a file.
            remove_any(&path)?;
        }
    }
    Ok(())
}

/// Removes `path`, a folder or a file; gone already is fine.
fn remove_any(path: &Path) -> Result<(), Error> {
    let removed = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match removed {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

pub mod lock;
pub mod scratch;
#[cfg(test)]
mod tests;
