//! The loaded site that every stage after "content" reads: the `Site`, its index
//! (`index`: items and members by name, URLs, tags, kinds), its pages (`jobs`) and how
//! long lists are cut into them (`paging`), and the
//! questions every room asks of it — where a page goes, who a handle is, which of a
//! member's fields are private. It knows no stage after the index: `build` lists the
//! stages, and the rooms above this one (`check`, `pages`, `publish`…) implement them.

mod index;
mod jobs;
pub mod paging;
pub mod spellings;

pub use index::Index;
pub use jobs::Job;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::content::{Content, Kind, Member};
use crate::credits::Ledger;
use crate::diagnostics::Diagnostics;
use crate::markdown::Rendered;
use crate::render::Theme;
use crate::render::context::Counts;

/// How long each stage took, for `--verbose`.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    pub(crate) fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let value = f();
        self.0.push((stage, start.elapsed()));
        value
    }
}

/// A tag with the items that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The spelling used most (see `spellings`).
    pub name: String,
    pub slug: String,
    pub items: Vec<usize>,
    /// The other spellings that fold to the same form: 新人引導 beside 新人引导.
    pub aliases: Vec<String>,
}

/// A loaded, checked site, ready to render.
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub theme: Theme,
    pub content: Content,
    pub now: Date,
    pub base_path: String,
    /// Handle → index into `content.members` (Fx hashed: looked up for every name of
    /// every item).
    pub members: FxHashMap<String, usize>,
    /// Item key → index into `content.items`.
    pub items: FxHashMap<String, usize>,
    /// Item key → URL, as `@/` links and `related:` name items.
    pub item_urls: Arc<HashMap<String, String>>,
    /// `rendered[i]` is the body of `content.items[i]`.
    pub rendered: Vec<Arc<Rendered>>,
    /// Per item: what identifies its rendered body (see `incremental`); empty unless
    /// the site was loaded with caches.
    pub body_keys: Vec<u64>,
    /// `bios[i]` is the bio of `content.members[i]`.
    pub bios: Vec<Arc<Rendered>>,
    pub bio_keys: Vec<u64>,
    pub home: Option<Rendered>,
    pub ledger: Arc<Ledger>,
    pub tags: Vec<Tag>,
    /// Where each kind's items stand in `content.items` (sorted by kind, newest first).
    pub kind_ranges: HashMap<Kind, std::ops::Range<usize>>,
    /// Each kind's tags with how many of its items carry them, by tag name.
    pub kind_tags: HashMap<Kind, Vec<(String, usize)>>,
    /// Expertise name → its page's URL slug, unique across the site.
    pub expertise_slugs: HashMap<String, String>,
    /// Expertise spelling → the name it is shown under and its aliases (`spellings`).
    pub expertise_names: HashMap<String, spellings::Spellings>,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    /// `cairn check` mode (see `BuildOptions::strict`).
    pub strict: bool,
    /// The credits page's and `credits.json`'s view, built by whichever comes first.
    pub(crate) credits: std::sync::OnceLock<crate::render::context::CreditsView>,
    /// The Mondays of the weeks that have anything, newest first (`weekly`), found once:
    /// every week page, the home page, the feed and the sitemap ask.
    pub(crate) week_mondays: std::sync::OnceLock<Vec<Date>>,
    /// The archive by year (`paging::ArchiveYear`), found once.
    pub(crate) archive_years: std::sync::OnceLock<Vec<paging::ArchiveYear>>,
    /// The books that say `publish: true`, checked by the load (`book`): `build`
    /// writes them and the `/books/` page lists them, in the site's nav when any.
    pub published_books: Vec<PublishedBook>,
    pub progress: bool,
}

/// A book as the `/books/` page lists it (DESIGN §12, docs/BOOKS.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublishedBook {
    /// `books/<name>.yaml`; its files are `books/<name>.epub` and `.html`.
    pub name: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub language: String,
    pub chapters: usize,
}

