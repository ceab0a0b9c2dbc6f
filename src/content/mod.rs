//! Stage 1 of the pipeline: walk `content/`, split each file into front matter and
//! body, and type the front matter by kind. Problems are collected, not thrown, so a
//! build reports every broken file at once.

mod dates;
mod document;
pub mod frontmatter;
pub mod kinds;
mod sources;
pub mod yaml;

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, did_you_mean};
pub use document::Document;
pub use kinds::*;
pub use sources::{SourceCache, load_cached};

/// A member profile, `content/members/<handle>.md`.
#[derive(Debug, Clone)]
pub struct Member {
    pub handle: String,
    pub doc: Document,
    pub meta: MemberMeta,
}

impl Member {
    /// The display name, falling back to the handle.
    pub fn name(&self) -> &str {
        self.meta.name.as_deref().unwrap_or(&self.handle)
    }
}

/// A Q&A session, solution, talk or free page.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    /// The file stem, as `related:` and `@/…` links name the item.
    pub stem: String,
    /// The URL segment: the stem, made URL-safe.
    pub slug: String,
    pub doc: Document,
    pub title: String,
    /// The title is the body's first `# heading`, which the page then shows only once.
    pub title_from_body: bool,
    pub date: Option<Date>,
    pub meta: ItemMeta,
}

impl Item {
    /// `qa/2024-03-12-ice-breaking`: how other items refer to this one.
    pub fn key(&self) -> String {
        format!("{}/{}", self.kind.section(), self.stem)
    }

    pub fn tags(&self) -> &[String] {
        match &self.meta {
            ItemMeta::Qa(m) => &m.tags,
            ItemMeta::Solution(m) => &m.tags,
            ItemMeta::Talk(m) => &m.tags,
            ItemMeta::Page(_) => &[],
        }
    }

    pub fn lang(&self) -> Option<&str> {
        match &self.meta {
            ItemMeta::Qa(m) => m.lang.as_deref(),
            ItemMeta::Solution(m) => m.lang.as_deref(),
            ItemMeta::Talk(m) => m.lang.as_deref(),
            ItemMeta::Page(m) => m.lang.as_deref(),
        }
    }

    /// The page's own `quotes:` choice, if it makes one.
    pub fn quotes(&self) -> Option<Quotes> {
        match &self.meta {
            ItemMeta::Qa(m) => m.quotes,
            ItemMeta::Solution(m) => m.quotes,
            ItemMeta::Talk(m) => m.quotes,
            ItemMeta::Page(m) => m.quotes,
        }
    }

    pub fn description(&self) -> Option<&str> {
        match &self.meta {
            ItemMeta::Qa(m) => m.description.as_deref(),
            ItemMeta::Solution(m) => m.description.as_deref().or(m.problem.as_deref()),
            ItemMeta::Talk(m) => m.description.as_deref(),
            ItemMeta::Page(m) => m.description.as_deref(),
        }
    }

    fn is_draft(&self) -> bool {
        match &self.meta {
            ItemMeta::Qa(m) => m.draft,
            ItemMeta::Solution(m) => m.draft,
            ItemMeta::Talk(m) => m.draft,
            ItemMeta::Page(m) => m.draft,
        }
    }
}

/// The home page intro, `content/_index.md`.
#[derive(Debug, Clone)]
pub struct Home {
    pub doc: Document,
    pub meta: PageMeta,
}

/// Everything under `content/`, typed.
#[derive(Debug, Default)]
pub struct Content {
    pub home: Option<Home>,
    /// Shared with `cairn serve`'s cache of unchanged files (`SourceCache`).
    pub members: Vec<std::sync::Arc<Member>>,
    pub items: Vec<std::sync::Arc<Item>>,
    pub credits: Vec<ManualCredit>,
    /// `picks:` of `content/credits.yaml`: the weeks' best (DESIGN §12).
    pub picks: Vec<Pick>,
    /// `content/credits.yaml`, kept to locate problems in its entries.
    pub credits_doc: Option<Document>,
    /// Members (handle → file) and items (key → file) whose files failed to load:
    /// their names still exist, so a reference to them is not a second mistake
    /// (CONTENT.md §9, "one mistake, one report").
    pub unloaded_members: std::collections::BTreeMap<String, PathBuf>,
    pub unloaded_items: std::collections::BTreeMap<String, PathBuf>,
}

