//! Stage 6c: client-side search (DESIGN §7). `tokenize` holds the rules the browser
//! repeats in `search.js`; `index` scores and shards the postings and writes the
//! per-page fragments. The site stage decides what each page contributes
//! (`site::search`), from privacy-filtered views only.

pub mod index;
pub mod stats;
pub mod tokenize;

pub use index::{DocKind, SearchDoc, SearchIndex, build, build_until};

/// The browser half: tokenizer, stemmer and the search page's UI, in one file with no
/// third-party code. It is written to `search/search.js`.
pub const SCRIPT: &str = include_str!("search.js");
