//! Stage "render": the collections behind list-like pages: each kind's list with its
//! paging, the members directory and expertise pages, tag pages with "who to ask", the
//! archive by month, contribution histories.

use std::collections::{BTreeMap, HashMap};

use std::sync::Arc;

use crate::content::{ItemMeta, Kind};
use crate::diagnostics::Diagnostic;
use crate::render::context::*;
use crate::render::{Value, map_of, to_value};

use rayon::prelude::*;

use super::views::kind_name;
use crate::site::Site;

use super::RenderFn;
use super::cards::Cards;
use crate::incremental::ArchiveCache;

impl Site {
    /// Page `n` (1-based) of the list of `kind`.
    pub(super) fn list_page(
        &self,
        kind: Kind,
        n: usize,
        cards: &Cards,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let section = kind.section();
        let per = self.config.paginate;
        let all = self.indices(kind);
        let total = all.len().div_ceil(per).max(1);
        let items = cards.list(all.skip((n - 1) * per).take(per));
        let page_path = |p: usize| {
            if p == 1 {
                format!("{section}/")
            } else {
                format!("{section}/page/{p}/")
            }
        };
        let paginator = self.paginator(n, total, &page_path);
        let tags: Vec<TagView> = self
            .kind_tags
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|(t, count)| TagView {
                count: *count,
                ..self.tag_view(t)
            })
            .collect();
        let label = self.kind_label(kind);
        let title = if n == 1 {
            label.clone()
        } else {
            format!("{label} ({n}/{total})")
        };
        let page = self.page_view(&page_path(n), &title, "", None, "list");
        render(
            page_path(n),
            "list.html",
            page,
            vec![
                ("kind", Value::from(kind_name(kind))),
                ("kind_label", Value::from(label)),
                ("items", items),
                ("paginator", to_value(&paginator)),
                ("tags", to_value(&tags)),
            ],
        )
    }

    /// Links to page `n` of `total` and its neighbours; `page_path(p)` is page `p`'s path.
    pub(super) fn paginator(
        &self,
        n: usize,
        total: usize,
        page_path: &dyn Fn(usize) -> String,
    ) -> Paginator {
        // First, last and two either side of the current page: a list of 5,000 pages
        // must not print 5,000 links on each of them.
        let shown: Vec<usize> = (1..=total)
            .filter(|&p| p == 1 || p == total || p.abs_diff(n) <= 2)
            .collect();
        Paginator {
            current: n,
            total_pages: total,
            prev: (n > 1).then(|| self.url(&page_path(n - 1))),
            next: (n < total).then(|| self.url(&page_path(n + 1))),
            pages: shown
                .iter()
                .enumerate()
                .map(|(k, &p)| PageLink {
                    number: p,
                    url: self.url(&page_path(p)),
                    current: p == n,
                    gap_before: k > 0 && shown[k - 1] + 1 != p,
                })
                .collect(),
        }
    }

    /// The first `n` of a leaderboard as people; hidden members keep their rank under the neutral label.
    pub fn ranked(&self, board: Vec<(String, i64)>, n: usize) -> Vec<RankedPerson> {
        let tiers = self.config.credits.tiers(&self.config.language);
        board
            .into_iter()
            .take(n)
            .map(|(handle, points)| RankedPerson {
                person: self.person(&handle),
                points,
                tier: crate::credits::tier(&tiers, self.ledger.points(&handle))
                    .map(|t| t.name.clone()),
            })
            .collect()
    }

    pub(super) fn members_page(
        &self,
        filter: Option<&str>,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let expertise = self.expertise();
        let chosen: Vec<usize> = match filter {
            Some(e) => expertise.get(e).cloned().unwrap_or_default(),
            None => (0..self.content.members.len())
                .filter(|&i| !self.content.members[i].meta.hidden)
                .collect(),
        };
        let mut members: Vec<ProfileView> =
            chosen.iter().map(|&i| self.profile(i, false)).collect();
        // Most credited first, then by handle: the directory doubles as "who is active".
        members.sort_by(|a, b| {
            b.points
                .cmp(&a.points)
                .then_with(|| a.person.handle.cmp(&b.person.handle))
        });
        let expertise_views: Vec<TagView> = expertise
            .iter()
            .map(|(name, list)| TagView {
                count: list.len(),
                ..self.expertise_view(name)
            })
            .collect();
        let mut roles: BTreeMap<String, usize> = BTreeMap::new();
        for m in &members {
            if let Some(r) = &m.person.role {
                *roles.entry(r.clone()).or_insert(0) += 1;
            }
        }
        let roles: Vec<serde_json::Value> = roles
            .into_iter()
            .map(|(name, count)| serde_json::json!({ "name": name, "count": count }))
            .collect();
        let (path, title) = match filter {
            Some(e) => (
                format!("members/expertise/{}/", self.expertise_slug(e)),
                format!("{} · {e}", self.theme.string("nav_members")),
            ),
            None => ("members/".to_string(), self.theme.string("nav_members")),
        };
        let page = self.page_view(&path, &title, "", None, "members");
        render(
            path,
            "members.html",
            page,
            vec![
                ("members", to_value(&members)),
                ("expertise", to_value(&expertise_views)),
                ("roles", to_value(&roles)),
                ("filter", Value::from(filter)),
                (
                    "aliases",
                    to_value(&filter.map_or(&[][..], |e| self.expertise_aliases(e))),
                ),
            ],
        )
    }

    /// A member's history, newest first, each entry linking to the item or answer.
    pub fn contributions(&self, handle: &str) -> Vec<ContributionView> {
        self.ledger
            .of(handle)
            .map(|c| {
                let item = c.item.map(|i| &self.content.items[i]);
                let url = item.map(|it| {
                    let base = self.url(&self.item_path(it.kind, &it.slug));
                    match &c.anchor {
                        Some(a) => format!("{base}#{a}"),
                        None => base,
                    }
                });
                ContributionView {
                    kind: c.kind.clone(),
                    label: self.credit_label(&c.kind),
                    date: c.date.to_string(),
                    points: c.points,
                    title: item.map(|it| it.title.clone()),
                    url,
                    note: c.note.clone(),
                }
            })
            .collect()
    }

    pub(super) fn tag_page(
        &self,
        t: usize,
        cards: &Cards,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let tag = &self.tags[t];
        let sections: Vec<Value> = Kind::WRITE_UPS
            .into_iter()
            .filter_map(|kind| {
                let of_kind: Vec<usize> = tag
                    .items
                    .iter()
                    .copied()
                    .filter(|&i| self.content.items[i].kind == kind)
                    .collect();
                (!of_kind.is_empty()).then(|| {
                    map_of([
                        ("kind", Value::from(kind_name(kind))),
                        ("label", Value::from(self.kind_label(kind))),
                        ("items", cards.list(of_kind)),
                    ])
                })
            })
            .collect();
        let experts = self.ranked(self.who_to_ask(&tag.items), 5);
        let path = format!("tags/{}/", tag.slug);
        let view = self.tag_view(&tag.name);
        let page = self.page_view(&path, &format!("#{}", tag.name), "", None, "tag");
        render(
            path,
            "tag.html",
            page,
            vec![
                ("tag", to_value(&view)),
                ("sections", Value::from(sections)),
                ("experts", to_value(&experts)),
            ],
        )
    }

    /// Members whose answers and solutions on these items count most: an answer 3, an
    /// accepted answer 5 more, a solution 8 (the site's points for those kinds).
    fn who_to_ask(&self, items: &[usize]) -> Vec<(String, i64)> {
        let mut score: BTreeMap<&str, i64> = BTreeMap::new();
        // Each item's own contributions: a tag page costs its items, not the ledger.
        for c in items.iter().flat_map(|&i| self.ledger.on(i)) {
            if matches!(c.kind.as_str(), "answer" | "accepted" | "solution" | "talk") {
                *score.entry(&c.member).or_insert(0) += c.points;
            }
        }
        let mut board: Vec<(String, i64)> =
            score.into_iter().map(|(m, p)| (m.to_string(), p)).collect();
        board.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        board
    }

    fn archive_entry(&self, i: usize, labels: &HashMap<Kind, String>) -> ArchiveEntry {
        let item = &self.content.items[i];
        ArchiveEntry {
            kind: kind_name(item.kind).into(),
            kind_label: labels[&item.kind].clone(),
            title: item.title.clone(),
            url: self.url(&self.item_path(item.kind, &item.slug)),
            date: item.date.map(|d| d.to_string()).unwrap_or_default(),
            lang: item.lang().map(str::to_string),
        }
    }

    /// Every write-up by year and month, newest first, as the archive template's
    /// `years`. With `cache` (`cairn serve`), an item whose file did not change keeps
    /// its line: the archive lists every write-up, and is rendered again whenever one
    /// title, date or URL changes.
    pub fn archive(&self, cache: Option<&ArchiveCache>) -> Value {
        let items = &self.content.items;
        let before = cache.map(ArchiveCache::take).unwrap_or_default();
        let labels: HashMap<Kind, String> = Kind::WRITE_UPS
            .into_iter()
            .map(|k| (k, self.kind_label(k)))
            .collect();
        let lines: Vec<Option<Value>> = (0..items.len())
            .into_par_iter()
            .map(|i| {
                let item = &items[i];
                if matches!(item.meta, ItemMeta::Page(_)) || item.date.is_none() {
                    return None;
                }
                match before.get(i) {
                    Some(Some((last, line))) if Arc::ptr_eq(last, item) => Some(line.clone()),
                    _ => Some(to_value(&self.archive_entry(i, &labels))),
                }
            })
            .collect();
        let mut by_month: BTreeMap<(i16, i8), Vec<usize>> = BTreeMap::new();
        for (i, item) in items.iter().enumerate() {
            if let (Some(d), Some(_)) = (item.date, &lines[i]) {
                by_month.entry((d.year(), d.month())).or_default().push(i);
            }
        }
        let mut years: Vec<(i16, usize, Vec<Value>)> = Vec::new();
        for ((year, month), mut list) in by_month.into_iter().rev() {
            list.sort_by(|&a, &b| items[b].date.cmp(&items[a].date).then(a.cmp(&b)));
            let count = list.len();
            let month = map_of([
                ("month", to_value(&month)),
                ("label", Value::from(format!("{year}-{month:02}"))),
                (
                    "items",
                    Value::from(
                        list.iter()
                            .filter_map(|&i| lines[i].clone())
                            .collect::<Vec<_>>(),
                    ),
                ),
            ]);
            match years.last_mut() {
                Some(y) if y.0 == year => {
                    y.1 += count;
                    y.2.push(month);
                }
                _ => years.push((year, count, vec![month])),
            }
        }
        if let Some(cache) = cache {
            let kept = lines.into_iter().enumerate();
            cache.put(
                kept.map(|(i, l)| l.map(|l| (Arc::clone(&items[i]), l)))
                    .collect(),
            );
        }
        let years = years.into_iter().map(|(year, count, months)| {
            map_of([
                ("year", to_value(&year)),
                ("count", to_value(&count)),
                ("months", Value::from(months)),
            ])
        });
        Value::from(years.collect::<Vec<_>>())
    }
}
