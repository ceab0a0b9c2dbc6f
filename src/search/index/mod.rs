//! Stage "search", part 2: the search index (DESIGN §7). Every term's postings are scored once
//! here with BM25F, ordered best first, and written (`files`) to the shard its hash picks; the
//! browser fetches only the shards of the terms it asks for. Layout and sizes are in
//! docs/SEARCH.md.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use rustc_hash::FxHashMap;

use super::tokenize::{self, StrMap, Tokenizer, fold_table};

mod dict;
mod files;

use files::write_files;
pub use files::{fragment_path, gzip};

/// Postings kept in a term's shard entry; the rest go to overflow files.
pub const HEAD_POSTINGS: usize = 300;

/// Postings in a term's first overflow file; each next file holds twice as many, up to
/// `MAX_CHUNK_POSTINGS`. A query that goes one step deeper fetches little, and a term
/// on every page of a 100k site needs 10 files, not 100: on ext4 every file costs more
/// than its bytes.
pub const CHUNK_POSTINGS: usize = 1000;

/// The most postings in one overflow file (~90 KB before gzip).
pub const MAX_CHUNK_POSTINGS: usize = 16 * CHUNK_POSTINGS;

/// Fragment files per folder under `search/f/`: threads writing into one huge folder
/// wait on its lock, and ext4 inserts into a smaller folder faster.
pub const FRAGMENTS_PER_FOLDER: usize = 256;

/// Pages per fragment file: `f/<n>.json` holds the fragments of pages `3n` to
/// `3n + 2`, an array. One file per page was 10,503 of a 10k-item site's 27,474 files,
/// and free hosts count files (Cloudflare Pages: 20,000); three a file cost a first
/// query up to two more fragments' bytes per result (docs/SEARCH.md, "Why bundles").
pub const FRAGMENTS_PER_FILE: usize = 3;

/// What a shard should weigh, uncompressed; the shard count follows from it.
pub const TARGET_SHARD_BYTES: usize = 16 * 1024;

/// Body text beyond this many bytes is neither indexed nor shipped in a fragment.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Fields in boost order (DESIGN §7): title, tags, headings, people, body.
const WEIGHTS: [f32; FIELDS] = [8.0, 5.0, 3.0, 2.0, 1.0];
const B: [f32; FIELDS] = [0.5, 0.5, 0.5, 0.5, 0.75];
const K1: f32 = 1.2;
const FIELDS: usize = 5;

/// What kind of page a result is; the code rides in the low bits of every posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Qa,
    Solution,
    Talk,
    Page,
    Member,
}

impl DocKind {
    fn code(self) -> u64 {
        self as u64
    }
}

/// One searchable page, built from privacy-filtered views only.
#[derive(Debug, Clone)]
pub struct SearchDoc<'a> {
    pub kind: DocKind,
    pub url: String,
    pub title: String,
    /// `YYYY-MM-DD`, or empty (members).
    pub date: String,
    /// (name, slug); slugs are the tag filter.
    pub tags: Vec<(String, String)>,
    /// (name, handle); handles are the member filter, guests have none.
    pub people: Vec<(String, Option<String>)>,
    pub headings: Vec<String>,
    /// Borrowed from the rendered body where it can be: a copy of every page's text
    /// would be most of the search stage's memory.
    pub text: std::borrow::Cow<'a, str>,
    /// A Q&A page's answers, so that a hit inside one links to it.
    pub answers: Vec<SearchAnswer>,
}

/// One answer of a Q&A page: where its text is in the page's text, and who wrote it.
#[derive(Debug, Clone)]
pub struct SearchAnswer {
    /// `answer-<handle>`, the answer's anchor on the page.
    pub anchor: String,
    pub author: String,
    pub accepted: bool,
    /// The heading text after `## @handle`.
    pub heading: String,
    /// Byte range of the answer within `SearchDoc::text`.
    pub range: std::ops::Range<usize>,
}

/// What was written under `search/`, and the figures the search page needs.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    pub shards: usize,
    pub docs: usize,
    pub terms: usize,
    pub files: usize,
    pub bytes: u64,
    /// A hash of the whole index, so browsers never mix files of two builds.
    pub version: String,
}

