//! Stage "render", for the books (DESIGN §12, docs/BOOKS.md): `/books/`, a page like
//! every other (the site's nav, head and footer) listing the books that say
//! `publish: true`, each with its EPUB and print edition. `book` checked them during
//! the load and writes their files; this page only links them.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::render::to_value;
use crate::site::Site;

use super::RenderFn;

/// A published book as `books.html` shows it.
#[derive(Debug, Clone, Serialize)]
struct BookView {
    title: String,
    subtitle: Option<String>,
    /// The book's language, when it is not the site's (`lang` on its entry).
    lang: Option<String>,
    chapters: usize,
    epub: String,
    print: String,
}

impl Site {
    pub(super) fn books_page(&self, render: &RenderFn<'_>) -> Result<(String, String), Diagnostic> {
        let books: Vec<BookView> = self
            .published_books
            .iter()
            .map(|b| BookView {
                title: b.title.clone(),
                subtitle: b.subtitle.clone(),
                lang: (b.language != self.config.language).then(|| b.language.clone()),
                chapters: b.chapters,
                epub: self.url(&format!("books/{}.epub", b.name)),
                print: self.url(&format!("books/{}.html", b.name)),
            })
            .collect();
        let title = self.theme.string("nav_books");
        let description = self.theme.string("books_intro");
        let page = self.page_view("books/", &title, &description, None, "books");
        render(
            "books/".into(),
            "books.html",
            page,
            vec![("books", to_value(&books))],
        )
    }
}
