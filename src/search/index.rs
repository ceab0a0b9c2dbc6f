//! Stage "search", part 2: the search index (DESIGN §7). Every term's postings are scored once
//! here with BM25F, ordered best first, and written to the shard its hash picks; the
//! browser fetches only the shards of the terms it asks for. Layout and sizes are in
//! docs/SEARCH.md.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use rustc_hash::FxHashMap;

use super::tokenize::{self, StrMap, Tokenizer, fold_table};

/// Postings kept in a term's shard entry; the rest go to overflow files.
pub const HEAD_POSTINGS: usize = 300;
/// Postings in a term's first overflow file; each next file holds twice as many, up to
/// `MAX_CHUNK_POSTINGS`. A query that goes one step deeper fetches little, and a term
/// on every page of a 100k site needs 10 files, not 100: on ext4 every file costs more
/// than its bytes.
pub const CHUNK_POSTINGS: usize = 1000;
/// The most postings in one overflow file (~90 KB before gzip).
pub const MAX_CHUNK_POSTINGS: usize = 16 * CHUNK_POSTINGS;
/// Fragments per folder under `search/f/`: threads writing into one huge folder wait on
/// its lock, and ext4 inserts into a smaller folder faster.
pub const FRAGMENTS_PER_FOLDER: usize = 256;
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
}

/// The per-page fragment the browser shows a result from and checks phrases against.
#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    k: DocKind,
    d: &'a str,
    g: &'a [(String, String)],
    p: Vec<(&'a str, Option<&'a str>)>,
    x: &'a str,
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
    let index = write_files(&docs, &terms, sink, stop)?;
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

/// One term's entry in its shard: `[df, overflow id or 0, value, score, …]`.
struct Entry<'a> {
    term: &'a str,
    postings: &'a [Posting],
    overflow: u64,
}

/// Shards, overflow chunks, fragments and the fold table, written in parallel.
fn write_files(
    docs: &[SearchDoc<'_>],
    terms: &[(String, Vec<Posting>)],
    sink: Sink,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<SearchIndex, crate::Error> {
    let head_bytes: usize = terms
        .iter()
        .map(|(t, p)| t.len() + 16 + p.len().min(HEAD_POSTINGS) * 12)
        .sum();
    let shards = head_bytes.div_ceil(TARGET_SHARD_BYTES).max(1);
    let mut by_shard: Vec<Vec<Entry>> = (0..shards).map(|_| Vec::new()).collect();
    let mut overflow = 0u64;
    for (term, postings) in terms {
        let has_overflow = postings.len() > HEAD_POSTINGS;
        overflow += u64::from(has_overflow);
        by_shard[fnv(term.as_bytes()) as usize % shards].push(Entry {
            term,
            postings,
            overflow: if has_overflow { overflow } else { 0 },
        });
    }
    let mut written: Vec<(String, u64, u64)> = by_shard
        .par_iter()
        .enumerate()
        .map(|(n, entries)| match stop() {
            true => Ok(Vec::new()),
            false => write_shard(n, entries, sink),
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    let fragments = docs
        .par_iter()
        .enumerate()
        .filter(|_| !stop())
        .map(|(id, doc)| put(sink, &fragment_path(id), &json(&fragment(doc))))
        .collect::<Result<Vec<_>, _>>()?;
    written.extend(fragments);
    written.push(put(sink, "search/fold.json", &json(&used_folds(terms)))?);
    written.sort_unstable();
    let version = written
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, (name, _, hash)| {
            fnv64(fnv64(h, name.as_bytes()), &hash.to_le_bytes())
        });
    Ok(SearchIndex {
        shards,
        docs: docs.len(),
        terms: terms.len(),
        files: written.len(),
        bytes: written.iter().map(|w| w.1).sum(),
        version: format!("{version:016x}"),
    })
}

/// Shard `n` and the overflow chunks of its terms. The JSON is written by hand, as
/// `serde_json` would write a map of arrays, without building the values first.
fn write_shard(
    n: usize,
    entries: &[Entry],
    sink: Sink,
) -> Result<Vec<(String, u64, u64)>, crate::Error> {
    let mut written = Vec::new();
    let mut shard = Json(b"{".to_vec());
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            shard.0.push(b',');
        }
        shard.string(e.term);
        shard.0.extend_from_slice(b":[");
        shard.number(e.postings.len() as u64);
        shard.0.push(b',');
        shard.number(e.overflow);
        for p in &e.postings[..e.postings.len().min(HEAD_POSTINGS)] {
            let (value, score) = unpack(*p);
            shard.pair(value, score);
        }
        shard.0.push(b']');
        if e.overflow > 0 {
            for (k, chunk) in overflow_chunks(&e.postings[HEAD_POSTINGS..]).enumerate() {
                let name = format!("search/o/{}-{}.json", e.overflow, k + 1);
                written.push(put(sink, &name, &by_value_delta(chunk))?);
            }
        }
    }
    shard.0.push(b'}');
    written.push(put(sink, &format!("search/s/{n}.json"), &shard.0)?);
    Ok(written)
}

/// A term's postings after its head, cut into files of growing size.
fn overflow_chunks(mut rest: &[Posting]) -> impl Iterator<Item = &[Posting]> {
    let mut size = CHUNK_POSTINGS;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (chunk, after) = rest.split_at(size.min(rest.len()));
        rest = after;
        size = (size * 2).min(MAX_CHUNK_POSTINGS);
        Some(chunk)
    })
}