impl Content {
    /// Notes the name a file that failed to load would have given: `lisi` for
    /// `content/members/lisi.md`, `qa/x` for `content/qa/x.md`.
    pub fn note_unloaded(&mut self, rel: &Path) {
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let [content, section, file] = parts.as_slice() else {
            return;
        };
        let Some(stem) = file.strip_suffix(".md") else {
            return;
        };
        if content != "content" {
            return;
        }
        if section == "members" {
            if is_valid_handle(stem) {
                self.unloaded_members
                    .insert(stem.to_string(), rel.to_path_buf());
            }
        } else if Kind::from_section(section).is_some() {
            self.unloaded_items
                .insert(format!("{section}/{stem}"), rel.to_path_buf());
        }
    }
}

/// What one file turned into.
#[derive(Clone)]
pub enum Loaded {
    Home(Home),
    Member(std::sync::Arc<Member>),
    Item(std::sync::Arc<Item>),
    Credits(Document, CreditsFile),
    Skipped,
}

/// Reads and types every content file under `root/content`.
pub fn load(root: &Path, include_drafts: bool, diagnostics: &mut Diagnostics) -> Content {
    load_cached(root, include_drafts, diagnostics, None)
}

/// `path` relative to `root`, for messages.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

fn load_file(root: &Path, path: &Path, include_drafts: bool) -> Result<Loaded, Vec<Diagnostic>> {
    let rel = relative(root, path);
    parse_file(&rel, || std::fs::read(path), include_drafts)
}

/// Types one content file. `rel` (relative to the site root) says what the file is;
/// `read` is called only for files cairn reads, so images beside content cost nothing.
/// Public so the fuzz target (`fuzz/`) drives exactly the path a build takes.
pub fn parse_file(
    rel: &Path,
    read: impl FnOnce() -> std::io::Result<Vec<u8>>,
    include_drafts: bool,
) -> Result<Loaded, Vec<Diagnostic>> {
    let parts: Vec<String> = rel
        .components()
        .skip(1) // "content"
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let is_md = rel.extension().is_some_and(|e| e == "md");
    let kind_dir = match parts.as_slice() {
        [file] if file == "_index.md" => None,
        [file] if file == "credits.yaml" => {
            let doc = decode(rel, read())?;
            return load_credits(doc);
        }
        [dir, _] if is_md => Some(dir.as_str()),
        _ => return Ok(Loaded::Skipped), // images and other files beside content are not ours
    };
    let doc = decode(rel, read())?;
    let stem = rel
        .file_stem()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    match kind_dir {
        None => Ok(Loaded::Home(Home {
            meta: doc.parse_meta(PageMeta::FIELDS)?,
            doc,
        })),
        Some("members") => load_member(doc, stem),
        Some(section) => match Kind::from_section(section) {
            Some(kind) => {
                let item = load_item(kind, doc, stem)?;
                if item.is_draft() && !include_drafts {
                    return Ok(Loaded::Skipped);
                }
                Ok(Loaded::Item(std::sync::Arc::new(item)))
            }
            None => Err(vec![
                Diagnostic::warning_said(rel, "not-a-content-folder", &[("section", section)])
                    .with_hint_said("not-a-content-folder-hint", &[]),
            ]),
        },
    }
}

