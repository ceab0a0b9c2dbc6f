//! Books, the closing chapter: every person credited in the book, with their tier and
//! the chapters they are in. Hidden members are one entry, the site's neutral word,
//! with no tier: counting them apart would already say something about them.

use std::collections::BTreeMap;

use crate::credits::tier;
use crate::render::context::PersonView;
use crate::site::Site;

use super::chapter::{Chapter, person_html};
use super::words::Words;
use super::xhtml::{Rewriter, escape};

/// One contributor: who, their tier, and (chapter, roles) in book order.
struct Contributor {
    person: PersonView,
    tier: Option<String>,
    chapters: BTreeMap<usize, Vec<&'static str>>,
}

/// The contributors' chapter as XHTML (its title, an intro, one entry a person).
pub fn write(site: &Site, rw: &Rewriter, chapters: &[Chapter], w: &Words) -> String {
    // Keyed so members sort by display name, guests after them, the hidden last.
    let mut people: BTreeMap<(u8, String, String), Contributor> = BTreeMap::new();
    let tiers = site.config.credits.tiers(&site.config.language);
    for ch in chapters {
        for c in &ch.credits {
            let p = &c.person;
            let key = match (p.hidden, &p.handle) {
                (true, _) => (2, String::new(), String::new()),
                (false, Some(h)) => (0, p.name.clone(), h.clone()),
                (false, None) => (1, p.name.clone(), String::new()),
            };
            let entry = people.entry(key).or_insert_with(|| Contributor {
                person: p.clone(),
                tier: p
                    .handle
                    .as_deref()
                    .filter(|_| !p.hidden)
                    .and_then(|h| tier(&tiers, site.ledger.points(h)).map(|t| t.name.clone()))
                    .or_else(|| p.guest.then(|| w.guest.to_string())),
                chapters: BTreeMap::new(),
            });
            let roles = entry.chapters.entry(ch.n).or_default();
            let label = c.role.label(w);
            if !roles.contains(&label) {
                roles.push(label);
            }
        }
    }
    let mut out = format!(
        "<header><h1 class=\"chapter-title\" id=\"contributors\">{}</h1></header><p>{}</p><dl class=\"contributors\">",
        w.contributors, w.contributors_intro
    );
    for c in people.values() {
        out.push_str("<dt>");
        out.push_str(&person_html(site, &c.person, w));
        if let Some(t) = &c.tier {
            out.push_str(&format!(" <span class=\"tier\">{}</span>", escape(t)));
        }
        out.push_str("</dt><dd><ul>");
        for (n, roles) in &c.chapters {
            let title = chapters
                .iter()
                .find(|ch| ch.n == *n)
                .map_or("", |ch| &ch.title);
            out.push_str(&format!(
                "<li><a href=\"{}\">{}</a> ({})</li>",
                escape(&rw.chapter_href(*n, None)),
                escape(title),
                roles.join(w.list_sep)
            ));
        }
        out.push_str("</ul></dd>");
    }
    out.push_str("</dl>");
    out
}
