//! `/credits/` and `/credits.json` (DESIGN §4): leaderboards for all time, each calendar
//! year and the last 90 days, every member's credits by kind, and guest speakers by
//! name. Both files are built from one `CreditsView`, so they always agree.

use std::collections::BTreeMap;

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
    pub fn credits_view(&self) -> CreditsView {
        let since = self
            .now
            .checked_sub(jiff::Span::new().days(90))
            .unwrap_or(self.now);
        let mut years: Vec<i16> = self
            .ledger
            .contributions
            .iter()
            .map(|c| c.date.year())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let years = years
            .into_iter()
            .map(|year| {
                let from = jiff::civil::date(year, 1, 1);
                let to = jiff::civil::date(year, 12, 31);
                YearBoard {
                    year,
                    ranking: self.ranked(self.ledger.leaderboard(Some(from), to), BOARD_SIZE),
                }
            })
            .collect();
        let all_time = self.ledger.leaderboard(None, self.now);
        let tiers = self.config.credits.tiers();
        let members = all_time
            .iter()
            .map(|(handle, points)| MemberCredits {
                person: self.person(handle),
                points: *points,
                tier: crate::credits::tier(&tiers, *points).map(|t| t.name.clone()),
                by_kind: self.by_kind(handle),
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

    fn by_kind(&self, handle: &str) -> Vec<KindCredit> {
        let mut kinds: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
        for c in self.ledger.of(handle) {
            let e = kinds.entry(&c.kind).or_insert((0, 0));
            e.0 += 1;
            e.1 += c.points;
        }
        kinds
            .into_iter()
            .map(|(kind, (count, points))| KindCredit {
                kind: kind.into(),
                label: self.credit_label(kind),
                count,
                points,
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
