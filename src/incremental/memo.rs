//! Stages "index" and "credits" for `cairn serve`'s rebuilds (issue #5): the index (`Site::index`) and
//! the ledger (`Ledger::derive`) of the last load, with what they were derived from. A
//! save rarely changes what these whole-site passes read (a body edit changes neither
//! an item's date, tags or URL nor who it credits), so a rebuild takes the last result
//! when every input is the same file, or a changed file that reads the same to the
//! stage. Checking costs a pointer comparison per unchanged file; deriving again cost
//! ~30 ms each at 10k items.

use std::sync::Arc;

use jiff::civil::Date;

use crate::content::{Item, ItemMeta, Kind, Member};
use crate::credits::{Ledger, item_contributions};
use crate::markdown::Rendered;

use crate::diagnostics::Diagnostics;
use crate::site::{Index, Site};

/// What the last good load's index and ledger were derived from, and what they were.
#[derive(Default)]
pub struct Memo {
    index: Option<IndexMemo>,
    ledger: Option<LedgerMemo>,
}

struct IndexMemo {
    /// The site's base path, which item URLs start with.
    base_path: String,
    /// Items and members as loaded, before sorting.
    items: Vec<Arc<Item>>,
    members: Vec<Arc<Member>>,
    /// Sorted position → position as loaded.
    item_order: Vec<usize>,
    member_order: Vec<usize>,
    index: Index,
}

/// What of an item the index reads: its sort key, URL, and tags.
fn item_key(item: &Item) -> (Kind, Option<Date>, i64, &str, &str, &[String]) {
    let weight = match &item.meta {
        ItemMeta::Page(p) => p.weight,
        _ => 0,
    };
    (
        item.kind,
        item.date,
        weight,
        &item.stem,
        &item.slug,
        item.tags(),
    )
}

/// What of a member the index reads: the handle, and expertise for its pages' slugs.
fn member_key(member: &Member) -> (&str, &[String]) {
    (&member.handle, &member.meta.expertise)
}

/// Whether `now` is `before` file by file: the same file, or one that reads the same
/// (`alike`).
fn same<T>(before: &[Arc<T>], now: &[Arc<T>], alike: impl Fn(&T, &T) -> bool) -> bool {
    before.len() == now.len()
        && before
            .iter()
            .zip(now)
            .all(|(b, n)| Arc::ptr_eq(b, n) || alike(b, n))
}

impl Memo {
    /// `Site::index`, unless nothing it reads changed since the last load: then the
    /// last load's index is taken. A new index is remembered when it has no problems.
    pub fn index(&mut self, site: &mut Site, d: &mut Diagnostics) {
        if self.reuse_index(site) {
            return;
        }
        let items = site.content.items.clone();
        let members = site.content.members.clone();
        let problems = d.len();
        let (item_order, member_order) = site.index(d);
        // An index with problems fails the load; the next one looks again.
        if d.len() == problems {
            let index = site.index_parts();
            self.keep_index(site, items, members, item_order, member_order, index);
        }
    }

    /// Sorts `site`'s items and members and sets its index as the last load did, when
    /// nothing the index reads has changed; returns whether it did.
    fn reuse_index(&self, site: &mut Site) -> bool {
        let Some(memo) = &self.index else {
            return false;
        };
        let content = &mut site.content;
        if memo.base_path != site.base_path
            || !same(&memo.items, &content.items, |b, n| {
                item_key(b) == item_key(n)
            })
            || !same(&memo.members, &content.members, |b, n| {
                member_key(b) == member_key(n)
            })
        {
            return false;
        }
        content.items = memo
            .item_order
            .iter()
            .map(|&j| Arc::clone(&content.items[j]))
            .collect();
        content.members = memo
            .member_order
            .iter()
            .map(|&j| Arc::clone(&content.members[j]))
            .collect();
        site.set_index(memo.index.clone());
        true
    }

    /// Remembers a load's index: `items`/`members` as loaded, in the order sorting
    /// gave (`*_order[sorted] = loaded`).
    fn keep_index(
        &mut self,
        site: &Site,
        items: Vec<Arc<Item>>,
        members: Vec<Arc<Member>>,
        item_order: Vec<usize>,
        member_order: Vec<usize>,
        index: Index,
    ) {
        self.index = Some(IndexMemo {
            base_path: site.base_path.clone(),
            items,
            members,
            item_order,
            member_order,
            index,
        });
    }

    /// The ledger for `site`: the last one when every item credits what it did, the
    /// manual credits and the points table being the same; else derived again.
    pub fn ledger(&mut self, site: &Site) -> Arc<Ledger> {
        let config = &site.config.credits;
        let manual = format!("{:?}", (&site.content.credits, &site.content.picks, config));
        let items = &site.content.items;
        let rendered = &site.rendered;
        let table = config.points();
        // Each item credits what it did last time: the same file and body, or the same
        // contributions from a new version.
        let unchanged = self.ledger.as_ref().filter(|memo| {
            memo.manual == manual
                && memo.items.len() == items.len()
                && memo.rendered.len() == rendered.len()
                && (0..items.len()).all(|i| {
                    (Arc::ptr_eq(&memo.items[i], &items[i])
                        && Arc::ptr_eq(&memo.rendered[i], &rendered[i]))
                        || item_contributions(i, &memo.items[i], &memo.rendered[i], &table)
                            == item_contributions(i, &items[i], &rendered[i], &table)
                })
        });
        let ledger = match unchanged {
            Some(memo) => Arc::clone(&memo.ledger),
            None => Arc::new(Ledger::derive(&site.content, rendered, config)),
        };
        self.ledger = Some(LedgerMemo {
            items: items.clone(),
            rendered: rendered.clone(),
            manual,
            ledger: Arc::clone(&ledger),
        });
        ledger
    }
}

struct LedgerMemo {
    /// Items, sorted, and their bodies.
    items: Vec<Arc<Item>>,
    rendered: Vec<Arc<Rendered>>,
    /// The manual credits and the credits config, printed.
    manual: String,
    ledger: Arc<Ledger>,
}
