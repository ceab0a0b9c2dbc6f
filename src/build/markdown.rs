//! Stage "markdown": every body and bio rendered in parallel, with the links of each
//! resolved against the index; with `cairn serve`'s caches, only those that would come
//! out differently from last time.

use std::sync::Arc;

use rayon::prelude::*;

use crate::content;
use crate::content::Kind;
use crate::incremental::Caches;
use crate::markdown::{self, MarkdownOptions};
use crate::site::Site;

impl Site {
    /// Renders every body in parallel; with `cache`, only bodies that would come out
    /// differently from last time.
    pub(super) fn render_markdown(&mut self, cache: Option<&mut Caches>) {
        let resolver = self.resolver();
        let base = MarkdownOptions {
            raw_html: self.config.markdown.raw_html,
            highlight: self.config.markdown.highlight,
            quotes: self.config.markdown.quotes,
            answers: false,
            skip_first_h1: false,
        };
        let options = |item: &content::Item| MarkdownOptions {
            answers: item.kind == Kind::Qa,
            skip_first_h1: item.title_from_body,
            quotes: item.quotes().unwrap_or(base.quotes),
            ..base
        };
        let Some(cache) = cache else {
            self.rendered = self
                .content
                .items
                .par_iter()
                .map(|item| Arc::new(markdown::render(item.doc.body(), &resolver, options(item))))
                .collect();
            self.bios = self
                .content
                .members
                .par_iter()
                .map(|m| Arc::new(markdown::render(m.doc.body(), &resolver, base)))
                .collect();
            self.home = self
                .content
                .home
                .as_ref()
                .map(|h| markdown::render(h.doc.body(), &resolver, base));
            return;
        };
        let items: Vec<_> = self.content.items.iter().map(|i| (i, options(i))).collect();
        (self.rendered, self.body_keys) = cache.bodies.render(&items, |i| &i.doc, &resolver);
        let bios: Vec<_> = self.content.members.iter().map(|m| (m, base)).collect();
        (self.bios, self.bio_keys) = cache.bios.render(&bios, |m| &m.doc, &resolver);
        self.home = self
            .content
            .home
            .as_ref()
            .map(|h| markdown::render(h.doc.body(), &resolver, base));
    }
}
