//! Fuzz target (fuzz/): arbitrary bytes as a content file of each kind, through the
//! same `content::parse_file` a build calls, then every diagnostic printed with its
//! caret, so locating and underlining problems is fuzzed too.

#![no_main]

use std::path::Path;

use cairn::content::{self, ItemMeta, Loaded};
use cairn::diagnostics::Diagnostic;
use libfuzzer_sys::fuzz_target;

/// The first input byte picks where the file sits, and so its kind.
const PATHS: &[&str] = &[
    "content/_index.md",
    "content/members/lisi.md",
    "content/members/Not A Handle.md",
    "content/qa/2024-03-12-x.md",
    "content/qa/no-date.md",
    "content/solutions/2024-05-02-y.md",
    "content/talks/2024-06-20-z.md",
    "content/pages/about.md",
    "content/credits.yaml",
    "content/faq/x.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let rel = Path::new(PATHS[pick as usize % PATHS.len()]);
    match content::parse_file(rel, || Ok(bytes.to_vec()), pick & 0x80 != 0) {
        Ok(Loaded::Item(item)) => locate_references(&item),
        Ok(_) => {}
        Err(problems) => problems.iter().for_each(print),
    }
});

/// Points a diagnostic at every tag and reference, as the resolve stage does for
/// unknown handles and items: `yaml::find_value` sees arbitrary YAML text here.
fn locate_references(item: &content::Item) {
    let values: Vec<(&str, &String)> = match &item.meta {
        ItemMeta::Qa(m) => (m.tags.iter().map(|t| ("tags", t)))
            .chain(m.asked_by.iter().map(|h| ("asked_by", h)))
            .collect(),
        ItemMeta::Solution(m) => (m.tags.iter().map(|t| ("tags", t)))
            .chain(m.authors.iter().map(|h| ("authors", h)))
            .chain(m.related.iter().map(|r| ("related", r)))
            .collect(),
        ItemMeta::Talk(m) => m.tags.iter().map(|t| ("tags", t)).collect(),
        ItemMeta::Page(_) => Vec::new(),
    };
    for (key, value) in values {
        print(&item.doc.field_error(key, value, "fuzz"));
    }
}

fn print(d: &Diagnostic) {
    let _ = d.to_string();
}
