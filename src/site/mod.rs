//! Stages 2–7 in order: `Site::load` reads and checks everything, renders Markdown and
//! derives the ledger; `Site::build` renders pages and swaps the output in. Each stage
//! is named and timed, so the build reads like its own table of contents.

mod index;
mod jobs;

pub use index::{Index, unique_slugs};
pub use jobs::Job;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::content::{self, Content, Kind, Member};
use crate::credits::Ledger;
use crate::diagnostics::Diagnostics;
use crate::markdown::{self, MarkdownOptions, MentionTarget, Rendered, Resolver};
use crate::output::{Destination, Staging};
use crate::render::context::Counts;
use crate::render::{Renderer, Theme};

/// What `cairn build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// "Now" for stale notices and credit windows; today when none.
    pub now: Option<Date>,
    /// Replace an output folder that cairn did not create.
    pub force: bool,
    /// `cairn check`: unknown mentions are errors, not warnings.
    pub strict: bool,
    /// Show a progress bar for long builds (a terminal, not quiet, not CI).
    pub progress: bool,
}

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
    pub name: String,
    pub slug: String,
    pub items: Vec<usize>,
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
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    /// `cairn check` mode (see `BuildOptions::strict`).
    pub strict: bool,
    /// The credits page's and `credits.json`'s view, built by whichever comes first.
    pub(crate) credits: std::sync::OnceLock<crate::render::context::CreditsView>,
    pub progress: bool,
}

/// What a successful build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub out: PathBuf,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

impl Site {
    /// Reads, checks and renders the content of the site at `options.root`. Every
    /// problem found on the way comes back together.
    pub fn load(options: &BuildOptions) -> Result<Site, Diagnostics> {
        Site::load_with(options, None)
    }

    /// `load`, taking unchanged files and bodies from `caches` (`cairn serve`).
    pub fn load_with(
        options: &BuildOptions,
        mut caches: Option<&mut crate::incremental::Caches>,
    ) -> Result<Site, Diagnostics> {
        let root = options.root.as_path();
        let mut d = Diagnostics::new();
        let mut timings = Timings::default();
        let config = timings.time("config", || SiteConfig::load(root, &mut d));
        let Some(mut config) = config else {
            return Err(d);
        };
        if let Some(base_url) = &options.base_url {
            config.base_url = if base_url.ends_with('/') {
                base_url.clone()
            } else {
                format!("{base_url}/")
            };
        }
        let theme = timings.time("theme", || {
            Theme::load(root, &config.theme, &config.language)
        });
        let theme = theme.unwrap_or_else(|problems| {
            d.extend(problems);
            Theme::default()
        });
        let content = timings.time("content", || {
            let sources = caches.as_deref_mut().map(|c| &mut c.sources);
            content::load_cached(root, options.drafts, &mut d, sources)
        });
        let now = options.now.unwrap_or_else(today);
        let mut site = Site {
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
            diagnostics: Diagnostics::new(),
            timings: Timings::default(),
            strict: options.strict,
            credits: Default::default(),
            progress: options.progress,
        };
        // Memos of whole-site passes, taken out of the caches for the load and put back.
        let mut memo = caches.as_deref_mut().map(|c| std::mem::take(&mut c.memo));
        timings.time("index", || match memo.as_mut() {
            Some(memo) => memo.index(&mut site, &mut d),
            None => {
                site.index(&mut d);
            }
        });
        timings.time("resolve", || {
            crate::check::resolve::check_front_matter(&site, &mut d)
        });
        timings.time("markdown", || site.render_markdown(caches.as_deref_mut()));
        timings.time("links", || {
            crate::check::resolve::check_bodies(&site, &mut d)
        });
        timings.time("credits", || {
            site.ledger = match memo.as_mut() {
                Some(memo) => memo.ledger(&site),
                None => Arc::new(Ledger::derive(
                    &site.content,
                    &site.rendered,
                    &site.config.credits,
                )),
            }
        });
        if let (Some(caches), Some(memo)) = (caches, memo) {
            caches.memo = memo;
        }
        d.sort();
        if d.has_errors() {
            return Err(d);
        }
        site.diagnostics = d;
        site.timings = timings;
        Ok(site)
    }

    /// Loads the site and writes it to the output folder, swapping it in only when
    /// every page rendered.
    pub fn build(options: &BuildOptions) -> Result<BuildReport, crate::Error> {
        let mut site = Site::load(options).map_err(crate::Error::Content)?;
        let out = options
            .out
            .clone()
            .unwrap_or_else(|| site.root.join("public"));
        let mut timings = std::mem::take(&mut site.timings);
        // What to scan for is known before the first write: the scan runs as files are
        // written, not over the finished folder.
        let (secrets, staging) = timings.time("prepare", || {
            (site.secrets().scannable, Staging::new(&out, options.force))
        });
        let scanner = crate::privacy::Scanner::new(&secrets);
        let staging = staging?.scanning(&scanner, &out);
        let pages = site.stage(&staging, &mut timings)?;
        let (files, bytes) = timings.time("swap", || staging.commit())?;
        Ok(BuildReport {
            pages,
            files,
            bytes,
            out,
            warnings: site.diagnostics,
            timings,
        })
    }