/// Where index files go: `(path under the output, bytes)`.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), crate::Error> + Sync);

/// How often a term occurs in each field of one page (saturating).
type FieldCounts = [u8; FIELDS];

/// A term's pages before scoring: page id and field counts, packed into 9 bytes (as a
/// tuple they take 12 with padding, and a 100k-page site has ~90M of them: this is the
/// largest part of the build's peak memory).
type Counted = Vec<PackedCounts>;

type PackedCounts = [u8; 4 + FIELDS];

fn pack(id: u32, counts: FieldCounts) -> PackedCounts {
    let mut packed = [0; 4 + FIELDS];
    packed[..4].copy_from_slice(&id.to_le_bytes());
    packed[4..].copy_from_slice(&counts);
    packed
}

fn unpack_counts(packed: &PackedCounts) -> (u32, FieldCounts) {
    let (id, counts) = packed.split_at(4);
    let id = u32::from_le_bytes(id.try_into().expect("4 bytes"));
    (id, counts.try_into().expect("FIELDS bytes"))
}

/// Terms and field lengths of a run of pages, merged across threads.
#[derive(Default)]
struct Partial {
    terms: Terms,
    /// Per term id, its counts on the page being added (zero if absent), and the ids
    /// it has: the token loop touches only this small dense array, not each term's
    /// postings scattered over the heap.
    page: Vec<FieldCounts>,
    page_terms: Vec<u32>,
    lengths: Vec<(u32, [u32; FIELDS])>,
    tokenizer: Tokenizer,
}

/// Every term with its postings: (page id, field counts). Each term's string is
/// allocated once, not once per page it occurs in.
#[derive(Default)]
struct Terms {
    list: Vec<(Box<str>, Counted)>,
    /// Term → its index in `list`.
    ids: StrMap<u32>,
}

impl Terms {
    /// The id of `term`, its index in `list`, added if it is new.
    fn id(&mut self, term: &str) -> u32 {
        if let Some(t) = self.ids.get(term) {
            return *t;
        }
        let t = self.list.len() as u32;
        self.ids.insert(term, t);
        self.list.push((term.into(), Vec::new()));
        t
    }
}

/// Builds the index of `docs` (their order does not matter: ids go newest first) and
/// hands every file to `sink`.
pub fn build(docs: Vec<SearchDoc<'_>>, sink: Sink) -> Result<SearchIndex, crate::Error> {
    let index = build_until(docs, sink, &|| false)?;
    Ok(index.expect("a build that is never stopped ends with an index"))
}

