//! Stage "index", after "content": items sorted (kind, newest first) and members by handle, both
//! indexed by name; every item's URL, with collisions and reserved names reported;
//! tags and expertise with URL slugs unique across the site. `incremental::memo`
//! keeps the result for `cairn serve` while nothing it reads changes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::content::{self, Content, ItemMeta, Kind};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::spellings::{self, Spellings};
use super::{Site, Tag};

/// Everything `Site::index` derives, as `incremental::Memo` keeps it.
#[derive(Clone)]
pub struct Index {
    pub item_urls: Arc<HashMap<String, String>>,
    pub members: FxHashMap<String, usize>,
    pub items: FxHashMap<String, usize>,
    pub tags: Vec<Tag>,
    pub kind_ranges: HashMap<Kind, Range<usize>>,
    pub kind_tags: HashMap<Kind, Vec<(String, usize)>>,
    pub expertise_slugs: HashMap<String, String>,
    pub expertise_names: HashMap<String, Spellings>,
}

impl Site {
    /// Sorts items and members and indexes them by name (keys, URLs, tags and kinds),
    /// reporting duplicate URLs and reserved slugs; returns the orders sorting gave
    /// (`order[sorted] = position as loaded`) for items and members.
    pub fn index(&mut self, d: &mut Diagnostics) -> (Vec<usize>, Vec<usize>) {
        let content = &mut self.content;
        let mut member_order: Vec<usize> = (0..content.members.len()).collect();
        member_order.sort_by(|&a, &b| content.members[a].handle.cmp(&content.members[b].handle));
        content.members = member_order
            .iter()
            .map(|&j| Arc::clone(&content.members[j]))
            .collect();
        for (i, m) in self.content.members.iter().enumerate() {
            self.members.insert(m.handle.clone(), i);
        }
        // Newest first everywhere; pages by weight then title. Ties by key, so the order is total.
        let items = &self.content.items;
        let mut item_order: Vec<usize> = (0..items.len()).collect();
        item_order.sort_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
            (a.kind, std::cmp::Reverse(a.date), page_weight(a), &a.stem).cmp(&(
                b.kind,
                std::cmp::Reverse(b.date),
                page_weight(b),
                &b.stem,
            ))
        });
        self.content.items = item_order.iter().map(|&j| Arc::clone(&items[j])).collect();
        let mut urls: HashMap<String, usize> = HashMap::new();
        for (i, item) in self.content.items.iter().enumerate() {
            self.items.insert(item.key(), i);
            let url = self.item_path(item.kind, &item.slug);
            if let Some(&first) = urls.get(&url) {
                let other = &self.content.items[first].doc.path;
                d.push(
                    Diagnostic::error_said(
                        &item.doc.path,
                        "url-collision",
                        &[("url", &url), ("path", &other.display().to_string())],
                    )
                    .with_hint_said("url-collision-hint", &[]),
                );
            } else {
                urls.insert(url, i);
            }
            if item.kind == Kind::Page && RESERVED.contains(&item.slug.as_str()) {
                d.push(
                    Diagnostic::error_said(
                        &item.doc.path,
                        "reserved-page-name",
                        &[("name", &item.slug)],
                    )
                    .with_hint_said(
                        "reserved-page-name-hint",
                        &[("names", &RESERVED.join(", "))],
                    ),
                );
            }
        }
        self.item_urls = Arc::new(
            self.content
                .items
                .iter()
                .map(|i| (i.key(), self.url(&self.item_path(i.kind, &i.slug))))
                .collect(),
        );
        let tag_names = tag_spellings(&self.content);
        self.tags = collect_tags(&self.content, &tag_names);
        // Each member's expertise once per member, with the member's file for ties.
        self.expertise_names = spellings::group(self.content.members.iter().flat_map(|m| {
            let mut own: Vec<&str> = m.meta.expertise.iter().map(String::as_str).collect();
            own.sort_unstable();
            own.dedup();
            own.into_iter().map(|e| (e, m.doc.path.as_path()))
        }));
        let expertise = self.expertise_names.values().map(|s| s.name.as_str());
        self.expertise_slugs = unique_slugs(expertise, "other");
        let mut kind_tags: HashMap<Kind, BTreeMap<&str, usize>> = HashMap::new();
        for (i, item) in self.content.items.iter().enumerate() {
            self.kind_ranges.entry(item.kind).or_insert(i..i).end = i + 1;
            let mut names: Vec<&str> = item
                .tags()
                .iter()
                .map(|t| tag_names.get(t).map_or(t.as_str(), |s| s.name.as_str()))
                .collect();
            names.sort_unstable();
            names.dedup();
            for tag in names {
                *kind_tags
                    .entry(item.kind)
                    .or_default()
                    .entry(tag)
                    .or_insert(0) += 1;
            }
        }
        self.kind_tags = kind_tags
            .into_iter()
            .map(|(kind, tags)| {
                (
                    kind,
                    tags.into_iter().map(|(t, n)| (t.to_string(), n)).collect(),
                )
            })
            .collect();
        (item_order, member_order)
    }

    pub fn set_index(&mut self, index: Index) {
        self.item_urls = index.item_urls;
        self.members = index.members;
        self.items = index.items;
        self.tags = index.tags;
        self.kind_ranges = index.kind_ranges;
        self.kind_tags = index.kind_tags;
        self.expertise_slugs = index.expertise_slugs;
        self.expertise_names = index.expertise_names;
    }

    pub fn index_parts(&self) -> Index {
        Index {
            item_urls: Arc::clone(&self.item_urls),
            members: self.members.clone(),
            items: self.items.clone(),
            tags: self.tags.clone(),
            kind_ranges: self.kind_ranges.clone(),
            kind_tags: self.kind_tags.clone(),
            expertise_slugs: self.expertise_slugs.clone(),
            expertise_names: self.expertise_names.clone(),
        }
    }
}