fn decode(rel: &Path, bytes: std::io::Result<Vec<u8>>) -> Result<Document, Vec<Diagnostic>> {
    let bytes = bytes.map_err(|e| {
        let error = e.to_string();
        vec![Diagnostic::error_said(
            rel,
            "unreadable",
            &[("error", &error)],
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        vec![
            Diagnostic::error_said(rel, "not-utf8", &[])
                .at_offset(&text, valid, valid)
                .with_hint_said("not-utf8-hint", &[]),
        ]
    })?;
    Document::new(rel.to_path_buf(), text).map_err(|d| vec![d])
}

fn load_member(doc: Document, handle: String) -> Result<Loaded, Vec<Diagnostic>> {
    if !is_valid_handle(&handle) {
        return Err(vec![
            Diagnostic::error_said(&doc.path, "invalid-handle", &[("handle", handle.as_str())])
                .with_hint_said("invalid-handle-hint", &[]),
        ]);
    }
    if is_import_placeholder(&handle) {
        return Err(vec![
            Diagnostic::error_said(&doc.path, "reserved-handle", &[("handle", handle.as_str())])
                .with_hint_said("reserved-handle-hint", &[]),
        ]);
    }
    let meta: MemberMeta = doc.parse_meta(MemberMeta::FIELDS)?;
    let unknown: Vec<Diagnostic> = meta
        .accounts
        .keys()
        .filter(|p| !PLATFORMS.contains(&p.as_str()))
        .map(|p| {
            let d = Diagnostic::error_said(&doc.path, "unknown-platform", &[("platform", p)]);
            let d = match did_you_mean(p, PLATFORMS.iter().copied()) {
                Some(near) => d.with_hint_said("unknown-platform-near", &[("near", near)]),
                None => d.with_hint_said(
                    "unknown-platform-known",
                    &[("platforms", &PLATFORMS.join(", "))],
                ),
            };
            doc.field_diagnostic(d, p, p)
        })
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(Loaded::Member(std::sync::Arc::new(Member {
        handle,
        doc,
        meta,
    })))
}

/// `unmapped-3`: the handle `cairn import` writes for a chat sender it could not map
/// to a member (DESIGN §11). Never a member, so every use of it is reported until the
/// moderator maps the person.
pub fn is_import_placeholder(handle: &str) -> bool {
    handle
        .strip_prefix("unmapped-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `[a-z0-9][a-z0-9_-]*`, the form of a handle (DESIGN §2.1).
pub fn is_valid_handle(handle: &str) -> bool {
    let mut chars = handle.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn load_item(kind: Kind, doc: Document, stem: String) -> Result<Item, Vec<Diagnostic>> {
    let meta = match kind {
        Kind::Qa => ItemMeta::Qa(doc.parse_meta(QaMeta::FIELDS)?),
        Kind::Solution => ItemMeta::Solution(doc.parse_meta(SolutionMeta::FIELDS)?),
        Kind::Talk => ItemMeta::Talk(doc.parse_meta(TalkMeta::FIELDS)?),
        Kind::Page => ItemMeta::Page(doc.parse_meta(PageMeta::FIELDS)?),
    };
    let (title, date) = match &meta {
        ItemMeta::Qa(m) => (m.title.clone(), m.date),
        ItemMeta::Solution(m) => (m.title.clone(), m.date),
        ItemMeta::Talk(m) => (m.title.clone(), m.date),
        ItemMeta::Page(m) => (m.title.clone(), None),
    };
    let repeated = repeated_handles(&doc, &meta);
    if !repeated.is_empty() {
        return Err(repeated);
    }
    let date = date.or_else(|| date_prefix(&stem));
    if date.is_none() && kind != Kind::Page {
        return Err(vec![
            Diagnostic::error_said(&doc.path, "no-date", &[("kind", kind.section())])
                .with_hint_said("no-date-hint", &[]),
        ]);
    }
    let title_from_body = title.is_none() && first_heading(doc.body()).is_some();
    let title = title
        .or_else(|| first_heading(doc.body()))
        .unwrap_or_else(|| stem.clone());
    let slug = url_slug(&stem);
    Ok(Item {
        kind,
        stem,
        slug,
        doc,
        title,
        title_from_body,
        date,
        meta,
    })
}

/// Handles written twice in one list: `authors: [lisi, lisi]` would credit lisi twice.
fn repeated_handles(doc: &Document, meta: &ItemMeta) -> Vec<Diagnostic> {
    let (key, handles) = match meta {
        ItemMeta::Solution(m) => ("authors", m.authors.clone()),
        ItemMeta::Qa(m) => (
            "accepted",
            m.accepted.as_ref().map_or(Vec::new(), |a| a.to_vec()),
        ),
        _ => return Vec::new(),
    };
    let mut seen = std::collections::HashSet::new();
    handles
        .iter()
        .filter(|h| !seen.insert(h.as_str()))
        .map(|h| {
            doc.field_error_said(key, h, "listed-twice", &[("handle", h), ("field", key)])
                .with_hint_said("listed-twice-hint", &[])
        })
        .collect()
}

/// The date a `YYYY-MM-DD-` file-name prefix gives.
pub fn date_prefix(stem: &str) -> Option<Date> {
    let prefix = stem.get(..10)?;
    let rest = &stem[10..];
    if !(rest.is_empty() || rest.starts_with('-')) {
        return None;
    }
    prefix.parse().ok()
}

/// A URL segment for a file stem: kept when already safe, else transliterated.
pub fn url_slug(stem: &str) -> String {
    let safe = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if safe {
        return stem.to_string();
    }
    match slug::slugify(stem) {
        // A name of only punctuation (`!!!.md`, `..md`) transliterates to nothing; an
        // empty slug would publish the item at its section's own URL (`/`, `/qa/`) and
        // overwrite that page. A fixed word keeps it apart; two such files collide loudly.
        empty if empty.is_empty() => EMPTY_SLUG.to_string(),
        slug => slug,
    }
}

/// The item key a reference names (`qa/x`, `/qa/x.md`, `qa/x/` → `qa/x`), as `@/` links,
/// `related:` and picks write it.
pub fn item_reference(reference: &str) -> &str {
    reference
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim_end_matches(".md")
}

/// The slug of an item whose file name has no letters or digits at all.
pub const EMPTY_SLUG: &str = "item";

fn first_heading(body: &str) -> Option<String> {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

fn load_credits(doc: Document) -> Result<Loaded, Vec<Diagnostic>> {
    // A mapping carries `credits:` and `picks:`; anything else is read as the bare list
    // of manual credits, whose problems are then located as before.
    let parsed = match yaml::mapping(&doc.text) {
        Ok(mapping) => mapping.typed::<CreditsFile>(&doc.text),
        Err(_) => yaml::parse::<Vec<ManualCredit>>(&doc.text).map(|credits| CreditsFile {
            credits,
            picks: Vec::new(),
        }),
    };
    let credits = parsed.map_err(|p| {
        let position = Position {
            line: p.line,
            column: p.column,
        };
        let width = p.width;
        let d = p.diagnostic(&doc.path).at(&doc.text, position, width);
        vec![match d.hint {
            Some(_) => d,
            None => d.with_hint_said("credits-shape-hint", &[]),
        }]
    })?;
    Ok(Loaded::Credits(doc, credits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_comes_from_the_file_name() {
        assert_eq!(
            date_prefix("2024-03-12-ice-breaking"),
            Some(jiff::civil::date(2024, 3, 12))
        );
        assert_eq!(
            date_prefix("2024-03-12"),
            Some(jiff::civil::date(2024, 3, 12))
        );
        assert_eq!(date_prefix("2024-13-12-x"), None);
        assert_eq!(date_prefix("ice-breaking"), None);
    }

    #[test]
    fn handles_follow_the_design_pattern() {
        assert!(is_valid_handle("lisi"));
        assert!(is_valid_handle("a1_b-c"));
        assert!(!is_valid_handle("Lisi"));
        assert!(!is_valid_handle("_lisi"));
        assert!(!is_valid_handle("张伟"));
    }

    #[test]
    fn names_without_letters_get_a_slug_of_their_own() {
        assert_eq!(url_slug("!!!"), EMPTY_SLUG);
        assert_eq!(url_slug("."), EMPTY_SLUG);
        assert_eq!(url_slug("关于 我们"), "guan-yu-wo-men");
        assert_eq!(url_slug("2024-05-01 My Question"), "2024-05-01-my-question");
    }

    #[test]
    fn unknown_keys_are_all_reported_with_hints() {
        let doc = Document::new(
            "content/qa/x.md".into(),
            "---\ntitel: a\ntags: []\nasekd_by: b\n---\n".into(),
        )
        .unwrap();
        let problems = doc.parse_meta::<QaMeta>(QaMeta::FIELDS).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].position, Position { line: 2, column: 1 });
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `title`? Free-form data goes under `extra:`")
        );
        assert_eq!(problems[1].position.line, 4);
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let doc = Document::new(
            "a.md".into(),
            "\u{feff}---\r\ntitle: 你好\r\n---\r\nbody".into(),
        )
        .unwrap();
        let meta: PageMeta = doc.parse_meta(PageMeta::FIELDS).unwrap();
        assert_eq!(meta.title.as_deref(), Some("你好"));
        assert_eq!(doc.body(), "body");
    }
}
