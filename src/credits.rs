//! Stage "credits", the last of the load: the ledger. Every contribution is derived from the content itself (who
//! asked, answered, wrote, spoke, hosted, curated) plus `content/credits.yaml`, so
//! credit cannot be forgotten. Points, tiers and badges come from site.yaml (DESIGN §4).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use jiff::civil::Date;

use crate::config::{Badge, CreditsConfig, Tier};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::content::{Content, Item, ItemMeta, OneOrMany, Speaker};
use crate::markdown::Rendered;

/// One credited piece of work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub member: String,
    /// question, answer, accepted, solution, talk, host, curation, or a manual kind.
    pub kind: String,
    pub date: Date,
    /// Index into `Content::items`; none for manual credits.
    pub item: Option<usize>,
    /// The answer anchor, for answers and accepted answers.
    pub anchor: Option<String>,
    pub points: i64,
    pub note: Option<String>,
}

/// All contributions, and the totals derived from them.
#[derive(Debug, Default)]
pub struct Ledger {
    pub contributions: Vec<Contribution>,
    points: HashMap<String, i64>,
    /// Indices into `contributions` per member, newest first.
    by_member: HashMap<String, Vec<usize>>,
    /// Indices into `contributions` per item (`by_item[i]` for `Content::items[i]`).
    by_item: Vec<Vec<usize>>,
    /// Totals the credits page shows, counted the first time they are asked for: a
    /// ledger `cairn serve` keeps across rebuilds keeps them too.
    yearly: OnceLock<Vec<(i16, Board)>>,
    kinds: OnceLock<KindTotals>,
}

/// Members with their points, highest first.
pub type Board = Vec<(String, i64)>;

/// Per member, per kind: how many contributions and how many points.
pub type KindTotals = FxHashMap<String, BTreeMap<String, (usize, i64)>>;

impl Ledger {
    /// Derives the ledger. `rendered[i]` is the rendered body of `content.items[i]`.
    pub fn derive(
        content: &Content,
        rendered: &[std::sync::Arc<Rendered>],
        config: &CreditsConfig,
    ) -> Ledger {
        let table = config.points();
        let mut out: Vec<Contribution> = content
            .items
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, item)| item_contributions(i, item, &rendered[i], &table))
            .collect();
        out.extend(content.credits.iter().map(|c| {
            Contribution {
                member: c.member.clone(),
                kind: c.kind.clone(),
                date: c.date,
                item: None,
                anchor: None,
                points: c
                    .points
                    .unwrap_or_else(|| table.get(&c.kind).copied().unwrap_or(0)),
                note: Some(c.note.clone()).filter(|n| !n.is_empty()),
            }
        }));
        out.extend(pick_contributions(content, &table));
        // Newest first; ties in a stable, content-derived order so builds are reproducible.
        out.par_sort_by(|a, b| {
            (b.date, &a.member, &a.kind, a.item, &a.anchor)
                .cmp(&(a.date, &b.member, &b.kind, b.item, &b.anchor))
        });
        let mut points = HashMap::new();
        let mut by_member: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_item = vec![Vec::new(); content.items.len()];
        for (i, c) in out.iter().enumerate() {
            *points.entry(c.member.clone()).or_insert(0) += c.points;
            by_member.entry(c.member.clone()).or_default().push(i);
            if let Some(item) = c.item {
                by_item[item].push(i);
            }
        }
        Ledger {
            contributions: out,
            points,
            by_member,
            by_item,
            yearly: OnceLock::new(),
            kinds: OnceLock::new(),
        }
    }

    pub fn points(&self, member: &str) -> i64 {
        self.points.get(member).copied().unwrap_or(0)
    }

    /// A member's contributions, newest first.
    pub fn of<'a>(&'a self, member: &'a str) -> impl Iterator<Item = &'a Contribution> + 'a {
        self.by_member
            .get(member)
            .into_iter()
            .flatten()
            .map(|&i| &self.contributions[i])
    }

    /// The contributions item `i` earned, newest first.
    pub fn on(&self, i: usize) -> impl Iterator<Item = &Contribution> + '_ {
        self.by_item
            .get(i)
            .into_iter()
            .flatten()
            .map(|&c| &self.contributions[c])
    }

    /// Counts by kind for one member.
    pub fn counts(&self, member: &str) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for c in self.of(member) {
            *counts.entry(c.kind.clone()).or_insert(0) += 1;
        }
        counts
    }

    /// Members ranked by points earned in `from..=to` (all time when `from` is none),
    /// highest first; ties broken by handle so the order never depends on the build.
    pub fn leaderboard(&self, from: Option<Date>, to: Date) -> Vec<(String, i64)> {
        let mut totals: FxHashMap<&str, i64> = FxHashMap::default();
        for c in &self.contributions {
            if from.is_none_or(|f| c.date >= f) && c.date <= to {
                *totals.entry(&c.member).or_insert(0) += c.points;
            }
        }
        ranked(totals)
    }

    /// `leaderboard` for each calendar year with contributions, newest first, in one
    /// pass over the ledger (not one per year).
    pub fn yearly(&self) -> &[(i16, Board)] {
        self.yearly.get_or_init(|| self.count_years())
    }

    /// Each member's count and points per kind.
    pub fn kind_totals(&self) -> &KindTotals {
        self.kinds.get_or_init(|| {
            let mut members = KindTotals::default();
            for c in &self.contributions {
                let kinds = members.entry(c.member.clone()).or_default();
                let e = kinds.entry(c.kind.clone()).or_insert((0, 0));
                e.0 += 1;
                e.1 += c.points;
            }
            members
        })
    }

    fn count_years(&self) -> Vec<(i16, Board)> {
        let mut years: BTreeMap<i16, FxHashMap<&str, i64>> = BTreeMap::new();
        for c in &self.contributions {
            *years
                .entry(c.date.year())
                .or_default()
                .entry(&c.member)
                .or_insert(0) += c.points;
        }
        years
            .into_iter()
            .rev()
            .map(|(year, totals)| (year, ranked(totals)))
            .collect()
    }
}

