//! Books, step 4: one write-up → one chapter: its label, title and people (the credit
//! lines, from the same privacy-filtered views as its page), then its body as XHTML.

use crate::render::context::{ItemView, PersonView};
use crate::site::Site;

use super::images::Images;
use super::words::Words;
use super::xhtml::{self, Rewriter, escape};

/// What a person did for a chapter, in the order the credit lines show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Asked,
    Answered,
    Wrote,
    Spoke,
    Hosted,
    Curated,
}

impl Role {
    pub fn label(self, w: &Words) -> &'static str {
        match self {
            Role::Asked => w.asked,
            Role::Answered => w.answered,
            Role::Wrote => w.wrote,
            Role::Spoke => w.spoke,
            Role::Hosted => w.hosted,
            Role::Curated => w.curated,
        }
    }
    /// The `data-role` a credit line carries, for tools and tests.
    pub fn key(self) -> &'static str {
        match self {
            Role::Asked => "asked",
            Role::Answered => "answered",
            Role::Wrote => "wrote",
            Role::Spoke => "spoke",
            Role::Hosted => "hosted",
            Role::Curated => "curated",
        }
    }
}

/// One person credited in a chapter.
#[derive(Debug, Clone)]
pub struct Credit {
    pub role: Role,
    pub person: PersonView,
    /// An answer the asker accepted.
    pub accepted: bool,
}

/// A chapter, written.
#[derive(Debug, Clone)]
pub struct Chapter {
    pub n: usize,
    pub title: String,
    pub lang: String,
    pub credits: Vec<Credit>,
    /// The chapter's XHTML: label, title, credits, body.
    pub body: String,
}

/// The people of a write-up, from its view: hidden members are already the neutral
/// label there, private fields already absent.
pub fn credits(view: &ItemView) -> Vec<Credit> {
    let mut out: Vec<Credit> = Vec::new();
    let mut add = |role: Role, person: &PersonView, accepted: bool| {
        let same = |c: &&mut Credit| {
            c.role == role
                && !person.hidden
                && c.person.handle == person.handle
                && c.person.name == person.name
        };
        match out.iter_mut().find(|c| same(c)) {
            Some(c) => c.accepted |= accepted,
            None => out.push(Credit {
                role,
                person: person.clone(),
                accepted,
            }),
        }
    };
    if let Some(p) = &view.asked_by {
        add(Role::Asked, p, false);
    }
    for a in &view.answers {
        add(Role::Answered, &a.author, a.accepted);
    }
    for p in &view.authors {
        add(Role::Wrote, p, false);
    }
    if let Some(p) = &view.speaker {
        add(Role::Spoke, p, false);
    }
    if let Some(p) = &view.host {
        add(Role::Hosted, p, false);
    }
    if let Some(p) = &view.curated_by {
        add(Role::Curated, p, false);
    }
    out
}

/// A person by display name, linked to the profile on the site; a hidden member is
/// the site's neutral word, with no link.
pub fn person_html(site: &Site, p: &PersonView, w: &Words) -> String {
    let name = escape(&p.name);
    let shown = match (&p.url, p.hidden) {
        (Some(url), false) => format!("<a href=\"{}\">{name}</a>", escape(&site.absolute(url))),
        _ => format!("<span>{name}</span>"),
    };
    if p.guest && p.handle.is_none() {
        format!("{shown} <span class=\"guest\">({})</span>", w.guest)
    } else {
        shown
    }
}

/// The credit lines of a chapter, one per role.
pub fn credits_html(site: &Site, credits: &[Credit], w: &Words) -> String {
    let mut out = String::from("<div class=\"credits\">");
    let mut roles: Vec<Role> = credits.iter().map(|c| c.role).collect();
    roles.dedup();
    for role in roles {
        out.push_str(&format!(
            "<p class=\"credit\" data-role=\"{}\"><span class=\"role\">{}</span> ",
            role.key(),
            role.label(w)
        ));
        let people: Vec<String> = credits
            .iter()
            .filter(|c| c.role == role)
            .map(|c| {
                let mut s = person_html(site, &c.person, w);
                if c.accepted {
                    s.push_str(&format!(
                        " <span class=\"accepted\">✓ {}</span>",
                        w.accepted
                    ));
                }
                s
            })
            .collect();
        out.push_str(&people.join(w.list_sep));
        out.push_str("</p>");
    }
    out.push_str("</div>");
    out
}

/// Chapter `n`, write-up `i`.
pub fn write(site: &Site, rw: &Rewriter, w: &Words, images: &mut Images, i: usize) -> Chapter {
    let view = site.item_view(i);
    let item = &site.content.items[i];
    let credits = credits(&view);
    let mut body = String::new();
    let mut label = vec![w.chapter_label(rw.chapter), view.summary.kind_label.clone()];
    if !view.summary.date.is_empty() {
        label.push(view.summary.date.clone());
    }
    body.push_str(&format!(
        "<header><p class=\"chapter-label\">{}</p><h1 class=\"chapter-title\">{}</h1>{}</header>",
        escape(&label.join(" · ")),
        escape(&view.summary.title),
        credits_html(site, &credits, w)
    ));
    if let Some(problem) = &view.problem {
        body.push_str(&format!("<p class=\"problem\">{}</p>", escape(problem)));
    }
    xhtml::write(&view.question_html, rw, images, &mut body);
    for a in &view.answers {
        body.push_str(&format!(
            "<section class=\"answer{}\"><h2 id=\"{}\">{}",
            if a.accepted { " accepted" } else { "" },
            escape(&rw.id(&a.anchor)),
            person_html(site, &a.author, w),
        ));
        if a.accepted {
            body.push_str(&format!(
                " <span class=\"accepted\">✓ {}</span>",
                w.accepted
            ));
        }
        if !a.title.is_empty() {
            body.push_str(&format!(" · {}", escape(&a.title)));
        }
        body.push_str("</h2>");
        xhtml::write(&a.html, rw, images, &mut body);
        body.push_str("</section>");
    }
    xhtml::write(&view.notes_html, rw, images, &mut body);
    xhtml::write(&view.content_html, rw, images, &mut body);
    body.push_str(&format!(
        "<p class=\"online\">{} <a href=\"{u}\">{u}</a></p>",
        w.online,
        u = escape(&site.absolute(&view.summary.url))
    ));
    Chapter {
        n: rw.chapter,
        title: view.summary.title.clone(),
        lang: site.lang(item.lang()).to_string(),
        credits,
        body,
    }
}
