//! Stage "search": client-side search (DESIGN §7), knowing nothing of the site.
//! `tokenize` holds the rules the browser repeats in `search.js`; `index` scores and
//! shards the postings and writes the per-page fragments. `publish::search` decides
//! what each page contributes, from privacy-filtered views only.

pub mod index;
pub mod stats;
pub mod tokenize;

pub use index::{DocKind, SearchAnswer, SearchDoc, SearchIndex, build, build_until};

/// The browser half: tokenizer, stemmer and the search page's UI, with no third-party
/// code, written to `search/search.js`. Its parts live in `js/` and are joined here, in
/// order, into one function body: `tokenize.js` opens it and `page.js` closes it.
pub const SCRIPT: &str = concat!(
    include_str!("js/tokenize.js"),
    include_str!("js/index.js"),
    include_str!("js/rank.js"),
    include_str!("js/page.js"),
);

/// A file of the output as its reader sees it: a `.gz` file (the index's shards,
/// overflow, fragments and dictionary blocks) unpacked, as `search.js` unpacks it, any
/// other file as it is. `None` for a `.gz` file that does not unpack. The privacy scan
/// reads every file through this, so storing a file gzipped hides nothing from it.
pub fn as_read<'a>(name: &str, bytes: &'a [u8]) -> Option<std::borrow::Cow<'a, [u8]>> {
    use std::io::Read;
    if !name.ends_with(".gz") {
        return Some(std::borrow::Cow::Borrowed(bytes));
    }
    let mut plain = Vec::with_capacity(bytes.len() * 3);
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut plain)
        .ok()?;
    Some(std::borrow::Cow::Owned(plain))
}
