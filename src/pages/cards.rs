//! Stage "cards", before "render": each item's card, built once per build. A
//! card is the item's summary as a template value plus `card_html`, the theme's
//! `partials/item_card.html` rendered for it. An item appears in about eight lists
//! (its kind list, each of its tags, the home page); building its summary, turning it
//! into a template value and rendering its card once, instead of in each list, was the
//! largest part of the render stage at archive scale (docs/BENCHMARKS.md).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::context::{PersonView, TagView};
use crate::render::{Renderer, Value, to_value};

use crate::site::Site;

/// The partial a card is rendered from; a theme may override it.
pub const CARD_TEMPLATE: &str = "partials/item_card.html";

/// Every item's card, by item index. Cloning a card is cheap: template values share
/// their contents.
pub struct Cards(Vec<Value>);

impl Cards {
    /// The card of item `i`.
    pub fn get(&self, i: usize) -> Value {
        self.0[i].clone()
    }

    /// The cards of `items`, as one template list.
    pub fn list(&self, items: impl IntoIterator<Item = usize>) -> Value {
        Value::from(items.into_iter().map(|i| self.get(i)).collect::<Vec<_>>())
    }
}

impl Site {
    /// Builds every item's card in parallel. With `reuse` (`cairn serve`), a card whose
    /// fingerprint did not move since the last build is taken from its cache.
    pub(crate) fn cards(
        &self,
        r: &Renderer,
        reuse: Option<&crate::incremental::Reuse>,
    ) -> Result<Cards, Diagnostics> {
        let before = reuse.map(|r| r.cards.take()).unwrap_or_default();
        let by_fingerprint: OnceLock<HashMap<u64, usize>> = OnceLock::new();
        let last = |i: usize, fp: u64| match before.get(i) {
            Some((old, card)) if *old == fp => Some(card),
            _ => by_fingerprint
                .get_or_init(|| before.iter().enumerate().map(|(j, c)| (c.0, j)).collect())
                .get(&fp)
                .map(|&j| &before[j].1),
        };
        // Tag and member values are built only when some card is.
        let shared = OnceLock::new();
        let built: Vec<Result<(u64, Value), Diagnostic>> = (0..self.content.items.len())
            .into_par_iter()
            .map(|i| {
                let fp = reuse.map(|r| r.now.card(i));
                if let Some(card) = fp.and_then(|fp| last(i, fp)) {
                    return Ok((fp.unwrap_or_default(), card.clone()));
                }
                let shared = shared.get_or_init(|| Shared::new(self));
                Ok((fp.unwrap_or_default(), self.card(r, shared, i)?))
            })
            .collect();
        let mut problems = Diagnostics::new();
        let mut cards = Vec::with_capacity(built.len());
        let mut cache = Vec::with_capacity(if reuse.is_some() { built.len() } else { 0 });
        for card in built {
            match card {
                Ok((fp, card)) => {
                    if reuse.is_some() {
                        cache.push((fp, card.clone()));
                    }
                    cards.push(card);
                }
                Err(d) => problems.push(d),
            }
        }
        if !problems.is_empty() {
            problems.sort();
            return Err(problems);
        }
        if let Some(reuse) = reuse {
            reuse.cards.put(cache);
        }
        Ok(Cards(cards))
    }

    /// Item `i`'s summary with its rendered card as `card_html`.
    fn card(&self, r: &Renderer, shared: &Shared, i: usize) -> Result<Value, Diagnostic> {
        let mut summary = self.item_summary(i);
        let tags = std::mem::take(&mut summary.tags);
        let people = std::mem::take(&mut summary.people);
        let mut map = to_value(&summary).into_map().unwrap_or_default();
        // Same keys, same order as the summary; the values are the shared ones.
        let tags = tags.iter().map(|t| shared.tag(t)).collect::<Vec<_>>();
        map.insert("tags".into(), Value::from(tags));
        let people = people.iter().map(|p| shared.person(p)).collect::<Vec<_>>();
        map.insert("people".into(), Value::from(people));
        let mut card = Value::from(map);
        if r.has_template(CARD_TEMPLATE) {
            let html = r.render_values(CARD_TEMPLATE, [("i", card.clone())])?;
            let mut map = card.into_map().unwrap_or_default();
            map.insert("card_html".into(), Value::safe_string(&html));
            card = Value::from(map);
        }
        Ok(card)
    }
}

/// Tags and members as template values, built once and shared by every card that
/// shows them: 10k cards hold ~35k tag and ~15k person entries, most of a card's
/// memory when each was a copy.
struct Shared {
    tags: HashMap<String, (TagView, Value)>,
    people: HashMap<String, (PersonView, Value)>,
}

impl Shared {
    fn new(site: &Site) -> Shared {
        let tags = site.tags.iter().map(|t| &t.name);
        let people = site.content.members.iter().map(|m| &m.handle);
        Shared {
            tags: views(tags, |name| site.tag_view(name)),
            people: views(people, |handle| site.person(handle)),
        }
    }

    /// The shared value of `view` when it is the one built for its tag, else its own.
    fn tag(&self, view: &TagView) -> Value {
        shared_or_own(self.tags.get(&view.name), view)
    }

    /// The shared value of `view` when it is the one built for its member, else its own.
    fn person(&self, view: &PersonView) -> Value {
        shared_or_own(view.handle.as_ref().and_then(|h| self.people.get(h)), view)
    }
}

/// Each key's view, with the view as a template value.
fn views<'a, V: serde::Serialize>(
    keys: impl Iterator<Item = &'a String>,
    view: impl Fn(&str) -> V,
) -> HashMap<String, (V, Value)> {
    keys.map(|k| {
        let v = view(k);
        let value = to_value(&v);
        (k.clone(), (v, value))
    })
    .collect()
}

/// `shared`'s value when it was built from a view equal to `view` (so the card shows the
/// same either way), else `view` as a value of its own.
fn shared_or_own<V: PartialEq + serde::Serialize>(shared: Option<&(V, Value)>, view: &V) -> Value {
    match shared {
        Some((built, value)) if built == view => value.clone(),
        _ => to_value(view),
    }
}
