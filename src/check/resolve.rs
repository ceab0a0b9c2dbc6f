//! Stages "resolve" (front matter, after "index") and "links" (bodies, after
//! "markdown"): every name a write-up uses is resolved — member handles in front matter,
//! item references, `@mentions`, `@/path.md#anchor` links — and every miss is reported
//! at its file:line:col with a "did you mean" hint.

use rayon::prelude::*;

use crate::content::{Document, Item, ItemMeta, MemberMeta, OneOrMany, Speaker};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::markdown::{BodyProblem, Rendered};

use crate::site::Site;

/// Handles and item references in front matter and credits.yaml.
pub fn check_front_matter(site: &Site, d: &mut Diagnostics) {
    let found: Vec<Diagnostics> = site
        .content
        .items
        .par_iter()
        .map(|item| {
            let mut d = Diagnostics::new();
            check_item(site, item, &mut d);
            d
        })
        .collect();
    d.extend(found.into_iter().flatten());
    for member in &site.content.members {
        check_url(&member.doc, "avatar", member.meta.avatar.as_deref(), d);
        for entry in member
            .meta
            .private
            .iter()
            .filter(|e| !MemberMeta::is_private_field(e))
        {
            d.push(MemberMeta::unknown_private_field(
                &member.doc,
                "private",
                entry,
            ));
        }
    }
    check_credits(site, d);
}

/// One item's front matter: the members it names, the items it refers to, its URLs.
fn check_item(site: &Site, item: &Item, d: &mut Diagnostics) {
    let check = CheckHandles { site };
    let doc = &item.doc;
    match &item.meta {
        ItemMeta::Qa(m) => {
            check.one(doc, "asked_by", m.asked_by.as_deref(), d);
            for h in m.accepted.as_ref().map_or(&[][..], OneOrMany::as_slice) {
                check.one(doc, "accepted", Some(h), d);
            }
            check.one(doc, "curated_by", m.curated_by.as_deref(), d);
        }
        ItemMeta::Solution(m) => {
            for h in &m.authors {
                check.one(doc, "authors", Some(h), d);
            }
            check.one(doc, "curated_by", m.curated_by.as_deref(), d);
            for r in &m.related {
                check_item_ref(site, item, "related", r, d);
            }
            if let Some(r) = &m.superseded_by {
                check_item_ref(site, item, "superseded_by", r, d);
            }
        }
        ItemMeta::Talk(m) => {
            match &m.speaker {
                Some(Speaker::Member(h)) => check.one(doc, "speaker", Some(h), d),
                // A guest's link becomes an href like the talk's own URLs.
                Some(Speaker::Guest(g)) => check_url(doc, "url", g.url.as_deref(), d),
                None => {}
            }
            check.one(doc, "host", m.host.as_deref(), d);
            check.one(doc, "curated_by", m.curated_by.as_deref(), d);
            for (key, url) in [
                ("slides", &m.slides),
                ("video", &m.video),
                ("audio", &m.audio),
            ] {
                check_url(doc, key, url.as_deref(), d);
            }
        }
        ItemMeta::Page(_) => {}
    }
}

struct CheckHandles<'a> {
    site: &'a Site,
}

impl CheckHandles<'_> {
    fn one(&self, doc: &Document, key: &str, handle: Option<&str>, d: &mut Diagnostics) {
        let Some(handle) = handle else { return };
        if self.site.members.contains_key(handle)
            || self.site.content.unloaded_members.contains_key(handle)
        {
            return; // a member whose file failed is reported there, once
        }
        d.push(unknown_member(self.site, doc, key, handle));
    }
}

/// `@unmapped-N` from `cairn import`: a person from the chat who is no member yet.
/// Always an error, in `build` too, so a draft never publishes under a stand-in.
fn unmapped_person(doc: &Document, handle: &str, start: usize, end: usize) -> Diagnostic {
    Diagnostic::error(&doc.path, format!("@{handle} is a person from the chat that `cairn import` could not map to a member"))
        .at_offset(&doc.text, start, end)
        .with_hint(format!("add their chat account under `accounts:` in a member file (the import summary printed the lines) and replace @{handle} with that member's handle, or remove the part"))
}

/// `## @wangfnag`: an answer heading naming no member. Always an error, in `build`
/// too: published, it would be an anonymous answer and an anchor nobody meant.
fn unknown_answerer(
    site: &Site,
    doc: &Document,
    handle: &str,
    start: usize,
    end: usize,
) -> Diagnostic {
    if crate::content::is_import_placeholder(handle) {
        return unmapped_person(doc, handle, start, end);
    }
    let found = Diagnostic::error_said(&doc.path, "answer-unknown-member", &[("handle", handle)])
        .at_offset(&doc.text, start, end);
    match did_you_mean(handle, site.members.keys().map(String::as_str)) {
        Some(n) => found.with_hint_said("answer-unknown-member-near", &[("near", n)]),
        None => found.with_hint_said("answer-unknown-member-add", &[("handle", handle)]),
    }
}

