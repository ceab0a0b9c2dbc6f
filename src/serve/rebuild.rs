//! `cairn serve`'s rebuilds (issue #5): the pipeline of `Site::build`, but a file whose
//! stamp did not move is not parsed again, a body whose source and links did not change
//! is not rendered again, a page whose fingerprint (`incremental::fingerprint`) did not move is
//! not rendered again, and only files whose bytes changed are written over the served
//! output. The result is byte for byte what a full build gives
//! (`tests/it/incremental.rs`). The first build, and any build after a change of
//! config, theme or date, is a full one.

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::Error;
use crate::build::BuildOptions;
use crate::diagnostics::Diagnostics;
use crate::incremental::{Caches, Reuse, hash_of};
use crate::output::{Destination, Staging};
use crate::privacy::Scanner;
use crate::site::{Site, Timings};

/// What the last good build left in the output.
struct Last {
    globals: u64,
    /// Page folder → fingerprint.
    pages: HashMap<String, u64>,
    /// Output file → hash of its bytes.
    files: HashMap<String, u64>,
    /// In item order: (card fingerprint, card).
    cards: Vec<(u64, crate::render::Value)>,
    /// Item page path → (entry fingerprint, feed entry).
    entries: HashMap<String, (u64, Arc<str>)>,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    pub pages: usize,
    /// Pages rendered (the rest were kept).
    pub rendered: usize,
    /// Files written or removed.
    pub changed: usize,
    /// Whether it was a full build.
    pub full: bool,
    /// Whether the search index was left as it was, as a newer save came in while it
    /// was being built (see `Rebuilder::stop_search_when`).
    pub search_deferred: bool,
    /// Whether `content/` was walked, not patched from the watcher's paths.
    pub walked: bool,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// Rebuilds one site again and again, as `cairn serve` does on every save.
pub struct Rebuilder {
    options: BuildOptions,
    caches: Caches,
    last: Option<Last>,
    stop: Option<Arc<AtomicBool>>,
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder {
            options,
            caches: Caches::default(),
            last: None,
            stop: None,
        }
    }

    /// While `flag` is set, a rebuild gives up its search index (after the pages and
    /// feeds are written): `cairn serve` sets it when another save comes in, so the
    /// next rebuild starts at once instead of after an index already out of date.
    /// A full rebuild always writes its index.
    pub fn stop_search_when(&mut self, flag: Arc<AtomicBool>) {
        self.stop = Some(flag);
    }

    /// A file watcher now reports every change (`changed`), so a rebuild can patch
    /// the last list of content files instead of walking `content/`.
    pub fn track_changes(&mut self) {
        self.caches.sources.track();
    }

    /// Paths (relative to the site root) the watcher saw change before the next
    /// rebuild; `None` when it cannot say, and the next rebuild walks `content/`.
    pub fn changed(&mut self, paths: Option<Vec<PathBuf>>) {
        self.caches.sources.changed(paths);
    }

    fn out(&self) -> PathBuf {
        self.options
            .out
            .clone()
            .unwrap_or_else(|| self.options.root.join("public"))
    }

    /// Builds the site; `pages_ready` runs once every page (and the theme's assets) is
    /// in the output, so open pages can reload before the feeds, `credits.json`, the
    /// sitemap and the search index are done. On an error the output keeps the last
    /// good build (a rebuild failing after `pages_ready` leaves new pages beside the
    /// old feeds and index; the next rebuild is then a full one).
    pub fn rebuild(&mut self, pages_ready: &mut dyn FnMut()) -> Result<Rebuilt, Error> {
        // A save that does not load leaves the output and what is known of it as they
        // were; from here on, an error makes the next rebuild a full one.
        let site = Site::load_with(&self.options, Some(&mut self.caches));
        let mut site = site.map_err(Error::Content)?;
        let last = self.last.take();
        let mut timings = std::mem::take(&mut site.timings);
        let fingerprints = timings.time("fingerprints", || {
            site.fingerprints(
                &site.body_keys,
                &site.bio_keys,
                &mut self.caches.fingerprints,
            )
        });
        let globals = fingerprints.globals;
        let out = self.out();
        let last =
            last.filter(|l| l.globals == globals && out.join(crate::output::MARKER).exists());
        let full = last.is_none();
        let (pages_before, before, last_cards) = match last {
            Some(l) => (l.pages, l.files, Some((l.cards, l.entries))),
            None => Default::default(),
        };
        let reuse = Reuse {
            now: fingerprints,
            before: pages_before,
            seen: Mutex::new(HashMap::default()),
            kept: AtomicUsize::new(0),
            cards: Default::default(),
            entries: Default::default(),
        };
        if let Some((cards, entries)) = last_cards {
            reuse.cards.put(cards);
            reuse.entries.put(entries);
        }
        let secrets = site.secrets().scannable;
        let scanner = Scanner::new(&secrets);
        let (pages, files, changed, searched) = if full {
            // The staging folder scans what the patch passes through to it.
            let staging = Staging::new(&out, self.options.force)?;
            let staging = staging.scanning(&scanner, Path::new("public"));
            let recorder = Patch::new(&staging, before, &scanner, true);
            let (pages, _) = site.write_site(
                &recorder,
                Some(&reuse),
                &mut timings,
                &mut || Ok(()),
                &|| false,
            )?;
            let files = recorder.files();
            let leaks = timings.time("privacy", || staging.leaks());
            if leaks.has_errors() {
                return Err(Error::Content(leaks));
            }
            let written = timings.time("swap", || staging.commit())?.files;
            pages_ready();
            (pages, files, written, true)
        } else {
            let direct = Direct(out.clone());
            let patch = Patch::new(&direct, before, &scanner, false);
            let mut flushed = std::time::Duration::ZERO;
            let stop = self.stop.clone();
            let stop = move || stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed));
            let written_pages = &mut || {
                let start = std::time::Instant::now();
                patch.flush()?;
                flushed = start.elapsed();
                pages_ready();
                Ok(())
            };
            let (pages, searched) =
                site.write_site(&patch, Some(&reuse), &mut timings, written_pages, &stop)?;
            timings.0.push(("write pages", flushed));
            if !searched {
                // The index and the search page stay as the last index left them, in
                // step with each other; the next rebuild writes them.
                patch.keep_under("search/");
            }
            timings.time("write index", || patch.flush())?;
            let changed = timings.time("remove", || patch.remove_stale(&out))?;
            (
                pages,
                patch.files(),
                changed + patch.written.load(Ordering::Relaxed),
                searched,
            )
        };
        let rendered = pages - reuse.kept.load(Ordering::Relaxed);
        self.last = Some(Last {
            globals,
            cards: reuse.cards.take(),
            entries: reuse.entries.take(),
            pages: reuse.seen.into_inner().unwrap_or_else(|p| p.into_inner()),
            files,
        });
        Ok(Rebuilt {
            pages,
            rendered,
            changed,
            full,
            search_deferred: !searched,
            walked: self.caches.sources.walked,
            warnings: site.diagnostics,
            timings,
        })
    }
}

