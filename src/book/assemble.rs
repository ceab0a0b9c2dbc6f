//! Books, the editions put together: chapters numbered across parts, then the EPUB's
//! files (cover, contents, preface, a page per part, chapters, contributors, styles,
//! pictures) and the print edition's sections, each with what a leak in it is called.

use std::collections::HashMap;

use crate::markdown::{self, MarkdownOptions};
use crate::messages::say;
use crate::site::Site;

use super::Book;
use super::chapter::{self, Chapter};
use super::contributors;
use super::epub::{self, Entry, Package};
use super::images::{self, Images};
use super::style;
use super::words::{Words, words};
use super::xhtml::{self, Edition, Rewriter, escape};

/// Item → chapter number, and per part its (number, item) pairs.
pub(super) type Numbering = (HashMap<usize, usize>, Vec<Vec<(usize, usize)>>);

pub(super) fn numbering(book: &Book) -> Numbering {
    let mut map = HashMap::new();
    let mut n = 0;
    let parts = book
        .parts
        .iter()
        .map(|p| {
            p.items
                .iter()
                .map(|&i| {
                    n += 1;
                    map.insert(i, n);
                    (n, i)
                })
                .collect()
        })
        .collect();
    (map, parts)
}

/// Every chapter of the book, written for `edition`.
pub(super) fn chapters(
    site: &Site,
    book: &Book,
    edition: Edition,
    images: &mut Images,
) -> Vec<Chapter> {
    let (map, parts) = numbering(book);
    let w = words(&book.language);
    let mut out = Vec::new();
    for &(n, i) in parts.iter().flatten() {
        let item = &site.content.items[i];
        let rw = Rewriter {
            site,
            chapters: &map,
            edition,
            chapter: n,
            item_path: site.item_path(item.kind, &item.slug),
        };
        out.push(chapter::write(site, &rw, w, images, i));
    }
    out
}

/// Display names of the editors (the neutral word for a hidden one).
fn editors(site: &Site, book: &Book) -> Vec<String> {
    book.def()
        .editors
        .iter()
        .map(|h| site.person(h).name)
        .collect()
}

/// Part `n` as a message names it (a leak's place): `part 2 “Solutions”`, `第 2 部分“…”`.
pub(super) fn part_shown(n: usize, title: &str) -> String {
    say(
        "book-piece-part",
        &[("n", n.into()), ("title", title.into())],
    )
}

/// Chapter `n` as a message names it: `chapter 3 “…”`, `第 3 章「…」`.
pub(super) fn chapter_shown(n: usize, title: &str) -> String {
    say(
        "book-piece-chapter",
        &[("n", n.into()), ("title", title.into())],
    )
}

pub(super) fn cover_text(site: &Site, book: &Book, w: &Words) -> String {
    let def = book.def();
    let mut out = format!("<h1>{}</h1>", escape(&def.title));
    if let Some(sub) = &def.subtitle {
        out.push_str(&format!("<p class=\"subtitle\">{}</p>", escape(sub)));
    }
    let names = editors(site, book);
    if !names.is_empty() {
        out.push_str(&format!(
            "<p class=\"editors\">{} {}</p>",
            w.edited,
            escape(&names.join(w.list_sep))
        ));
    }
    out.push_str(&format!(
        "<p class=\"site\">{}</p>",
        escape(&site.config.title)
    ));
    out
}

/// The preface as XHTML, when the book has one.
pub(super) fn preface(
    site: &Site,
    book: &Book,
    rw: &Rewriter,
    w: &Words,
    images: &mut Images,
) -> Option<String> {
    let file = book.def().preface.as_ref()?;
    let text = std::fs::read_to_string(site.root.join(file)).ok()?;
    let options = MarkdownOptions {
        raw_html: site.config.markdown.raw_html,
        highlight: site.config.markdown.highlight,
        quotes: site.config.markdown.quotes,
        answers: false,
        skip_first_h1: false,
    };
    let html = markdown::render(&text, &site.resolver(), options).html();
    let mut out = String::new();
    if !html.trim_start().starts_with("<h1") {
        out.push_str(&format!(
            "<header><h1 class=\"chapter-title\">{}</h1></header>",
            w.preface
        ));
    }
    xhtml::write(&html, rw, images, &mut out);
    Some(out)
}

fn page(name: &str, book: &Book, title: &str, class: &str, body: &str, shown_as: &str) -> Entry {
    Entry {
        name: name.to_string(),
        bytes: epub::document(&book.language, title, class, body).into_bytes(),
        media_type: "application/xhtml+xml".into(),
        shown_as: shown_as.to_string(),
        spine: true,
        properties: None,
    }
}

