//! `cairn check`'s last pass: every internal link and anchor in the rendered output must
//! resolve — links written by templates as well as by members. Runs over the staged
//! output, so it checks exactly what would be published.

use std::collections::{HashMap, HashSet};
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

/// Checks every `href`/`src` under `base_path` in the HTML files of `dir`. `shown_as`
/// names the output folder in messages.
pub fn check(dir: &Path, base_path: &str, shown_as: &Path) -> Diagnostics {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    let scanned: HashMap<PathBuf, Scanned> =
        files.par_iter().map(|f| (f.clone(), scan(f))).collect();
    let mut problems: Vec<Diagnostic> = scanned
        .par_iter()
        .flat_map_iter(|(file, page)| {
            let rel = file.strip_prefix(dir).unwrap_or(file);
            page.links
                .iter()
                .filter_map(|(link, line)| {
                    let why = broken(dir, base_path, file, link, &scanned)?;
                    Some(
                        Diagnostic::error(&shown_as.join(rel), format!("broken link `{link}`: {why}"))
                            .at(&std::fs::read_to_string(file).unwrap_or_default(), Position { line: *line, column: 1 }, 1)
                            .with_hint("a template or write-up links to a page or anchor that is not in the output"),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    problems
        .sort_by(|a, b| (&a.file, a.position, &a.message).cmp(&(&b.file, b.position, &b.message)));
    problems.into_iter().collect()
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
) -> Option<String> {
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
                .then(|| format!("it is outside the site's base path `{base_path}`"));
        };
        let decoded = percent_encoding::percent_decode_str(rel)
            .decode_utf8_lossy()
            .into_owned();
        let mut file = dir.join(decoded);
        if path.ends_with('/') || file.is_dir() {
            file.push("index.html");
        }
        if !file.is_file() {
            return Some("no such page or file".into());
        }
        file
    };
    let fragment = fragment.filter(|f| !f.is_empty())?;
    let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
    let page = pages.get(&target)?;
    (!page.ids.contains(fragment.as_ref())).then(|| format!("the page has no anchor `#{fragment}`"))
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
        let found = check(dir.path(), "/", Path::new("public"));
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
