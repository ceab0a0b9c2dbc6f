//! Stage "render", for the weeks (DESIGN §12): `/weekly/` (the weeks that have
//! anything, newest first, paged like every list) and `/weekly/<yyyy>-w<ww>/` (a week's
//! new write-ups as cards, its best answers and picks, its board and its new members).
//! The same `WeekView` is what `cairn digest` formats, so a digest never says more
//! than the week's page: people come from `person` (hidden members under the neutral
//! label, private fields left out) and items from `item_summary`.

use crate::diagnostics::Diagnostic;
use crate::render::context::*;
use crate::render::{Value, to_value};
use crate::site::{Job, Site};
use crate::weekly::{Span, Week};

use super::RenderFn;
use super::cards::Cards;

/// How many cards of each kind, accepted answers and new members a week's page shows
/// (pages stay bounded: a week an import filled with hundreds of write-ups links the
/// rest through the archive).
pub const WEEK_LIST: usize = 30;

/// How many members a week's board shows.
const WEEK_BOARD: usize = 10;

impl Site {
    /// The weekly pages: the paged list of weeks and one page per week.
    pub(super) fn weekly_jobs(&self) -> Vec<Job> {
        let weeks = self.weeks();
        let pages = weeks.len().div_ceil(self.config.paginate).max(1);
        let mut jobs: Vec<Job> = (1..=pages).map(Job::Weeks).collect();
        jobs.extend(weeks.iter().map(|w| Job::Week(w.year(), w.number())));
        jobs
    }

    /// What `span` holds, as the week's page and the digest show it. `week` is the week
    /// the span is, if it is one.
    pub fn week_view(&self, span: &Span, week: Option<Week>) -> WeekView {
        let summaries = |list: &[usize]| -> Vec<_> {
            list.iter()
                .take(WEEK_LIST)
                .map(|&i| self.item_summary(i))
                .collect()
        };
        // Every list is bounded (picks aside: a moderator writes them one by one); what
        // is left out is counted, and the digest says how many.
        let left = |len: usize| len.saturating_sub(WEEK_LIST);
        let more = left(span.qa.len())
            + left(span.solutions.len())
            + left(span.talks.len())
            + left(span.accepted.len())
            + left(span.joined.len());
        let best = self.best_answers(span);
        let joined: Vec<PersonView> = span
            .joined
            .iter()
            .take(WEEK_LIST)
            .map(|&m| self.person(&self.content.members[m].handle))
            .collect();
        WeekView {
            label: week.map(Week::label).unwrap_or_default(),
            year: week.map_or(0, Week::year),
            number: week.map_or(0, Week::number),
            title: match week {
                Some(w) => self.week_title(w),
                None => format!("{} – {}", span.from, span.to),
            },
            from: span.from.to_string(),
            to: span.to.to_string(),
            // Only a week that has anything (and has begun) has a page; the digest of any
            // other week links the list of weeks rather than a page that is not there.
            url: self.url(
                &week
                    .filter(|w| self.weeks().contains(w))
                    .map_or_else(|| "weekly/".into(), Week::path),
            ),
            complete: span.to < self.now,
            qa: summaries(&span.qa),
            solutions: summaries(&span.solutions),
            talks: summaries(&span.talks),
            more,
            counts: WeekCounts {
                qa: span.qa.len(),
                solutions: span.solutions.len(),
                talks: span.talks.len(),
                best: span.accepted.len() + span.picks.len(),
                joined: span.joined.len(),
                credited: span.board.len(),
            },
            best,
            board: self.ranked(span.board.clone(), WEEK_BOARD),
            joined,
        }
    }

    /// `2026 年第 48 周` / `Week 48, 2026`, from the theme's `week_title`.
    pub fn week_title(&self, week: Week) -> String {
        self.theme
            .string("week_title")
            .replace("{year}", &week.year().to_string())
            .replace("{week}", &week.number().to_string())
    }