/// Where page `id`'s fragment is written, under the output root. `search.js` and
/// `stats` build the same path.
pub fn fragment_path(id: usize) -> String {
    format!("search/f/{}/{id}.json", id / FRAGMENTS_PER_FOLDER)
}

/// An overflow chunk: the next postings by score, stored by value as deltas (`[v0, s0,
/// v1 − v0, s1, …]`), which is a third smaller. The browser ranks whatever it has
/// loaded, so order within a chunk carries nothing.
fn by_value_delta(chunk: &[Posting]) -> Vec<u8> {
    // Value above score: plain integers that sort by value (values are unique).
    let mut sorted: Vec<u64> = chunk
        .iter()
        .map(|p| {
            let (value, score) = unpack(*p);
            value << 32 | score
        })
        .collect();
    sorted.sort_unstable();
    let mut out = Json(Vec::with_capacity(sorted.len() * 12));
    out.0.push(b'[');
    let mut last = 0;
    for (i, p) in sorted.iter().enumerate() {
        let value = p >> 32;
        if i > 0 {
            out.0.push(b',');
        }
        out.number(value - last);
        out.0.push(b',');
        out.number(p & 0xFFFF_FFFF);
        last = value;
    }
    out.0.push(b']');
    out.0
}

/// Compact JSON, byte for byte as `serde_json::to_vec` writes it.
struct Json(Vec<u8>);

impl Json {
    fn number(&mut self, mut n: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.extend_from_slice(&digits[start..]);
    }

    /// `,value,score`: one posting after the ones before it in an array.
    fn pair(&mut self, value: u64, score: u64) {
        self.0.push(b',');
        self.number(value);
        self.0.push(b',');
        self.number(score);
    }

    fn string(&mut self, s: &str) {
        serde_json::to_writer(&mut self.0, s).expect("writing to memory never fails");
    }
}

/// Writes one file; returns (name, size, content hash) for the totals and the version.
fn put(sink: Sink, name: &str, bytes: &[u8]) -> Result<(String, u64, u64), crate::Error> {
    sink(name, bytes)?;
    Ok((
        name.to_string(),
        bytes.len() as u64,
        fnv64(0xcbf2_9ce4_8422_2325, bytes),
    ))
}

fn fragment<'a>(doc: &'a SearchDoc<'_>) -> Fragment<'a> {
    Fragment {
        u: &doc.url,
        t: &doc.title,
        k: doc.kind,
        d: &doc.date,
        g: &doc.tags,
        p: doc
            .people
            .iter()
            .map(|(name, handle)| (name.as_str(), handle.as_deref()))
            .collect(),
        x: &doc.text,
    }
}

/// The folding pairs whose simplified side occurs in the index, as one string of
/// pairs: a query character outside it could not match anything either way.
fn used_folds(terms: &[(String, Vec<Posting>)]) -> String {
    let used: BTreeSet<char> = terms
        .iter()
        .filter_map(|(t, _)| {
            let mut chars = t.chars();
            let c = chars.next()?;
            (chars.next().is_none() && tokenize::is_cjk(c)).then_some(c)
        })
        .collect();
    let mut pairs: Vec<(char, char)> = fold_table()
        .iter()
        .filter(|(_, to)| used.contains(to))
        .map(|(from, to)| (*from, *to))
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(a, b)| [a, b]).collect()
}