/// Output names cairn's own pages use, which free pages cannot take.
const RESERVED: &[&str] = &[
    "qa",
    "solutions",
    "talks",
    "members",
    "tags",
    "archive",
    "credits",
    "search",
    "static",
    "theme",
    "404",
];
fn page_weight(item: &content::Item) -> i64 {
    match &item.meta {
        ItemMeta::Page(p) => p.weight,
        _ => 0,
    }
}

/// Each tag spelling → its group (`spellings`): counted once per item that writes it.
fn tag_spellings(content: &Content) -> HashMap<String, Spellings> {
    spellings::group(content.items.iter().flat_map(|item| {
        let mut own: Vec<&str> = item.tags().iter().map(String::as_str).collect();
        own.sort_unstable();
        own.dedup();
        own.into_iter().map(|t| (t, item.doc.path.as_path()))
    }))
}

/// Tags by name, each with a URL slug unique across the site (transliterated; a later
/// tag whose slug is taken gets `-2`, `-3`… in name order, so slugs are stable). The
/// spellings of one tag in two scripts are one tag, under its name (`spellings`).
fn collect_tags(content: &Content, names: &HashMap<String, Spellings>) -> Vec<Tag> {
    let mut by_name: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, item) in content.items.iter().enumerate() {
        for tag in item.tags() {
            let name = names.get(tag).map_or(tag.as_str(), |s| s.name.as_str());
            let list = by_name.entry(name).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let slugs = unique_slugs(by_name.keys().copied(), "tag");
    by_name
        .into_iter()
        .map(|(name, items)| Tag {
            name: name.to_string(),
            slug: slugs[name].clone(),
            items,
            aliases: names
                .get(name)
                .map(|s| s.aliases.clone())
                .unwrap_or_default(),
        })
        .collect()
}

/// URL slugs for `names` (in sorted order): transliterated, and unique — a later name
/// whose slug is taken gets `-2`, `-3`… (活动策划 and 活動策劃 must not share a page).
pub fn unique_slugs<'a>(
    names: impl IntoIterator<Item = &'a str>,
    fallback: &str,
) -> HashMap<String, String> {
    let mut names: Vec<&str> = names.into_iter().collect();
    names.sort_unstable();
    names.dedup();
    let mut taken = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|name| {
            let base = match slug::slugify(name) {
                s if s.is_empty() => fallback.to_string(),
                s => s,
            };
            let mut slug = base.clone();
            let mut n = 1;
            while !taken.insert(slug.clone()) {
                n += 1;
                slug = format!("{base}-{n}");
            }
            (name.to_string(), slug)
        })
        .collect()
}
