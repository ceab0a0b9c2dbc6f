//! Stage "search", the last that writes: what the search index is built from. Every page's record is taken from the
//! same privacy-filtered views the templates get (DESIGN §5), so a private field or a
//! hidden member can no more reach the index than a page; the privacy scan then checks
//! the written index like every other output file.

use rayon::prelude::*;

use crate::content::{ItemMeta, Kind};
use crate::output::Destination;
use std::sync::Arc;

use crate::markdown::Rendered;
use crate::render::context::{PageView, PersonView};
use crate::search::{self, DocKind, SearchDoc};

use crate::pages::Own;
use crate::site::Site;

/// The search stage's input: every page's document, and the search page's variables.
pub(crate) struct SearchInput<'a> {
    docs: Vec<SearchDoc<'a>>,
    page: PageView,
    own: Own,
}

impl Site {
    /// The index and the `/search/` page that points at it; returns the pages written
    /// (none when search is off), or `None` when `stop` stopped the index, which then
    /// wrote nothing that would leave the served index and page out of step.
    pub(crate) fn write_search(
        &self,
        renderer: &crate::render::Renderer,
        staging: &dyn Destination,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<usize>, crate::Error> {
        let bodies = self.rendered.clone();
        let input = self.search_input(&bodies, stop);
        self.write_search_from(input, renderer, staging, stop)
    }

    /// What the index and the search page are made of, taken from the site (`bodies`
    /// is `self.rendered`, which the documents' text borrows): once it is taken, a
    /// build can drop what only pages needed before the index's own peak. `None` when
    /// search is off or `stop` says so.
    pub(crate) fn search_input<'a>(
        &self,
        bodies: &'a [Arc<Rendered>],
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Option<SearchInput<'a>> {
        if !self.config.search.enabled {
            return None;
        }
        let mut docs: Vec<SearchDoc<'a>> = (0..self.content.items.len())
            .into_par_iter()
            .map(|i| self.item_search_doc(i, &bodies[i]))
            .collect();
        if stop() {
            return None;
        }
        docs.extend(
            (0..self.content.members.len())
                .filter(|&m| !self.content.members[m].meta.hidden)
                .map(|m| self.member_search_doc(m)),
        );
        Some(SearchInput {
            docs,
            page: self.page_view("search/", &self.theme.string("search"), "", None, "search"),
            own: self.search_page_vars(),
        })
    }