fn json<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("search index values always serialize")
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
mod tests {
    use std::collections::HashMap;
    use std::sync::Mutex;

    use super::*;

    fn doc(url: &str, title: &str, text: &str) -> SearchDoc<'static> {
        SearchDoc {
            kind: DocKind::Qa,
            url: url.into(),
            title: title.into(),
            date: "2025-01-01".into(),
            tags: Vec::new(),
            people: Vec::new(),
            headings: Vec::new(),
            text: text.to_string().into(),
        }
    }

    /// Builds `docs` into memory: file name → JSON.
    fn build_in_memory(
        docs: Vec<SearchDoc<'_>>,
    ) -> (SearchIndex, HashMap<String, serde_json::Value>) {
        let files = Mutex::new(HashMap::new());
        let sink = |name: &str, bytes: &[u8]| {
            let value = serde_json::from_slice(bytes).unwrap();
            files.lock().unwrap().insert(name.to_string(), value);
            Ok(())
        };
        let index = build(docs, &sink).unwrap();
        (index, files.into_inner().unwrap())
    }

    /// A term's `[df, overflow, value, score, …]` entry.
    fn entry(
        files: &HashMap<String, serde_json::Value>,
        index: &SearchIndex,
        term: &str,
    ) -> Vec<u64> {
        let shard = &files[&format!(
            "search/s/{}.json",
            fnv(term.as_bytes()) as usize % index.shards
        )];
        serde_json::from_value(shard[term].clone()).unwrap()
    }

    fn url_of(files: &HashMap<String, serde_json::Value>, value: u64) -> String {
        files[&fragment_path(value as usize / 8)]["u"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn hand_written_json_is_serde_json() {
        let mut out = Json(Vec::new());
        for n in [0, 7, 10, 99, 1234567, u64::MAX] {
            out.number(n);
            assert_eq!(out.0, serde_json::to_vec(&n).unwrap());
            out.0.clear();
        }
        out.string("t:a\"b\\c\n");
        assert_eq!(out.0, serde_json::to_vec("t:a\"b\\c\n").unwrap());
        let chunk = [posting(16, 5), posting(3, 9), posting(8, 5)];
        let expected: Vec<u64> = vec![3, 9, 5, 5, 8, 5];
        assert_eq!(
            by_value_delta(&chunk),
            serde_json::to_vec(&expected).unwrap()
        );
    }

    #[test]
    fn packed_postings_sort_best_then_newest() {
        let mut p = vec![posting(9, 1), posting(2, 7), posting(5, 7), posting(1, 0)];
        p.sort_unstable();
        let unpacked: Vec<(u64, u64)> = p.into_iter().map(unpack).collect();
        assert_eq!(unpacked, [(2, 7), (5, 7), (9, 1), (1, 0)]);
    }

    #[test]
    fn a_title_match_outranks_a_body_match() {
        let (index, files) = build_in_memory(vec![
            doc("/body/", "其他话题", "这里顺便提到了数据库的备份"),
            doc("/title/", "数据库备份", "一些别的内容"),
        ]);
        let e = entry(&files, &index, "数据");
        assert_eq!(e[0], 2, "df");
        assert_eq!(url_of(&files, e[2]), "/title/");
        assert!(e[3] > e[5], "title score {} > body score {}", e[3], e[5]);
    }

    #[test]
    fn rarer_terms_score_higher() {
        let mut docs: Vec<SearchDoc<'_>> = (0..20)
            .map(|i| doc(&format!("/{i}/"), "note", "common words here"))
            .collect();
        docs.push(doc(
            "/rare/",
            "note",
            "common words here and a rare kubernetes",
        ));
        let (index, files) = build_in_memory(docs);
        let common = entry(&files, &index, "common");
        let rare = entry(&files, &index, "kubernet");
        assert_eq!((common[0], rare[0]), (21, 1));
        assert!(rare[3] > common[3]);
    }

    #[test]
    fn long_postings_overflow_into_chunks_best_first() {
        let docs: Vec<SearchDoc<'_>> = (0..HEAD_POSTINGS + 5)
            .map(|i| doc(&format!("/{i}/"), "x", &"word ".repeat(1 + i % 7)))
            .collect();
        let (index, files) = build_in_memory(docs);
        let e = entry(&files, &index, "word");
        assert_eq!(e[0] as usize, HEAD_POSTINGS + 5);
        assert_eq!((e.len() - 2) / 2, HEAD_POSTINGS);
        let chunk: Vec<u64> =
            serde_json::from_value(files[&format!("search/o/{}-1.json", e[1])].clone()).unwrap();
        assert_eq!(chunk.len() / 2, 5);
        let head: Vec<u64> = e[2..].iter().skip(1).step_by(2).copied().collect();
        assert!(
            head.windows(2).all(|w| w[0] >= w[1]),
            "the head is best first"
        );
        let overflow: Vec<u64> = chunk.iter().skip(1).step_by(2).copied().collect();
        assert!(
            overflow.iter().all(|s| s <= head.last().unwrap()),
            "the overflow comes after"
        );
        let mut value = 0;
        let values: Vec<u64> = chunk
            .iter()
            .step_by(2)
            .map(|d| {
                value += d;
                value
            })
            .collect();
        let head_values: Vec<u64> = e[2..].iter().step_by(2).copied().collect();
        assert_eq!(values.len(), 5);
        assert!(
            values.windows(2).all(|w| w[0] < w[1]),
            "deltas decode in order"
        );
        assert!(
            values
                .iter()
                .all(|v| !head_values.contains(v) && v % 8 == 0 && v / 8 < 305)
        );
    }

    #[test]
    fn overflow_files_grow_to_a_cap_and_keep_every_posting() {
        let postings: Vec<Posting> = (0..40 * CHUNK_POSTINGS as u64)
            .map(|v| posting(v * 8, 1))
            .collect();
        let sizes: Vec<usize> = overflow_chunks(&postings).map(<[Posting]>::len).collect();
        let k = CHUNK_POSTINGS;
        assert_eq!(sizes, [k, 2 * k, 4 * k, 8 * k, 16 * k, 9 * k]);
        let joined: Vec<Posting> = overflow_chunks(&postings).flatten().copied().collect();
        assert_eq!(joined, postings);
        assert_eq!(overflow_chunks(&postings[..5]).count(), 1);
        assert_eq!(overflow_chunks(&[]).count(), 0);
    }

    #[test]
    fn search_js_looks_for_fragments_where_they_are_written() {
        let line = format!("const FRAGMENTS_PER_FOLDER = {FRAGMENTS_PER_FOLDER};");
        assert!(crate::search::SCRIPT.contains(&line), "{line} in search.js");
        assert_eq!(fragment_path(0), "search/f/0/0.json");
        assert_eq!(
            fragment_path(FRAGMENTS_PER_FOLDER + 3),
            format!("search/f/1/{}.json", FRAGMENTS_PER_FOLDER + 3)
        );
    }

    #[test]
    fn ids_go_newest_first_and_carry_the_kind() {
        let mut old = doc("/old/", "a", "shared");
        old.date = "2020-01-01".into();
        let mut talk = doc("/new/", "b", "shared");
        talk.kind = DocKind::Talk;
        talk.date = "2026-01-01".into();
        let (index, files) = build_in_memory(vec![old, talk]);
        assert_eq!(url_of(&files, 0), "/new/");
        let e = entry(&files, &index, "share");
        let values: Vec<u64> = e[2..].iter().step_by(2).copied().collect();
        assert!(values.contains(&2), "id 0, kind talk (2): {values:?}");
        assert!(values.contains(&8), "id 1, kind qa (0): {values:?}");
    }

    #[test]
    fn filters_are_terms_and_folds_ship_only_what_is_used() {
        let mut d = doc("/a/", "後來", "text");
        d.tags = vec![("数据库".into(), "shu-ju-ku".into())];
        d.people = vec![
            ("张伟".into(), Some("zhangwei".into())),
            ("Guest".into(), None),
        ];
        let (index, files) = build_in_memory(vec![d]);
        assert_eq!(entry(&files, &index, "t:shu-ju-ku")[..4], [1, 0, 0, 0]);
        assert_eq!(entry(&files, &index, "m:zhangwei")[0], 1);
        let folds = files["search/fold.json"].as_str().unwrap().to_string();
        assert!(folds.contains("後后") && folds.contains("來来"), "{folds}");
        assert!(!folds.contains("資"), "資 folds to 资, which no page uses");
    }
}