/// `build`, given up (`None`, nothing more written) as soon as `stop` says so:
/// `cairn serve` stops an index that another save has already made stale.
pub fn build_until(
    mut docs: Vec<SearchDoc<'_>>,
    sink: Sink,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Option<SearchIndex>, crate::Error> {
    docs.sort_by(|a, b| {
        let undated = |d: &SearchDoc<'_>| d.date.is_empty();
        undated(a)
            .cmp(&undated(b))
            .then_with(|| b.date.cmp(&a.date))
            .then_with(|| a.url.cmp(&b.url))
    });
    for doc in &mut docs {
        truncate_at_char(&mut doc.text, MAX_TEXT_BYTES);
    }
    assert!(
        docs.len() < 1 << 29,
        "a posting value (id × 8 + kind) must fit in 32 bits"
    );
    // A few large runs per thread: merging many small term maps costs more than it saves.
    let run = docs.len().div_ceil(rayon::current_num_threads() * 2).max(1);
    let partial = docs
        .par_chunks(run)
        .enumerate()
        .map(|(r, chunk)| {
            let mut acc = Partial::default();
            for (i, doc) in chunk.iter().enumerate() {
                if i % 256 == 0 && stop() {
                    break;
                }
                acc.add((r * run + i) as u32, doc);
            }
            // Vectors grown by doubling are a quarter empty on average: given back
            // here, the spare room serves the runs still tokenizing and the merge.
            for (_, postings) in &mut acc.terms.list {
                postings.shrink_to_fit();
            }
            acc
        })
        .reduce(Partial::default, |a, b| match stop() {
            true => Partial::default(),
            false => Partial::merge(a, b),
        });
    if stop() {
        return Ok(None);
    }
    let mut lengths = vec![[0u32; FIELDS]; docs.len()];
    for (id, l) in &partial.lengths {
        lengths[*id as usize] = *l;
    }
    let norms = length_norms(&lengths);
    let kinds: Vec<u64> = docs.iter().map(|d| d.kind.code()).collect();
    let n = docs.len();
    let mut terms: Vec<(String, Vec<Posting>)> = partial
        .terms
        .list
        .into_par_iter()
        .map(|(term, postings)| {
            // Once stopped, what is left is skipped rather than scored.
            let scored = if stop() {
                Vec::new()
            } else {
                score(&postings, n, &norms, &kinds)
            };
            (term.into(), scored)
        })
        .collect();
    add_filter_terms(&docs, &mut terms);
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    if stop() {
        return Ok(None);
    }
    let mut surfaces = partial.tokenizer.surfaces;
    surfaces.par_sort_unstable();
    surfaces.dedup();
    let index = write_files(&docs, &terms, &surfaces, sink, stop)?;
    // Freed on every core: one thread freeing 100k documents and their postings idled
    // the other for 0.5 s at the end of a 100k build.
    rayon::join(
        || docs.into_par_iter().for_each(drop),
        || terms.into_par_iter().for_each(drop),
    );
    Ok(Some(index).filter(|_| !stop()))
}

impl Partial {
    fn add(&mut self, id: u32, doc: &SearchDoc<'_>) {
        let mut lengths = [0u32; FIELDS];
        // Tokenized piece by piece: tags, headings and people are separate runs anyway.
        let tags = doc.tags.iter().map(|t| t.0.as_str());
        let people = doc
            .people
            .iter()
            .flat_map(|(name, handle)| std::iter::once(name.as_str()).chain(handle.as_deref()));
        let pieces: [&mut dyn Iterator<Item = &str>; FIELDS] = [
            &mut std::iter::once(doc.title.as_str()),
            &mut { tags },
            &mut doc.headings.iter().map(String::as_str),
            &mut { people },
            &mut std::iter::once(&*doc.text),
        ];
        for (f, texts) in pieces.into_iter().enumerate() {
            for text in texts {
                self.tokenizer.each_token(text, |token| {
                    lengths[f] += 1;
                    let t = self.terms.id(token) as usize;
                    if t == self.page.len() {
                        self.page.push([0; FIELDS]);
                    }
                    let counts = &mut self.page[t];
                    if *counts == [0; FIELDS] {
                        self.page_terms.push(t as u32);
                    }
                    counts[f] = counts[f].saturating_add(1);
                });
            }
        }
        for t in self.page_terms.drain(..) {
            let counts = std::mem::take(&mut self.page[t as usize]);
            self.terms.list[t as usize].1.push(pack(id, counts));
        }
        self.lengths.push((id, lengths));
    }

    fn merge(mut self, mut other: Partial) -> Partial {
        if self.terms.list.len() < other.terms.list.len() {
            std::mem::swap(&mut self, &mut other);
        }
        for (term, mut postings) in other.terms.list {
            let t = self.terms.id(&term);
            let list = &mut self.terms.list[t as usize].1;
            // Exact: doubling would leave the merged list up to half empty.
            list.reserve_exact(postings.len());
            list.append(&mut postings);
        }
        self.lengths.append(&mut other.lengths);
        self.tokenizer
            .surfaces
            .append(&mut other.tokenizer.surfaces);
        self
    }
}

/// Per page and field, BM25's length normalization `1 − b + b × length / average`:
/// computed once per page rather than once per posting.
fn length_norms(lengths: &[[u32; FIELDS]]) -> Vec<[f32; FIELDS]> {
    let avg = average_lengths(lengths);
    lengths
        .iter()
        .map(|len| std::array::from_fn(|f| 1.0 - B[f] + B[f] * len[f] as f32 / avg[f]))
        .collect()
}

fn average_lengths(lengths: &[[u32; FIELDS]]) -> [f32; FIELDS] {
    let mut sum = [0f64; FIELDS];
    for l in lengths {
        for f in 0..FIELDS {
            sum[f] += f64::from(l[f]);
        }
    }
    let n = lengths.len().max(1) as f64;
    sum.map(|s| ((s / n) as f32).max(1.0))
}

/// A posting, (value, score), packed into one integer that sorts best first, then
/// newest first: the complement of the score above the value (which fits in 32 bits,
/// `build` checks). Sorting millions of plain integers is several times faster than
/// sorting pairs with a two-key comparison.
type Posting = u64;

fn posting(value: u64, score: u32) -> Posting {
    u64::from(!score) << 32 | value
}

/// (value, score) of a posting.
fn unpack(p: Posting) -> (u64, u64) {
    (p & 0xFFFF_FFFF, u64::from(!(p >> 32) as u32))
}

/// BM25F: field frequencies weighted and length-normalized, then saturated once.
/// Returns the postings with score×100, best first, then newest first.
fn score(
    postings: &[PackedCounts],
    n: usize,
    norms: &[[f32; FIELDS]],
    kinds: &[u64],
) -> Vec<Posting> {
    let df = postings.len() as f32;
    let idf = (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln();
    let mut scored: Vec<Posting> = postings
        .iter()
        .map(|packed| {
            let (doc, tf) = unpack_counts(packed);
            let norm = &norms[doc as usize];
            let weighted: f32 = (0..FIELDS)
                .map(|f| WEIGHTS[f] * f32::from(tf[f]) / norm[f])
                .sum();
            let s = idf * weighted * (K1 + 1.0) / (K1 + weighted);
            let value = u64::from(doc) * 8 + kinds[doc as usize];
            posting(value, ((s * 100.0).round() as u32).max(1))
        })
        .collect();
    scored.sort_unstable();
    scored
}

/// `t:<tag slug>` and `m:<handle>`: the filters, as terms with score 0, newest first.
/// `:` never occurs in a token, so they cannot clash with words.
fn add_filter_terms(docs: &[SearchDoc<'_>], terms: &mut Vec<(String, Vec<Posting>)>) {
    // Keyed by the borrowed slug or handle, with each key's values pushed in id order
    // (so sorted, and a repeat is the last one): one string per filter, not one per
    // document and filter, which cost 0.4 s on one thread at 100k items.
    let mut tags: FxHashMap<&str, Vec<u64>> = FxHashMap::default();
    let mut people: FxHashMap<&str, Vec<u64>> = FxHashMap::default();
    for (id, doc) in docs.iter().enumerate() {
        let value = id as u64 * 8 + doc.kind.code();
        for (_, slug) in &doc.tags {
            push_once(tags.entry(slug).or_default(), value);
        }
        for handle in doc.people.iter().filter_map(|p| p.1.as_deref()) {
            push_once(people.entry(handle).or_default(), value);
        }
    }
    for (prefix, map) in [("t:", tags), ("m:", people)] {
        terms.extend(map.into_iter().map(|(key, values)| {
            let postings = values.into_iter().map(|v| posting(v, 0)).collect();
            (format!("{prefix}{key}"), postings)
        }));
    }
}

/// Pushes `value` unless it is already last (values come in ascending order).
fn push_once(values: &mut Vec<u64>, value: u64) {
    if values.last() != Some(&value) {
        values.push(value);
    }
}

fn truncate_at_char(text: &mut std::borrow::Cow<'_, str>, max: usize) {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        // A borrowed text stays borrowed: only the slice is kept.
        match text {
            std::borrow::Cow::Borrowed(s) => *s = &s[..end],
            std::borrow::Cow::Owned(s) => s.truncate(end),
        }
    }
}

/// 32-bit FNV-1a over UTF-8 bytes: the shard of a term. `search.js` computes the same.
pub fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

fn fnv64(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

#[cfg(test)]
mod tests;
