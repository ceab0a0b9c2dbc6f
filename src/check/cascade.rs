//! Stage "links", last: one mistake, one report. A member or item whose file failed
//! to load keeps its name (`Content::unloaded_members`, `unloaded_items`), so the
//! references to it are not reported again in every file that uses it; the failing
//! file's error says how many files refer to it instead (CONTENT.md §9).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::content::{Document, ItemMeta, OneOrMany, Speaker};
use crate::diagnostics::Diagnostics;
use crate::markdown::BodyProblem;
use crate::site::Site;

/// The file that failed to load a body problem refers to (`@lisi` when lisi.md has
/// an error, `@/qa/x.md` when qa/x.md has one), if any: that problem is not reported.
pub fn unloaded_target<'s>(site: &'s Site, problem: &BodyProblem) -> Option<&'s std::path::Path> {
    let unloaded = &site.content;
    match problem {
        BodyProblem::UnknownMention { handle, .. }
        | BodyProblem::UnknownAnswerer { handle, .. } => {
            unloaded.unloaded_members.get(handle).map(|p| p.as_path())
        }
        BodyProblem::BrokenLink { target, .. } => {
            let key = target
                .trim_start_matches("@/")
                .split('#')
                .next()
                .unwrap_or("")
                .trim_end_matches(".md")
                .trim_end_matches('/');
            unloaded.unloaded_items.get(key).map(|p| p.as_path())
        }
        BodyProblem::FullWidth { .. } => None,
    }
}

/// "One mistake, one report": each file that failed to load gets, in the hint of its
/// error, how many other files refer to it (their references were not reported).
pub fn note_dependents(site: &Site, d: &mut Diagnostics) {
    let unloaded = &site.content;
    if unloaded.unloaded_members.is_empty() && unloaded.unloaded_items.is_empty() {
        return;
    }
    let mut referring: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut refer = |target: Option<&PathBuf>, from: &Document| {
        if let Some(target) = target.filter(|t| **t != from.path) {
            referring
                .entry(target.clone())
                .or_default()
                .insert(from.path.clone());
        }
    };
    for item in &site.content.items {
        for handle in front_matter_handles(&item.meta) {
            refer(unloaded.unloaded_members.get(handle), &item.doc);
        }
        if let ItemMeta::Solution(m) = &item.meta {
            for r in m.related.iter().chain(&m.superseded_by) {
                let key = r.trim_matches('/').trim_end_matches(".md");
                refer(unloaded.unloaded_items.get(key), &item.doc);
            }
        }
    }
    if let Some(doc) = &site.content.credits_doc {
        for c in &site.content.credits {
            refer(unloaded.unloaded_members.get(&c.member), doc);
        }
    }
    let docs = site.content.items.iter().map(|i| &i.doc);
    let docs = docs.chain(site.content.members.iter().map(|m| &m.doc));
    for (doc, rendered) in docs.zip(site.rendered.iter().chain(&site.bios)) {
        for problem in &rendered.problems {
            refer(
                unloaded_target(site, problem)
                    .map(|p| p.to_path_buf())
                    .as_ref(),
                doc,
            );
        }
    }
    for (file, from) in referring {
        let n = from.len();
        let key = if n == 1 {
            "refers-to-it-one"
        } else {
            "refers-to-it"
        };
        d.add_to_hint(&file, key, &[("count", &n.to_string())]);
    }
}

/// Every member handle an item's front matter names.
fn front_matter_handles(meta: &ItemMeta) -> Vec<&String> {
    match meta {
        ItemMeta::Qa(m) => m
            .asked_by
            .iter()
            .chain(m.accepted.as_ref().map_or(&[][..], OneOrMany::as_slice))
            .chain(&m.curated_by)
            .collect(),
        ItemMeta::Solution(m) => m.authors.iter().chain(&m.curated_by).collect(),
        ItemMeta::Talk(m) => {
            let speaker = match &m.speaker {
                Some(Speaker::Member(h)) => Some(h),
                _ => None,
            };
            speaker
                .into_iter()
                .chain(&m.host)
                .chain(&m.curated_by)
                .collect()
        }
        ItemMeta::Page(_) => Vec::new(),
    }
}
