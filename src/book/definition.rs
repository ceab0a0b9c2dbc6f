//! Books, step 1: `books/<name>.yaml` → a `BookDef`, every problem located in the file
//! (unknown keys with "did you mean", like site.yaml). YAML itself is read by
//! `content::yaml` through `content::Document`; this file only names the fields.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Deserialize;

use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// A book as its definition file writes it (DESIGN §12, docs/BOOKS.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookDef {
    pub title: String,
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The book's language; the site's when none.
    #[serde(default)]
    pub language: Option<String>,
    /// An image under `static/` for the cover; a typographic cover when none.
    #[serde(default)]
    pub cover: Option<String>,
    /// Handles of the members who edited the book.
    #[serde(default)]
    pub editors: Vec<String>,
    /// A Markdown file (relative to the site root) that opens the book.
    #[serde(default)]
    pub preface: Option<String>,
    /// Also built by `cairn build`, linked from `/books/`.
    #[serde(default)]
    pub publish: bool,
    /// The print edition's page size.
    #[serde(default)]
    pub paper: Paper,
    pub parts: Vec<PartDef>,
}

/// A page size of the print edition.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A5,
    A4,
}

/// One part: a title and its chapters, named or found by a query.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartDef {
    pub title: String,
    /// Item keys in order (`qa/2023-05-16-ice-breaking`), as `@/` links name them.
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    pub query: Option<Query>,
}

/// The items of a part, found rather than named.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    /// `qa`, `solution`, `talk` (all three when empty).
    #[serde(default)]
    pub kinds: Vec<String>,
    /// Items carrying any of these tags (any item when empty).
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub from: Option<Date>,
    #[serde(default)]
    pub to: Option<Date>,
    /// Only Q&As with an accepted answer (other kinds are unaffected).
    #[serde(default)]
    pub accepted_only: bool,
    #[serde(default)]
    pub order: Order,
    /// At most this many items.
    #[serde(default)]
    pub limit: Option<usize>,
}

/// The order of a query's items.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    /// Oldest first: a book reads forward in time.
    #[default]
    Date,
    /// Newest first.
    DateDesc,
    Title,
}

impl BookDef {
    pub const FIELDS: &'static [&'static str] = &[
        "title", "subtitle", "language", "cover", "editors", "preface", "publish", "paper", "parts",
    ];
}

/// A definition as read: its name (the file stem), file and text, to locate problems.
#[derive(Debug, Clone)]
pub struct Definition {
    pub name: String,
    pub doc: Document,
    pub def: BookDef,
}

impl Definition {
    /// An error the catalogues word (`diag-<code>` with `args`), pointing at the first
    /// place `needle` is written in the file.
    pub fn error_at(
        &self,
        needle: &str,
        code: &'static str,
        args: &[(&'static str, &str)],
    ) -> Diagnostic {
        let d = Diagnostic::error_said(&self.doc.path, code, args);
        match self.doc.text.find(needle) {
            Some(at) => d.at_offset(&self.doc.text, at, at + needle.len()),
            None => d,
        }
    }
}

/// The definition files under `root/books/`, by name; `only` picks one.
pub fn definition_files(root: &Path, only: Option<&str>) -> Result<Vec<PathBuf>, crate::Error> {
    let dir = root.join("books");
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(crate::Error::io(&dir, e)),
    };
    files.sort();
    let Some(name) = only else {
        return Ok(files);
    };
    let stem = |p: &PathBuf| p.file_stem().map(|s| s.to_string_lossy().into_owned());
    if let Some(file) = files.iter().find(|p| stem(p).as_deref() == Some(name)) {
        return Ok(vec![file.clone()]);
    }
    let names: Vec<String> = files.iter().filter_map(stem).collect();
    use crate::messages::say;
    let hint = match did_you_mean(name, names.iter().map(String::as_str)) {
        Some(near) => say("book-named-near", &[("near", near.into())]),
        None if names.is_empty() => say("book-none-defined", &[]),
        None => say(
            "book-names",
            &[("names", crate::messages::join(&names).into())],
        ),
    };
    Err(crate::Error::Usage(format!(
        "{}\n  = {}: {hint}",
        say("book-no-such", &[("name", name.into())]),
        say("diag-label-hint", &[])
    )))
}

/// Reads and types one definition file; problems go to `d`.
pub fn read(root: &Path, file: &Path, d: &mut Diagnostics) -> Option<Definition> {
    let rel = crate::content::relative(root, file);
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            let error = e.to_string();
            d.push(Diagnostic::error_said(
                &rel,
                "book-unreadable",
                &[("error", &error)],
            ));
            return None;
        }
    };
    let doc = Document::yaml_file(rel, text);
    let def = match doc.parse_meta::<BookDef>(BookDef::FIELDS) {
        Ok(def) => def,
        Err(problems) => {
            d.extend(problems.into_iter().map(nested_hint));
            return None;
        }
    };
    let name = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Some(Definition { name, doc, def })
}

/// serde's "unknown field `tagz`, expected one of `kinds`, `tags`…" for a part or a
/// query, with the nearest field as a hint.
fn nested_hint(d: Diagnostic) -> Diagnostic {
    let Some(rest) = d.message.split("unknown field `").nth(1) else {
        return d;
    };
    let wrong = rest.split('`').next().unwrap_or_default().to_string();
    let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
    match did_you_mean(&wrong, expected.iter().copied()) {
        Some(near) => {
            let near = near.to_string();
            d.with_hint_said("book-field-near", &[("near", &near)])
        }
        None => d,
    }
}
