//! `/credits/` and `/credits.json` (DESIGN §4): leaderboards for all time, each calendar
//! year and the last 90 days, every member's credits by kind, and guest speakers by
//! name. Both files are built from one `CreditsView`, so they always agree.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::content::{ItemMeta, Speaker};
use crate::render::context::{PersonView, RankedPerson};

use super::Site;

/// Everything the credits page and credits.json show.
#[derive(Debug, Clone, Serialize)]
pub struct CreditsView {
    /// "Now" of the build: the end of every window.
    pub as_of: String,
    /// Points per contribution kind in force.
    pub points: BTreeMap<String, i64>,
    pub tiers: Vec<crate::config::Tier>,
    pub badges: Vec<crate::config::Badge>,
    pub leaderboards: Leaderboards,
    /// Every credited member, most points first.
    pub members: Vec<MemberCredits>,
    /// Guest speakers, who are thanked by name but earn no points.
    pub guests: Vec<GuestCredit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Leaderboards {
    pub all_time: Vec<RankedPerson>,
    /// From 90 days before `as_of` to `as_of`, inclusive.
    pub last_90_days: Vec<RankedPerson>,
    /// Calendar years, newest first.
    pub years: Vec<YearBoard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearBoard {
    pub year: i16,
    pub ranking: Vec<RankedPerson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberCredits {
    pub person: PersonView,
    pub points: i64,
    pub tier: Option<String>,
    /// Count and points per kind, e.g. answer → (12, 36).
    pub by_kind: Vec<KindCredit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCredit {
    pub kind: String,
    pub label: String,
    pub count: usize,
    pub points: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuestCredit {
    pub name: String,
    pub title: Option<String>,
    pub talks: Vec<crate::render::context::Link>,
}

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
        let tiers = self.config.credits.tiers();
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
            badges: self.config.credits.badges(),
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
