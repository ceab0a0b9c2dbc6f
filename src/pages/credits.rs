//! Stage "render" (and "credits.json"): `/credits/` and `/credits.json` (DESIGN §4): leaderboards for all time, each calendar
//! year and the last 90 days, every member's credits by kind, and guest speakers by
//! name. Both files are built from one `CreditsView`, so they always agree; the page
//! shows the "everyone" table `PEOPLE_PER_PAGE` rows a page (`site::paging`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::content::{ItemMeta, Speaker};
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::render::context::{
    CreditsView, GuestCredit, KindCredit, Leaderboards, MemberCredits, YearBoard,
};
use crate::render::{Value, to_value};
use crate::site::Site;
use crate::site::paging::{PEOPLE_PER_PAGE, page_path};

use super::RenderFn;
use super::lists::numbered;

/// Talks the credits page lists under each guest, newest first: a guest of thousands
/// of talks (3,080 on the 100k bench corpus) made the page 330 KB. `credits.json`
/// keeps them all; every talk is in `/talks/` and the archive.
const GUEST_TALKS: usize = 10;

/// `credits` of one page of `/credits/`: the whole view, with one page of the
/// "everyone" table and each guest's newest talks (`credits.json` keeps everything).
#[derive(Serialize)]
struct CreditsPage<'a> {
    as_of: &'a str,
    points: &'a BTreeMap<String, i64>,
    tiers: &'a [crate::config::Tier],
    badges: &'a [crate::config::Badge],
    leaderboards: &'a Leaderboards,
    members: &'a [MemberCredits],
    guests: Vec<GuestShown<'a>>,
}

/// A guest as the page thanks them: `talks` the newest `GUEST_TALKS`, `more` the rest.
#[derive(Serialize)]
struct GuestShown<'a> {
    name: &'a str,
    title: Option<&'a str>,
    talks: &'a [crate::render::context::Link],
    more: usize,
}

/// How many entries each leaderboard shows.
const BOARD_SIZE: usize = 20;

impl Site {
    /// The credits view of this build, built once for the page and `credits.json`.
    pub fn credits(&self) -> &CreditsView {
        self.credits.get_or_init(|| self.credits_view())
    }

    /// Page `n` of `/credits/`: the leaderboards, guests and points on the first, and
    /// on each `PEOPLE_PER_PAGE` rows of the "everyone" table (`offset` is the rank
    /// before its first row).
    pub(super) fn credits_page(
        &self,
        n: usize,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let all = self.credits();
        let offset = ((n - 1) * PEOPLE_PER_PAGE).min(all.members.len());
        let end = (offset + PEOPLE_PER_PAGE).min(all.members.len());
        let view = CreditsPage {
            as_of: &all.as_of,
            points: &all.points,
            tiers: &all.tiers,
            badges: &all.badges,
            leaderboards: &all.leaderboards,
            members: &all.members[offset..end],
            guests: all
                .guests
                .iter()
                .map(|g: &GuestCredit| GuestShown {
                    name: &g.name,
                    title: g.title.as_deref(),
                    talks: &g.talks[..g.talks.len().min(GUEST_TALKS)],
                    more: g.talks.len().saturating_sub(GUEST_TALKS),
                })
                .collect(),
        };
        let total = self.credits_pages();
        let paginator = self.paginator(n, total, &|p| page_path("credits/", p));
        let path = page_path("credits/", n);
        let title = numbered(&self.theme.string("nav_credits"), n, total);
        let page = self.page_view(&path, &title, "", None, "credits");
        render(
            path,
            "credits.html",
            page,
            vec![
                ("credits", to_value(&view)),
                ("points_table", to_value(&self.points_table())),
                ("offset", Value::from(offset)),
                ("paginator", to_value(&paginator)),
            ],
        )
    }

    fn credits_view(&self) -> CreditsView {
        let since = self
            .now
            .checked_sub(jiff::Span::new().days(90))
            .unwrap_or(self.now);
        let years = self
            .ledger
            .yearly()
            .iter()
            .map(|(year, board)| YearBoard {
                year: *year,
                ranking: self.ranked(board.clone(), BOARD_SIZE),
            })
            .collect();
        let all_time = self.ledger.leaderboard(None, self.now);
        let tiers = self.config.credits.tiers(&self.config.language);
        let mut by_kind = self.by_kind();
        let members = all_time
            .iter()
            .map(|(handle, points)| MemberCredits {
                person: self.person(handle),
                points: *points,
                tier: crate::credits::tier(&tiers, *points).map(|t| t.name.clone()),
                by_kind: by_kind.remove(handle.as_str()).unwrap_or_default(),
            })
            .collect();
        CreditsView {
            as_of: self.now.to_string(),
            points: self.config.credits.points(),
            tiers,
            badges: self.config.credits.badges(&self.config.language),
            leaderboards: Leaderboards {
                all_time: self.ranked(all_time, BOARD_SIZE),
                last_90_days: self
                    .ranked(self.ledger.leaderboard(Some(since), self.now), BOARD_SIZE),
                years,
            },
            members,
            guests: self.guests(),
        }
    }

    /// The points per contribution kind, each kind named in the site's language
    /// (`credit_<kind>`), for the credits page; credits.json keeps the keys.
    pub fn points_table(&self) -> Vec<serde_json::Value> {
        self.credits()
            .points
            .iter()
            .map(|(kind, points)| serde_json::json!({ "label": self.credit_label(kind), "points": points }))
            .collect()
    }

    /// Each member's count and points per kind, labelled.
    fn by_kind(&self) -> FxHashMap<&str, Vec<KindCredit>> {
        let mut labels: FxHashMap<&str, String> = FxHashMap::default();
        let totals = self.ledger.kind_totals();
        totals
            .iter()
            .map(|(member, kinds)| {
                let kinds = kinds
                    .iter()
                    .map(|(kind, &(count, points))| KindCredit {
                        kind: kind.clone(),
                        label: labels
                            .entry(kind)
                            .or_insert_with(|| self.credit_label(kind))
                            .clone(),
                        count,
                        points,
                    })
                    .collect();
                (member.as_str(), kinds)
            })
            .collect()
    }

    fn guests(&self) -> Vec<GuestCredit> {
        let mut guests: BTreeMap<String, GuestCredit> = BTreeMap::new();
        for (i, item) in self.content.items.iter().enumerate() {
            let ItemMeta::Talk(t) = &item.meta else {
                continue;
            };
            let Some(Speaker::Guest(g)) = &t.speaker else {
                continue;
            };
            let entry = guests.entry(g.name.clone()).or_insert_with(|| GuestCredit {
                name: g.name.clone(),
                title: g.title.clone(),
                talks: Vec::new(),
            });
            entry.talks.push(crate::render::context::Link {
                title: item.title.clone(),
                url: self.url(&self.item_path(item.kind, &self.content.items[i].slug)),
                current: false,
            });
        }
        guests.into_values().collect()
    }
}
