//! Stage "feeds", for the weeks: `/weekly/feed.xml`, an Atom feed with one entry per
//! week (DESIGN §12), newest first. An entry's content is the week's digest as an HTML
//! fragment (`weekly::digest`), so a feed reader shows what the chat was told.

use std::fmt::Write as _;

use crate::output::Destination;
use crate::site::Site;
use crate::weekly::digest::{Format, digest};
use crate::weekly::{Week, Words};

use super::xml;

/// Weeks in the feed.
const FEED_WEEKS: usize = 20;

impl Site {
    pub(super) fn write_weekly_feed(&self, staging: &dyn Destination) -> Result<(), crate::Error> {
        staging.write("weekly/feed.xml", self.weekly_feed().as_bytes())
    }

    fn weekly_feed(&self) -> String {
        let weeks: Vec<Week> = self.weeks().into_iter().take(FEED_WEEKS).collect();
        // A week's entry changes until its Sunday; "now" of the build, for one not over.
        let updated = |w: &Week| rfc3339(w.sunday().min(self.now));
        let title = format!(
            "{} · {}",
            self.theme.string("weekly_title"),
            self.config.title
        );
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
        );
        let _ = writeln!(x, " xml:lang=\"{}\">", xml(&self.config.language));
        let _ = writeln!(x, "  <title>{}</title>", xml(&title));
        let _ = writeln!(x, "  <id>{}</id>", xml(&self.permalink("weekly/")));
        let _ = writeln!(
            x,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&self.permalink("weekly/"))
        );
        let _ = writeln!(
            x,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            xml(&self.permalink("weekly/feed.xml"))
        );
        let newest = weeks
            .first()
            .map_or_else(|| "1970-01-01T00:00:00Z".into(), updated);
        let _ = writeln!(x, "  <updated>{newest}</updated>");
        let _ = writeln!(
            x,
            "  <author><name>{}</name></author>",
            xml(&self.config.title)
        );
        let _ = writeln!(x, "  <generator>cairn</generator>");
        let words = Words::of(&self.config.language);
        let absolute = |url: &str| self.absolute(url);
        for w in &weeks {
            let view = self.week_view(&self.week(*w), Some(*w));
            let link = self.permalink(&w.path());
            let html = digest(&view, &self.config.title, words, Format::Html, &absolute);
            let _ = writeln!(x, "  <entry>");
            let _ = writeln!(x, "    <title>{}</title>", xml(&view.title));
            let _ = writeln!(x, "    <id>{}</id>", xml(&link));
            let _ = writeln!(
                x,
                "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                xml(&link)
            );
            let _ = writeln!(x, "    <published>{}</published>", rfc3339(w.monday()));
            let _ = writeln!(x, "    <updated>{}</updated>", updated(w));
            let _ = writeln!(
                x,
                "    <summary>{}</summary>",
                xml(&format!("{} – {}", view.from, view.to))
            );
            let _ = writeln!(x, "    <content type=\"html\">{}</content>", xml(&html));
            let _ = writeln!(x, "  </entry>");
        }
        x.push_str("</feed>\n");
        x
    }
}

fn rfc3339(d: jiff::civil::Date) -> String {
    format!("{d}T00:00:00Z")
}
