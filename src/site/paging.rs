//! Read by stages "fingerprints", "render" and "publish": how long lists are cut into
//! pages, so no HTML page grows with the archive (DESIGN §6: no page over 200 KB at
//! any size). The jobs (`jobs`), the pages (`pages`), their fingerprints
//! (`incremental`) and the sitemap (`publish`) all ask here, so they agree on every
//! page's path and contents.

use crate::content::{ItemMeta, Kind};

use super::Site;

/// Lines of the archive's year pages and of a member's contribution history per page:
/// a line (date, kind, title link) is 150–250 bytes, so a page of them stays near
/// 60 KB beside the ~8 KB every page's head, header and footer take.
pub const LINES_PER_PAGE: usize = 300;

/// Members per page of the directory, an expertise page and the credits page's
/// "everyone" table: a member card or table row is 400–700 bytes.
pub const PEOPLE_PER_PAGE: usize = 100;

/// Rows of each kind's section per page of a tag: a row (date, title link, status,
/// people) is 250–400 bytes, so three full sections stay near 100 KB. A tag page lists
/// titles, not cards: at 100k items the tags' pages were 10,000 files of 60 cards each,
/// and cards with their summaries were most of a 10k site's 50 MB of tag pages
/// (docs/BENCHMARKS.md, "A smaller output").
pub const TAG_ROWS_PER_PAGE: usize = 100;

/// Path of page `n` (1-based) of a list whose first page is at `first` (with its
/// trailing slash): `tags/x/`, then `tags/x/page/2/`, as the kind lists do.
pub fn page_path(first: &str, n: usize) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

/// Pages a list of `len` entries takes at `per` a page: at least one, for the empty list.
pub fn page_count(len: usize, per: usize) -> usize {
    len.div_ceil(per.max(1)).max(1)
}

/// One year of the archive: its write-ups newest first, and where each month starts.
#[derive(Debug, Clone)]
pub struct ArchiveYear {
    pub year: i16,
    /// Item indices, newest first (ties in item order).
    pub items: Vec<usize>,
    /// (month, how many items, index in `items` of its first one), newest month first.
    pub months: Vec<(i8, usize, usize)>,
}

impl ArchiveYear {
    /// Path of the year's first page: `archive/2026/`.
    pub fn path(&self) -> String {
        format!("archive/{:04}/", self.year)
    }

    pub fn pages(&self) -> usize {
        page_count(self.items.len(), LINES_PER_PAGE)
    }

    /// The page of the year that shows the item at `offset` of `items`.
    pub fn page_of(&self, offset: usize) -> usize {
        offset / LINES_PER_PAGE + 1
    }
}

impl Site {
    /// A tag's write-ups of each kind (in the tag's order), kinds without any left out.
    pub fn tag_sections(&self, t: usize) -> Vec<(Kind, Vec<usize>)> {
        let tag = &self.tags[t];
        Kind::WRITE_UPS
            .into_iter()
            .map(|kind| {
                let of_kind: Vec<usize> = tag
                    .items
                    .iter()
                    .copied()
                    .filter(|&i| self.content.items[i].kind == kind)
                    .collect();
                (kind, of_kind)
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }

    /// Pages of tag `t`: page `n` shows the `n`-th `TAG_ROWS_PER_PAGE` of each kind's
    /// section, so each section keeps its anchor (`#qa`) on the first page, which the
    /// kind lists' tag filters link to.
    pub fn tag_pages(&self, t: usize) -> usize {
        let longest = self
            .tag_sections(t)
            .iter()
            .map(|(_, items)| items.len())
            .max()
            .unwrap_or(0);
        page_count(longest, TAG_ROWS_PER_PAGE)
    }

    /// Pages of member `m`'s profile: its contribution history, `LINES_PER_PAGE` a page.
    pub fn member_pages(&self, m: usize) -> usize {
        let handle = &self.content.members[m].handle;
        page_count(self.ledger.of(handle).count(), LINES_PER_PAGE)
    }

    /// Pages of the members directory (`filter` none) or of one expertise's page.
    pub fn members_pages(&self, filter: Option<&str>) -> usize {
        let len = match filter {
            Some(e) => self.expertise().get(e).map_or(0, Vec::len),
            None => self
                .content
                .members
                .iter()
                .filter(|m| !m.meta.hidden)
                .count(),
        };
        page_count(len, PEOPLE_PER_PAGE)
    }

    /// First page of the directory or of an expertise's page.
    pub fn members_path(&self, filter: Option<&str>) -> String {
        match filter {
            Some(e) => format!("members/expertise/{}/", self.expertise_slug(e)),
            None => "members/".to_string(),
        }
    }

    /// Pages of `/credits/`: its "everyone" table, `PEOPLE_PER_PAGE` rows a page (the
    /// leaderboards stay on the first). One row per member credited by "now".
    pub fn credits_pages(&self) -> usize {
        page_count(
            self.ledger.leaderboard(None, self.now).len(),
            PEOPLE_PER_PAGE,
        )
    }

    /// The archive by year, newest first: every dated write-up (free pages are not
    /// in it). Found once; the jobs, the pages and the sitemap all ask.
    pub fn archive_years(&self) -> &[ArchiveYear] {
        self.archive_years.get_or_init(|| {
            let items = &self.content.items;
            let mut dated: Vec<usize> = (0..items.len())
                .filter(|&i| !matches!(items[i].meta, ItemMeta::Page(_)) && items[i].date.is_some())
                .collect();
            dated.sort_by(|&a, &b| items[b].date.cmp(&items[a].date).then(a.cmp(&b)));
            let mut years: Vec<ArchiveYear> = Vec::new();
            for i in dated {
                let Some(d) = items[i].date else { continue };
                if years.last().is_none_or(|y| y.year != d.year()) {
                    years.push(ArchiveYear {
                        year: d.year(),
                        items: Vec::new(),
                        months: Vec::new(),
                    });
                }
                let Some(year) = years.last_mut() else {
                    continue;
                };
                match year.months.last_mut() {
                    Some(m) if m.0 == d.month() => m.1 += 1,
                    _ => year.months.push((d.month(), 1, year.items.len())),
                }
                year.items.push(i);
            }
            years
        })
    }
}
