//! Read by stages "fingerprints" and "render": the pages of a site (DESIGN §6) and
//! where each is written: a page is a light `Job`
//! until the render stage (`pages`) builds its view, so a large archive never holds
//! every page's view at once. `incremental` fingerprints jobs, `pages` renders them.

use crate::content::Kind;

use super::Site;
use super::paging::page_path;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    /// Page `n` (1-based) of a kind's list.
    List(Kind, usize),
    Item(usize),
    /// Page `n` (1-based) of the directory, or of its page for one expertise.
    Members(Option<String>, usize),
    /// Page `n` of a member's profile (its contribution history, `paging`).
    Member(usize, usize),
    Tags,
    /// Page `n` of a tag.
    Tag(usize, usize),
    /// `/archive/`: the years and months, with counts.
    Archive,
    /// Page `n` of one year of the archive.
    ArchiveYear(i16, usize),
    /// Page `n` of `/credits/` (the leaderboards are on the first).
    Credits(usize),
    NotFound,
    /// Page `n` (1-based) of `/weekly/`, and one week's page (ISO year, week): added
    /// by `pages`, where the weeks are known (DESIGN §12).
    Weeks(usize),
    Week(i16, i8),
    /// `/books/`, when a book says `publish: true` (`pages::books`).
    Books,
}

impl Site {
    /// Every page, the heaviest first (the archive, tag pages and profiles list many
    /// items), so the last pages rayon hands out are small and no core idles at the end.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs = vec![Job::Archive];
        for year in self.archive_years() {
            jobs.extend((1..=year.pages()).map(|n| Job::ArchiveYear(year.year, n)));
        }
        for t in 0..self.tags.len() {
            jobs.extend((1..=self.tag_pages(t)).map(|n| Job::Tag(t, n)));
        }
        for (m, member) in self.content.members.iter().enumerate() {
            if !member.meta.hidden {
                jobs.extend((1..=self.member_pages(m)).map(|n| Job::Member(m, n)));
            }
        }
        jobs.extend([Job::Home, Job::Tags, Job::NotFound]);
        jobs.extend((1..=self.members_pages(None)).map(|n| Job::Members(None, n)));
        jobs.extend((1..=self.credits_pages()).map(Job::Credits));
        if !self.published_books.is_empty() {
            jobs.push(Job::Books);
        }
        for kind in Kind::WRITE_UPS {
            let count = self.content.items.iter().filter(|i| i.kind == kind).count();
            let pages = count.div_ceil(self.config.paginate).max(1);
            jobs.extend((1..=pages).map(|n| Job::List(kind, n)));
        }
        jobs.extend((0..self.content.items.len()).map(Job::Item));
        for e in self.expertise().into_keys() {
            let pages = self.members_pages(Some(&e));
            jobs.extend((1..=pages).map(|n| Job::Members(Some(e.clone()), n)));
        }
        jobs
    }

    /// Where a job's page goes, for the jobs that have fingerprints.
    pub fn job_path(&self, job: &Job) -> Option<String> {
        match job {
            Job::Item(i) => {
                let item = &self.content.items[*i];
                Some(self.item_path(item.kind, &item.slug))
            }
            Job::List(kind, 1) => Some(format!("{}/", kind.section())),
            Job::List(kind, n) => Some(format!("{}/page/{n}/", kind.section())),
            Job::Member(m, n) => Some(page_path(
                &format!("members/{}/", self.content.members[*m].handle),
                *n,
            )),
            Job::Tag(t, n) => Some(page_path(&format!("tags/{}/", self.tags[*t].slug), *n)),
            Job::Archive => Some("archive/".into()),
            Job::ArchiveYear(year, n) => Some(page_path(&format!("archive/{year:04}/"), *n)),
            Job::Home => Some(String::new()),
            Job::Tags => Some("tags/".into()),
            Job::Credits(n) => Some(page_path("credits/", *n)),
            Job::Books => Some("books/".into()),
            Job::Members(filter, n) => Some(page_path(&self.members_path(filter.as_deref()), *n)),
            // As `weekly::Week::path` writes them (`weekly` is above this room).
            Job::Weeks(1) => Some("weekly/".into()),
            Job::Weeks(n) => Some(format!("weekly/page/{n}/")),
            Job::Week(year, number) => Some(format!("weekly/{year:04}-w{number:02}/")),
            _ => None,
        }
    }
}
