//! Stage "render": the collections behind list-like pages: each kind's list with its
//! paging, the members directory and expertise pages, tag pages with "who to ask",
//! profiles with their contribution histories; each cut into pages (`site::paging`).

use std::collections::BTreeMap;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::render::context::*;
use crate::render::{Value, map_of, to_value};

use super::views::kind_name;
use crate::site::Site;
use crate::site::paging::{LINES_PER_PAGE, PEOPLE_PER_PAGE, page_count, page_path};

use super::RenderFn;
use super::cards::Cards;

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
        let title = numbered(&label, n, total);
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

    /// Page `n` of the members directory (`filter` none) or of one expertise's page.
    pub(super) fn members_page(
        &self,
        filter: Option<&str>,
        n: usize,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let expertise = self.expertise();
        let chosen: Vec<usize> = match filter {
            Some(e) => expertise.get(e).cloned().unwrap_or_default(),
            None => (0..self.content.members.len())
                .filter(|&i| !self.content.members[i].meta.hidden)
                .collect(),
        };
        // Most credited first, then by handle: the directory doubles as "who is active".
        // Sorted before the profiles are built, so a page builds only its own.
        let mut ranked: Vec<(i64, &str, usize)> = chosen
            .iter()
            .map(|&i| {
                let handle = self.content.members[i].handle.as_str();
                (self.ledger.points(handle), handle, i)
            })
            .collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
        let members: Vec<ProfileView> = ranked
            .iter()
            .skip((n - 1) * PEOPLE_PER_PAGE)
            .take(PEOPLE_PER_PAGE)
            .map(|&(_, _, i)| self.profile(i, false))
            .collect();
        let expertise_views: Vec<TagView> = expertise
            .iter()
            .map(|(name, list)| TagView {
                count: list.len(),
                ..self.expertise_view(name)
            })
            .collect();
        let mut roles: BTreeMap<String, usize> = BTreeMap::new();
        for &(_, _, i) in &ranked {
            if let Some(r) = self.person(&self.content.members[i].handle).role {
                *roles.entry(r).or_insert(0) += 1;
            }
        }
        let roles: Vec<serde_json::Value> = roles
            .into_iter()
            .map(|(name, count)| serde_json::json!({ "name": name, "count": count }))
            .collect();
        let first = self.members_path(filter);
        let total = page_count(ranked.len(), PEOPLE_PER_PAGE);
        let paginator = self.paginator(n, total, &|p| page_path(&first, p));
        let title = match filter {
            Some(e) => format!("{} · {e}", self.theme.string("nav_members")),
            None => self.theme.string("nav_members"),
        };
        let path = page_path(&first, n);
        let page = self.page_view(&path, &numbered(&title, n, total), "", None, "members");
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
                ("paginator", to_value(&paginator)),
            ],
        )
    }

    /// Page `n` of member `m`'s profile: the profile on the first, and each page
    /// `LINES_PER_PAGE` lines of the contribution history.
    pub(super) fn member_page(
        &self,
        m: usize,
        n: usize,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let member = &self.content.members[m];
        let profile = self.profile(m, true);
        let contributions = self.contributions(&member.handle, n);
        let first = format!("members/{}/", member.handle);
        let total = self.member_pages(m);
        let paginator = self.paginator(n, total, &|p| page_path(&first, p));
        let description = super::views::excerpt(&self.bios[m].text, 140);
        let path = page_path(&first, n);
        let title = numbered(&profile.person.name, n, total);
        let lang = member.meta.lang.as_deref();
        let mut page = self.page_view(&path, &title, &description, lang, "member");
        page.feed = self.feed_url(&first, "member");
        // The profile's JSON-LD describes the person: once, on the profile's own page.
        if n == 1 {
            page.jsonld = super::jsonld::script_text(&self.profile_jsonld(&profile));
        }
        render(
            path,
            "member.html",
            page,
            vec![
                ("profile", to_value(&profile)),
                ("contributions", to_value(&contributions)),
                ("offset", Value::from((n - 1) * LINES_PER_PAGE)),
                ("paginator", to_value(&paginator)),
            ],
        )
    }

    /// Page `n` of a member's history, newest first, each entry linking to the item or
    /// answer.
    pub fn contributions(&self, handle: &str, n: usize) -> Vec<ContributionView> {
        self.ledger
            .of(handle)
            .skip((n - 1) * LINES_PER_PAGE)
            .take(LINES_PER_PAGE)
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

    /// Page `n` of tag `t`: the `n`-th `TAG_ROWS_PER_PAGE` of each kind's section
    /// (`paging`), as rows of the cards' values, and on the first page only, who to ask.
    pub(super) fn tag_page(
        &self,
        t: usize,
        n: usize,
        cards: &Cards,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let tag = &self.tags[t];
        let per = crate::site::paging::TAG_ROWS_PER_PAGE;
        let sections: Vec<Value> = self
            .tag_sections(t)
            .into_iter()
            .filter(|(_, items)| items.len() > (n - 1) * per)
            .map(|(kind, items)| {
                let shown = items.into_iter().skip((n - 1) * per).take(per);
                map_of([
                    ("kind", Value::from(kind_name(kind))),
                    ("label", Value::from(self.kind_label(kind))),
                    ("items", cards.list(shown)),
                ])
            })
            .collect();
        let experts = if n == 1 {
            self.ranked(self.who_to_ask(&tag.items), 5)
        } else {
            Vec::new()
        };
        let first = format!("tags/{}/", tag.slug);
        let total = self.tag_pages(t);
        let paginator = self.paginator(n, total, &|p| page_path(&first, p));
        let path = page_path(&first, n);
        let view = self.tag_view(&tag.name);
        let title = numbered(&format!("#{}", tag.name), n, total);
        let mut page = self.page_view(&path, &title, "", None, "tag");
        page.feed = self.feed_url(&first, "tag");
        render(
            path,
            "tag.html",
            page,
            vec![
                ("tag", to_value(&view)),
                ("sections", Value::from(sections)),
                ("experts", to_value(&experts)),
                ("paginator", to_value(&paginator)),
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
}

/// A page's title, with `(n/total)` after it past the first page, as the kind lists'.
pub(super) fn numbered(title: &str, n: usize, total: usize) -> String {
    if n == 1 {
        title.to_string()
    } else {
        format!("{title} ({n}/{total})")
    }
}