    /// Writes the index of `input` into `staging/search/`, then the search page.
    pub(crate) fn write_search_from(
        &self,
        input: Option<SearchInput<'_>>,
        renderer: &crate::render::Renderer,
        staging: &dyn Destination,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<usize>, crate::Error> {
        let Some(input) = input else {
            return Ok((!self.config.search.enabled).then_some(0));
        };
        let sink = |rel: &str, bytes: &[u8]| staging.write(rel, bytes);
        let Some(index) = search::build_until(input.docs, &sink, stop)? else {
            return Ok(None);
        };
        staging.write("search/search.js", search::SCRIPT.as_bytes())?;
        self.write_search_page(renderer, staging, &index, input.page, input.own)?;
        Ok(Some(1))
    }

    fn item_search_doc<'a>(&self, i: usize, rendered: &'a Rendered) -> SearchDoc<'a> {
        let item = &self.content.items[i];
        let summary = self.item_summary(i);
        let mut people: Vec<PersonView> = summary.people.clone();
        match &item.meta {
            ItemMeta::Qa(_) => people.extend(rendered.answers().map(|a| self.answerer(a))),
            ItemMeta::Talk(m) => people.extend(m.host.iter().map(|h| self.person(h))),
            _ => {}
        }
        SearchDoc {
            kind: match item.kind {
                Kind::Qa => DocKind::Qa,
                Kind::Solution => DocKind::Solution,
                Kind::Talk => DocKind::Talk,
                Kind::Page => DocKind::Page,
            },
            url: summary.url,
            title: summary.title,
            date: summary.date,
            tags: summary.tags.into_iter().map(|t| (t.name, t.slug)).collect(),
            people: public_people(people),
            // Answer headings (`## @chenjie 小群先活`) are not in the table of contents,
            // but members read them as headings: they get heading weight too.
            headings: rendered
                .toc
                .iter()
                .map(|t| t.title.clone())
                .chain(rendered.answers().map(|a| a.title.clone()))
                .filter(|t| !t.is_empty())
                .collect(),
            text: rendered.text.as_str().into(),
            answers: self.search_answers(i, rendered),
        }
    }

    /// A Q&A page's answers, where their text is and who wrote them. Answers of hidden
    /// members are left out: their anchor names the handle.
    fn search_answers(&self, i: usize, rendered: &Rendered) -> Vec<search::SearchAnswer> {
        let ItemMeta::Qa(meta) = &self.content.items[i].meta else {
            return Vec::new();
        };
        let accepted = meta
            .accepted
            .as_ref()
            .map(|a| a.to_vec())
            .unwrap_or_default();
        let base = rendered.text.as_ptr() as usize;
        rendered
            .answers()
            .filter_map(|a| {
                let author = self.answerer(a);
                let text = a.text(&rendered.text);
                // `text` is a slice of the body's text (an empty one may not be).
                let start = (text.as_ptr() as usize).checked_sub(base)?;
                (!author.hidden && !text.is_empty()).then(|| search::SearchAnswer {
                    anchor: a.anchor.clone(),
                    author: author.name,
                    accepted: accepted.contains(&a.handle),
                    heading: a.title.clone(),
                    range: start..start + text.len(),
                })
            })
            .collect()
    }

    /// A member's profile: name and handle, role, expertise and the other public
    /// fields, and the bio.
    fn member_search_doc(&self, m: usize) -> SearchDoc<'static> {
        let profile = self.profile(m, false);
        let mut about: Vec<String> = Vec::new();
        about.extend(profile.person.role.clone());
        about.extend(profile.person.position.clone());
        about.extend(profile.company.clone());
        about.extend(profile.industry.clone());
        about.extend(profile.location.clone());
        about.extend(profile.seeking.iter().cloned());
        about.extend(profile.hobbies.iter().cloned());
        about.push(self.bios[m].text.clone());
        SearchDoc {
            kind: DocKind::Member,
            url: profile.person.url.clone().unwrap_or_default(),
            title: profile.person.name.clone(),
            date: String::new(),
            tags: Vec::new(),
            headings: profile.expertise.iter().map(|e| e.name.clone()).collect(),
            people: public_people(vec![profile.person]),
            text: about.join("\n").into(),
            answers: Vec::new(),
        }
    }
}

/// Named people, each once; hidden members (the neutral label) are left out.
fn public_people(people: Vec<PersonView>) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    for p in people.into_iter().filter(|p| !p.hidden) {
        if !out
            .iter()
            .any(|(name, handle)| *name == p.name && *handle == p.handle)
        {
            out.push((p.name, p.handle));
        }
    }
    out
}

impl Site {
    /// The search page's filter choices: kinds, every tag, every public member.
    pub(crate) fn search_page_vars(&self) -> Own {
        let kinds: Vec<(&str, String)> = [
            ("qa", Kind::Qa),
            ("solution", Kind::Solution),
            ("talk", Kind::Talk),
            ("page", Kind::Page),
        ]
        .into_iter()
        .map(|(name, kind)| (name, self.kind_label(kind)))
        .chain(std::iter::once((
            "member",
            self.theme.string("kind_member"),
        )))
        .collect();
        let tags: Vec<_> = self.tags.iter().map(|t| self.tag_view(&t.name)).collect();
        let members: Vec<PersonView> = self
            .content
            .members
            .iter()
            .filter(|m| !m.meta.hidden)
            .map(|m| self.person(&m.handle))
            .collect();
        use crate::render::to_value;
        vec![
            ("kinds", to_value(&kinds)),
            ("tags", to_value(&tags)),
            ("members", to_value(&members)),
        ]
    }
}