/// Every file of the EPUB but the container and the package, in reading order.
pub fn epub_entries(site: &Site, book: &Book) -> Vec<Entry> {
    let w = words(&book.language);
    let def = book.def();
    let mut images = Images::default();
    let chapters = chapters(site, book, Edition::Epub, &mut images);
    let (map, parts) = numbering(book);
    let rw = Rewriter {
        site,
        chapters: &map,
        edition: Edition::Epub,
        chapter: 0,
        item_path: String::new(),
    };
    let cover_image = def.cover.as_deref().and_then(|c| images.add(site, c));
    let cover = match &cover_image {
        Some(src) => format!(
            "<section epub:type=\"cover\" class=\"cover-image\"><img src=\"{}\" alt=\"{}\"/></section>",
            escape(src),
            escape(&def.title)
        ),
        None => format!(
            "<section epub:type=\"cover\" class=\"cover\">{}</section>",
            cover_text(site, book, w)
        ),
    };
    let mut entries = vec![page(
        "cover.xhtml",
        book,
        &def.title,
        "cover",
        &cover,
        &say("book-piece-cover", &[]),
    )];
    let preface = preface(site, book, &rw, w, &mut images);
    entries.push(Entry {
        properties: Some("nav"),
        ..page(
            "nav.xhtml",
            book,
            w.contents,
            "nav",
            &nav(book, w, &chapters, preface.is_some()),
            &say("book-piece-contents", &[]),
        )
    });
    if let Some(p) = preface {
        let body = format!("<section epub:type=\"preface\">{p}</section>");
        entries.push(page(
            "preface.xhtml",
            book,
            w.preface,
            "preface",
            &body,
            &say("book-piece-preface", &[]),
        ));
    }
    for (k, part) in book.parts.iter().enumerate() {
        let body = format!(
            "<section epub:type=\"part\" class=\"part\"><p class=\"part-label\">{}</p><h1>{}</h1></section>",
            w.part_label(k + 1),
            escape(&part.title)
        );
        let shown = part_shown(k + 1, &part.title);
        entries.push(page(
            &format!("part-{}.xhtml", k + 1),
            book,
            &part.title,
            "part",
            &body,
            &shown,
        ));
        for &(n, _) in &parts[k] {
            let ch = &chapters[n - 1];
            let body = format!(
                "<section epub:type=\"chapter\" class=\"chapter\">{}</section>",
                ch.body
            );
            entries.push(Entry {
                bytes: epub::document(&ch.lang, &ch.title, "chapter", &body).into_bytes(),
                ..page(
                    &xhtml::chapter_file(n),
                    book,
                    "",
                    "",
                    "",
                    &chapter_shown(n, &ch.title),
                )
            });
        }
    }
    let body = format!(
        "<section epub:type=\"appendix\" class=\"contributors\">{}</section>",
        contributors::write(site, &rw, &chapters, w)
    );
    entries.push(page(
        "contributors.xhtml",
        book,
        w.contributors,
        "contributors",
        &body,
        &say("book-piece-contributors", &[]),
    ));
    entries.push(Entry {
        name: "style.css".into(),
        bytes: style::reader(site).into_bytes(),
        media_type: "text/css".into(),
        shown_as: say("book-piece-stylesheet", &[]),
        spine: false,
        properties: None,
    });
    for (rel, (name, bytes)) in &images.files {
        entries.push(Entry {
            name: name.clone(),
            bytes: bytes.clone(),
            media_type: images::media_type(name).unwrap_or("image/png").into(),
            shown_as: say(
                "book-piece-picture",
                &[("path", format!("static/{rel}").into())],
            ),
            spine: false,
            properties: (cover_image.as_deref() == Some(name.as_str())).then_some("cover-image"),
        });
    }
    entries
}

/// The table of contents, by part.
fn nav(book: &Book, w: &Words, chapters: &[Chapter], preface: bool) -> String {
    let mut out = format!(
        "<nav epub:type=\"toc\" id=\"toc\"><h1>{}</h1><ol>",
        w.contents
    );
    if preface {
        out.push_str(&format!(
            "<li><a href=\"preface.xhtml\">{}</a></li>",
            w.preface
        ));
    }
    let (_, parts) = numbering(book);
    for (k, part) in book.parts.iter().enumerate() {
        out.push_str(&format!(
            "<li><a href=\"part-{}.xhtml\">{}</a>",
            k + 1,
            escape(&part.title)
        ));
        if !parts[k].is_empty() {
            out.push_str("<ol>");
            for &(n, _) in &parts[k] {
                out.push_str(&format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    xhtml::chapter_file(n),
                    escape(&chapters[n - 1].title)
                ));
            }
            out.push_str("</ol>");
        }
        out.push_str("</li>");
    }
    out.push_str(&format!(
        "<li><a href=\"contributors.xhtml\">{}</a></li></ol></nav>",
        w.contributors
    ));
    out
}

/// What the package says of the book.
pub fn package(site: &Site, book: &Book) -> Package {
    let def = book.def();
    Package {
        identifier: site.permalink(&format!("books/{}.epub", book.name)),
        title: def.title.clone(),
        subtitle: def.subtitle.clone(),
        language: book.language.clone(),
        creators: editors(site, book),
        publisher: site.config.title.clone(),
        date: site.now,
    }
}
