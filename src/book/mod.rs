//! Books (DESIGN §12, docs/BOOKS.md): `books/<name>.yaml` → an EPUB 3 and a print
//! edition of write-ups, each chapter opening with its people. Above `pages`, whose
//! privacy-filtered views every chapter is built from, beside `publish`; `build` writes
//! the books that say `publish: true` and `cli` has `cairn book`. In order: the
//! definition (`definition`), the parts (`select`), bodies as XHTML (`xhtml`,
//! `images`), chapters and credits (`chapter`, `contributors`), the editions (`epub`,
//! `print`, `style`, `pdf`). Every file of a book is scanned for private values before
//! it is zipped, so a leak names its chapter.

mod assemble;
mod chapter;
mod contributors;
pub mod definition;
mod epub;
mod images;
pub mod pdf;
mod print;
mod select;
mod style;
mod words;
mod xhtml;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::Destination;
use crate::privacy::Scanner;
use crate::site::Site;

pub use definition::{BookDef, Paper};
pub use select::Part;

/// A book, checked against the site: its definition and the items of each part.
#[derive(Debug, Clone)]
pub struct Book {
    pub name: String,
    pub definition: definition::Definition,
    pub parts: Vec<Part>,
    /// The book's language: its own, else the site's.
    pub language: String,
}

impl Book {
    pub fn def(&self) -> &BookDef {
        &self.definition.def
    }
    /// How many chapters (write-ups) the book has.
    pub fn chapters(&self) -> usize {
        self.parts.iter().map(|p| p.items.len()).sum()
    }
}

/// A book's files, scanned.
pub struct Editions {
    pub epub: Vec<u8>,
    /// The print edition (HTML).
    pub print: String,
}

impl Site {
    /// The books under `books/` (one, when `only` names it), every problem of every
    /// definition reported together.
    pub fn books(&self, only: Option<&str>) -> Result<Vec<Book>, crate::Error> {
        let files = definition::definition_files(&self.root, only)?;
        let mut d = Diagnostics::new();
        let mut books = Vec::new();
        for file in files {
            let Some(def) = definition::read(&self.root, &file, &mut d) else {
                continue;
            };
            let parts = select::parts(self, &def, &mut d);
            books.push(Book {
                name: def.name.clone(),
                language: def
                    .def
                    .language
                    .clone()
                    .unwrap_or_else(|| self.config.language.clone()),
                definition: def,
                parts,
            });
        }
        if d.has_errors() {
            d.sort();
            return Err(crate::Error::Content(d));
        }
        Ok(books)
    }

    /// Writes `book`'s EPUB and print edition, each of their files scanned for private
    /// values first: a leak fails with the chapter it is in.
    pub fn make_book(&self, book: &Book) -> Result<Editions, crate::Error> {
        let secrets = self.secrets().scannable;
        let scanner = Scanner::new(&secrets);
        let mut leaks = Diagnostics::new();
        let shown = |what: &str| format!("books/{}: {what}", book.name);
        let entries = assemble::epub_entries(self, book);
        for e in &entries {
            leaks.extend(scanner.scan(&e.bytes, Path::new(&shown(&e.shown_as))));
        }
        let print = print::print_edition(self, book);
        for (what, html) in &print.pieces {
            leaks.extend(scanner.scan(html.as_bytes(), Path::new(&shown(what))));
        }
        if leaks.has_errors() {
            return Err(crate::Error::Content(leaks));
        }
        let package = assemble::package(self, book);
        let epub = epub::zip(&package, &entries)
            .map_err(|e| crate::Error::io(Path::new(&format!("books/{}.epub", book.name)), e))?;
        Ok(Editions {
            epub,
            print: print.html,
        })
    }

    /// `cairn book [NAME] [--pdf]`: each book (or the one named) into `out`: its EPUB,
    /// its print edition and, with `pdf`, the print edition printed. Returns the files.
    pub fn write_book_files(
        &self,
        only: Option<&str>,
        out: &Path,
        pdf: bool,
    ) -> Result<Vec<std::path::PathBuf>, crate::Error> {
        let books = self.books(only)?;
        if books.is_empty() {
            return Err(crate::Error::Usage(crate::messages::say_with_hint(
                "book-nothing-to-make",
                &[],
                "book-nothing-to-make-hint",
            )));
        }
        std::fs::create_dir_all(out).map_err(|e| crate::Error::io(out, e))?;
        let mut written = Vec::new();
        for book in &books {
            let editions = self.make_book(book)?;
            let epub = out.join(format!("{}.epub", book.name));
            std::fs::write(&epub, &editions.epub).map_err(|e| crate::Error::io(&epub, e))?;
            let html = out.join(format!("{}.html", book.name));
            std::fs::write(&html, &editions.print).map_err(|e| crate::Error::io(&html, e))?;
            written.extend([epub, html.clone()]);
            if pdf {
                let file = out.join(format!("{}.pdf", book.name));
                pdf::print(&html, &file)?;
                written.push(file);
            }
        }
        Ok(written)
    }

    /// Stage "books" of the load: every book definition checked (its problems join
    /// the content's), and the books that say `publish: true` kept for the `/books/`
    /// page and the nav.
    pub(crate) fn find_published_books(&mut self, d: &mut Diagnostics) {
        match self.books(None) {
            Ok(books) => {
                self.published_books = books
                    .iter()
                    .filter(|b| b.def().publish)
                    .map(|b| crate::site::PublishedBook {
                        name: b.name.clone(),
                        title: b.def().title.clone(),
                        subtitle: b.def().subtitle.clone(),
                        language: b.language.clone(),
                        chapters: b.chapters(),
                    })
                    .collect();
            }
            Err(crate::Error::Content(problems)) => d.extend(problems),
            Err(other) => {
                let error = other.to_string();
                d.push(Diagnostic::error_said(
                    &self.root.join("books"),
                    "unreadable-path",
                    &[("error", &error)],
                ));
            }
        }
    }

    /// Stage "books" of `cairn build`: the EPUB and print edition of every book that
    /// says `publish: true` (the `/books/` page is `pages`'s).
    pub(crate) fn write_books(&self, out: &dyn Destination) -> Result<(), crate::Error> {
        if self.published_books.is_empty() {
            return Ok(());
        }
        for book in self.books(None)?.iter().filter(|b| b.def().publish) {
            let editions = self.make_book(book)?;
            out.write(&format!("books/{}.epub", book.name), &editions.epub)?;
            out.write(
                &format!("books/{}.html", book.name),
                editions.print.as_bytes(),
            )?;
        }
        Ok(())
    }
}

/// A problem of a book as a diagnostic of its definition file, as the catalogues
/// word it (`diag-<code>` with `args`).
pub fn error(book: &Book, code: &'static str, args: &[(&'static str, &str)]) -> Diagnostic {
    Diagnostic::error_said(&book.definition.doc.path, code, args)
}
