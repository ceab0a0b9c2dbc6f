//! Books, the EPUB 3 edition: the package (OPF), the table of contents by part
//! (nav.xhtml), a page per part, preface, chapter and the contributors, zipped with
//! `mimetype` first and stored, the other files in sorted order, every time stamp the
//! book's date: the same input gives the same bytes.

use std::io::Write;

use jiff::civil::Date;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xhtml::escape;

/// One file of the book, with what a leak in it is reported as.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The path inside `OEBPS/`.
    pub name: String,
    pub bytes: Vec<u8>,
    pub media_type: String,
    /// `chapter 3 "title"`, `the contributors`…, for messages.
    pub shown_as: String,
    /// In the reading order (`spine`), and with which OPF properties.
    pub spine: bool,
    pub properties: Option<&'static str>,
}

/// What the package says of the book.
pub struct Package {
    pub identifier: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub language: String,
    pub creators: Vec<String>,
    pub publisher: String,
    pub date: Date,
}

/// A full XHTML document around `body`.
pub fn document(lang: &str, title: &str, body_class: &str, body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n\
         <html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{l}\" xml:lang=\"{l}\">\n\
         <head><meta charset=\"UTF-8\"/><title>{t}</title><link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/></head>\n\
         <body class=\"{body_class}\">\n{body}\n</body>\n</html>\n",
        l = escape(lang),
        t = escape(title),
    )
}

/// The package document.
pub fn opf(p: &Package, entries: &[Entry]) -> String {
    let mut meta = format!(
        "<dc:identifier id=\"uid\">{}</dc:identifier><dc:title id=\"title\">{}</dc:title>",
        escape(&p.identifier),
        escape(&p.title)
    );
    if let Some(sub) = &p.subtitle {
        meta.push_str(&format!(
            "<dc:title id=\"subtitle\">{}</dc:title><meta refines=\"#title\" property=\"title-type\">main</meta><meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>",
            escape(sub)
        ));
    }
    meta.push_str(&format!(
        "<dc:language>{}</dc:language>",
        escape(&p.language)
    ));
    for c in &p.creators {
        meta.push_str(&format!("<dc:creator>{}</dc:creator>", escape(c)));
    }
    meta.push_str(&format!(
        "<dc:publisher>{}</dc:publisher><dc:date>{}</dc:date><meta property=\"dcterms:modified\">{}T00:00:00Z</meta>",
        escape(&p.publisher),
        p.date,
        p.date
    ));
    let mut manifest = String::new();
    let mut spine = String::new();
    for (k, e) in entries.iter().enumerate() {
        let id = format!("f{k:03}");
        let props = e
            .properties
            .map_or(String::new(), |p| format!(" properties=\"{p}\""));
        manifest.push_str(&format!(
            "<item id=\"{id}\" href=\"{}\" media-type=\"{}\"{props}/>\n",
            escape(&e.name),
            e.media_type
        ));
        if e.spine {
            spine.push_str(&format!("<itemref idref=\"{id}\"/>\n"));
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{l}\">\n\
         <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{meta}</metadata>\n\
         <manifest>\n{manifest}</manifest>\n<spine>\n{spine}</spine>\n</package>\n",
        l = escape(&p.language)
    )
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n\
<rootfiles><rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>\n\
</container>\n";

/// The zip: `mimetype` first and stored (readers find it at a fixed offset), then
/// the container, the package and `entries` sorted by name, all dated `date`.
pub fn zip(p: &Package, entries: &[Entry]) -> std::io::Result<Vec<u8>> {
    let stamp = DateTime::from_date_and_time(
        u16::try_from(p.date.year()).unwrap_or(1980).max(1980),
        p.date.month() as u8,
        p.date.day() as u8,
        0,
        0,
        0,
    )
    .unwrap_or_default();
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let deflated = stored.compression_method(CompressionMethod::Deflated);
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut put = |name: &str, bytes: &[u8], options: SimpleFileOptions| -> std::io::Result<()> {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)
    };
    put("mimetype", b"application/epub+zip", stored)?;
    put("META-INF/container.xml", CONTAINER.as_bytes(), deflated)?;
    put("OEBPS/content.opf", opf(p, entries).as_bytes(), deflated)?;
    let mut sorted: Vec<&Entry> = entries.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    for e in sorted {
        put(&format!("OEBPS/{}", e.name), &e.bytes, deflated)?;
    }
    let cursor = zip.finish().map_err(std::io::Error::other)?;
    Ok(cursor.into_inner())
}
