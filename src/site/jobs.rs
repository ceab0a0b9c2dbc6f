//! Read by stages "fingerprints" and "render": the pages of a site (DESIGN §6) and
//! where each is written: a page is a light `Job`
//! until the render stage (`pages`) builds its view, so a large archive never holds
//! every page's view at once. `incremental` fingerprints jobs, `pages` renders them.

use crate::content::Kind;

use super::Site;

/// One page to render.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    /// Page `n` (1-based) of a kind's list.
    List(Kind, usize),
    Item(usize),
    /// The directory, or its page for one expertise.
    Members(Option<String>),
    Member(usize),
    Tags,
    Tag(usize),
    Archive,
    Credits,
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
        jobs.extend((0..self.tags.len()).map(Job::Tag));
        jobs.extend(
            self.content
                .members
                .iter()
                .enumerate()
                .filter(|(_, m)| !m.meta.hidden)
                .map(|(i, _)| Job::Member(i)),
        );
        jobs.extend([
            Job::Home,
            Job::Members(None),
            Job::Tags,
            Job::Credits,
            Job::NotFound,
        ]);
        if !self.published_books.is_empty() {
            jobs.push(Job::Books);
        }
        for kind in Kind::WRITE_UPS {
            let count = self.content.items.iter().filter(|i| i.kind == kind).count();
            let pages = count.div_ceil(self.config.paginate).max(1);
            jobs.extend((1..=pages).map(|n| Job::List(kind, n)));
        }
        jobs.extend((0..self.content.items.len()).map(Job::Item));
        jobs.extend(self.expertise().into_keys().map(|e| Job::Members(Some(e))));
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
            Job::Member(m) => Some(format!("members/{}/", self.content.members[*m].handle)),
            Job::Tag(t) => Some(format!("tags/{}/", self.tags[*t].slug)),
            Job::Archive => Some("archive/".into()),
            Job::Home => Some(String::new()),
            Job::Tags => Some("tags/".into()),
            Job::Credits => Some("credits/".into()),
            Job::Books => Some("books/".into()),
            Job::Members(None) => Some("members/".into()),
            Job::Members(Some(e)) => Some(format!("members/expertise/{}/", self.expertise_slug(e))),
            // As `weekly::Week::path` writes them (`weekly` is above this room).
            Job::Weeks(1) => Some("weekly/".into()),
            Job::Weeks(n) => Some(format!("weekly/page/{n}/")),
            Job::Week(year, number) => Some(format!("weekly/{year:04}-w{number:02}/")),
            _ => None,
        }
    }
}
