//! `sitemap.xml`, every page (each page of a paginated one, `site::paging`) with the
//! date it last changed, and `robots.txt`, which
//! points to it. Both are written every build (cheap).

use std::fmt::Write as _;

use jiff::civil::Date;

use crate::content::Kind;
use crate::site::Site;
use crate::site::paging::{page_count, page_path};

use super::xml;

impl Site {
    pub(super) fn sitemap(&self) -> String {
        fn pages(first: &str, total: usize) -> impl Iterator<Item = String> + '_ {
            (1..=total).map(move |n| page_path(first, n))
        }
        let newest = self.content.items.iter().filter_map(|i| i.date).max();
        let mut entries: Vec<(String, Option<Date>)> = vec![(String::new(), newest)];
        for kind in Kind::WRITE_UPS {
            let first = format!("{}/", kind.section());
            let per = self.config.paginate;
            // Page n of a list last changed with its newest item.
            for (n, path) in pages(&first, page_count(self.indices(kind).len(), per)).enumerate() {
                let top = self.indices(kind).nth(n * per);
                entries.push((
                    path,
                    top.and_then(|i| self.content.items[i].date).or(newest),
                ));
            }
        }
        for (i, item) in self.content.items.iter().enumerate() {
            entries.push((self.item_path(item.kind, &item.slug), self.updated(i)));
        }
        for path in pages("members/", self.members_pages(None)) {
            entries.push((path, newest));
        }
        for (m, member) in self.content.members.iter().enumerate() {
            if member.meta.hidden {
                continue;
            }
            let last = self.ledger.of(&member.handle).map(|c| c.date).max();
            let first = format!("members/{}/", member.handle);
            for path in pages(&first, self.member_pages(m)) {
                entries.push((path, last.or(member.meta.joined)));
            }
        }
        for e in self.expertise().keys() {
            let first = self.members_path(Some(e));
            for path in pages(&first, self.members_pages(Some(e))) {
                entries.push((path, newest));
            }
        }
        entries.push(("tags/".into(), newest));
        for (t, tag) in self.tags.iter().enumerate() {
            let last = tag
                .items
                .iter()
                .filter_map(|&i| self.content.items[i].date)
                .max();
            let first = format!("tags/{}/", tag.slug);
            for path in pages(&first, self.tag_pages(t)) {
                entries.push((path, last));
            }
        }
        entries.push(("archive/".into(), newest));
        for year in self.archive_years() {
            let last = year.items.first().and_then(|&i| self.content.items[i].date);
            for path in pages(&year.path(), year.pages()) {
                entries.push((path, last));
            }
        }
        for path in pages("credits/", self.credits_pages()) {
            entries.push((path, newest));
        }
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
