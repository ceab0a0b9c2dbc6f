//! `cairn serve`'s rebuilds (issue #5): the pipeline of `Site::build`, but a file whose
//! stamp did not move is not parsed again, a body whose source and links did not change
//! is not rendered again, a page whose fingerprint (`fingerprint.rs`) did not move is
//! not rendered again, and only files whose bytes changed are written over the served
//! output. The result is byte for byte what a full build gives
//! (`tests/it/incremental.rs`). The first build, and any build after a change of
//! config, theme or date, is a full one.

use rustc_hash::FxHashMap as HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use crate::Error;
use crate::content::{Document, Item, Member, SourceCache};
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, MarkdownOptions, MentionTarget, Rendered, Resolver};
use crate::output::{Destination, Staging};

use super::lists::ArchiveCache;
use super::pages::Reuse;
use super::{BuildOptions, Site, Timings};
use crate::privacy::Scanner;

/// Parsed files and rendered bodies of the last load.
#[derive(Default)]
pub struct Caches {
    pub(super) sources: SourceCache,
    pub(super) bodies: BodyCache<Item>,
    pub(super) bios: BodyCache<Member>,
    pub(super) memo: super::memo::Memo,
    pub(super) fingerprints: Option<super::fingerprint::Previous>,
}

/// Rendered bodies by file, with what they were rendered from.
pub struct BodyCache<T> {
    /// In the order of the last render's sources: a file that did not move is found
    /// at its place, without hashing its path.
    bodies: Vec<Body<T>>,
    /// `resolver_digest` of the last render's resolver.
    resolver: u64,
    /// The hash of the labels the last render used.
    labels: u64,
}

impl<T> Default for BodyCache<T> {
    fn default() -> Self {
        BodyCache {
            bodies: Vec::new(),
            resolver: 0,
            labels: 0,
        }
    }
}

/// What every `@handle` and item key resolves to, in one number: while it stays the
/// same, no body's links resolve differently, and `links_of` need not look again.
/// A sum of per-entry hashes, as the maps' iteration order is not stable.
fn resolver_digest(resolver: &Resolver) -> u64 {
    let members = resolver
        .members
        .iter()
        .map(|(handle, target)| match target {
            MentionTarget::Hidden => hash_of((handle, 1)),
            MentionTarget::Profile(url) => hash_of((handle, 2, url)),
        });
    let items = resolver.items.iter().map(|entry| hash_of((3, entry)));
    members.chain(items).fold(
        hash_of(resolver.members.len() + resolver.items.len()),
        u64::wrapping_add,
    )
}

struct Body<T> {
    /// The item or member the body was rendered from. Held, not just compared by
    /// address: a freed file's memory could hold the next version of it.
    source: Arc<T>,
    /// The hash of the body's text: the same `source` has the same text, so an
    /// unchanged file (`SourceCache` hands out the same `Arc`) is not hashed again.
    text: u64,
    options: MarkdownOptions,
    /// Text, options and labels.
    key: u64,
    /// What the body's `@handles` and item links resolved to.
    links: u64,
    rendered: Arc<Rendered>,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// What the `lookups` of a body resolve to now: the body renders the same while this
/// stays the same.
fn links_of(rendered: &Rendered, resolver: &Resolver) -> u64 {
    let mut h = FxHasher::default();
    for key in &rendered.lookups {
        key.hash(&mut h);
        match key.strip_prefix('@') {
            Some(handle) => match resolver.members.get(handle) {
                None => 0.hash(&mut h),
                Some(MentionTarget::Hidden) => 1.hash(&mut h),
                Some(MentionTarget::Profile(url)) => url.hash(&mut h),
            },
            None => resolver.items.get(key).hash(&mut h),
        }
    }
    h.finish()
}

impl<T: Send + Sync> BodyCache<T> {
    /// Each source's rendered body (`doc` says where its document is), and a key that
    /// changes whenever the body does.
    pub(super) fn render(
        &mut self,
        sources: &[(&Arc<T>, MarkdownOptions)],
        doc: impl Fn(&T) -> &Document + Sync,
        resolver: &Resolver,
    ) -> (Vec<Arc<Rendered>>, Vec<u64>) {
        let labels = hash_of((
            &resolver.hidden_label,
            &resolver.task_done_label,
            &resolver.task_open_label,
        ));
        let old = std::mem::take(&mut self.bodies);
        let digest = resolver_digest(resolver);
        let same_links = std::mem::replace(&mut self.resolver, digest) == digest;
        let same_labels = std::mem::replace(&mut self.labels, labels) == labels;
        // Files that moved (one was added or removed before them) are found by path.
        let by_path: OnceLock<HashMap<&Path, usize>> = OnceLock::new();
        let find = |j: usize, source: &Arc<T>| {
            let path = &doc(source).path;
            match old.get(j) {
                Some(b) if Arc::ptr_eq(&b.source, source) || doc(&b.source).path == *path => {
                    Some(b)
                }
                _ => by_path
                    .get_or_init(|| {
                        let paths = old.iter().enumerate();
                        paths
                            .map(|(j, b)| (doc(&b.source).path.as_path(), j))
                            .collect()
                    })
                    .get(path.as_path())
                    .map(|&j| &old[j]),
            }
        };
        let bodies: Vec<Body<T>> = sources
            .par_iter()
            .enumerate()
            .map(|(j, (source, options))| {
                let last = find(j, source).filter(|b| same_labels && b.options == *options);
                let text = match last {
                    Some(body) if Arc::ptr_eq(&body.source, source) => body.text,
                    _ => hash_of(doc(source).body()),
                };
                let source = Arc::clone(source);
                if let Some(body) = last
                    && body.text == text
                    && (same_links || links_of(&body.rendered, resolver) == body.links)
                {
                    let rendered = Arc::clone(&body.rendered);
                    return Body {
                        source,
                        rendered,
                        ..*body
                    };
                }
                let rendered = markdown::render(doc(&source).body(), resolver, *options);
                let links = links_of(&rendered, resolver);
                Body {
                    key: hash_of((text, options, labels)),
                    source,
                    text,
                    options: *options,
                    links,
                    rendered: Arc::new(rendered),
                }
            })
            .collect();
        let out = bodies
            .iter()
            .map(|b| (Arc::clone(&b.rendered), hash_of((b.key, b.links))))
            .unzip();
        self.bodies = bodies;
        out
    }
}

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
    /// The archive's lines by item, with the file each was made from.
    archive: Vec<super::lists::ArchiveLine>,
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
            Some(l) => (l.pages, l.files, Some((l.cards, l.entries, l.archive))),
            None => Default::default(),
        };
        let mut reuse = Reuse {
            now: fingerprints,
            before: pages_before,
            seen: Mutex::new(HashMap::default()),
            kept: AtomicUsize::new(0),
            cards: Default::default(),
            entries: Default::default(),
            archive: Default::default(),
        };
        if let Some((cards, entries, archive)) = last_cards {
            reuse.archive = ArchiveCache::new(archive);
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
            let (written, _) = timings.time("swap", || staging.commit())?;
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
            archive: reuse.archive.into_inner(),
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
