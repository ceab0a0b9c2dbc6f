//! Stage 1 (content), one file: a content file as read, split into its front matter and
//! body, and its front matter typed with every problem located in the file.

use std::path::PathBuf;
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::{frontmatter, yaml};
use crate::diagnostics::{Diagnostic, Position, did_you_mean};

/// A content file as read from disk, with where its YAML and body start.
#[derive(Debug, Clone)]
pub struct Document {
    /// Relative to the site root, e.g. `content/qa/2024-03-12-ice-breaking.md`.
    pub path: PathBuf,
    /// The whole text, BOM removed, line ends as written.
    pub text: String,
    yaml_start: usize,
    yaml_end: usize,
    yaml_line: usize,
    body_offset: usize,
    /// A hash of `path` and `text`, taken the first time it is asked for: `cairn serve`
    /// keeps an unchanged file's `Document` from one rebuild to the next, so each
    /// version of a file is hashed once, not on every save.
    digest: OnceLock<u64>,
}

impl Document {
    /// Drops the text once nothing will read it again (a build's last stage, the
    /// search index, reads rendered text, not sources): the file becomes empty, with
    /// its path kept for messages.
    pub fn shed_text(&mut self) {
        self.text = String::new();
        self.digest = OnceLock::new();
        self.yaml_start = 0;
        self.yaml_end = 0;
        self.body_offset = 0;
    }

    /// Splits `text`; an unclosed front matter fence is a located error.
    pub fn new(path: PathBuf, mut text: String) -> Result<Document, Diagnostic> {
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        let split = frontmatter::split(&text).map_err(|_| {
            Diagnostic::error_said(&path, "unclosed-front-matter", &[])
                .at(&text, Position { line: 1, column: 1 }, 3)
                .with_hint_said("unclosed-front-matter-hint", &[])
        })?;
        let (yaml_start, yaml_line, body_offset) =
            (split.yaml_start, split.yaml_line, split.body_offset);
        let yaml_end = yaml_start + split.yaml.len();
        Ok(Document {
            path,
            text,
            yaml_start,
            yaml_end,
            yaml_line,
            body_offset,
            digest: OnceLock::new(),
        })
    }

    /// A file that is YAML through and through, such as `site.yaml`.
    pub fn yaml_file(path: PathBuf, mut text: String) -> Document {
        if text.starts_with('\u{feff}') {
            text.drain(..3);
        }
        let len = text.len();
        Document {
            path,
            text,
            yaml_start: 0,
            yaml_end: len,
            yaml_line: 1,
            body_offset: len,
            digest: OnceLock::new(),
        }
    }

    /// What identifies this version of the file: its path and text, hashed.
    pub fn digest(&self) -> u64 {
        *self.digest.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            (&self.path, &self.text).hash(&mut h);
            h.finish()
        })
    }

    pub fn yaml(&self) -> &str {
        &self.text[self.yaml_start..self.yaml_end]
    }

    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// Byte offset of the body within `text`, to locate Markdown problems.
    pub fn body_offset(&self) -> usize {
        self.body_offset
    }

    /// A YAML-relative line and column as a position in the file.
    pub fn yaml_position(&self, line: usize, column: usize) -> Position {
        Position {
            line: line + self.yaml_line - 1,
            column,
        }
    }

    /// An error pointing at the `value` of front-matter field `key`, worded by the
    /// catalogues: `diag-<code>` with `args`.
    pub fn field_error_said(
        &self,
        key: &str,
        value: &str,
        code: &'static str,
        args: &[(&'static str, &str)],
    ) -> Diagnostic {
        self.field_diagnostic(Diagnostic::error_said(&self.path, code, args), key, value)
    }

    /// Points `d` at the `value` of front-matter field `key`.
    pub fn field_diagnostic(&self, d: Diagnostic, key: &str, value: &str) -> Diagnostic {
        let (line, column) = yaml::find_value(self.yaml(), key, value).unwrap_or((1, 1));
        d.at(
            &self.text,
            self.yaml_position(line, column),
            value.chars().count(),
        )
    }

    /// Types the front matter as `T`, after reporting every key not in `fields`.
    pub fn parse_meta<T: DeserializeOwned>(&self, fields: &[&str]) -> Result<T, Vec<Diagnostic>> {
        let located = |p: yaml::YamlProblem| {
            let position = self.yaml_position(p.line, p.column);
            let width = p.width;
            p.diagnostic(&self.path).at(&self.text, position, width)
        };
        let slips = yaml::keyboard_slips(self.yaml());
        if !slips.is_empty() {
            return Err(slips.into_iter().map(located).collect());
        }
        let mapping = yaml::mapping(self.yaml()).map_err(|p| vec![located(p)])?;
        let unknown: Vec<Diagnostic> = mapping
            .keys
            .iter()
            .filter(|k| !fields.contains(&k.name.as_str()))
            .map(|k| {
                let found =
                    Diagnostic::error_said(&self.path, "unknown-field", &[("field", &k.name)]).at(
                        &self.text,
                        self.yaml_position(k.line, k.column),
                        k.name.chars().count(),
                    );
                match did_you_mean(&k.name, fields.iter().copied()) {
                    Some(near) => found.with_hint_said("unknown-field-near", &[("near", near)]),
                    None => found
                        .with_hint_said("unknown-field-known", &[("fields", &fields.join(", "))]),
                }
            })
            .collect();
        if !unknown.is_empty() {
            return Err(unknown);
        }
        mapping.typed(self.yaml()).map_err(|p| vec![located(p)])
    }
}
