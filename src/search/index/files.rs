//! Stage "search", part 3: the index's files. Shards of terms with their best
//! postings, overflow chunks of the rest, one fragment per page (what a result shows),
//! and the fold table, all written in parallel through the sink (docs/SEARCH.md).

use super::*;

/// The per-page fragment the browser shows a result from and checks phrases against.
#[derive(Serialize)]
struct Fragment<'a> {
    u: &'a str,
    t: &'a str,
    k: DocKind,
    d: &'a str,
    g: &'a [(String, String)],
    p: Vec<(&'a str, Option<&'a str>)>,
    /// Headings, answer headings among them: the phrase check reads them too.
    h: &'a [String],
    x: &'a str,
    /// Answers: `[anchor, author, accepted, start, end, heading]`, where start and end
    /// count UTF-16 units of `x`, as JavaScript indexes strings. Left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    a: Vec<FragmentAnswer<'a>>,
}

type FragmentAnswer<'a> = (&'a str, &'a str, bool, usize, usize, &'a str);

/// A written file: (name, size, content hash), for the totals and the version.
pub(super) type Written = (String, u64, u64);

/// One term's entry in its shard: `[df, overflow, value, score, …]`, where `overflow`
/// is the shard's number + 1 when the term has postings beyond its head, else 0.
struct Entry<'a> {
    term: &'a str,
    postings: &'a [Posting],
}

/// Shards, overflow chunks, fragments and the fold table, written in parallel.
pub(super) fn write_files(
    docs: &[SearchDoc<'_>],
    terms: &[(String, Vec<Posting>)],
    surfaces: &[(Box<str>, Box<str>)],
    sink: Sink,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<SearchIndex, crate::Error> {
    let head_bytes: usize = terms
        .iter()
        .map(|(t, p)| t.len() + 16 + p.len().min(HEAD_POSTINGS) * 12)
        .sum();
    let shards = head_bytes.div_ceil(TARGET_SHARD_BYTES).max(1);
    let mut by_shard: Vec<Vec<Entry>> = (0..shards).map(|_| Vec::new()).collect();
    for (term, postings) in terms {
        by_shard[fnv(term.as_bytes()) as usize % shards].push(Entry { term, postings });
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
        .par_chunks(FRAGMENTS_PER_FILE)
        .enumerate()
        .filter(|_| !stop())
        .map(|(n, pages)| {
            let bundle: Vec<Fragment> = pages.iter().map(fragment).collect();
            put(sink, &fragment_path(n * FRAGMENTS_PER_FILE), &json(&bundle))
        })
        .collect::<Result<Vec<_>, _>>()?;
    written.extend(fragments);
    written.push(put(sink, "search/fold.json", &json(&used_folds(terms)))?);
    written.extend(super::dict::write_dictionary(terms, surfaces, sink)?);
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

/// Shard `n` and the overflow files of its terms: `o/<n>-<k>.json` holds the `k`-th
/// chunk of every term of the shard that has one, `{ term: chunk }`. One file per term
/// and chunk was 3,312 of a 10k-item site's files; a shard has about three terms with
/// overflow there, so a step deeper downloads their chunks too (docs/SEARCH.md). The
/// JSON is written by hand, as `serde_json` would write a map of arrays, without
/// building the values first.
fn write_shard(
    n: usize,
    entries: &[Entry],
    sink: Sink,
) -> Result<Vec<(String, u64, u64)>, crate::Error> {
    let mut written = Vec::new();
    let mut levels: Vec<Json> = Vec::new();
    let mut shard = Json(b"{".to_vec());
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            shard.0.push(b',');
        }
        shard.string(e.term);
        shard.0.extend_from_slice(b":[");
        shard.number(e.postings.len() as u64);
        shard.0.push(b',');
        let has_overflow = e.postings.len() > HEAD_POSTINGS;
        shard.number(if has_overflow { n as u64 + 1 } else { 0 });
        for p in &e.postings[..e.postings.len().min(HEAD_POSTINGS)] {
            let (value, score) = unpack(*p);
            shard.pair(value, score);
        }
        shard.0.push(b']');
        let rest = &e.postings[e.postings.len().min(HEAD_POSTINGS)..];
        for (k, chunk) in overflow_chunks(rest).enumerate() {
            if levels.len() == k {
                levels.push(Json(b"{".to_vec()));
            } else {
                levels[k].0.push(b',');
            }
            levels[k].string(e.term);
            levels[k].0.push(b':');
            levels[k].0.extend_from_slice(&by_value_delta(chunk));
        }
    }
    for (k, mut level) in levels.into_iter().enumerate() {
        level.0.push(b'}');
        let name = format!("search/o/{n}-{}.json.gz", k + 1);
        written.push(put(sink, &name, &level.0)?);
    }
    shard.0.push(b'}');
    written.push(put(sink, &format!("search/s/{n}.json.gz"), &shard.0)?);
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

/// The file that holds page `id`'s fragment, under the output root: an array whose
/// entry `id % FRAGMENTS_PER_FILE` it is. `search.js` and `stats` build the same path.
pub fn fragment_path(id: usize) -> String {
    let file = id / FRAGMENTS_PER_FILE;
    format!("search/f/{}/{file}.json.gz", file / FRAGMENTS_PER_FOLDER)
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
pub(super) struct Json(pub(super) Vec<u8>);

impl Json {
    pub(super) fn number(&mut self, mut n: u64) {
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

    pub(super) fn string(&mut self, s: &str) {
        serde_json::to_writer(&mut self.0, s).expect("writing to memory never fails");
    }
}

/// Writes one file; returns (name, size as stored, content hash) for the totals and
/// the version. A name ending in `.gz` is stored gzipped: the index files a site has
/// thousands of (shards, overflow, fragments, dictionary blocks) take a third of their
/// bytes on the host that way, and the page unpacks them with `DecompressionStream`
/// (docs/SEARCH.md, "Stored gzipped"). The privacy scan reads them unpacked.
pub(super) fn put(sink: Sink, name: &str, bytes: &[u8]) -> Result<Written, crate::Error> {
    let hash = fnv64(0xcbf2_9ce4_8422_2325, bytes);
    if name.ends_with(".gz") {
        let packed = gzip(bytes);
        sink(name, &packed)?;
        return Ok((name.to_string(), packed.len() as u64, hash));
    }
    sink(name, bytes)?;
    Ok((name.to_string(), bytes.len() as u64, hash))
}

/// `bytes` gzipped, the same bytes every build (no name or time in the header).
/// Level 4: on a 10k site's index (62 MB) it writes 22.8 MB where zlib's default, 6,
/// writes 22.2 MB in 2.4× the time, and level 1 writes 24.5 MB; the files a first
/// query downloads grow by what the level gives up, against a 60 KB budget
/// (docs/SEARCH.md, "Stored gzipped").
pub const GZIP_LEVEL: u32 = 4;

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(GZIP_LEVEL),
    );
    gz.write_all(bytes).expect("writing to memory never fails");
    gz.finish().expect("writing to memory never fails")
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
        h: &doc.headings,
        x: &doc.text,
        a: doc
            .answers
            .iter()
            .filter(|a| a.range.start < doc.text.len())
            .map(|a| {
                let end = a.range.end.min(doc.text.len());
                let units = |b: usize| doc.text.get(..b).map_or(0, |t| t.encode_utf16().count());
                let (start, end) = (units(a.range.start), units(end));
                (&*a.anchor, &*a.author, a.accepted, start, end, &*a.heading)
            })
            .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