fn unknown_member(site: &Site, doc: &Document, key: &str, handle: &str) -> Diagnostic {
    if crate::content::is_import_placeholder(handle) {
        return doc
            .field_error(key, handle, format!("`{handle}` is a person from the chat that `cairn import` could not map to a member"))
            .with_hint("add their chat account under `accounts:` in a member file (the import summary printed the lines) and write that member's handle here");
    }
    let near = did_you_mean(handle, site.members.keys().map(String::as_str));
    let hint = match near {
        Some(n) => format!("did you mean `{n}`?"),
        None => format!("add a profile at content/members/{handle}.md, or fix the handle"),
    };
    doc.field_error(key, handle, format!("unknown member `{handle}`"))
        .with_hint(hint)
}

fn check_item_ref(site: &Site, item: &Item, key: &str, reference: &str, d: &mut Diagnostics) {
    let wanted = reference
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim_end_matches(".md");
    if site.items.contains_key(wanted) || site.content.unloaded_items.contains_key(wanted) {
        return;
    }
    let near = did_you_mean(wanted, site.items.keys().map(String::as_str));
    let hint = match near {
        Some(n) => format!("did you mean `{n}`?"),
        None => "refer to items as `<folder>/<file name without .md>`, e.g. `qa/2024-03-12-ice-breaking`".into(),
    };
    d.push(
        item.doc
            .field_error(key, reference, format!("no item `{reference}`"))
            .with_hint(hint),
    );
}

/// URL fields take http(s) URLs or site paths; nothing else may reach an `href`.
fn check_url(doc: &Document, key: &str, url: Option<&str>, d: &mut Diagnostics) {
    let Some(url) = url else { return };
    if is_publishable_url(url) {
        return;
    }
    d.push(
        doc.field_error(
            key,
            url,
            format!("`{key}` must be an http(s) URL or a path on this site"),
        )
        .with_hint("for example `https://…` or `/static/talks/slides.pdf`"),
    );
}

/// http(s) URLs and site paths (`/static/x.pdf`), not `//host` or other schemes.
pub fn is_publishable_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (lower.starts_with('/') && !lower.starts_with("//"))
}

fn check_credits(site: &Site, d: &mut Diagnostics) {
    let Some(doc) = &site.content.credits_doc else {
        return;
    };
    let kinds = site.config.credits.points();
    for c in &site.content.credits {
        if !site.members.contains_key(&c.member)
            && !site.content.unloaded_members.contains_key(&c.member)
        {
            let near = did_you_mean(&c.member, site.members.keys().map(String::as_str));
            d.push(
                located_in_list(doc, &c.member, format!("unknown member `{}`", c.member))
                    .with_hint(near.map_or_else(
                        || "credits go to members with a profile in content/members/".into(),
                        |n| format!("did you mean `{n}`?"),
                    )),
            );
        }
        if c.points.is_none() && !kinds.contains_key(&c.kind) {
            let near = did_you_mean(&c.kind, kinds.keys().map(String::as_str));
            let hint = match near {
                Some(n) => format!(
                    "did you mean `{n}`? Or give the entry `points:`, or add the kind under `credits.points` in site.yaml"
                ),
                None => {
                    "add the kind under `credits.points` in site.yaml, or give the entry `points:`"
                        .into()
                }
            };
            d.push(
                located_in_list(doc, &c.kind, format!("unknown credit kind `{}`", c.kind))
                    .with_hint(hint),
            );
        }
    }
}

/// credits.yaml is a list, so a value is found by its first whole-word occurrence.
fn located_in_list(doc: &Document, value: &str, message: String) -> Diagnostic {
    let start = doc
        .text
        .match_indices(value)
        .find(|(i, _)| {
            let before = doc.text[..*i].chars().next_back();
            let after = doc.text[i + value.len()..].chars().next();
            let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
            !before.is_some_and(word) && !after.is_some_and(word)
        })
        .map_or(0, |(i, _)| i);
    Diagnostic::error(&doc.path, message).at_offset(&doc.text, start, start + value.len())
}

/// Problems the Markdown stage found, plus anchors of internal links and accepted
/// answers that have no answer section.
pub fn check_bodies(site: &Site, d: &mut Diagnostics) {
    let bodies = site
        .content
        .items
        .iter()
        .zip(&site.rendered)
        .map(|(i, r)| (&i.doc, &**r))
        .chain(
            site.content
                .members
                .iter()
                .zip(&site.bios)
                .map(|(m, r)| (&m.doc, &**r)),
        )
        .chain(
            site.content
                .home
                .iter()
                .zip(&site.home)
                .map(|(h, r)| (&h.doc, r)),
        );
    let bodies: Vec<(&Document, &Rendered)> = bodies.collect();
    let found: Vec<Diagnostics> = bodies
        .par_iter()
        .map(|&(doc, rendered)| {
            let mut d = Diagnostics::new();
            check_body(site, doc, rendered, &mut d);
            d
        })
        .collect();
    d.extend(found.into_iter().flatten());
    check_accepted_answers(site, d);
}