/// Members with more than zero points, highest first; ties broken by handle so the
/// order never depends on the build.
fn ranked(totals: FxHashMap<&str, i64>) -> Board {
    let mut board: Board = totals
        .into_iter()
        .filter(|(_, p)| *p > 0)
        .map(|(m, p)| (m.to_string(), p))
        .collect();
    board.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    board
}

/// The weekly picks of credits.yaml (DESIGN §12), each dated the Monday its week starts
/// on, so it counts in that week's board and in every window that holds the week's
/// start. A pick whose week or item does not resolve is left out here; the "resolve"
/// stage has reported it (`weekly::check_picks`) and the build stops.
fn pick_contributions(content: &Content, table: &BTreeMap<String, i64>) -> Vec<Contribution> {
    if content.picks.is_empty() {
        return Vec::new();
    }
    let keys: HashMap<String, usize> = content
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.key(), i))
        .collect();
    content
        .picks
        .iter()
        .filter_map(|p| {
            let date = p.monday().ok()?;
            let item = *keys.get(crate::content::item_reference(&p.item))?;
            Some(Contribution {
                member: p.member.clone(),
                kind: "pick".into(),
                date,
                item: Some(item),
                anchor: None,
                points: table.get("pick").copied().unwrap_or(0),
                note: Some(p.note.clone()).filter(|n| !n.is_empty()),
            })
        })
        .collect()
}

