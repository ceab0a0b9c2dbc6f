//! Stage "search": client-side search (DESIGN §7), knowing nothing of the site.
//! `tokenize` holds the rules the browser repeats in `search.js`; `index` scores and
//! shards the postings and writes the per-page fragments. `publish::search` decides
//! what each page contributes, from privacy-filtered views only.

pub mod index;
pub mod stats;
pub mod tokenize;

pub use index::{DocKind, SearchDoc, SearchIndex, build, build_until};

/// The browser half: tokenizer, stemmer and the search page's UI, in one file with no
/// third-party code. It is written to `search/search.js`.
pub const SCRIPT: &str = include_str!("search.js");
