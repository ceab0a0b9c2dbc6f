//! Weeks (DESIGN §12), read after the "credits" stage: ISO weeks in the site's time
//! zone, which weeks have anything, what a week (or any span of days) holds — its new
//! write-ups, accepted answers, picks, board and new members — and the checks of
//! credits.yaml's `picks:` (stage "resolve"). `pages` turns a span into the week's page
//! and `digest` into the text a moderator posts back to the chat.

pub mod digest;
mod words;

use std::collections::BTreeSet;

use jiff::civil::{Date, ISOWeekDate, Weekday};

use crate::content::{ItemMeta, Kind, iso_week_monday, item_reference};
use crate::credits::Board;
use crate::diagnostics::{Diagnostic, Diagnostics, Said, did_you_mean};
use crate::site::Site;

pub use words::Words;

/// An ISO 8601 week: Monday to Sunday, numbered within its ISO year, so the days around
/// New Year may belong to the week of the other year (2027-01-01 is in 2026-W53).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    year: i16,
    number: i8,
}

impl Week {
    /// The week `date` falls in.
    pub fn of(date: Date) -> Week {
        let w = ISOWeekDate::from_date(date);
        Week {
            year: w.year(),
            number: w.week(),
        }
    }

    /// Week `number` of ISO year `year`, if that year has it.
    pub fn new(year: i16, number: i8) -> Option<Week> {
        ISOWeekDate::new(year, number, Weekday::Monday)
            .ok()
            .map(|d| Week::of(d.date()))
    }

    /// `2026-W48` (or `2026-w48`, as URLs write it).
    pub fn parse(text: &str) -> Result<Week, String> {
        Week::parse_said(text).map_err(|said| said.in_english())
    }

    /// `parse`, with why `text` is no week as the catalogues word it.
    pub fn parse_said(text: &str) -> Result<Week, crate::diagnostics::Said> {
        iso_week_monday(text).map(Week::of)
    }

    /// The week that holds `now` (a time) in the site's time zone: Monday 00:30 in
    /// Shanghai starts a new week, though UTC still says Sunday 16:30.
    pub fn at(now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> Week {
        Week::of(now.to_zoned(zone.clone()).date())
    }

    pub fn year(self) -> i16 {
        self.year
    }

    pub fn number(self) -> i8 {
        self.number
    }

    pub fn monday(self) -> Date {
        ISOWeekDate::new(self.year, self.number, Weekday::Monday)
            .map(ISOWeekDate::date)
            .unwrap_or(Date::MIN)
    }

    pub fn sunday(self) -> Date {
        ISOWeekDate::new(self.year, self.number, Weekday::Sunday)
            .map(ISOWeekDate::date)
            .unwrap_or(Date::MAX)
    }

    /// The week before, across New Year as well.
    pub fn previous(self) -> Week {
        Week::of(self.monday().yesterday().unwrap_or(Date::MIN))
    }

    /// `2026-W48`, as credits.yaml and `cairn digest --week` write it.
    pub fn label(self) -> String {
        format!("{:04}-W{:02}", self.year, self.number)
    }

    /// `weekly/2026-w48/`: the week's page.
    pub fn path(self) -> String {
        format!("weekly/{:04}-w{:02}/", self.year, self.number)
    }
}

/// What a span of days holds: the week's page and digest show this.
#[derive(Debug, Clone, Default)]
pub struct Span {
    pub from: Date,
    pub to: Date,
    /// Q&As, solutions and talks dated in the span, newest first, by kind.
    pub qa: Vec<usize>,
    pub solutions: Vec<usize>,
    pub talks: Vec<usize>,
    /// Accepted answers of the span's Q&As: (item, member, answer anchor).
    pub accepted: Vec<(usize, String, String)>,
    /// Picks of the span's weeks: indices into `ledger.contributions`.
    pub picks: Vec<usize>,
    /// Points earned in the span, ranked as every board is.
    pub board: Board,
    /// Public members whose `joined` falls in the span, by handle.
    pub joined: Vec<usize>,
}

impl Span {
    pub fn is_empty(&self) -> bool {
        self.qa.is_empty()
            && self.solutions.is_empty()
            && self.talks.is_empty()
            && self.picks.is_empty()
            && self.board.is_empty()
            && self.joined.is_empty()
    }
}

impl Site {
    /// Every week with a write-up, a credit or a new public member, newest first, up
    /// to the week of the build's "now" (a write-up dated later waits for its week).
    pub fn weeks(&self) -> Vec<Week> {
        let mondays = self
            .week_mondays
            .get_or_init(|| self.find_weeks().into_iter().map(Week::monday).collect());
        mondays.iter().map(|&d| Week::of(d)).collect()
    }

