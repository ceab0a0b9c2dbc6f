//! Between stages "render" and "search": what a build lets go of, and when: once every page is written, the HTML of bodies
//! and bios; once the search stage has its input, what only pages needed. The search
//! index, the stage with the most memory of its own, then has the room (docs/BENCHMARKS.md).

use std::sync::Arc;

use rayon::prelude::*;

use crate::site::Site;

impl Site {
    /// Drops the HTML of every rendered body and bio and the source of every item once
    /// the pages are written, keeping the text, headings and answers the search index
    /// reads. Member files stay: `check` locates its privacy warnings in them
    /// afterwards. What is shared with `cairn serve`'s caches is left alone (it is not
    /// this build's to drop).
    pub(super) fn shed_page_bodies(&mut self) {
        // On every core: freeing 100k bodies on one thread left the other idle.
        self.rendered
            .par_iter_mut()
            .chain(self.bios.par_iter_mut())
            .for_each(|rendered| {
                if let Some(r) = Arc::get_mut(rendered) {
                    r.shed_html();
                }
            });
        self.content.items.par_iter_mut().for_each(|item| {
            if let Some(item) = Arc::get_mut(item) {
                item.doc.shed_text();
            }
        });
        trim_heap();
    }

    /// Drops what only pages needed (the ledger, the item tables, the items' front
    /// matter) once the search stage has taken its input: at 100k items that is
    /// ~150 MB less under the index's own peak. Members stay: `check` reports on
    /// their files afterwards.
    pub(super) fn shed_for_search(&mut self) {
        self.ledger = Arc::default();
        self.credits = Default::default();
        self.item_urls = Arc::default();
        self.tags = Vec::new();
        // The two largest are freed on every core.
        let items = std::mem::take(&mut self.items);
        let content_items = std::mem::take(&mut self.content.items);
        rayon::join(
            || items.into_par_iter().for_each(drop),
            || content_items.into_par_iter().for_each(drop),
        );
        trim_heap();
    }
}

/// glibc keeps freed memory mapped, scattered between live blocks where the index's
/// larger allocations do not fit; giving it back makes the search stage's peak its own
/// needs, not those plus every page's freed HTML.
fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system; it is safe to
    // call at any time from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}
