//! Stage "fingerprints" of `cairn serve`'s rebuilds, after the load and before
//! "templates": a fingerprint of everything a page's variables are made from, computed
//! without building them. A page whose fingerprint did not move since the last build is
//! not rendered again (`pages`, `publish`). Each fingerprint must
//! cover every input of its page's view: `tests/it/incremental.rs` compares rebuilt
//! output with a full build after a series of edits.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::FxHasher;

use std::sync::Arc;

use crate::content::{Item, ItemMeta, Member, Speaker};
use crate::credits::Ledger;
use crate::markdown::Rendered;

use crate::site::{Job, Site};

/// The fingerprints one build's pages are checked against.
#[derive(Clone)]
pub struct Fingerprints {
    /// Config, theme, date and everything else every page shows.
    pub globals: u64,
    /// Per item: its card (`Site::item_summary`) — file, body, people and tags.
    cards: Vec<u64>,
    /// Per member: the profile file and bio.
    members: Vec<u64>,
    /// Per member: points and contributions (`Ledger`).
    credits: Vec<u64>,
    /// Per item: everyone it names (front matter and body), with their credits.
    people: Vec<u64>,
    /// Every item's kind, title, URL, date and language, and talks' guest speakers: the
    /// archive and the credits page show no more of an item.
    titles: u64,
    /// Per tag (as `Site::tags`): name, slug and count, as cards show them.
    tags: Vec<u64>,
}

impl Fingerprints {
    /// The fingerprint of item `i`'s card: it moves whenever the card would change.
    pub fn card(&self, i: usize) -> u64 {
        self.cards[i]
    }

    /// The fingerprint of item `i`'s feed entry: its card and the people it names.
    pub fn entry(&self, i: usize) -> u64 {
        finish(|h| (self.cards[i], self.people[i]).hash(h))
    }
}

/// The last rebuild's fingerprints with what they were taken of: an item whose file
/// and body are the same as then keeps its card's and people's fingerprints when the
/// members, tags and credits they are made of did not move either.
pub struct Previous {
    items: Vec<Arc<Item>>,
    members: Vec<Arc<Member>>,
    rendered: Vec<Arc<Rendered>>,
    bodies: Vec<u64>,
    ledger: Arc<Ledger>,
    fp: Fingerprints,
}

/// A hasher fed by `Debug` output, so any value that prints can be part of a fingerprint.
struct Feed<'a>(&'a mut FxHasher);

impl std::fmt::Write for Feed<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn debug_into(h: &mut FxHasher, value: &impl std::fmt::Debug) {
    let _ = write!(Feed(h), "{value:?}");
}

fn finish(f: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut h = FxHasher::default();
    f(&mut h);
    h.finish()
}