    /// Every check `build` makes, with unknown mentions as errors, plus a report of the
    /// private values too short to scan. Renders into a scratch folder that is removed
    /// afterwards: nothing is written to the output.
    pub fn check(options: &BuildOptions) -> Result<Diagnostics, crate::Error> {
        let options = BuildOptions {
            strict: true,
            ..options.clone()
        };
        let mut site = Site::load(&options).map_err(crate::Error::Content)?;
        let scratch = std::env::temp_dir().join(format!("cairn-check-{}", std::process::id()));
        let secrets = site.secrets().scannable;
        let scanner = crate::privacy::Scanner::new(&secrets);
        let staging = Staging::new(&scratch.join("public"), true)?;
        let staging = staging.scanning(&scanner, Path::new("public"));
        let mut timings = std::mem::take(&mut site.timings);
        let staged = site.stage(&staging, &mut timings);
        let broken = match &staged {
            Ok(_) => timings.time("links", || {
                crate::check::linkcheck::check(staging.dir(), &site.base_path, Path::new("public"))
            }),
            Err(_) => Diagnostics::new(),
        };
        drop(staging);
        let _ = std::fs::remove_dir_all(&scratch);
        staged?;
        let mut d = std::mem::take(&mut site.diagnostics);
        d.extend(broken);
        d.extend(site.unscannable_warnings());
        d.sort();
        Ok(d)
    }

    /// Renders every page and file into `staging`, which scans each for private values
    /// as it is written (`Staging::scanning`); fails with the leaks found, if any.
    fn stage(&mut self, staging: &Staging, timings: &mut Timings) -> Result<usize, crate::Error> {
        let (pages, renderer) =
            self.write_pages_and_files(staging, None, timings, &mut || Ok(()))?;
        // Every page is written: what only pages needed can go before the search
        // index, the stage that needs the most memory of its own.
        self.shed_page_bodies();
        let searched = timings.time("search", || {
            let bodies = self.rendered.clone();
            let input = self.search_input(&bodies, &|| false);
            // What the index and the search page need is in `input` now.
            self.shed_for_search();
            self.write_search_from(input, &renderer, staging, &|| false)
        });
        let pages = pages + searched?.unwrap_or_default();
        // The scan itself ran on the writing threads, inside the stages above; this
        // only gathers and sorts what it found.
        let leaks = timings.time("privacy", || staging.leaks());
        if leaks.has_errors() {
            return Err(crate::Error::Content(leaks));
        }
        Ok(pages)
    }

    /// Writes every page and file to `out`, pages whose fingerprint `reuse` knows
    /// excepted. `pages_written` runs once the pages and the theme's assets are:
    /// `cairn serve` shows the new pages then, before the feeds and the search index,
    /// which an open page does not load. The search index is given up when `stop`
    /// says so (a newer save is waiting); returns the pages written and whether the
    /// index was.
    pub(crate) fn write_site(
        &self,
        out: &dyn Destination,
        reuse: Option<&crate::incremental::Reuse>,
        timings: &mut Timings,
        pages_written: &mut dyn FnMut() -> Result<(), crate::Error>,
        stop: &(dyn Fn() -> bool + Sync),
    ) -> Result<(usize, bool), crate::Error> {
        let (pages, renderer) = self.write_pages_and_files(out, reuse, timings, pages_written)?;
        let searched = timings.time("search", || self.write_search(&renderer, out, stop))?;
        Ok((pages + searched.unwrap_or_default(), searched.is_some()))
    }

    /// Everything but the search index; returns the pages written and the templates,
    /// which the search page needs too.
    fn write_pages_and_files(
        &self,
        out: &dyn Destination,
        reuse: Option<&crate::incremental::Reuse>,
        timings: &mut Timings,
        pages_written: &mut dyn FnMut() -> Result<(), crate::Error>,
    ) -> Result<(usize, Renderer), crate::Error> {
        let renderer = timings.time("templates", || {
            Renderer::new(&self.theme, &self.template_globals())
        });
        let renderer = renderer.map_err(|p| crate::Error::Content(p.into_iter().collect()))?;
        let cards = timings.time("cards", || self.cards(&renderer, reuse));
        let cards = cards.map_err(crate::Error::Content)?;
        let pages = timings.time("render", || self.write_pages(&renderer, &cards, out, reuse));
        // Cards are only for pages; the later stages would carry them for nothing.
        drop(cards);
        let pages = pages.map_err(crate::Error::Content)?;
        timings.time("assets", || self.write_assets(out))?;
        pages_written()?;
        timings.time("credits.json", || self.write_credits_json(out, reuse))?;
        timings.time("feeds", || self.write_publishing_files(out, reuse))?;
        Ok((pages, renderer))
    }