/// One body's mentions, internal links and their anchors.
fn check_body(site: &Site, doc: &Document, rendered: &Rendered, d: &mut Diagnostics) {
    let at = |range: &std::ops::Range<usize>| {
        (
            doc.body_offset() + range.start,
            doc.body_offset() + range.end,
        )
    };
    for problem in rendered
        .problems
        .iter()
        .filter(|p| super::cascade::unloaded_target(site, p).is_none())
    {
        match problem {
            BodyProblem::UnknownMention { handle, range } => {
                let (start, end) = at(range);
                let near = did_you_mean(handle, site.members.keys().map(String::as_str));
                if crate::content::is_import_placeholder(handle) {
                    d.push(unmapped_person(doc, handle, start, end));
                    continue;
                }
                let args = [("handle", handle.as_str())];
                let found = if site.strict {
                    Diagnostic::error_said(&doc.path, "unknown-member", &args)
                } else {
                    Diagnostic::warning_said(&doc.path, "unknown-member", &args)
                }
                .at_offset(&doc.text, start, end);
                d.push(match near {
                    Some(n) => found.with_hint_said("unknown-member-near", &[("near", n)]),
                    None => found.with_hint_said("unknown-member-hint", &[]),
                });
            }
            BodyProblem::UnknownAnswerer { handle, range } => {
                let (start, end) = at(range);
                d.push(unknown_answerer(site, doc, handle, start, end));
            }
            BodyProblem::FullWidth {
                wide,
                narrow,
                place,
                read,
                range,
            } => {
                let (start, end) = at(range);
                let message = if *read {
                    format!("full-width `{wide}` {place}, read as `{narrow}`")
                } else {
                    format!("full-width `{wide}` {place}")
                };
                d.push(
                    Diagnostic::warning(&doc.path, message)
                        .at_offset(&doc.text, start, end)
                        .with_hint(crate::diagnostics::full_width_hint(*wide, *narrow)),
                );
            }
            BodyProblem::BrokenLink { target, range } => {
                let (start, end) = at(range);
                let wanted = target
                    .trim_start_matches("@/")
                    .split('#')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".md");
                let near = did_you_mean(wanted, site.items.keys().map(String::as_str));
                let found = Diagnostic::error_said(
                    &doc.path,
                    "broken-link",
                    &[("target", target.as_str())],
                )
                .at_offset(&doc.text, start, end);
                d.push(match near {
                    Some(n) => found.with_hint_said("broken-link-near", &[("near", n)]),
                    None => found.with_hint_said("broken-link-hint", &[]),
                });
            }
        }
    }
    // Like the Markdown stage's problems: each missing anchor once per file, at most
    // MAX_PROBLEMS of them, since locating each one scans the file.
    let mut reported = std::collections::HashSet::new();
    for link in &rendered.links {
        let Some(anchor) = &link.anchor else { continue };
        let target = &site.rendered[site.items[&link.key]];
        if !target.anchors.contains(anchor)
            && reported.len() < crate::markdown::MAX_PROBLEMS
            && reported.insert((&link.key, anchor))
        {
            let (start, end) = at(&link.range);
            let mut known: Vec<&str> = target.anchors.iter().map(String::as_str).collect();
            known.sort();
            let hint = match did_you_mean(anchor, known.iter().copied()) {
                Some(n) => format!("did you mean `#{n}`?"),
                None if known.is_empty() => {
                    "that page has no headings or answers to link to".into()
                }
                None => format!("anchors on that page: {}", known.join(", ")),
            };
            d.push(
                Diagnostic::error(
                    &doc.path,
                    format!("`{}` has no anchor `#{anchor}`", link.key),
                )
                .at_offset(&doc.text, start, end)
                .with_hint(hint),
            );
        }
    }
}

fn check_accepted_answers(site: &Site, d: &mut Diagnostics) {
    for (i, item) in site.content.items.iter().enumerate() {
        let ItemMeta::Qa(m) = &item.meta else {
            continue;
        };
        let answers: Vec<&str> = site.rendered[i]
            .answers()
            .map(|a| a.handle.as_str())
            .collect();
        for h in m.accepted.as_ref().map(|a| a.to_vec()).unwrap_or_default() {
            if site.members.contains_key(&h) && !answers.contains(&h.as_str()) {
                d.push(
                    item.doc
                        .field_error(
                            "accepted",
                            &h,
                            format!("`{h}` is accepted but has no answer here"),
                        )
                        .with_hint(format!(
                            "add an answer section starting with `## @{h}`, or fix `accepted`"
                        )),
                );
            }
        }
    }
}