/// Handles an item's front matter names; the body's own mentions are in its lookups.
fn meta_handles(item: &Item) -> Vec<&str> {
    fn speaker(s: &Option<Speaker>) -> Option<&str> {
        match s {
            Some(Speaker::Member(h)) => Some(h.as_str()),
            _ => None,
        }
    }
    match &item.meta {
        ItemMeta::Qa(m) => [m.asked_by.as_deref(), m.curated_by.as_deref()]
            .into_iter()
            .flatten()
            .collect(),
        ItemMeta::Solution(m) => m
            .authors
            .iter()
            .map(String::as_str)
            .chain(m.curated_by.as_deref())
            .collect(),
        ItemMeta::Talk(m) => [
            speaker(&m.speaker),
            m.host.as_deref(),
            m.curated_by.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect(),
        ItemMeta::Page(_) => Vec::new(),
    }
}

impl Site {
    /// Fingerprints of this build. `bodies[i]`/`bios[m]` identify the rendered body of
    /// item `i` / bio of member `m` (source, options and what its links resolved to).
    /// With `previous`, unchanged items' fingerprints are taken from it, and it is
    /// updated to this build's.
    pub fn fingerprints(
        &self,
        bodies: &[u64],
        bios: &[u64],
        previous: &mut Option<Previous>,
    ) -> Fingerprints {
        let last = previous.take();
        let fp = self.fingerprints_since(bodies, bios, last.as_ref());
        *previous = Some(Previous {
            items: self.content.items.clone(),
            members: self.content.members.clone(),
            rendered: self.rendered.clone(),
            bodies: bodies.to_vec(),
            ledger: Arc::clone(&self.ledger),
            fp: fp.clone(),
        });
        fp
    }

    fn fingerprints_since(
        &self,
        bodies: &[u64],
        bios: &[u64],
        last: Option<&Previous>,
    ) -> Fingerprints {
        let items = &self.content.items;
        // Items in the same places as last time: the same files, or their next versions.
        let last = last.filter(|l| {
            l.items.len() == items.len()
                && l.items
                    .iter()
                    .zip(items)
                    .all(|(a, b)| Arc::ptr_eq(a, b) || a.doc.path == b.doc.path)
        });
        let globals = finish(|h| {
            debug_into(h, &self.config);
            debug_into(h, &self.theme.templates);
            debug_into(h, &self.theme.strings);
            self.theme.assets.hash(h);
            debug_into(h, &self.now);
            debug_into(
                h,
                &self
                    .expertise_slugs
                    .iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
            );
            debug_into(
                h,
                &self
                    .expertise_names
                    .iter()
                    .collect::<std::collections::BTreeMap<_, _>>(),
            );
            // The menu: free pages with `menu: true`.
            for item in &self.content.items {
                if let ItemMeta::Page(p) = &item.meta
                    && p.menu
                {
                    (&item.title, &item.slug, p.weight).hash(h);
                }
            }
        });
        let members: Vec<u64> = self
            .content
            .members
            .iter()
            .enumerate()
            .map(|(m, member)| finish(|h| (member.doc.digest(), bios[m]).hash(h)))
            .collect();
        // The same ledger over the same members and item files: the same credits.
        let same_credits = last.filter(|l| {
            Arc::ptr_eq(&l.ledger, &self.ledger)
                && l.members.len() == self.content.members.len()
                && l.members
                    .iter()
                    .zip(&self.content.members)
                    .all(|(a, b)| a.handle == b.handle)
        });
        let credits = match same_credits {
            Some(l) => l.fp.credits.clone(),
            None => self.credits_fingerprints(),
        };
        let titles = finish(|h| {
            for item in &self.content.items {
                (item.kind, &item.title, &item.slug, item.date, item.lang()).hash(h);
                if let ItemMeta::Talk(t) = &item.meta {
                    debug_into(h, &t.speaker);
                }
            }
        });
        let tags = self
            .tags
            .iter()
            .map(|t| finish(|h| (&t.name, &t.slug, t.items.len(), &t.aliases).hash(h)))
            .collect();
        let mut fp = Fingerprints {
            globals,
            cards: Vec::new(),
            members,
            credits,
            people: Vec::new(),
            titles,
            tags,
        };
        // What an unchanged item's card and people are made of, unchanged too.
        let last = last.filter(|l| (&l.fp.members, &l.fp.tags) == (&fp.members, &fp.tags));
        let same_file = |l: &Previous, i: usize| Arc::ptr_eq(&l.items[i], &items[i]);
        fp.cards = (0..self.content.items.len())
            .into_par_iter()
            .map(|i| match last {
                Some(l) if same_file(l, i) && l.bodies[i] == bodies[i] => l.fp.cards[i],
                _ => self.card_fingerprint(&fp, bodies[i], i),
            })
            .collect();
        let last = last.filter(|l| l.fp.credits == fp.credits);
        fp.people = (0..self.content.items.len())
            .into_par_iter()
            .map(|i| match last {
                Some(l) if same_file(l, i) && Arc::ptr_eq(&l.rendered[i], &self.rendered[i]) => {
                    l.fp.people[i]
                }
                _ => finish(|h| {
                    for handle in self.item_people(i) {
                        self.person_fingerprint(&fp, h, handle);
                        self.members.get(handle).map(|&m| fp.credits[m]).hash(h);
                    }
                }),
            })
            .collect();
        fp
    }

    /// Per member: points and contributions.
    fn credits_fingerprints(&self) -> Vec<u64> {
        self.content
            .members
            .par_iter()
            .map(|m| {
                finish(|h| {
                    self.ledger.points(&m.handle).hash(h);
                    for c in self.ledger.of(&m.handle) {
                        (&c.kind, c.date, &c.anchor, c.points, &c.note).hash(h);
                        c.item
                            .map(|i| self.content.items[i].doc.path.as_os_str())
                            .hash(h);
                    }
                })
            })
            .collect()
    }

    fn person_fingerprint(&self, fp: &Fingerprints, h: &mut FxHasher, handle: &str) {
        handle.hash(h);
        self.members.get(handle).map(|&m| fp.members[m]).hash(h);
    }

    fn card_fingerprint(&self, fp: &Fingerprints, body: u64, i: usize) -> u64 {
        let item = &self.content.items[i];
        finish(|h| {
            (item.doc.digest(), body).hash(h);
            for handle in meta_handles(item) {
                self.person_fingerprint(fp, h, handle);
            }
            for tag in item.tags() {
                self.tag_fingerprint(fp, tag).hash(h);
            }
        })
    }

    /// The fingerprint of `job`'s page at `path`, or `None` for a page rendered every
    /// time (the 404 page, which shows nothing but the globals). Jobs are named by
    /// path, not index: indices move when an item is added.
    pub fn job_fingerprint(&self, fp: &Fingerprints, job: &Job, path: &str) -> Option<u64> {
        let mut h = FxHasher::default();
        (fp.globals, path).hash(&mut h);
        match job {
            Job::Item(i) => {
                self.content.items[*i].kind.hash(&mut h);
                self.item_page_inputs(fp, &mut h, *i)
            }
            Job::List(kind, n) => {
                let per = self.config.paginate;
                let all = self.indices(*kind);
                all.len().hash(&mut h);
                for i in all.skip((n - 1) * per).take(per) {
                    fp.cards[i].hash(&mut h);
                }
                if let Some(tags) = self.kind_tags.get(kind) {
                    for (tag, count) in tags {
                        (self.tag_fingerprint(fp, tag), count).hash(&mut h);
                    }
                }
            }
            Job::Tag(t, n) => {
                fp.tags[*t].hash(&mut h);
                let per = crate::site::paging::TAG_ROWS_PER_PAGE;
                let sections = self.tag_sections(*t);
                // The page count (its links), this page's cards, and on the first page
                // "who to ask": the people of every item with their credits.
                self.tag_pages(*t).hash(&mut h);
                for (kind, items) in &sections {
                    kind.hash(&mut h);
                    for &i in items.iter().skip((n - 1) * per).take(per) {
                        fp.cards[i].hash(&mut h);
                    }
                }
                if *n == 1 {
                    for &i in &self.tags[*t].items {
                        fp.people[i].hash(&mut h);
                    }
                }
            }
            Job::Member(m, n) => {
                let handle = &self.content.members[*m].handle;
                (fp.members[*m], fp.credits[*m]).hash(&mut h);
                let from = (n - 1) * crate::site::paging::LINES_PER_PAGE;
                let shown = self.ledger.of(handle).skip(from);
                for c in shown.take(crate::site::paging::LINES_PER_PAGE) {
                    c.item.map(|i| fp.cards[i]).hash(&mut h);
                }
            }
            // The directory and expertise pages: every profile, with points and badges.
            Job::Members(..) => (&fp.members, &fp.credits).hash(&mut h),
            // Every archive page: the titles, dates and URLs of all write-ups (they
            // decide which page each line lands on).
            Job::Archive | Job::ArchiveYear(..) => fp.titles.hash(&mut h),
            Job::Credits(_) => self.credits_fingerprint(fp).hash(&mut h),
            Job::Books => self.published_books.hash(&mut h),
            Job::Tags => {
                fp.tags.hash(&mut h);
            }
            // The newest five of each kind, the counts and the top contributors.
            Job::Home => {
                for kind in crate::content::Kind::WRITE_UPS {
                    for i in self.indices(kind).take(5) {
                        fp.cards[i].hash(&mut h);
                    }
                }
                debug_into(&mut h, &self.counts());
                (&fp.members, &fp.credits).hash(&mut h);
                self.home.as_ref().map(|home| home.html()).hash(&mut h);
                // The link to the newest week (DESIGN §12).
                self.weeks().first().hash(&mut h);
            }
            Job::Week(year, number) => {
                let week = crate::weekly::Week::new(*year, *number)?;
                self.week_inputs(fp, &mut h, week, true);
                // The links to the weeks before and after.
                let weeks = self.weeks();
                let at = weeks.iter().position(|w| *w == week);
                at.and_then(|k| k.checked_sub(1).map(|k| weeks.get(k)))
                    .hash(&mut h);
                at.map(|k| weeks.get(k + 1)).hash(&mut h);
            }
            Job::Weeks(n) => {
                let weeks = self.weeks();
                weeks.len().hash(&mut h);
                let per = self.config.paginate;
                for w in weeks.iter().skip((n - 1) * per).take(per) {
                    self.week_inputs(fp, &mut h, *w, false);
                }
            }
            _ => return None,
        }
        Some(h.finish())
    }

    /// What a week shows (`pages::weekly`): its cards, who is on it (best answers,
    /// picks, board, new members) with their profiles and credits, and the counts.
    /// The weeks list shows the counts and the first cards, and no people.
    fn week_inputs(
        &self,
        fp: &Fingerprints,
        h: &mut FxHasher,
        week: crate::weekly::Week,
        people: bool,
    ) {
        let span = self.week(week);
        week.hash(h);
        for list in [&span.qa, &span.solutions, &span.talks] {
            list.len().hash(h);
            for &i in list {
                fp.cards[i].hash(h);
            }
        }
        (
            span.accepted.len(),
            span.picks.len(),
            span.joined.len(),
            span.board.len(),
        )
            .hash(h);
        if !people {
            return;
        }
        let person = |handle: &str, h: &mut FxHasher| match self.members.get(handle) {
            Some(&m) => (fp.members[m], fp.credits[m]).hash(h),
            None => handle.hash(h),
        };
        for (i, member, anchor) in &span.accepted {
            (i, anchor).hash(h);
            person(member, h);
        }
        for &c in &span.picks {
            let c = &self.ledger.contributions[c];
            (&c.note, c.item.map(|i| fp.cards[i])).hash(h);
            person(&c.member, h);
        }
        for (member, points) in &span.board {
            points.hash(h);
            person(member, h);
        }
        for &m in &span.joined {
            fp.members[m].hash(h);
        }
    }

    /// What a tag's view (`Site::tag_view`) is made of: its name, slug and count, or
    /// for a tag no item carries, its name (the URL is in the globals).
    fn tag_fingerprint(&self, fp: &Fingerprints, name: &str) -> u64 {
        match self.tag_index(name) {
            Some(t) => fp.tags[t],
            None => finish(|h| name.hash(h)),
        }
    }

    /// The credits page's and `credits.json`'s: leaderboards, members, guests.
    pub fn credits_fingerprint(&self, fp: &Fingerprints) -> u64 {
        finish(|h| (fp.globals, &fp.members, &fp.credits, fp.titles).hash(h))
    }

    /// A feed's fingerprint: its entries' cards and the people their bodies name
    /// (answer authors are entry authors).
    pub fn feed_fingerprint(
        &self,
        fp: &Fingerprints,
        file: &str,
        title: &str,
        shown: &[usize],
    ) -> u64 {
        finish(|h| {
            (fp.globals, file, title).hash(h);
            for &i in shown {
                (fp.cards[i], fp.people[i]).hash(h);
            }
        })
    }

    /// Everyone an item names: in its front matter and in its body. Every member an
    /// item credits is among them.
    fn item_people(&self, i: usize) -> impl Iterator<Item = &str> {
        let body = self.rendered[i]
            .lookups
            .iter()
            .filter_map(|k| k.strip_prefix('@'));
        meta_handles(&self.content.items[i]).into_iter().chain(body)
    }

    fn item_page_inputs(&self, fp: &Fingerprints, h: &mut FxHasher, i: usize) {
        let item = &self.content.items[i];
        // Answer authors and body mentions show as persons on the page.
        (fp.cards[i], fp.people[i]).hash(h);
        // Weekly picks of the item show on it, with who was picked.
        let mut picked = false;
        for c in self.ledger.on(i).filter(|c| c.kind == "pick") {
            (&c.member, c.date, &c.note).hash(h);
            picked = true;
        }
        if picked {
            fp.members.hash(h);
        }
        if let ItemMeta::Solution(m) = &item.meta {
            for r in m.related.iter().chain(&m.superseded_by) {
                self.lookup(r).map(|j| fp.cards[j]).hash(h);
            }
        }
    }
}
