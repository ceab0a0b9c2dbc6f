//! `sitemap.xml`, every page with the date it last changed, and `robots.txt`, which
//! points to it. Both are written every build (cheap).

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::content::Kind;
use crate::site::Site;

use super::xml;

impl Site {
    pub(super) fn sitemap(&self) -> String {
        let newest = self.content.items.iter().filter_map(|i| i.date).max();
        let mut entries: Vec<(String, Option<Date>)> = vec![(String::new(), newest)];
        for kind in Kind::WRITE_UPS {
            entries.push((format!("{}/", kind.section()), newest));
        }
        for (i, item) in self.content.items.iter().enumerate() {
            entries.push((self.item_path(item.kind, &item.slug), self.updated(i)));
        }
        entries.push(("members/".into(), newest));
        for m in self.content.members.iter().filter(|m| !m.meta.hidden) {
            let last = self.ledger.of(&m.handle).map(|c| c.date).max();
            entries.push((format!("members/{}/", m.handle), last.or(m.meta.joined)));
        }
        for e in self.expertise().keys() {
            entries.push((
                format!("members/expertise/{}/", self.expertise_slug(e)),
                newest,
            ));
        }
        entries.push(("tags/".into(), newest));
        for tag in &self.tags {
            let last = tag
                .items
                .iter()
                .filter_map(|&i| self.content.items[i].date)
                .max();
            entries.push((format!("tags/{}/", tag.slug), last));
        }
        entries.push(("archive/".into(), newest));
        entries.push(("credits/".into(), newest));
        if !self.published_books.is_empty() {
            entries.push(("books/".into(), newest));
        }
        // The weeks: the list changes with the newest week, a week until its Sunday.
        let weeks = self.weeks();
        let per = self.config.paginate;
        let week_pages = weeks.len().div_ceil(per).max(1);
        for p in 1..=week_pages {
            let path = if p == 1 {
                "weekly/".to_string()
            } else {
                format!("weekly/page/{p}/")
            };
            let last = weeks.get((p - 1) * per).map(|w| w.sunday().min(self.now));
            entries.push((path, last));
        }
        for w in &weeks {
            entries.push((w.path(), Some(w.sunday().min(self.now))));
        }
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (path, lastmod) in entries {
            let _ = write!(x, "  <url><loc>{}</loc>", xml(&self.permalink(&path)));
            if let Some(d) = lastmod {
                let _ = write!(x, "<lastmod>{d}</lastmod>");
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        x
    }

    pub(super) fn robots(&self) -> String {
        format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            self.permalink("sitemap.xml")
        )
    }
}
