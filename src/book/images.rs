//! Books, the pictures: an image a write-up shows from `static/` travels inside the
//! book (EPUB) or inside the page (print edition, as a `data:` URL); the rest stay links.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::site::Site;

/// The file under `static/` that a site path names (`/static/a.png`, with or without
/// the base path), if it exists and is an image a reader shows.
pub fn static_file(site: &Site, src: &str) -> Option<PathBuf> {
    let path = src.strip_prefix(&site.base_path).map_or(src, |rest| rest);
    let path = path.trim_start_matches('/');
    let rel = path.strip_prefix("static/")?;
    let rel = rel.split(['?', '#']).next().unwrap_or(rel);
    if rel.split('/').any(|seg| seg == ".." || seg.is_empty()) {
        return None;
    }
    media_type(rel)?;
    let file = site.root.join("static").join(rel);
    file.is_file().then_some(file)
}

/// The media type of an image file name, for the types EPUB readers must show.
pub fn media_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit('.').next()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// The images a book carries: `static/` path → (name inside the book, bytes).
#[derive(Debug, Default)]
pub struct Images {
    pub files: BTreeMap<String, (String, Vec<u8>)>,
}

impl Images {
    /// The name inside the book of the image at `src` (`images/a.png`), reading it
    /// the first time; none when `src` is no image under `static/`.
    pub fn add(&mut self, site: &Site, src: &str) -> Option<String> {
        let file = static_file(site, src)?;
        let rel = file
            .strip_prefix(site.root.join("static"))
            .ok()?
            .to_string_lossy()
            .replace('\\', "/");
        if let Some((name, _)) = self.files.get(&rel) {
            return Some(name.clone());
        }
        let bytes = std::fs::read(&file).ok()?;
        // Names inside the book are ASCII: a reader's zip code need not know UTF-8.
        let name = format!("images/{:03}-{}", self.files.len() + 1, ascii_name(&rel));
        self.files.insert(rel, (name.clone(), bytes));
        Some(name)
    }
}

fn ascii_name(rel: &str) -> String {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    file.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `bytes` as a `data:` URL (base64), for the self-contained print edition.
pub fn data_url(media_type: &str, bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 32);
    out.push_str("data:");
    out.push_str(media_type);
    out.push_str(";base64,");
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_urls_are_base64() {
        assert_eq!(super::data_url("a/b", b"Man"), "data:a/b;base64,TWFu");
        assert_eq!(super::data_url("a/b", b"Ma"), "data:a/b;base64,TWE=");
        assert_eq!(super::data_url("a/b", b"M"), "data:a/b;base64,TQ==");
    }
}
