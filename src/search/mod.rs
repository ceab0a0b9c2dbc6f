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
