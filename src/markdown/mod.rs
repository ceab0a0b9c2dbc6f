//! Stage "markdown": Markdown bodies to HTML (DESIGN §3). One pass over pulldown-cmark events
//! links `@mentions`, rewrites `@/path.md#anchor` links, gives every heading an id,
//! collects the table of contents, highlights code, splits Q&A bodies into answers at
//! `## @handle` headings, and applies the site's raw-HTML policy.

pub mod highlight;
pub mod mentions;
mod renderer;
mod sanitize;

pub use mentions::GUEST;
pub use renderer::render;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::Options;
use serde::Serialize;

use crate::config::RawHtml;

/// What a mention of a handle becomes on the page.
#[derive(Debug, Clone)]
pub enum MentionTarget {
    /// A public profile at this URL.
    Profile(String),
    /// A hidden member: shown as a neutral label, never by name or handle.
    Hidden,
}

/// What the Markdown stage needs to know about the rest of the site.
#[derive(Debug, Default)]
pub struct Resolver {
    pub members: HashMap<String, MentionTarget>,
    /// Item key (`qa/2024-03-12-ice-breaking`) → URL; shared, as `cairn serve` keeps
    /// it from one rebuild to the next while no item moves.
    pub items: std::sync::Arc<HashMap<String, String>>,
    /// The site's base path (`/archive/` under a sub-path `base_url`): a link or image
    /// written `/static/x.png` gets it, as moderators write paths from the site's root.
    pub base_path: String,
    /// The label a hidden member's mention shows ("一位成员").
    pub hidden_label: String,
    /// Screen-reader labels of task-list checkboxes ("已完成", "未完成").
    pub task_done_label: String,
    pub task_open_label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Options_ {
    pub raw_html: RawHtml,
    pub highlight: bool,
    /// Quotes in CJK text: “ ” or 「 」.
    pub quotes: crate::config::Quotes,
    /// Split at `## @handle` headings (Q&A bodies).
    pub answers: bool,
    /// Leave out the first `# heading`: the page already shows it as its title.
    pub skip_first_h1: bool,
}

pub use Options_ as MarkdownOptions;

/// `path` with the site's base path when it is written from the site's root
/// (`/static/a.png` → `/archive/static/a.png`); URLs, `//host` paths, relative paths
/// and paths that already carry the base path are left as written.
pub fn under_base(base_path: &str, path: &str) -> String {
    let base = base_path.trim_end_matches('/');
    let needs = !base.is_empty()
        && path.starts_with('/')
        && !path.starts_with("//")
        && path != base
        && !path.starts_with(&format!("{base}/"));
    if needs {
        format!("{base}{path}")
    } else {
        path.to_string()
    }
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A run of the body: plain text, or one member's answer.
#[derive(Debug, Clone)]
pub enum Block {
    Text { html: String },
    Answer(Answer),
}

#[derive(Debug, Clone)]
pub struct Answer {
    /// The answering member's handle; `?` for a guest (`## @? 张老师`).
    pub handle: String,
    /// A non-member's answer, `## @? 张老师`: the name written after `@?`, shown
    /// without a profile and credited to no one (empty when none is written).
    pub guest: Option<String>,
    /// The heading text after the handle, if any.
    pub title: String,
    /// Stable anchor: `answer-<handle>`, then `answer-<handle>-2` for a second answer.
    pub anchor: String,
    pub html: String,
    /// Where the answer's plain text (trimmed) is in `Rendered::text`: see `text`.
    text_range: Range<usize>,
    /// Byte range of the `## @handle` heading within the body.
    pub heading: Range<usize>,
    /// Where the answer's text starts in `Rendered::text`.
    text_start: usize,
}

/// A problem found in the body, located by byte range within the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyProblem {
    UnknownMention {
        handle: String,
        range: Range<usize>,
    },
    /// `## @handle` naming no member: the answer would publish under a stand-in, so
    /// it is an error in `build` too (an answer by a non-member is `## @? name`).
    UnknownAnswerer {
        handle: String,
        range: Range<usize>,
    },
    BrokenLink {
        target: String,
        range: Range<usize>,
    },
    /// A full-width character where Markdown syntax is expected (a Chinese keyboard's
    /// `＠`, `＃`, `－`): `code` names the place, and whether it was read as `narrow`
    /// or left as text (`full-width-answer`, `full-width-heading`…, `diag-<code>` in
    /// the catalogues).
    FullWidth {
        wide: char,
        narrow: char,
        code: &'static str,
        range: Range<usize>,
    },
}

/// An `@/path.md#anchor` link, kept so anchors can be checked once every page is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    pub key: String,
    pub anchor: Option<String>,
    pub range: Range<usize>,
}