/// Writes straight into the served output folder.
struct Direct(PathBuf);

impl Destination for Direct {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.0.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }
}

/// Files of a rebuild, compared with what the last build wrote: only changed ones go
/// on to `inner`, after the privacy scan. With `pass_through` (a full build into a
/// staging folder, which scans what it is given) every file goes on at once and the
/// patch only takes notes.
struct Patch<'a> {
    inner: &'a dyn Destination,
    before: HashMap<String, u64>,
    now: Mutex<HashMap<String, u64>>,
    pending: Mutex<Vec<(String, Vec<u8>)>>,
    scanner: &'a Scanner<'a>,
    pass_through: bool,
    written: AtomicUsize,
}

impl<'a> Patch<'a> {
    fn new(
        inner: &'a dyn Destination,
        before: HashMap<String, u64>,
        scanner: &'a Scanner<'a>,
        pass_through: bool,
    ) -> Patch<'a> {
        Patch {
            inner,
            before,
            now: Mutex::new(HashMap::default()),
            pending: Mutex::new(Vec::new()),
            scanner,
            pass_through,
            written: AtomicUsize::new(0),
        }
    }

    /// Scans the changed files for private values, then writes them; a leak writes
    /// nothing.
    fn flush(&self) -> Result<(), Error> {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|p| p.into_inner()));
        let leaks: Vec<_> = pending
            .par_iter()
            .flat_map_iter(|(rel, bytes)| self.scanner.scan(bytes, &Path::new("public").join(rel)))
            .collect();
        let leaks: Diagnostics = leaks.into_iter().collect();
        if leaks.has_errors() {
            return Err(Error::Content(leaks));
        }
        pending
            .par_iter()
            .try_for_each(|(rel, bytes)| self.inner.write(rel, bytes))?;
        self.written.fetch_add(pending.len(), Ordering::Relaxed);
        Ok(())
    }

    /// Removes what the last build wrote and this one did not; returns how many.
    fn remove_stale(&self, out: &Path) -> Result<usize, Error> {
        let now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        let mut removed = 0;
        for rel in self.before.keys().filter(|rel| !now.contains_key(*rel)) {
            let path = out.join(rel);
            match std::fs::remove_file(&path) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            }
            // A page's folder goes with its page, as a full build would not have it.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != out && std::fs::remove_dir(d).is_ok()) {
                dir = d.parent();
            }
        }
        Ok(removed)
    }

    /// Leaves the files under `prefix` as the last build wrote them: what this build
    /// wrote there is dropped unwritten, and nothing there is stale.
    fn keep_under(&self, prefix: &str) {
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.retain(|(rel, _)| !rel.starts_with(prefix));
        let mut now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        now.retain(|rel, _| !rel.starts_with(prefix));
        for (rel, &hash) in self
            .before
            .iter()
            .filter(|(rel, _)| rel.starts_with(prefix))
        {
            now.insert(rel.clone(), hash);
        }
    }

    fn files(&self) -> HashMap<String, u64> {
        std::mem::take(&mut *self.now.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

impl Destination for Patch<'_> {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let hash = hash_of(bytes);
        self.now
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(rel.to_string(), hash);
        if self.pass_through {
            return self.inner.write(rel, bytes);
        }
        if self.before.get(rel) != Some(&hash) {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            pending.push((rel.to_string(), bytes.to_vec()));
        }
        Ok(())
    }

    fn keep(&self, rel: &str) {
        if let Some(&hash) = self.before.get(rel) {
            self.now
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(rel.to_string(), hash);
        }
    }

    fn keep_pages(&self, pages: &[String]) {
        let mut now = self.now.lock().unwrap_or_else(|p| p.into_inner());
        now.reserve(pages.len());
        let mut rel = String::new();
        for page in pages {
            rel.clear();
            rel.push_str(page);
            rel.push_str("index.html");
            if let Some((rel, &hash)) = self.before.get_key_value(rel.as_str()) {
                now.insert(rel.clone(), hash);
            }
        }
    }
}
