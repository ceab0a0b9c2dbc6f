//! Books, the print edition: one self-contained HTML file (styles inline, pictures as
//! `data:` URLs) with print CSS — A5 or A4 pages, each part and chapter on a new page,
//! the title as running head — that a browser prints to PDF (`cairn book --pdf`).

use crate::messages::say;
use crate::site::Site;

use super::assemble::{chapter_shown, chapters, cover_text, numbering, part_shown, preface};
use super::images::{self, Images};
use super::words::words;
use super::xhtml::{Edition, Rewriter, escape};
use super::{Book, contributors, style};

/// The sections of the print edition, in order, already written.
pub struct PrintBook<'a> {
    pub language: &'a str,
    pub title: &'a str,
    pub css: String,
    /// The cover, the contents, the preface: pages before the first part.
    pub front: Vec<String>,
    /// Parts and chapters and the contributors, each a `<section>`.
    pub sections: Vec<String>,
}

/// The whole HTML document.
pub fn document(b: &PrintBook) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{l}\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{t}</title>\n<style>\n{css}</style>\n</head>\n<body class=\"print\" lang=\"{l}\">\n",
        l = escape(b.language),
        t = escape(b.title),
        css = b.css
    );
    for s in b.front.iter().chain(&b.sections) {
        out.push_str(s);
        out.push('\n');
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The print edition, and its pieces with what a leak in each is called.
pub struct Printed {
    pub html: String,
    pub pieces: Vec<(String, String)>,
}

/// The print edition.
pub fn print_edition(site: &Site, book: &Book) -> Printed {
    let w = words(&book.language);
    let def = book.def();
    let mut unused = Images::default();
    let chapters = chapters(site, book, Edition::Print, &mut unused);
    let (map, parts) = numbering(book);
    let rw = Rewriter {
        site,
        chapters: &map,
        edition: Edition::Print,
        chapter: 0,
        item_path: String::new(),
    };
    let mut pieces = Vec::new();
    let cover = match def
        .cover
        .as_deref()
        .and_then(|c| images::static_file(site, c))
    {
        Some(file) => {
            let bytes = std::fs::read(&file).unwrap_or_default();
            let media = images::media_type(&file.to_string_lossy()).unwrap_or("image/png");
            format!(
                "<section class=\"front cover-image\"><img src=\"{}\" alt=\"{}\"/></section>",
                images::data_url(media, &bytes),
                escape(&def.title)
            )
        }
        None => format!(
            "<section class=\"front cover\">{}</section>",
            cover_text(site, book, w)
        ),
    };
    pieces.push((say("book-piece-cover", &[]), cover));
    let mut toc = format!("<section class=\"front toc\"><h1>{}</h1><ol>", w.contents);
    for (k, part) in book.parts.iter().enumerate() {
        toc.push_str(&format!(
            "<li><a href=\"#part-{}\">{}</a><ol>",
            k + 1,
            escape(&part.title)
        ));
        for &(n, _) in &parts[k] {
            toc.push_str(&format!(
                "<li><a href=\"#c{n}\">{} {}</a></li>",
                w.chapter_label(n),
                escape(&chapters[n - 1].title)
            ));
        }
        toc.push_str("</ol></li>");
    }
    toc.push_str(&format!(
        "<li><a href=\"#contributors\">{}</a></li></ol></section>",
        w.contributors
    ));
    pieces.push((say("book-piece-contents", &[]), toc));
    if let Some(p) = preface(site, book, &rw, w, &mut unused) {
        pieces.push((
            say("book-piece-preface", &[]),
            format!("<section class=\"front\" id=\"c0\">{p}</section>"),
        ));
    }
    for (k, part) in book.parts.iter().enumerate() {
        pieces.push((
            part_shown(k + 1, &part.title),
            format!(
                "<section class=\"part\" id=\"part-{}\"><p class=\"part-label\">{}</p><h1>{}</h1></section>",
                k + 1,
                w.part_label(k + 1),
                escape(&part.title)
            ),
        ));
        for &(n, _) in &parts[k] {
            let ch = &chapters[n - 1];
            pieces.push((
                chapter_shown(n, &ch.title),
                format!(
                    "<section class=\"chapter\" id=\"c{n}\" lang=\"{}\">{}</section>",
                    escape(&ch.lang),
                    ch.body
                ),
            ));
        }
    }
    pieces.push((
        say("book-piece-contributors", &[]),
        format!(
            "<section class=\"contributors\">{}</section>",
            contributors::write(site, &rw, &chapters, w)
        ),
    ));
    let a4 = def.paper == super::Paper::A4;
    let front = pieces
        .iter()
        .take_while(|(_, s)| s.starts_with("<section class=\"front"))
        .count();
    let html = document(&PrintBook {
        language: &book.language,
        title: &def.title,
        css: style::print(site, a4, &def.title),
        front: pieces[..front].iter().map(|(_, s)| s.clone()).collect(),
        sections: pieces[front..].iter().map(|(_, s)| s.clone()).collect(),
    });
    Printed { html, pieces }
}