impl Site {
    /// A site of `content` as loaded, before the index: the stages of `Site::load`
    /// (build) fill in the rest.
    pub fn new(
        root: &std::path::Path,
        config: SiteConfig,
        theme: crate::render::Theme,
        content: Content,
        now: Date,
    ) -> Site {
        Site {
            root: root.to_path_buf(),
            base_path: config.base_path(),
            config,
            theme,
            content,
            now,
            members: FxHashMap::default(),
            items: FxHashMap::default(),
            item_urls: Arc::default(),
            rendered: Vec::new(),
            body_keys: Vec::new(),
            bios: Vec::new(),
            bio_keys: Vec::new(),
            home: None,
            ledger: Arc::default(),
            tags: Vec::new(),
            kind_ranges: HashMap::new(),
            kind_tags: HashMap::new(),
            expertise_slugs: HashMap::new(),
            expertise_names: HashMap::new(),
            diagnostics: Diagnostics::new(),
            timings: Timings::default(),
            strict: false,
            credits: Default::default(),
            week_mondays: Default::default(),
            archive_years: Default::default(),
            published_books: Vec::new(),
            progress: false,
        }
    }

    /// Output path (relative, with trailing slash) of an item.
    pub fn item_path(&self, kind: Kind, slug: &str) -> String {
        match kind {
            Kind::Page => format!("{slug}/"),
            _ => format!("{}/{slug}/", kind.section()),
        }
    }
    /// Site-absolute URL of an output path: `qa/x/` → `/archive/qa/x/`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path)
    }
    /// Full URL of an output path, for canonical links.
    pub fn permalink(&self, path: &str) -> String {
        if self.config.base_url.contains("://") {
            format!("{}{}", self.config.base_url, path)
        } else {
            self.url(path)
        }
    }
    /// A site-absolute path as a full URL (for feeds, sitemaps and JSON-LD).
    pub fn absolute(&self, url: &str) -> String {
        match url.strip_prefix(&self.base_path) {
            Some(rest) => self.permalink(rest),
            None => url.to_string(),
        }
    }
    /// A path written in front matter (`avatar: /static/a.png`, `slides:`) as it is
    /// published: with the base path under a sub-path `base_url` (CONTENT.md §9).
    pub fn site_path(&self, written: &str) -> String {
        crate::markdown::under_base(&self.base_path, written)
    }
    pub fn member_url(&self, handle: &str) -> String {
        self.url(&format!("members/{handle}/"))
    }
    /// A language for `lang` attributes: the item's own, else the site's.
    pub fn lang<'a>(&'a self, own: Option<&'a str>) -> &'a str {
        own.unwrap_or(&self.config.language)
    }
    /// The member with `handle`, if there is one.
    pub fn member(&self, handle: &str) -> Option<&Member> {
        self.members.get(handle).map(|&i| &*self.content.members[i])
    }
    /// What Markdown needs of the site: members' profiles (or the hidden label),
    /// items' URLs, the base path (stage "markdown", and a book's preface).
    pub fn resolver(&self) -> crate::markdown::Resolver {
        let members = self
            .content
            .members
            .iter()
            .map(|m| {
                let target = if m.meta.hidden {
                    crate::markdown::MentionTarget::Hidden
                } else {
                    crate::markdown::MentionTarget::Profile(self.member_url(&m.handle))
                };
                (m.handle.clone(), target)
            })
            .collect();
        crate::markdown::Resolver {
            members,
            items: Arc::clone(&self.item_urls),
            base_path: self.base_path.clone(),
            hidden_label: self.theme.string("hidden_member"),
            task_done_label: self.theme.string("task_done"),
            task_open_label: self.theme.string("task_open"),
        }
    }
    /// Whether `field` (`company`, `links.wechat`…) of `member` must stay unpublished.
    pub fn is_private(&self, member: &Member, field: &str) -> bool {
        member.meta.private.iter().any(|f| f == field)
            || self
                .config
                .members
                .private_fields
                .iter()
                .any(|f| f == field)
            || (field.starts_with("links.")
                && (member.meta.private.iter().any(|f| f == "links")
                    || self
                        .config
                        .members
                        .private_fields
                        .iter()
                        .any(|f| f == "links")))
    }
    /// The item an `@/` link or a `related:` entry names (`qa/x`, `/qa/x.md`, `qa/x/`).
    pub fn lookup(&self, reference: &str) -> Option<usize> {
        let key = reference
            .trim_start_matches('/')
            .trim_end_matches('/')
            .trim_end_matches(".md");
        self.items.get(key).copied()
    }
    /// Indices of the items of `kind`, newest first.
    pub fn indices(&self, kind: Kind) -> std::ops::Range<usize> {
        // Items are sorted by kind first, so each kind is one contiguous run.
        self.kind_ranges.get(&kind).cloned().unwrap_or(0..0)
    }
    /// How many write-ups of each kind, and public members, the site has.
    pub fn counts(&self) -> Counts {
        Counts {
            qa: self.indices(Kind::Qa).count(),
            solutions: self.indices(Kind::Solution).count(),
            talks: self.indices(Kind::Talk).count(),
            members: self
                .content
                .members
                .iter()
                .filter(|m| !m.meta.hidden)
                .count(),
        }
    }
    /// Expertise name → indices of the public members who list it, under the name
    /// each spelling is shown as (新人引導 counts for 新人引导 when that is used most).
    pub fn expertise(&self) -> BTreeMap<String, Vec<usize>> {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, m) in self.content.members.iter().enumerate() {
            if m.meta.hidden || self.is_private(m, "expertise") {
                continue;
            }
            for e in &m.meta.expertise {
                let list = map.entry(self.expertise_name(e).to_string()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        map
    }
    /// The name an expertise spelling is shown under.
    pub fn expertise_name<'a>(&'a self, spelling: &'a str) -> &'a str {
        self.expertise_names
            .get(spelling)
            .map_or(spelling, |s| s.name.as_str())
    }
    /// The other spellings of an expertise name.
    pub fn expertise_aliases(&self, name: &str) -> &[String] {
        self.expertise_names
            .get(name)
            .map_or(&[], |s| s.aliases.as_slice())
    }
    /// The tag a spelling names: its own, or the one it is an alias of.
    pub fn tag_index(&self, spelling: &str) -> Option<usize> {
        self.tags
            .binary_search_by(|t| t.name.as_str().cmp(spelling))
            .ok()
            .or_else(|| {
                self.tags
                    .iter()
                    .position(|t| t.aliases.iter().any(|a| a == spelling))
            })
    }
    /// URL segment of an expertise page (unique, see `unique_slugs`).
    pub fn expertise_slug(&self, name: &str) -> String {
        self.expertise_slugs
            .get(self.expertise_name(name))
            .cloned()
            .unwrap_or_else(|| "other".into())
    }
}

/// Today in time zone `zone` (the site's); `SOURCE_DATE_EPOCH` wins for reproducible
/// builds. A value set but not a time is an error, never a silent fall back to today.
pub fn today_in(zone: jiff::tz::TimeZone) -> Result<Date, crate::Error> {
    let at = now_instant()?.unwrap_or_else(jiff::Timestamp::now);
    Ok(at.to_zoned(zone).date())
}

/// The moment SOURCE_DATE_EPOCH sets, if set; an invalid value is an error. `build`
/// reads it in the site's time zone.
pub fn now_instant() -> Result<Option<jiff::Timestamp>, crate::Error> {
    std::env::var_os("SOURCE_DATE_EPOCH")
        .map(|value| source_date_epoch(&value.to_string_lossy()))
        .transpose()
}

/// The moment of a `SOURCE_DATE_EPOCH` value (whole seconds since 1970-01-01 UTC).
fn source_date_epoch(value: &str) -> Result<jiff::Timestamp, crate::Error> {
    let at = value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok());
    at.ok_or_else(|| {
        crate::Error::Usage(crate::messages::say_with_hint(
            "bad-source-date-epoch",
            &[("value", format!("{value:?}").into())],
            "bad-source-date-epoch-hint",
        ))
    })
}

