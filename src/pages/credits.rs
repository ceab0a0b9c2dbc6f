//! Stage "render" (and "credits.json"): `/credits/` and `/credits.json` (DESIGN §4): leaderboards for all time, each calendar
//! year and the last 90 days, every member's credits by kind, and guest speakers by
//! name. Both files are built from one `CreditsView`, so they always agree.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::content::{ItemMeta, Speaker};
use crate::render::context::{
    CreditsView, GuestCredit, KindCredit, Leaderboards, MemberCredits, YearBoard,
};

use crate::site::Site;

/// How many entries each leaderboard shows.
const BOARD_SIZE: usize = 20;

impl Site {
    /// The credits view of this build, built once for the page and `credits.json`.
    pub fn credits(&self) -> &CreditsView {
        self.credits.get_or_init(|| self.credits_view())
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
