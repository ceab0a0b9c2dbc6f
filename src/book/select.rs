//! Books, step 2: a definition's parts → the items of each part, in order, and the
//! checks that need the loaded site (unknown items, tags, kinds and editors, a missing
//! preface or cover), each located in the definition with a "did you mean".

use crate::content::{ItemMeta, Kind, item_reference};
use crate::diagnostics::{Diagnostics, did_you_mean};
use crate::site::Site;

use super::definition::{Definition, Order, Query};

/// A part as selected: its title and its items (indices into `content.items`).
#[derive(Debug, Clone)]
pub struct Part {
    pub title: String,
    pub items: Vec<usize>,
}

/// The parts of `book`; every problem goes to `d`.
pub fn parts(site: &Site, book: &Definition, d: &mut Diagnostics) -> Vec<Part> {
    check_people_and_files(site, book, d);
    let mut seen = std::collections::HashSet::new();
    let mut parts = Vec::new();
    for part in &book.def.parts {
        let mut items: Vec<usize> = part
            .items
            .iter()
            .filter_map(|r| named_item(site, book, r, d))
            .collect();
        if let Some(q) = &part.query {
            items.extend(query(site, book, q, d));
        }
        if part.items.is_empty() && part.query.is_none() {
            d.push(
                book.error_at(
                    &part.title,
                    "book-empty-part",
                    &[("title", part.title.as_str())],
                )
                .with_hint_said("book-empty-part-hint", &[]),
            );
        }
        // A write-up is one chapter: the first part that selects it keeps it.
        items.retain(|i| seen.insert(*i));
        parts.push(Part {
            title: part.title.clone(),
            items,
        });
    }
    parts
}

fn named_item(site: &Site, book: &Definition, r: &str, d: &mut Diagnostics) -> Option<usize> {
    match site.lookup(r) {
        Some(i) if !matches!(site.content.items[i].meta, ItemMeta::Page(_)) => Some(i),
        Some(_) => {
            d.push(
                book.error_at(r, "book-page-chapter", &[("target", r)])
                    .with_hint_said("book-page-chapter-hint", &[]),
            );
            None
        }
        None => {
            let found = book.error_at(r, "unknown-chapter", &[("target", r)]);
            d.push(
                match did_you_mean(item_reference(r), site.items.keys().map(String::as_str)) {
                    Some(n) => found.with_hint_said("unknown-chapter-near", &[("near", n)]),
                    None => found.with_hint_said("unknown-chapter-hint", &[]),
                },
            );
            None
        }
    }
}

fn query(site: &Site, book: &Definition, q: &Query, d: &mut Diagnostics) -> Vec<usize> {
    let mut kinds = Vec::new();
    for k in &q.kinds {
        match Kind::from_section(k).or_else(|| Kind::from_section(&format!("{k}s"))) {
            Some(kind) if kind != Kind::Page => kinds.push(kind),
            _ => d.push(
                book.error_at(k, "book-unknown-kind", &[("kind", k)])
                    .with_hint_said("book-unknown-kind-hint", &[]),
            ),
        }
    }
    let mut tags = Vec::new();
    for t in &q.tags {
        match site.tag_index(t) {
            Some(i) => tags.push(i),
            None => {
                let found = book.error_at(t, "book-unknown-tag", &[("tag", t)]);
                d.push(
                    match did_you_mean(t, site.tags.iter().map(|t| t.name.as_str())) {
                        Some(n) => found.with_hint_said("book-unknown-tag-near", &[("near", n)]),
                        None => found.with_hint_said("book-unknown-tag-hint", &[]),
                    },
                );
            }
        }
    }
    let mut found: Vec<usize> = (0..site.content.items.len())
        .filter(|&i| matches_query(site, i, q, &kinds, &tags))
        .collect();
    let items = &site.content.items;
    let key = |i: &usize| (items[*i].date, items[*i].key());
    match q.order {
        Order::Date => found.sort_by_key(key),
        Order::DateDesc => found.sort_by_key(|i| std::cmp::Reverse(key(i))),
        Order::Title => found.sort_by(|a, b| items[*a].title.cmp(&items[*b].title)),
    }
    if let Some(limit) = q.limit {
        found.truncate(limit);
    }
    found
}

fn matches_query(site: &Site, i: usize, q: &Query, kinds: &[Kind], tags: &[usize]) -> bool {
    let item = &site.content.items[i];
    let kind_ok = match kinds {
        [] => item.kind != Kind::Page,
        _ => kinds.contains(&item.kind),
    };
    let tag_ok = tags.is_empty() || tags.iter().any(|&t| site.tags[t].items.contains(&i));
    let date = item.date;
    let date_ok = q.from.is_none_or(|f| date.is_some_and(|d| d >= f))
        && q.to.is_none_or(|t| date.is_some_and(|d| d <= t));
    let accepted_ok = !q.accepted_only
        || match &item.meta {
            ItemMeta::Qa(m) => m.accepted.is_some(),
            _ => true,
        };
    kind_ok && tag_ok && date_ok && accepted_ok
}

fn check_people_and_files(site: &Site, book: &Definition, d: &mut Diagnostics) {
    for e in &book.def.editors {
        if site.member(e).is_none() {
            let found = book.error_at(e, "unknown-handle", &[("handle", e)]);
            d.push(
                match did_you_mean(e, site.members.keys().map(String::as_str)) {
                    Some(n) => found.with_hint_said("unknown-handle-near", &[("near", n)]),
                    None => found.with_hint_said("book-editor-hint", &[]),
                },
            );
        }
    }
    if let Some(p) = &book.def.preface
        && !site.root.join(p).is_file()
    {
        d.push(
            book.error_at(p, "book-no-preface", &[("path", p)])
                .with_hint_said("book-no-preface-hint", &[]),
        );
    }
    if let Some(c) = &book.def.cover
        && super::images::static_file(site, c).is_none()
    {
        d.push(
            book.error_at(c, "book-no-cover", &[("path", c)])
                .with_hint_said("book-no-cover-hint", &[]),
        );
    }
}
