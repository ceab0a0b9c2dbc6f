//! `cairn check`'s last pass: every internal link and anchor in the rendered output must
//! resolve — links written by templates as well as by members. Runs over the staged
//! output, so it checks exactly what would be published.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use scraper::{Html, Selector};

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

/// One page's anchors and outgoing internal links.
struct Scanned {
    ids: HashSet<String>,
    /// (link as written, line in the output file)
    links: Vec<(String, usize)>,
}

/// A source file's path and text, where a broken link may have been written.
pub type Source<'a> = (&'a Path, &'a str);

/// The site's source files, to locate broken links in (items, profiles, home page).
pub fn sources(site: &crate::site::Site) -> Vec<Source<'_>> {
    let items = site.content.items.iter().map(|i| &i.doc);
    let members = site.content.members.iter().map(|m| &m.doc);
    let home = site.content.home.iter().map(|h| &h.doc);
    items
        .chain(members)
        .chain(home)
        .map(|d| (d.path.as_path(), d.text.as_str()))
        .collect()
}

/// Checks every `href`/`src` under `base_path` in the HTML files of `dir`. `shown_as`
/// names the output folder in messages. One broken link is one report however many
/// pages show it (an avatar is on every list its member appears in): located where
/// it is written in `sources` when it is found there, else on the first page.
pub fn check(dir: &Path, base_path: &str, shown_as: &Path, sources: &[Source<'_>]) -> Diagnostics {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    let scanned: HashMap<PathBuf, Scanned> =
        files.par_iter().map(|f| (f.clone(), scan(f))).collect();
    // (link, why) → the pages (relative, sorted) and lines that show it.
    let found: Vec<(String, Why, PathBuf, usize)> = scanned
        .par_iter()
        .flat_map_iter(|(file, page)| {
            let rel = file.strip_prefix(dir).unwrap_or(file).to_path_buf();
            page.links
                .iter()
                .filter_map(|(link, line)| {
                    let why = broken(dir, base_path, file, link, &scanned)?;
                    Some((link.clone(), why, rel.clone(), *line))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut by_link: BTreeMap<(String, Why), Vec<(PathBuf, usize)>> = BTreeMap::new();
    for (link, why, rel, line) in found {
        by_link.entry((link, why)).or_default().push((rel, line));
    }
    let mut problems: Vec<Diagnostic> = by_link
        .into_iter()
        .map(|((link, why), mut pages)| {
            pages.sort();
            report(dir, base_path, shown_as, sources, &link, &why, &pages)
        })
        .collect();
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
    problems.into_iter().collect()
}

/// Why a link is broken.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    /// A root path outside the site's base path (the base path).
    OutsideBase(String),
    NoPage,
    /// The page has no element with this id (the fragment, decoded).
    NoAnchor(String),
}

/// The one report of a broken link shown on `pages`.
fn report(
    dir: &Path,
    base_path: &str,
    shown_as: &Path,
    sources: &[Source<'_>],
    link: &str,
    why: &Why,
    pages: &[(PathBuf, usize)],
) -> Diagnostic {
    let said = |path: &Path| match why {
        Why::OutsideBase(base) => Diagnostic::error_said(
            path,
            "dead-link-outside-base",
            &[("url", link), ("base", base)],
        ),
        Why::NoPage => Diagnostic::error_said(path, "dead-link-no-page", &[("url", link)]),
        Why::NoAnchor(anchor) => Diagnostic::error_said(
            path,
            "dead-link-no-anchor",
            &[("url", link), ("anchor", anchor)],
        ),
    };
    let (first, line) = &pages[0];
    let shown = |rel: &Path| shown_as.join(rel).display().to_string();
    let first_shown = shown(first);
    let other = pages.get(1).map(|p| shown(&p.0)).unwrap_or_default();
    let others = pages.len().saturating_sub(1).to_string();
    // The hint names the first page, and the second or how many more: `keys` are the
    // hint for one page, for two, and for more.
    let hint = |d: Diagnostic, keys: [&'static str; 3]| match pages.len() {
        1 => d.with_hint_said(keys[0], &[("page", &first_shown)]),
        2 => d.with_hint_said(keys[1], &[("page", &first_shown), ("other", &other)]),
        _ => d.with_hint_said(keys[2], &[("page", &first_shown), ("count", &others)]),
    };
    if let Some((path, text, start, end)) = written_in(sources, base_path, link) {
        return hint(
            said(path).at_offset(text, start, end),
            [
                "dead-link-fix-here",
                "dead-link-fix-here-and",
                "dead-link-fix-here-more",
            ],
        );
    }
    let text = std::fs::read_to_string(dir.join(first)).unwrap_or_default();
    let d = said(&shown_as.join(first)).at(
        &text,
        Position {
            line: *line,
            column: 1,
        },
        1,
    );
    hint(
        d,
        [
            "dead-link-in-output",
            "dead-link-in-output-and",
            "dead-link-in-output-more",
        ],
    )
}

/// Where a root path `link` (or, when it carries the base path, the root path it was
/// written as) stands as a whole value in a source file — in `(…)`, quotes, or after
/// `key: ` — the first file in path order, the first place in it: (file, text, range).
fn written_in<'a>(
    sources: &[Source<'a>],
    base_path: &str,
    link: &str,
) -> Option<(&'a Path, &'a str, usize, usize)> {
    let link = link.replace("&amp;", "&");
    if !link.starts_with('/') || link.len() < 2 {
        return None;
    }
    let mut forms = vec![link.clone()];
    if let Some(rest) = link.strip_prefix(base_path).filter(|_| base_path != "/") {
        forms.push(format!("/{rest}"));
    }
    let mut sorted: Vec<&Source<'a>> = sources.iter().collect();
    sorted.sort_by_key(|(p, _)| *p);
    sorted.into_iter().find_map(|&(path, text)| {
        forms.iter().find_map(|form| {
            text.match_indices(form.as_str()).find_map(|(start, _)| {
                let end = start + form.len();
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                let opens = matches!(before, Some('(' | '"' | '\'' | ' ' | '<' | '\t'));
                let closes = matches!(
                    after,
                    None | Some(')' | '"' | '\'' | ' ' | '\n' | '\r' | ',' | '}' | '>')
                );
                (opens && closes).then_some((path, text, start, end))
            })
        })
    })
}

fn scan(file: &Path) -> Scanned {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let doc = Html::parse_document(&text);
    let ids = doc
        .select(&Selector::parse("[id], a[name]").expect("valid selector"))
        .filter_map(|e| e.value().attr("id").or_else(|| e.value().attr("name")))
        .map(str::to_string)
        .collect();
    let mut links = Vec::new();
    for (css, attr) in [
        ("a[href]", "href"),
        ("link[href]", "href"),
        ("img[src]", "src"),
        ("script[src]", "src"),
    ] {
        for e in doc.select(&Selector::parse(css).expect("valid selector")) {
            if let Some(link) = e.value().attr(attr) {
                links.push((link.to_string(), line_of(&text, attr, link)));
            }
        }
    }
    Scanned { ids, links }
}

/// The line where `attr="link"` first appears (the parser does not keep positions).
fn line_of(text: &str, attr: &str, link: &str) -> usize {
    let escaped = crate::markdown::escape_attr(link);
    let needle = format!("{attr}=\"{escaped}\"");
    text.find(&needle)
        .map_or(1, |i| text[..i].matches('\n').count() + 1)
}

/// Why `link` on page `from` is broken, or `None` when it resolves (or is external).
fn broken(
    dir: &Path,
    base_path: &str,
    from: &Path,
    link: &str,
    pages: &HashMap<PathBuf, Scanned>,
) -> Option<Why> {
    if link.starts_with("//")
        || link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("tel:")
    {
        return None;
    }
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        from.to_path_buf()
    } else {
        let Some(rel) = path
            .strip_prefix(base_path)
            .or_else(|| (path == base_path.trim_end_matches('/')).then_some(""))
        else {
            return path
                .starts_with('/')
                .then(|| Why::OutsideBase(base_path.to_string()));
        };
        let decoded = percent_encoding::percent_decode_str(rel)
            .decode_utf8_lossy()
            .into_owned();
        let mut file = dir.join(decoded);
        if path.ends_with('/') || file.is_dir() {
            file.push("index.html");
        }
        if !file.is_file() {
            return Some(Why::NoPage);
        }
        file
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
    let page = pages.get(&target)?;
    (!page.ids.contains(fragment.as_ref())).then(|| Why::NoAnchor(fragment.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_pages_and_anchors() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(
            "index.html",
            "<a href=\"/qa/x/#answer-lisi\">ok</a>\n<a href=\"/qa/x/#nope\">bad anchor</a>\n<a href=\"/qa/y/\">gone</a>\n<a href=\"https://e.org/\">ext</a>\n<a href=\"#top\">top</a>",
        );
        write(
            "qa/x/index.html",
            "<article id=\"answer-lisi\"></article><h1 id=\"top\"></h1>",
        );
        let found = check(dir.path(), "/", Path::new("public"), &[]);
        let messages: Vec<String> = found
            .iter()
            .map(|d| format!("{}:{} {}", d.file.display(), d.position.line, d.message))
            .collect();
        assert_eq!(
            messages,
            [
                "public/index.html:2 broken link `/qa/x/#nope`: the page has no anchor `#nope`",
                "public/index.html:3 broken link `/qa/y/`: no such page or file",
                "public/index.html:5 broken link `#top`: the page has no anchor `#top`",
            ]
        );
    }
}