/// What item `i` (with its rendered body) credits: who asked, answered, wrote, spoke,
/// hosted and curated it. An undated item credits no one.
pub fn item_contributions(
    i: usize,
    item: &Item,
    rendered: &Rendered,
    table: &BTreeMap<String, i64>,
) -> Vec<Contribution> {
    let mut out = Vec::new();
    let Some(date) = item.date else {
        return out;
    };
    let mut credit = |member: &str, kind: &str, anchor: Option<String>| {
        out.push(Contribution {
            member: member.to_string(),
            kind: kind.to_string(),
            date,
            item: Some(i),
            anchor,
            points: table.get(kind).copied().unwrap_or(0),
            note: None,
        });
    };
    match &item.meta {
        ItemMeta::Qa(m) => {
            if let Some(h) = &m.asked_by {
                credit(h, "question", None);
            }
            let accepted: &[String] = m.accepted.as_ref().map_or(&[], OneOrMany::as_slice);
            let mut accepted_done: Vec<&str> = Vec::new();
            // A guest's answer (`## @? 名字`) is credited to no one.
            for answer in rendered.answers().filter(|a| a.guest.is_none()) {
                credit(&answer.handle, "answer", Some(answer.anchor.clone()));
                // An accepted member's first answer carries the bonus, once.
                if accepted.contains(&answer.handle)
                    && !accepted_done.contains(&answer.handle.as_str())
                {
                    accepted_done.push(&answer.handle);
                    credit(&answer.handle, "accepted", Some(answer.anchor.clone()));
                }
            }
            if let Some(h) = &m.curated_by {
                credit(h, "curation", None);
            }
        }
        ItemMeta::Solution(m) => {
            for h in &m.authors {
                credit(h, "solution", None);
            }
            if let Some(h) = &m.curated_by {
                credit(h, "curation", None);
            }
        }
        ItemMeta::Talk(m) => {
            if let Some(Speaker::Member(h)) = &m.speaker {
                credit(h, "talk", None);
            }
            if let Some(h) = &m.host {
                credit(h, "host", None);
            }
            if let Some(h) = &m.curated_by {
                credit(h, "curation", None);
            }
        }
        ItemMeta::Page(_) => {}
    }
    out
}

/// The highest tier whose threshold `points` reaches.
pub fn tier(tiers: &[Tier], points: i64) -> Option<&Tier> {
    tiers
        .iter()
        .filter(|t| points >= t.min)
        .max_by_key(|t| t.min)
}