/// Whole months from `from` to `to` (negative when `to` is earlier).
pub fn months_between(from: Date, to: Date) -> i32 {
    let mut months = (i32::from(to.year()) - i32::from(from.year())) * 12 + i32::from(to.month())
        - i32::from(from.month());
    if to.day() < from.day() {
        months -= 1;
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn source_date_epoch_is_a_date_or_an_error_naming_it() {
        let utc = |v: &str| {
            source_date_epoch(v)
                .unwrap()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        };
        assert_eq!(utc(" 0 "), date(1970, 1, 1));
        assert_eq!(utc("1700000000"), date(2023, 11, 14));
        for bad in ["", "yesterday", "1.5", "99999999999999999999"] {
            let e = source_date_epoch(bad).unwrap_err().to_string();
            assert!(e.contains("SOURCE_DATE_EPOCH") && e.contains(bad), "{e}");
            assert!(e.contains("hint"), "{e}");
        }
    }

    #[test]
    fn months_count_whole_months() {
        assert_eq!(months_between(date(2024, 1, 15), date(2025, 7, 15)), 18);
        assert_eq!(months_between(date(2024, 1, 15), date(2025, 7, 14)), 17);
        assert_eq!(months_between(date(2024, 3, 1), date(2024, 3, 31)), 0);
    }
}
