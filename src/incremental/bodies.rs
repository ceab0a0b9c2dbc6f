//! Stage "markdown" for `cairn serve`'s rebuilds: each rendered body is kept with what
//! it was rendered from, and rendered again only when its source, its options or what
//! its `@handles` and item links resolve to moved.

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::content::Document;
use crate::markdown::{self, MarkdownOptions, MentionTarget, Rendered, Resolver};

use super::hash_of;

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
        hash_of((
            resolver.members.len() + resolver.items.len(),
            &resolver.base_path,
        )),
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
    pub fn render(
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