    fn find_weeks(&self) -> Vec<Week> {
        let mut weeks: BTreeSet<Week> = BTreeSet::new();
        let write_ups = Kind::WRITE_UPS.into_iter().flat_map(|k| self.indices(k));
        weeks.extend(write_ups.filter_map(|i| self.content.items[i].date.map(Week::of)));
        weeks.extend(self.ledger.contributions.iter().map(|c| Week::of(c.date)));
        weeks.extend(
            self.content
                .members
                .iter()
                .filter(|m| !m.meta.hidden && !self.is_private(m, "joined"))
                .filter_map(|m| m.meta.joined.map(Week::of)),
        );
        let current = Week::of(self.now);
        weeks.into_iter().rev().filter(|w| *w <= current).collect()
    }

    /// What the days `from..=to` hold.
    pub fn span(&self, from: Date, to: Date) -> Span {
        let within = |d: Option<Date>| d.is_some_and(|d| d >= from && d <= to);
        let dated = |kind| -> Vec<usize> {
            self.indices(kind)
                .filter(|&i| within(self.content.items[i].date))
                .collect()
        };
        let qa = dated(Kind::Qa);
        let mut accepted = Vec::new();
        for &i in &qa {
            for c in self.ledger.on(i).filter(|c| c.kind == "accepted") {
                let anchor = c.anchor.clone().unwrap_or_default();
                accepted.push((i, c.member.clone(), anchor));
            }
        }
        // The ledger is newest first; an item's accepted answers in the body's order.
        accepted.sort_by_key(|(i, _, _)| qa.iter().position(|q| q == i));
        let picks = (0..self.ledger.contributions.len())
            .filter(|&c| {
                let c = &self.ledger.contributions[c];
                c.kind == "pick" && within(Some(c.date))
            })
            .collect();
        let mut joined: Vec<usize> = (0..self.content.members.len())
            .filter(|&m| {
                let m = &self.content.members[m];
                !m.meta.hidden && !self.is_private(m, "joined") && within(m.meta.joined)
            })
            .collect();
        joined.sort_by(|&a, &b| {
            let (a, b) = (&self.content.members[a], &self.content.members[b]);
            (a.meta.joined, &a.handle).cmp(&(b.meta.joined, &b.handle))
        });
        Span {
            from,
            to,
            solutions: dated(Kind::Solution),
            talks: dated(Kind::Talk),
            qa,
            accepted,
            picks,
            board: self.ledger.leaderboard(Some(from), to),
            joined,
        }
    }

