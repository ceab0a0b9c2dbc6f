//! What `cairn serve` keeps between rebuilds (issue #5), and what the stages consult to
//! leave alone what did not change: parsed files (`content::SourceCache`), rendered
//! bodies (`bodies`), the index and the ledger (`memo`), and fingerprints of every
//! page's inputs (`fingerprint`), with the cards and feed entries of the
//! last build (`Reuse`). A full build passes none of it; `serve::Rebuilder` drives it.

mod bodies;
mod fingerprint;
mod memo;

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::content::{Item, Member, SourceCache};
use crate::render::Value;

pub use bodies::BodyCache;
pub use fingerprint::{Fingerprints, Previous};
pub use memo::Memo;

/// Parsed files and rendered bodies of the last load.
#[derive(Default)]
pub struct Caches {
    pub(crate) sources: SourceCache,
    pub(crate) bodies: BodyCache<Item>,
    pub(crate) bios: BodyCache<Member>,
    pub(crate) memo: Memo,
    pub(crate) fingerprints: Option<Previous>,
}

/// What one `cairn serve` build leaves for the next (cards, feed entries): taken by the stage that uses it, which puts back this build's.
#[derive(Default)]
pub struct Carried<T>(std::sync::Mutex<T>);

impl<T: Default> Carried<T> {
    pub fn take(&self) -> T {
        std::mem::take(&mut *self.lock())
    }

    pub fn put(&self, value: T) {
        *self.lock() = value;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// What a rebuild hands the stages that can keep output: this build's fingerprints, the
/// pages in the output with theirs, and the last build's cards and feed entries. Pages (`write_pages`), cards, feeds and `credits.json` consult it.
pub struct Reuse {
    pub now: Fingerprints,
    /// Page folder → fingerprint of the page there now.
    pub before: rustc_hash::FxHashMap<String, u64>,
    /// Filled in by `write_pages`: the fingerprints of this build's pages.
    pub seen: std::sync::Mutex<rustc_hash::FxHashMap<String, u64>>,
    /// Pages kept as they were, counted by `write_pages`.
    pub kept: std::sync::atomic::AtomicUsize,
    /// The last build's cards; the cards stage leaves this build's here.
    pub cards: CardCache,
    /// The last build's feed entries; the feeds stage leaves this build's here.
    pub entries: EntryCache,
}

impl Reuse {
    /// Notes `fp` as the fingerprint of `key` in this build; true when it is the one
    /// the output already has.
    pub fn unchanged(&self, key: &str, fp: u64) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        seen.insert(key.to_string(), fp);
        self.before.get(key) == Some(&fp)
    }
}

/// Cards of the last build in item order, with the card fingerprint each was built
/// for: `cairn serve` rebuilds only the cards whose fingerprint moved, so a tag page
/// of hundreds of items costs a copy of strings, not hundreds of renders. A card
/// fingerprint covers the item's file and path, so it names the card: an item found
/// at another place (one was added before it) is looked up by fingerprint.
pub type CardCache = Carried<Vec<(u64, Value)>>;

/// Feed entries by item page path, each with the fingerprint it was made for: an item
/// is an entry in several feeds (the site's, its kind's, its tags' and its people's),
/// written once per build, and in `cairn serve` kept while its fingerprint holds.
pub type EntryCache = Carried<HashMap<String, (u64, Arc<str>)>>;

impl EntryCache {
    /// Item `i`'s entry, made by `make` unless the cache has it for `fp`.
    pub fn entry(&self, path: String, fp: u64, make: impl FnOnce() -> String) -> Arc<str> {
        if let Some((old, entry)) = self.lock().get(&path)
            && *old == fp
        {
            return Arc::clone(entry);
        }
        let entry: Arc<str> = make().into();
        self.lock().insert(path, (fp, Arc::clone(&entry)));
        entry
    }
}

/// The FxHash of `value`: what caches compare, never what is published.
pub fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}
