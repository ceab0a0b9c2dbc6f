//! Stage "feeds": Atom feeds for the site, each kind, each tag and each member (DESIGN
//! §6). Written in Rust rather than templates so every value is XML-escaped in one place
//! (`publish::xml`); an item's entry is made once and shared by every feed it is in.

use std::fmt::Write as _;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::content::{ItemMeta, Kind, Speaker};
use crate::output::Destination;
use crate::render::context::PersonView;

use crate::site::Site;

use super::xml;
use crate::incremental::{EntryCache, Fingerprints};

/// Entries per feed.
const FEED_SIZE: usize = 20;

impl Site {
    /// Every feed. With `reuse`, a feed whose entries did not change is kept as it is.
    pub(super) fn write_feeds(
        &self,
        staging: &dyn Destination,
        reuse: Option<&crate::incremental::Reuse>,
    ) -> Result<(), crate::Error> {
        // (folder, feed title, items newest first, full content?) of every feed; built in
        // parallel, since a site has one per member and tag.
        let writeups: Vec<usize> = self.newest_writeups();
        let mut feeds: Vec<(String, String, Vec<usize>, bool)> = vec![(
            String::new(),
            self.config.title.clone(),
            writeups.clone(),
            true,
        )];
        for kind in Kind::WRITE_UPS {
            let items: Vec<usize> = writeups
                .iter()
                .copied()
                .filter(|&i| self.content.items[i].kind == kind)
                .collect();
            let title = format!("{} · {}", self.kind_label(kind), self.config.title);
            feeds.push((format!("{}/", kind.section()), title, items, true));
        }
        for tag in &self.tags {
            let mut items = tag.items.clone();
            self.sort_newest(&mut items);
            let title = format!("#{} · {}", tag.name, self.config.title);
            feeds.push((format!("tags/{}/", tag.slug), title, items, true));
        }
        for m in self.content.members.iter().filter(|m| !m.meta.hidden) {
            let mut items: Vec<usize> = self.ledger.of(&m.handle).filter_map(|c| c.item).collect();
            items.dedup();
            self.sort_newest(&mut items);
            items.dedup();
            let title = format!("{} · {}", self.person(&m.handle).name, self.config.title);
            // A member's feed tells followers what they worked on, with summaries: the
            // full text is one click away, and full content in every member's feed was
            // 57 MB of a 10k-item site's 326 MB (docs/BENCHMARKS.md, "A smaller output").
            feeds.push((format!("members/{}/", m.handle), title, items, false));
        }
        // A full build's entries live for this stage; serve's carry over in `reuse`.
        let own = EntryCache::default();
        let entries = reuse.map_or(&own, |r| &r.entries);
        feeds
            .par_iter()
            .try_for_each(|(path, title, items, full)| {
                let file = format!("{path}feed.xml");
                if let Some(reuse) = reuse {
                    let shown = &items[..items.len().min(FEED_SIZE)];
                    let fp = self.feed_fingerprint(&reuse.now, &file, title, shown);
                    if reuse.unchanged(&file, fp) {
                        staging.keep(&file);
                        return Ok(());
                    }
                }
                let fp = reuse.map(|r| &r.now);
                let feed = self.feed(path, title, items, *full, entries, fp);
                staging.write(&file, feed.as_bytes())
            })?;
        Ok(())
    }

    /// Q&As, solutions and talks, newest first.
    fn newest_writeups(&self) -> Vec<usize> {
        let mut items: Vec<usize> = Kind::WRITE_UPS
            .into_iter()
            .flat_map(|k| self.indices(k))
            .collect();
        self.sort_newest(&mut items);
        items
    }

    fn sort_newest(&self, items: &mut [usize]) {
        items.sort_by(|&a, &b| {
            self.content.items[b]
                .date
                .cmp(&self.content.items[a].date)
                .then(a.cmp(&b))
        });
    }