/// A rendered body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    /// Handles mentioned in prose (known ones), in order of appearance.
    pub mentions: Vec<String>,
    pub links: Vec<InternalLink>,
    pub problems: Vec<BodyProblem>,
    /// Plain text of the body, for descriptions and search.
    pub text: String,
    /// Every `@handle` and item key the body looked up in the `Resolver`: the body
    /// renders the same again as long as these resolve the same (`cairn serve`
    /// reuses it then).
    pub lookups: BTreeSet<String>,
}

impl Answer {
    /// Where this answer's text starts in `Rendered::text`.
    pub fn text_start(&self) -> usize {
        self.text_start
    }

    /// The answer's plain text, for structured data and excerpts: a part of its body's
    /// `Rendered::text` (kept once, not twice).
    pub fn text<'t>(&self, body_text: &'t str) -> &'t str {
        body_text.get(self.text_range.clone()).unwrap_or_default()
    }
}

impl Rendered {
    /// The text before the first answer: a Q&A's question (a body without answers is
    /// all question).
    pub fn lead_text(&self) -> &str {
        let end = self
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Answer(a) => Some(a.text_start),
                Block::Text { .. } => None,
            })
            .unwrap_or(self.text.len());
        self.text.get(..end).unwrap_or(&self.text).trim_end()
    }

    /// Gives back the spare capacity of strings grown by doubling: a whole archive's
    /// bodies stay in memory until the pages are written, and the slack was a quarter
    /// of it.
    fn shrink(&mut self) {
        for block in &mut self.blocks {
            match block {
                Block::Text { html } => html.shrink_to_fit(),
                Block::Answer(a) => a.html.shrink_to_fit(),
            }
        }
        self.text.shrink_to_fit();
    }

    /// Frees what only the body's page needs (HTML, anchors, links), keeping the plain
    /// text, the headings and each answer's author and text, for the search index.
    pub fn shed_html(&mut self) {
        for block in &mut self.blocks {
            match block {
                Block::Text { html } => *html = String::new(),
                Block::Answer(a) => a.html = String::new(),
            }
        }
        self.anchors = HashSet::new();
        self.links = Vec::new();
        self.lookups = BTreeSet::new();
    }

    /// All blocks as one HTML string (for kinds without answers).
    pub fn html(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            match block {
                Block::Text { html } => out.push_str(html),
                Block::Answer(a) => out.push_str(&a.html),
            }
        }
        out
    }

    pub fn answers(&self) -> impl Iterator<Item = &Answer> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Answer(a) => Some(a),
            Block::Text { .. } => None,
        })
    }
}

/// The extensions cairn enables (DESIGN §3); the benchmark's floor renders with them too.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Problems reported per body at most: enough to act on, few enough to locate quickly.
pub const MAX_PROBLEMS: usize = 100;

/// GitHub-style heading ids: lowercase, letters of any script and digits kept, spaces
/// to `-`, punctuation dropped, so Chinese headings keep readable anchors.
pub fn slugify_heading(text: &str) -> String {
    let mut id = String::new();
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '_' || c == '-' {
            id.extend(c.to_lowercase());
        } else if c.is_whitespace() && !id.ends_with('-') {
            id.push('-');
        }
    }
    id.trim_matches('-').to_string()
}

pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut out, s);
    out
}

#[cfg(test)]
mod tests;