    /// What week `week` holds.
    pub fn week(&self, week: Week) -> Span {
        self.span(week.monday(), week.sunday())
    }
}

/// Stage "resolve", for credits.yaml's `picks:`: each names a week that is one and has
/// begun, a member with a profile and an item that exists, or is a located error with
/// a hint, reported with every other problem of the build.
pub fn check_picks(site: &Site, d: &mut Diagnostics) {
    let Some(doc) = &site.content.credits_doc else {
        return;
    };
    let at = |value: &str, said: Said| {
        let (line, column) =
            crate::content::yaml::find_value(&doc.text, "picks", value).unwrap_or((1, 1));
        Diagnostic::error_of(&doc.path, said).at(
            &doc.text,
            crate::diagnostics::Position { line, column },
            value.chars().count().max(1),
        )
    };
    let current = Week::of(site.now);
    for pick in &site.content.picks {
        let said = |code, args: &[(&'static str, &str)]| Said::new(code, args);
        match Week::parse_said(&pick.week) {
            Err(why) => d.push(at(&pick.week, why).with_hint_said("iso-week-hint", &[])),
            Ok(week) if week > current => d.push(
                at(&pick.week, said("week-not-begun", &[("week", &pick.week)]))
                    .with_hint_said("week-not-begun-hint", &[("current", &current.label())]),
            ),
            Ok(_) => {}
        }
        if !site.members.contains_key(&pick.member) {
            let found = at(
                &pick.member,
                said("unknown-handle", &[("handle", &pick.member)]),
            );
            d.push(
                match did_you_mean(&pick.member, site.members.keys().map(String::as_str)) {
                    Some(n) => found.with_hint_said("unknown-handle-near", &[("near", n)]),
                    None => found.with_hint_said("pick-member-hint", &[]),
                },
            );
        }
        if !site.items.contains_key(item_reference(&pick.item)) {
            let near = did_you_mean(
                item_reference(&pick.item),
                site.items.keys().map(String::as_str),
            );
            let found = at(
                &pick.item,
                said("unknown-pick-item", &[("target", &pick.item)]),
            );
            d.push(match near {
                Some(n) => found.with_hint_said("unknown-pick-item-near", &[("near", n)]),
                None => found.with_hint_said("unknown-pick-item-hint", &[]),
            });
        } else if let Some(&i) = site.items.get(item_reference(&pick.item))
            && matches!(site.content.items[i].meta, ItemMeta::Page(_))
        {
            d.push(
                at(&pick.item, said("pick-page", &[("target", &pick.item)]))
                    .with_hint_said("pick-page-hint", &[]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn weeks_run_monday_to_sunday_across_new_year() {
        let w53 = Week::parse("2026-W53").unwrap();
        assert_eq!(w53.monday(), date(2026, 12, 28));
        assert_eq!(w53.sunday(), date(2027, 1, 3));
        assert_eq!(Week::of(date(2027, 1, 1)), w53);
        assert_eq!(Week::of(date(2027, 1, 4)).label(), "2027-W01");
        assert_eq!(Week::of(date(2027, 1, 4)).previous(), w53);
        // ISO week 1 of 2026 starts in 2025.
        let w1 = Week::parse("2026-w01").unwrap();
        assert_eq!(w1.monday(), date(2025, 12, 29));
        assert_eq!(w1.previous().label(), "2025-W52");
        assert_eq!(w53.path(), "weekly/2026-w53/");
    }

    #[test]
    fn a_week_a_year_does_not_have_is_refused_with_the_reason() {
        let e = Week::parse("2025-W53").unwrap_err();
        assert!(e.contains("2025 has 52 ISO weeks"), "{e}");
        for bad in [
            "2026-48",
            "2026W48",
            "26-W48",
            "2026-W4",
            "2026-W00",
            "２０２６-W48",
        ] {
            assert!(Week::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Week::new(2026, 53).map(Week::label).as_deref(),
            Some("2026-W53")
        );
        assert_eq!(Week::new(2025, 53), None);
    }

    #[test]
    fn the_week_of_a_moment_is_the_site_zones() {
        let shanghai = jiff::tz::TimeZone::get("Asia/Shanghai").unwrap();
        // Sunday 23:30 in Shanghai: still week 48.
        let sunday: jiff::Timestamp = "2026-11-29T15:30:00Z".parse().unwrap();
        assert_eq!(Week::at(sunday, &shanghai).label(), "2026-W48");
        // Monday 00:30 in Shanghai: week 49, though UTC still says Sunday.
        let monday: jiff::Timestamp = "2026-11-29T16:30:00Z".parse().unwrap();
        assert_eq!(Week::at(monday, &shanghai).label(), "2026-W49");
        assert_eq!(
            Week::at(monday, &jiff::tz::TimeZone::UTC).label(),
            "2026-W48"
        );
    }
}