    /// An Atom feed of `items` (newest first) for the page at `path`.
    /// Entries come from `entries`, checked against `fp`'s cards and people when given;
    /// with `full`, each carries the item's whole text, otherwise its summary only.
    fn feed(
        &self,
        path: &str,
        title: &str,
        items: &[usize],
        full: bool,
        entries: &EntryCache,
        fp: Option<&Fingerprints>,
    ) -> String {
        let shown = &items[..items.len().min(FEED_SIZE)];
        let updated = shown
            .iter()
            .filter_map(|&i| self.content.items[i].date)
            .max()
            .map_or_else(epoch, rfc3339);
        let mut x = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
        );
        let _ = writeln!(x, " xml:lang=\"{}\">", xml(&self.config.language));
        let _ = writeln!(x, "  <title>{}</title>", xml(title));
        if !self.config.description.is_empty() {
            let _ = writeln!(
                x,
                "  <subtitle>{}</subtitle>",
                xml(&self.config.description)
            );
        }
        let _ = writeln!(x, "  <id>{}</id>", xml(&self.permalink(path)));
        let _ = writeln!(
            x,
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&self.permalink(path))
        );
        let _ = writeln!(
            x,
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
            xml(&self.permalink(&format!("{path}feed.xml")))
        );
        let _ = writeln!(x, "  <updated>{updated}</updated>");
        let _ = writeln!(x, "  <generator>cairn</generator>");
        for &i in shown {
            let item = &self.content.items[i];
            // The cache holds one entry per item page and form: a summary entry is
            // keyed apart from the full one, so each feed gets the form it asks for.
            let mut page = self.item_path(item.kind, &item.slug);
            if !full {
                page.push_str("#summary");
            }
            let key = fp.map_or(0, |fp| fp.entry(i));
            x.push_str(&entries.entry(page, key, || self.feed_entry(i, full)));
        }
        x.push_str("</feed>\n");
        x
    }

    fn feed_entry(&self, i: usize, full: bool) -> String {
        let mut x = String::new();
        let x = &mut x;
        let item = &self.content.items[i];
        let view = self.item_view(i);
        let link = self.permalink(&self.item_path(item.kind, &item.slug));
        let date = item.date.map_or_else(epoch, rfc3339);
        let _ = writeln!(x, "  <entry>");
        let _ = writeln!(x, "    <title>{}</title>", xml(&item.title));
        let _ = writeln!(x, "    <id>{}</id>", xml(&link));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            xml(&link)
        );
        let _ = writeln!(x, "    <published>{date}</published>");
        let _ = writeln!(
            x,
            "    <updated>{}</updated>",
            self.updated(i).map_or(date.clone(), rfc3339)
        );
        for person in self.entry_authors(i) {
            let _ = write!(x, "    <author><name>{}</name>", xml(&person.name));
            if let Some(url) = person.url {
                let _ = write!(x, "<uri>{}</uri>", xml(&self.absolute(&url)));
            }
            let _ = writeln!(x, "</author>");
        }
        for tag in item.tags() {
            let tag = self.tag_index(tag).map_or(tag, |t| &self.tags[t].name);
            let _ = writeln!(x, "    <category term=\"{}\"/>", xml(tag));
        }
        let _ = writeln!(x, "    <summary>{}</summary>", xml(&view.summary.summary));
        if !full {
            let _ = writeln!(x, "  </entry>");
            return std::mem::take(x);
        }
        let mut html = view.question_html.clone();
        for a in &view.answers {
            let _ = write!(
                html,
                "<h2>{}</h2>{}",
                crate::markdown::escape_attr(&a.author.name),
                a.html
            );
        }
        html.push_str(&view.notes_html);
        html.push_str(&view.content_html);
        let _ = writeln!(x, "    <content type=\"html\">{}</content>", xml(&html));
        let _ = writeln!(x, "  </entry>");
        std::mem::take(x)
    }

    /// When an item last changed: a solution's `verified_on` when later than its date.
    pub(super) fn updated(&self, i: usize) -> Option<Date> {
        let item = &self.content.items[i];
        match &item.meta {
            ItemMeta::Solution(m) => m.verified_on.max(item.date),
            _ => item.date,
        }
    }

    /// The people an entry is by: asker and answerers, authors, or speaker.
    fn entry_authors(&self, i: usize) -> Vec<PersonView> {
        let item = &self.content.items[i];
        let mut people = match &item.meta {
            ItemMeta::Qa(m) => {
                let asker = m.asked_by.iter().map(|h| self.person(h));
                let answers = self.rendered[i].answers().map(|a| self.answerer(a));
                asker.chain(answers).collect()
            }
            ItemMeta::Solution(m) => m.authors.iter().map(|h| self.person(h)).collect(),
            ItemMeta::Talk(m) => match &m.speaker {
                Some(Speaker::Member(h)) => vec![self.person(h)],
                Some(Speaker::Guest(g)) => vec![self.guest(g)],
                None => Vec::new(),
            },
            ItemMeta::Page(_) => Vec::new(),
        };
        let mut seen = std::collections::HashSet::new();
        people.retain(|p| seen.insert((p.name.clone(), p.url.clone())));
        if people.is_empty() {
            people.push(PersonView::named(&self.config.title, false));
        }
        people
    }
}

fn rfc3339(d: Date) -> String {
    format!("{d}T00:00:00Z")
}

fn epoch() -> String {
    "1970-01-01T00:00:00Z".into()
}
