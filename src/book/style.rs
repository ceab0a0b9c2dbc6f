//! Books, the stylesheets: one for readers (EPUB), plain enough for any reading
//! system, and one for print (A5 or A4 pages, a chapter per page start, running heads,
//! type for Chinese). Both carry the site's code highlighting, taken from its theme's
//! `style.css` with the light colours filled in: a reader has no dark-mode variables.

use crate::site::Site;

const READER: &str = "\
body { font-family: serif; line-height: 1.6; margin: 0 0.5em; }
:lang(zh-CN), :lang(zh-TW), :lang(zh) { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Songti SC\", serif; }
h1, h2, h3, h4 { font-family: sans-serif; line-height: 1.3; }
h1.chapter-title { margin: 0.2em 0 0.6em; }
.chapter-label, .part-label { color: #57606a; font-size: 0.9em; margin: 0; }
.credits { border-left: 3px solid #d0d7de; padding-left: 0.8em; margin: 0 0 1.5em; font-size: 0.95em; }
.credit { margin: 0.1em 0; }
.credit .role { font-weight: bold; margin-right: 0.4em; }
.accepted { color: #116329; font-size: 0.9em; }
.guest, .tier { color: #57606a; font-size: 0.9em; }
section.answer { margin-top: 1.5em; }
section.answer.accepted > h2 { border-left: 3px solid #116329; padding-left: 0.4em; }
.problem { font-style: italic; }
.online { margin-top: 2em; font-size: 0.85em; color: #57606a; word-break: break-all; }
pre.code { background: #f6f8fa; padding: 0.6em; white-space: pre-wrap; word-wrap: break-word; font-size: 0.85em; }
code { font-family: monospace; }
blockquote { margin: 1em 0; padding-left: 1em; border-left: 3px solid #d0d7de; color: #424a53; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.2em 0.5em; }
img { max-width: 100%; }
.footnote-definition { font-size: 0.9em; }
.cover { text-align: center; padding-top: 30%; }
.cover h1 { font-size: 2.2em; }
.cover .subtitle { font-size: 1.3em; }
.cover .site { margin-top: 4em; color: #57606a; }
.part { text-align: center; padding-top: 30%; }
dl.contributors dt { font-weight: bold; margin-top: 0.8em; }
dl.contributors dd ul { margin: 0.2em 0; }
";

/// The print edition's own rules, after the reader's.
const PRINT: &str = "\
@page { size: A5; margin: 18mm 15mm 20mm; @top-center { content: var(--running-head); font-size: 8pt; color: #57606a; } @bottom-center { content: counter(page); font-size: 8pt; } }
@page :first { @top-center { content: none; } @bottom-center { content: none; } }
body.a4 { font-size: 11pt; }
@media print { body.a4 { } }
body { font-size: 10pt; margin: 0; }
section.chapter, section.part, section.front, section.contributors { break-before: page; }
section.chapter h1, .answer h2 { break-after: avoid; }
pre, table, img, blockquote { break-inside: avoid; }
a { color: inherit; text-decoration: none; }
.toc ol { list-style: none; padding-left: 1em; }
";

/// The EPUB's stylesheet.
pub fn reader(site: &Site) -> String {
    format!(
        "{READER}\n/* code highlighting, from the site's theme */\n{}",
        highlighting(site)
    )
}

/// The print edition's stylesheet for `a4` or A5 pages, with the book's title as the
/// running head.
pub fn print(site: &Site, a4: bool, running_head: &str) -> String {
    let head = running_head.replace(['\\', '"', '\n'], " ");
    let size = if a4 { "A4" } else { "A5" };
    let page = PRINT
        .replace("size: A5", &format!("size: {size}"))
        .replace("var(--running-head)", &format!("\"{head}\""));
    format!("{}\n{page}", reader(site))
}

/// The theme's `pre.code` rules, with each `var(--hl-x)` replaced by the colour its
/// first (light) declaration gives.
fn highlighting(site: &Site) -> String {
    let Some(css) = site
        .theme
        .assets
        .get("style.css")
        .map(|b| String::from_utf8_lossy(b).into_owned())
    else {
        return String::new();
    };
    let mut colours: Vec<(String, String)> = Vec::new();
    for decl in css.split([';', '{', '}']) {
        if let Some((name, value)) = decl.trim().split_once(':')
            && name.trim().starts_with("--hl-")
            && !colours.iter().any(|(n, _)| n == name.trim())
        {
            colours.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let mut out = String::new();
    for line in css
        .lines()
        .filter(|l| l.trim_start().starts_with("pre.code ."))
    {
        let mut line = line.to_string();
        for (name, value) in &colours {
            line = line.replace(&format!("var({name})"), value);
        }
        if !line.contains("var(") {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