    /// Accepted answers of the span's Q&As, then the picks of its weeks.
    fn best_answers(&self, span: &Span) -> Vec<BestAnswer> {
        let item_url = |i: usize| {
            let item = &self.content.items[i];
            self.url(&self.item_path(item.kind, &item.slug))
        };
        let mut best: Vec<BestAnswer> = span
            .accepted
            .iter()
            .take(WEEK_LIST)
            .map(|(i, member, anchor)| {
                let person = self.person(member);
                // A hidden member's answer is linked without its anchor, which may
                // carry the handle (the item page itself uses neutral anchors).
                let url = if person.hidden || anchor.is_empty() {
                    item_url(*i)
                } else {
                    format!("{}#{anchor}", item_url(*i))
                };
                BestAnswer {
                    kind: "accepted".into(),
                    label: self.credit_label("accepted"),
                    person,
                    title: self.content.items[*i].title.clone(),
                    url,
                    note: None,
                }
            })
            .collect();
        best.extend(span.picks.iter().filter_map(|&c| {
            let c = &self.ledger.contributions[c];
            let i = c.item?;
            Some(BestAnswer {
                kind: "pick".into(),
                label: self.credit_label("pick"),
                person: self.person(&c.member),
                title: self.content.items[i].title.clone(),
                url: item_url(i),
                note: c.note.clone(),
            })
        }));
        best
    }

    /// Page `n` of `/weekly/`.
    pub(super) fn weeks_page(
        &self,
        n: usize,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let weeks = self.weeks();
        let per = self.config.paginate;
        let total = weeks.len().div_ceil(per).max(1);
        let page_path = |p: usize| {
            if p == 1 {
                "weekly/".to_string()
            } else {
                format!("weekly/page/{p}/")
            }
        };
        let shown: Vec<WeekView> = weeks
            .iter()
            .skip((n - 1) * per)
            .take(per)
            .map(|&w| {
                let mut view = self.week_view(&self.week(w), Some(w));
                // The list shows counts and titles; cards and people stay on the week's page.
                view.qa.truncate(3);
                view.solutions.truncate(3);
                view.talks.truncate(3);
                view.best.clear();
                view.board.clear();
                view.joined.clear();
                view
            })
            .collect();
        let label = self.theme.string("weekly_title");
        let title = if n == 1 {
            label.clone()
        } else {
            format!("{label} ({n}/{total})")
        };
        let page = self.page_view(&page_path(n), &title, "", None, "weekly");
        render(
            page_path(n),
            "weeks.html",
            page,
            vec![
                ("weeks", to_value(&shown)),
                ("paginator", to_value(&self.paginator(n, total, &page_path))),
            ],
        )
    }

    /// `/weekly/<yyyy>-w<ww>/`.
    pub(super) fn week_page(
        &self,
        week: Week,
        cards: &Cards,
        render: &RenderFn<'_>,
    ) -> Result<(String, String), Diagnostic> {
        let span = self.week(week);
        let view = self.week_view(&span, Some(week));
        let weeks = self.weeks();
        let at = weeks.iter().position(|w| *w == week);
        // Newest first: the next week is the one before in the list.
        let link = |w: &Week| Link {
            title: self.week_title(*w),
            url: self.url(&w.path()),
            current: false,
        };
        let newer = at
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| weeks.get(k))
            .map(link);
        let older = at.and_then(|k| weeks.get(k + 1)).map(link);
        let description = format!("{} – {}", view.from, view.to);
        let page = self.page_view(&week.path(), &view.title, &description, None, "week");
        let list = |l: &[usize]| cards.list(l.iter().take(WEEK_LIST).copied());
        render(
            week.path(),
            "weekly.html",
            page,
            vec![
                ("qa", list(&span.qa)),
                ("solutions", list(&span.solutions)),
                ("talks", list(&span.talks)),
                ("week", to_value(&view)),
                ("newer", to_value(&newer)),
                ("older", to_value(&older)),
                ("weeks_url", Value::from(self.url("weekly/"))),
                (
                    "archive_url",
                    Value::from(format!("{}#y{}", self.url("archive/"), span.to.year())),
                ),
            ],
        )
    }

    /// The weekly picks of item `i` (DESIGN §12), oldest week first.
    pub(super) fn item_picks(&self, i: usize) -> Vec<ItemPick> {
        let mut picks: Vec<ItemPick> = self
            .ledger
            .on(i)
            .filter(|c| c.kind == "pick")
            .map(|c| {
                let week = crate::weekly::Week::of(c.date);
                ItemPick {
                    week: self.week_title(week),
                    url: self.url(&week.path()),
                    person: self.person(&c.member),
                    note: c.note.clone(),
                }
            })
            .collect();
        picks.reverse();
        picks
    }

    /// The newest week with anything, for the home page's link.
    pub fn latest_week(&self) -> Option<Link> {
        self.weeks().first().map(|w| Link {
            title: self.week_title(*w),
            url: self.url(&w.path()),
            current: false,
        })
    }
}
