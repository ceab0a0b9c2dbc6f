//! Everything written besides the pages, after them (stages "assets", "credits.json",
//! "feeds" and "search"): the theme's assets and `static/`, `credits.json`, Atom feeds
//! (`feeds`), `sitemap.xml` and `robots.txt` (`sitemap`), and the search index with its
//! page (`search`). XML is written and escaped in Rust, in one place (`xml`).

mod feeds;
mod search;
mod sitemap;
mod weekly;

use std::path::Path;

use crate::incremental::Reuse;
use crate::output::Destination;
use crate::site::Site;

impl Site {
    /// The theme's assets under `theme/`, and `static/` as it is under `static/`.
    pub(crate) fn write_assets(&self, staging: &dyn Destination) -> Result<(), crate::Error> {
        for (rel, bytes) in &self.theme.assets {
            staging.write(&format!("theme/{rel}"), bytes)?;
        }
        let static_dir = self.root.join("static");
        if static_dir.is_dir() {
            staging.copy_tree(&static_dir, "static")?;
        }
        Ok(())
    }

    /// `credits.json`: the credits page's data for other tools (shape in docs/CREDITS.md).
    pub(crate) fn write_credits_json(
        &self,
        staging: &dyn Destination,
        reuse: Option<&Reuse>,
    ) -> Result<(), crate::Error> {
        if let Some(reuse) = reuse
            && reuse.unchanged("credits.json", self.credits_fingerprint(&reuse.now))
        {
            staging.keep("credits.json");
            return Ok(());
        }
        let json = serde_json::to_vec_pretty(self.credits())
            .map_err(|e| crate::Error::io(Path::new("credits.json"), e.into()))?;
        staging.write("credits.json", &json)
    }

    /// Every feed, the sitemap and robots.txt. With `reuse`, a feed whose entries did
    /// not change is kept as it is.
    pub(crate) fn write_publishing_files(
        &self,
        staging: &dyn Destination,
        reuse: Option<&Reuse>,
    ) -> Result<(), crate::Error> {
        self.write_feeds(staging, reuse)?;
        self.write_weekly_feed(staging)?;
        staging.write("sitemap.xml", self.sitemap().as_bytes())?;
        staging.write("robots.txt", self.robots().as_bytes())
    }
}

/// Escapes text and attribute values for XML.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids never reach a feed.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}
