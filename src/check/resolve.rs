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
    Diagnostic::error_said(&doc.path, "unmapped-person", &[("handle", handle)])
        .at_offset(&doc.text, start, end)
        .with_hint_said("unmapped-person-hint", &[("handle", handle)])
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
            .field_error_said(key, handle, "unmapped-person", &[("handle", handle)])
            .with_hint_said("unmapped-person-field", &[]);
    }
    let found = doc.field_error_said(key, handle, "unknown-handle", &[("handle", handle)]);
    match did_you_mean(handle, site.members.keys().map(String::as_str)) {
        Some(n) => found.with_hint_said("unknown-handle-near", &[("near", n)]),
        None => found.with_hint_said("unknown-handle-add", &[("handle", handle)]),
    }
}

fn check_item_ref(site: &Site, item: &Item, key: &str, reference: &str, d: &mut Diagnostics) {
    let wanted = reference
        .trim_start_matches('/')
        .trim_end_matches('/')
        .trim_end_matches(".md");
    if site.items.contains_key(wanted) || site.content.unloaded_items.contains_key(wanted) {
        return;
    }
    let found = item
        .doc
        .field_error_said(key, reference, "unknown-item", &[("target", reference)]);
    d.push(
        match did_you_mean(wanted, site.items.keys().map(String::as_str)) {
            Some(n) => found.with_hint_said("unknown-item-near", &[("near", n)]),
            None => found.with_hint_said("unknown-item-hint", &[]),
        },
    );
}

/// URL fields take http(s) URLs or site paths; nothing else may reach an `href`.
fn check_url(doc: &Document, key: &str, url: Option<&str>, d: &mut Diagnostics) {
    let Some(url) = url else { return };
    if is_publishable_url(url) {
        return;
    }
    d.push(
        doc.field_error_said(key, url, "bad-url", &[("field", key)])
            .with_hint_said("bad-url-hint", &[]),
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
            let found = located_in_list(doc, &c.member, "unknown-handle", "handle");
            d.push(
                match did_you_mean(&c.member, site.members.keys().map(String::as_str)) {
                    Some(n) => found.with_hint_said("unknown-handle-near", &[("near", n)]),
                    None => found.with_hint_said("unknown-handle-credits", &[]),
                },
            );
        }
        if c.points.is_none() && !kinds.contains_key(&c.kind) {
            let found = located_in_list(doc, &c.kind, "unknown-credit-kind", "kind");
            d.push(
                match did_you_mean(&c.kind, kinds.keys().map(String::as_str)) {
                    Some(n) => found.with_hint_said("unknown-credit-kind-near", &[("near", n)]),
                    None => found.with_hint_said("unknown-credit-kind-hint", &[]),
                },
            );
        }
    }
}

/// credits.yaml is a list, so a value is found by its first whole-word occurrence;
/// the error is `diag-<code>` with the value as its argument `arg`.
fn located_in_list(
    doc: &Document,
    value: &str,
    code: &'static str,
    arg: &'static str,
) -> Diagnostic {
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
    Diagnostic::error_said(&doc.path, code, &[(arg, value)]).at_offset(
        &doc.text,
        start,
        start + value.len(),
    )
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
                code,
                range,
            } => {
                let (start, end) = at(range);
                let (wide, narrow) = (wide.to_string(), narrow.to_string());
                let args = [("wide", wide.as_str()), ("narrow", narrow.as_str())];
                d.push(
                    Diagnostic::warning_said(&doc.path, code, &args)
                        .at_offset(&doc.text, start, end)
                        .with_hint_said("full-width-hint", &args),
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
            let found = Diagnostic::error_said(
                &doc.path,
                "no-anchor",
                &[("target", link.key.as_str()), ("anchor", anchor.as_str())],
            )
            .at_offset(&doc.text, start, end);
            d.push(match did_you_mean(anchor, known.iter().copied()) {
                Some(n) => found.with_hint_said("no-anchor-near", &[("near", n)]),
                None if known.is_empty() => found.with_hint_said("no-anchor-none", &[]),
                None => found.with_hint_said("no-anchor-known", &[("anchors", &known.join(", "))]),
            });
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
                        .field_error_said(
                            "accepted",
                            &h,
                            "accepted-without-answer",
                            &[("handle", &h)],
                        )
                        .with_hint_said("accepted-without-answer-hint", &[("handle", &h)]),
                );
            }
        }
    }
}