/// Badges earned, in the order site.yaml lists them.
pub fn badges<'a>(badges: &'a [Badge], counts: &BTreeMap<String, usize>) -> Vec<&'a Badge> {
    badges
        .iter()
        .filter(|b| counts.get(&b.count).copied().unwrap_or(0) >= b.min as usize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_pick_the_highest_reached() {
        let tiers = vec![
            Tier {
                name: "新成员".into(),
                min: 0,
            },
            Tier {
                name: "活跃成员".into(),
                min: 20,
            },
            Tier {
                name: "核心成员".into(),
                min: 60,
            },
        ];
        assert_eq!(tier(&tiers, 0).unwrap().name, "新成员");
        assert_eq!(tier(&tiers, 20).unwrap().name, "活跃成员");
        assert_eq!(tier(&tiers, 59).unwrap().name, "活跃成员");
        assert_eq!(tier(&tiers, 500).unwrap().name, "核心成员");
    }

    #[test]
    fn yearly_boards_are_the_leaderboards_of_each_year() {
        let credit = |member: &str, year: i16, points: i64| Contribution {
            member: member.into(),
            kind: "answer".into(),
            date: jiff::civil::date(year, 6, 1),
            item: None,
            anchor: None,
            points,
            note: None,
        };
        let ledger = Ledger {
            contributions: vec![
                credit("lisi", 2024, 3),
                credit("wangfang", 2024, 5),
                credit("lisi", 2025, 3),
                credit("nobody", 2025, 0),
            ],
            ..Ledger::default()
        };
        let years: Vec<i16> = ledger.yearly().iter().map(|(y, _)| *y).collect();
        assert_eq!(years, vec![2025, 2024]);
        for (year, board) in ledger.yearly() {
            let (from, to) = (
                jiff::civil::date(*year, 1, 1),
                jiff::civil::date(*year, 12, 31),
            );
            assert_eq!(*board, ledger.leaderboard(Some(from), to), "{year}");
        }
        assert_eq!(ledger.yearly()[1].1[0], ("wangfang".to_string(), 5));
    }

    #[test]
    fn badges_need_their_count() {
        let list = vec![Badge {
            name: "金牌解答".into(),
            icon: "🏅".into(),
            count: "accepted".into(),
            min: 2,
        }];
        let mut counts = BTreeMap::new();
        counts.insert("accepted".to_string(), 1);
        assert!(badges(&list, &counts).is_empty());
        counts.insert("accepted".to_string(), 2);
        assert_eq!(badges(&list, &counts).len(), 1);
    }

    /// The ledger of the `small` fixture, whose totals `tests/it/credits.rs` computes by
    /// hand: lisi 39, zhangwei 27, wangfang 12, ghost 3.
    fn small_ledger() -> (Content, Ledger) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let mut d = crate::diagnostics::Diagnostics::new();
        let content = crate::content::load(&root, false, &mut d);
        assert!(!d.has_errors(), "{d:?}");
        let ledger = derive(&content);
        (content, ledger)
    }

    /// The ledger of `content`, its bodies rendered as the build renders them.
    fn derive(content: &Content) -> Ledger {
        use crate::config::RawHtml;
        use crate::markdown::{MarkdownOptions, MentionTarget, Resolver, render};
        let mut resolver = Resolver::default();
        for m in &content.members {
            let target = MentionTarget::Profile(format!("/members/{}/", m.handle));
            resolver.members.insert(m.handle.clone(), target);
        }
        let rendered: Vec<std::sync::Arc<Rendered>> = content
            .items
            .iter()
            .map(|item| {
                let options = MarkdownOptions {
                    raw_html: RawHtml::Sanitize,
                    highlight: false,
                    quotes: crate::config::Quotes::Curly,
                    answers: matches!(item.meta, ItemMeta::Qa(_)),
                    skip_first_h1: false,
                };
                std::sync::Arc::new(render(item.doc.body(), &resolver, options))
            })
            .collect();
        Ledger::derive(content, &rendered, &CreditsConfig::default())
    }

    /// A member whose contributions sum to zero points (or less) is on no board: not
    /// all time, not in a window, not in a year.
    #[test]
    fn boards_leave_out_members_without_points() {
        let credit = |member: &str, points: i64| Contribution {
            member: member.into(),
            kind: "answer".into(),
            date: jiff::civil::date(2025, 6, 1),
            item: None,
            anchor: None,
            points,
            note: None,
        };
        let ledger = Ledger {
            contributions: vec![credit("lisi", 3), credit("nobody", 0), credit("minus", -2)],
            ..Ledger::default()
        };
        let to = jiff::civil::date(2025, 12, 31);
        let expected = vec![("lisi".to_string(), 3)];
        assert_eq!(ledger.leaderboard(None, to), expected);
        assert_eq!(
            ledger.leaderboard(Some(jiff::civil::date(2025, 1, 1)), to),
            expected
        );
        assert_eq!(ledger.yearly(), [(2025, expected)]);
    }

    /// Weekly picks credit the picked member with the `pick` points, dated the Monday
    /// the week starts on, on the picked item; a note is kept, an empty one is none; a
    /// pick whose week or item does not resolve credits no one.
    #[test]
    fn weekly_picks_credit_the_member_on_the_weeks_monday() {
        let (mut content, before) = small_ledger();
        let ice = content
            .items
            .iter()
            .position(|i| i.stem == "2024-03-12-ice-breaking")
            .unwrap();
        let item = content.items[ice].key();
        let pick = |week: &str, member: &str, item: &str, note: &str| crate::content::Pick {
            week: week.into(),
            member: member.into(),
            item: item.into(),
            note: note.into(),
        };
        content.picks = vec![
            pick("2024-W11", "zhangwei", &item, "问得好"),
            pick("2024-W12", "wangfang", &item, ""),
            pick("2024-W99", "lisi", &item, "no such week"),
            pick("2024-W11", "lisi", "qa/no-such-item", "no such item"),
        ];
        let ledger = derive(&content);
        let picks: Vec<&Contribution> = ledger
            .contributions
            .iter()
            .filter(|c| c.kind == "pick")
            .collect();
        let credit = |member: &str, day: i8, note: Option<&str>| Contribution {
            member: member.into(),
            kind: "pick".into(),
            date: jiff::civil::date(2024, 3, day),
            item: Some(ice),
            anchor: None,
            points: 5,
            note: note.map(String::from),
        };
        assert_eq!(
            picks,
            [
                &credit("wangfang", 18, None),
                &credit("zhangwei", 11, Some("问得好")),
            ]
        );
        assert_eq!(ledger.points("zhangwei"), before.points("zhangwei") + 5);
        assert_eq!(ledger.points("lisi"), before.points("lisi"));
        assert_eq!(ledger.on(ice).filter(|c| c.kind == "pick").count(), 2);
    }

    #[test]
    fn the_ledger_totals_match_the_hand_computed_ones() {
        let (_, ledger) = small_ledger();
        let totals: Vec<i64> = ["lisi", "zhangwei", "wangfang", "ghost", "nobody"]
            .iter()
            .map(|m| ledger.points(m))
            .collect();
        assert_eq!(totals, [39, 27, 12, 3, 0]);
        for m in ["lisi", "zhangwei", "wangfang", "ghost"] {
            let mine: Vec<&Contribution> = ledger.of(m).collect();
            assert!(mine.iter().all(|c| c.member == m), "{m}");
            assert_eq!(
                mine.iter().map(|c| c.points).sum::<i64>(),
                ledger.points(m),
                "{m}"
            );
            assert!(
                mine.windows(2).all(|w| w[0].date >= w[1].date),
                "{m}: newest first"
            );
        }
        assert_eq!(ledger.of("nobody").count(), 0);
    }

    #[test]
    fn counts_and_kind_totals_are_per_member_and_kind() {
        let (_, ledger) = small_ledger();
        let counts = ledger.counts("lisi");
        let expected: BTreeMap<String, usize> = [
            ("accepted", 2),
            ("answer", 2),
            ("event", 1),
            ("question", 1),
            ("solution", 2),
        ]
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
        assert_eq!(counts, expected);
        let totals = &ledger.kind_totals()["lisi"];
        let points: Vec<(&str, usize, i64)> = totals
            .iter()
            .map(|(k, (n, p))| (k.as_str(), *n, *p))
            .collect();
        assert_eq!(
            points,
            [
                ("accepted", 2, 10),
                ("answer", 2, 6),
                ("event", 1, 6),
                ("question", 1, 1),
                ("solution", 2, 16)
            ]
        );
        assert_eq!(
            ledger.kind_totals()["wangfang"]["translation"],
            (1, 4),
            "explicit points"
        );
        assert!(ledger.counts("nobody").is_empty());
    }

    /// Each item's contributions are its own; manual credits keep their note, or none
    /// when it is empty.
    #[test]
    fn items_carry_their_credits_and_manual_credits_their_notes() {
        let (content, ledger) = small_ledger();
        let ice = content
            .items
            .iter()
            .position(|i| i.stem == "2024-03-12-ice-breaking")
            .unwrap();
        let mut on: Vec<(String, String)> = ledger
            .on(ice)
            .map(|c| (c.member.clone(), c.kind.clone()))
            .collect();
        on.sort();
        assert!(
            on.contains(&("zhangwei".into(), "question".into())),
            "{on:?}"
        );
        assert!(on.contains(&("lisi".into(), "accepted".into())), "{on:?}");
        assert!(
            on.contains(&("wangfang".into(), "curation".into())),
            "{on:?}"
        );
        assert!(ledger.on(ice).all(|c| c.item == Some(ice)));
        assert_eq!(ledger.on(usize::MAX).count(), 0);
        let event = ledger.of("lisi").find(|c| c.kind == "event").unwrap();
        assert_eq!(event.note.as_deref(), Some("Organised the meetup"));
        assert_eq!((event.item, event.points), (None, 6));
        let answers = ledger.contributions.iter().filter(|c| c.kind == "answer");
        assert!(
            answers
                .clone()
                .all(|c| c.note.is_none() && c.anchor.is_some())
        );
        assert!(answers.count() >= 4);
    }
}
