//! Books, step 3: a rendered body (HTML, as the site's pages show it) → XHTML a reader
//! parses as XML: every element closed, ids that are XML names, links to write-ups
//! rewritten to chapters of the book (or to the site's absolute URL when the target is
//! not in it), images from `static/` carried along, what a book cannot play left out.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

use crate::site::Site;

use super::images::{self, Images};

/// Which edition a body is written for: the EPUB has a file per chapter, the print
/// edition one page for all, where ids carry their chapter's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    Epub,
    Print,
}

/// What link rewriting needs to know of the book and the chapter being written.
pub struct Rewriter<'a> {
    pub site: &'a Site,
    /// Item index → chapter number (1-based) for the items in the book.
    pub chapters: &'a HashMap<usize, usize>,
    pub edition: Edition,
    /// The chapter being written (its ids are prefixed in the print edition).
    pub chapter: usize,
    /// The output path of the chapter's write-up (`qa/x/`), for relative links.
    pub item_path: String,
}

/// Elements a book leaves out: scripts, frames, players and forms do nothing on paper
/// or in a reader, and remote media would need the network.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "video", "audio", "form", "button", "svg",
    "math", "template", "noscript", "link", "meta", "base",
];
const VOID: &[&str] = &[
    "area", "br", "col", "hr", "img", "input", "source", "track", "wbr",
];

impl Rewriter<'_> {
    /// An id as the chapter writes it.
    pub fn id(&self, raw: &str) -> String {
        match self.edition {
            Edition::Epub => xml_id(raw),
            Edition::Print => format!("c{}-{}", self.chapter, xml_id(raw)),
        }
    }

    /// The link to chapter `n`, at `fragment` when there is one.
    pub fn chapter_href(&self, n: usize, fragment: Option<&str>) -> String {
        match (self.edition, fragment) {
            (Edition::Epub, None) => chapter_file(n),
            (Edition::Epub, Some(f)) => format!("{}#{}", chapter_file(n), xml_id(f)),
            (Edition::Print, None) => format!("#c{n}"),
            (Edition::Print, Some(f)) => format!("#c{n}-{}", xml_id(f)),
        }
    }

    /// Where a link of the body points in the book.
    fn href(&self, href: &str) -> String {
        if let Some(fragment) = href.strip_prefix('#') {
            return format!("#{}", self.id(&decode(fragment)));
        }
        if href.contains(':') || href.starts_with("//") {
            return href.to_string(); // https:, mailto:: outside the site
        }
        let (path, fragment) = match href.split_once('#') {
            Some((p, f)) => (p, Some(decode(f))),
            None => (href, None),
        };
        let site_path = if let Some(rest) = path.strip_prefix(&self.site.base_path) {
            rest.to_string()
        } else if path.starts_with('/') {
            path.trim_start_matches('/').to_string()
        } else {
            format!("{}{path}", self.item_path) // relative to the write-up's page
        };
        if let Some(i) = self.site.lookup(&site_path)
            && let Some(&n) = self.chapters.get(&i)
        {
            return self.chapter_href(n, fragment.as_deref());
        }
        let fragment = fragment.map_or(String::new(), |f| format!("#{f}"));
        format!("{}{fragment}", self.site.permalink(&site_path))
    }
}

/// The file of chapter `n` inside the EPUB.
pub fn chapter_file(n: usize) -> String {
    format!("chapter-{n:03}.xhtml")
}

/// `html` (a fragment) as XHTML, appended to `out`.
pub fn write(html: &str, rw: &Rewriter, images: &mut Images, out: &mut String) {
    let fragment = Html::parse_fragment(html);
    children(fragment.root_element(), rw, images, out);
}

fn children(e: ElementRef, rw: &Rewriter, images: &mut Images, out: &mut String) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => escape_into(out, t, false),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    element(c, rw, images, out);
                }
            }
            _ => {}
        }
    }
}

fn element(e: ElementRef, rw: &Rewriter, images: &mut Images, out: &mut String) {
    let name = e.value().name();
    if DROPPED.contains(&name) {
        return;
    }
    if name == "img" {
        return image(e, rw, images, out);
    }
    // A heading's "#" link is for sharing a page's section; a book has none to share.
    if name == "a" && e.value().classes().any(|c| c == "anchor") {
        return;
    }
    out.push('<');
    out.push_str(name);
    for (attr, value) in e.value().attrs() {
        if !attr
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            || matches!(attr, "loading" | "decoding" | "fetchpriority" | "xmlns")
        {
            continue;
        }
        let value = match attr {
            "id" => rw.id(value),
            "href" if name == "a" => rw.href(value),
            _ => value.to_string(),
        };
        attribute(out, attr, &value);
    }
    if VOID.contains(&name) {
        out.push_str("/>");
        return;
    }
    out.push('>');
    children(e, rw, images, out);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// An image from `static/` is carried in the book; any other is a link to it, since
/// a reader may not fetch remote images.
fn image(e: ElementRef, rw: &Rewriter, images: &mut Images, out: &mut String) {
    let src = e.value().attr("src").unwrap_or_default();
    let alt = e.value().attr("alt").unwrap_or_default();
    let carried = match rw.edition {
        Edition::Epub => images.add(rw.site, src),
        Edition::Print => images::static_file(rw.site, src).and_then(|file| {
            let bytes = std::fs::read(&file).ok()?;
            let media = images::media_type(&file.to_string_lossy())?;
            Some(images::data_url(media, &bytes))
        }),
    };
    match carried {
        Some(src) => {
            out.push_str("<img");
            attribute(out, "src", &src);
            attribute(out, "alt", alt);
            if let Some(title) = e.value().attr("title") {
                attribute(out, "title", title);
            }
            out.push_str("/>");
        }
        None => {
            out.push_str("<a");
            attribute(out, "href", &rw.href(src));
            out.push('>');
            escape_into(out, if alt.is_empty() { src } else { alt }, false);
            out.push_str("</a>");
        }
    }
}

fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value, true);
    out.push('"');
}

/// Text escaped for XML, without the characters XML forbids.
pub fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c if crate::content::yaml::xml_allows(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` escaped for XML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text, true);
    out
}

/// An id that is an XML name: `1` (a footnote) → `n-1`; spaces and colons → `-`.
pub fn xml_id(raw: &str) -> String {
    let mut id: String = raw
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        id.insert_str(0, "n-");
    }
    id
}

fn decode(fragment: &str) -> String {
    percent_encoding::percent_decode_str(fragment)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_xml_names() {
        assert_eq!(xml_id("1"), "n-1");
        assert_eq!(xml_id("新人 引导"), "新人-引导");
        assert_eq!(xml_id("a:b"), "a-b");
    }

    #[test]
    fn text_is_escaped_without_forbidden_characters() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