    /// Drops the HTML of every rendered body and bio and the source of every item once
    /// the pages are written, keeping the text, headings and answers the search index
    /// reads. Member files stay: `check` locates its privacy warnings in them
    /// afterwards. What is shared with `cairn serve`'s caches is left alone (it is not
    /// this build's to drop).
    fn shed_page_bodies(&mut self) {
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
    fn shed_for_search(&mut self) {
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

    /// Renders every body in parallel; with `cache`, only bodies that would come out
    /// differently from last time.
    fn render_markdown(&mut self, cache: Option<&mut crate::incremental::Caches>) {
        let resolver = self.resolver();
        let base = MarkdownOptions {
            raw_html: self.config.markdown.raw_html,
            highlight: self.config.markdown.highlight,
            answers: false,
            skip_first_h1: false,
        };
        let options = |item: &content::Item| MarkdownOptions {
            answers: item.kind == Kind::Qa,
            skip_first_h1: item.title_from_body,
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

    fn resolver(&self) -> Resolver {
        let members = self
            .content
            .members
            .iter()
            .map(|m| {
                let target = if m.meta.hidden {
                    MentionTarget::Hidden
                } else {
                    MentionTarget::Profile(self.member_url(&m.handle))
                };
                (m.handle.clone(), target)
            })
            .collect();
        Resolver {
            members,
            items: Arc::clone(&self.item_urls),
            hidden_label: self.theme.string("hidden_member"),
            task_done_label: self.theme.string("task_done"),
            task_open_label: self.theme.string("task_open"),
        }
    }

    /// A site-absolute path as a full URL (for feeds, sitemaps and JSON-LD).
    pub fn absolute(&self, url: &str) -> String {
        match url.strip_prefix(&self.base_path) {
            Some(rest) => self.permalink(rest),
            None => url.to_string(),
        }
    }

    pub fn member(&self, handle: &str) -> Option<&Member> {
        self.members.get(handle).map(|&i| &*self.content.members[i])
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

    pub fn lookup(&self, reference: &str) -> Option<usize> {
        let key = reference
            .trim_start_matches('/')
            .trim_end_matches('/')
            .trim_end_matches(".md");
        self.items.get(key).copied()
    }

    /// URL segment of an expertise page (unique, see `unique_slugs`).
    pub fn expertise_slug(&self, name: &str) -> String {
        self.expertise_slugs
            .get(name)
            .cloned()
            .unwrap_or_else(|| "other".into())
    }

    /// Indices of the items of `kind`, newest first.
    pub fn indices(&self, kind: Kind) -> std::ops::Range<usize> {
        // Items are sorted by kind first, so each kind is one contiguous run.
        self.kind_ranges.get(&kind).cloned().unwrap_or(0..0)
    }

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

    /// Expertise name → indices of the public members who list it.
    pub fn expertise(&self) -> BTreeMap<String, Vec<usize>> {
        let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, m) in self.content.members.iter().enumerate() {
            if m.meta.hidden || self.is_private(m, "expertise") {
                continue;
            }
            for e in &m.meta.expertise {
                map.entry(e.clone()).or_default().push(i);
            }
        }
        map
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

    pub fn member_url(&self, handle: &str) -> String {
        self.url(&format!("members/{handle}/"))
    }

    /// A language for `lang` attributes: the item's own, else the site's.
    pub fn lang<'a>(&'a self, own: Option<&'a str>) -> &'a str {
        own.unwrap_or(&self.config.language)
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

/// Today in the local time zone; `SOURCE_DATE_EPOCH` wins for reproducible builds.
pub fn today() -> Date {
    if let Some(date) = source_date_epoch() {
        return date;
    }
    jiff::Zoned::now().date()
}

fn source_date_epoch() -> Option<Date> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let ts = jiff::Timestamp::from_second(secs).ok()?;
    Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
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

/// Paths relative to the site root in messages, whatever the working directory.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    content::relative(root, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn months_count_whole_months() {
        assert_eq!(months_between(date(2024, 1, 15), date(2025, 7, 15)), 18);
        assert_eq!(months_between(date(2024, 1, 15), date(2025, 7, 14)), 17);
        assert_eq!(months_between(date(2024, 3, 1), date(2024, 3, 31)), 0);
    }
}
