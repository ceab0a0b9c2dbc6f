//! The build, as its list of stages: `Site::load` reads and checks everything, renders
//! Markdown and derives the ledger; `Site::build` renders pages and files into a
//! staging folder and swaps it in; `Site::check` does the same into a scratch folder and
//! checks every link. Each stage is named and timed (`cairn build --verbose`), and
//! implemented in the room it names: `site` (index), `check`, `pages`, `publish`,
//! `privacy`, `book`, `output`, `deploy`; `markdown` and `memory` here.

mod markdown;
mod memory;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::check::{linkcheck, resolve};
use crate::config::SiteConfig;
use crate::content;
use crate::credits::Ledger;
use crate::diagnostics::Diagnostics;
use crate::incremental::{Caches, Reuse};
use crate::output::{Destination, Staging};
use crate::privacy::Scanner;
use crate::render::{Renderer, Theme};
use crate::site::{Timings, now_instant};

pub use crate::site::Site;

/// What `cairn build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// "Now" for stale notices, credit windows and weeks, as a date; when none, the
    /// date of `now_at` in the site's time zone.
    pub now: Option<Date>,
    /// The moment that is "now" (`--now` as a time, SOURCE_DATE_EPOCH), read in the
    /// site's time zone; when none either, the clock's.
    pub now_at: Option<jiff::Timestamp>,
    /// Replace an output folder that cairn did not create.
    pub force: bool,
    /// `cairn check`: unknown mentions are errors, not warnings.
    pub strict: bool,
    /// Show a progress bar for long builds (a terminal, not quiet, not CI).
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
    pub(crate) fn load_with(
        options: &BuildOptions,
        mut caches: Option<&mut Caches>,
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
        let mut theme = theme.unwrap_or_else(|problems| {
            d.extend(problems);
            Theme::default()
        });
        if !theme.strings.is_empty() {
            let unknown = theme.rename(&config.strings);
            d.extend(unknown_strings(root, &theme, &unknown));
        }
        let content = timings.time("content", || {
            let sources = caches.as_deref_mut().map(|c| &mut c.sources);
            content::load_cached(root, options.drafts, &mut d, sources)
        });
        // "Today" is the site's: Monday 00:30 in Shanghai is a new week while UTC is
        // still Sunday, and weeks, windows and the digest must agree on it. `cli` and
        // `serve` turn a bad SOURCE_DATE_EPOCH into an error before loading (exit 2);
        // here, for callers that did not, it reads as unset.
        let now = options.now.unwrap_or_else(|| {
            let at = options
                .now_at
                .or_else(|| now_instant().ok().flatten())
                .unwrap_or_else(jiff::Timestamp::now);
            let zone = config.time_zone().unwrap_or(jiff::tz::TimeZone::UTC);
            at.to_zoned(zone).date()
        });
        let mut site = Site::new(root, config, theme, content, now);
        site.strict = options.strict;
        site.progress = options.progress;
        // Memos of whole-site passes, taken out of the caches for the load and put back.
        let mut memo = caches.as_deref_mut().map(|c| std::mem::take(&mut c.memo));
        timings.time("index", || match memo.as_mut() {
            Some(memo) => memo.index(&mut site, &mut d),
            None => {
                site.index(&mut d);
            }
        });
        timings.time("resolve", || {
            resolve::check_front_matter(&site, &mut d);
            crate::weekly::check_picks(&site, &mut d);
        });
        timings.time("markdown", || site.render_markdown(caches.as_deref_mut()));
        timings.time("links", || {
            resolve::check_bodies(&site, &mut d);
            crate::check::cascade::note_dependents(&site, &mut d);
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
        // Books are checked with the content, so one build reports every problem.
        timings.time("books", || site.find_published_books(&mut d));
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
        let scanner = Scanner::new(&secrets);
        let staging = staging?.scanning(&scanner, &out);
        let pages = site.stage(&staging, &mut timings)?;
        let footprint = timings.time("swap", || staging.commit())?;
        let mut warnings = site.diagnostics;
        warnings.extend(crate::deploy::host_warnings(
            &site.root,
            site.config.deploy.host,
            &footprint,
        ));
        Ok(BuildReport {
            pages,
            files: footprint.files,
            bytes: footprint.bytes,
            out,
            warnings,
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
        // Locked while check runs, removed after it (and by the next check when this
        // one is killed): `output::scratch`.
        let scratch = crate::output::scratch::Scratch::make("cairn-check-")?;
        let secrets = site.secrets().scannable;
        let scanner = Scanner::new(&secrets);
        let staging = Staging::new(&scratch.dir().join("public"), true)?;
        let staging = staging.scanning(&scanner, Path::new("public"));
        let mut timings = std::mem::take(&mut site.timings);
        let staged = site.stage(&staging, &mut timings);
        // What the output would be, against the host's limits (`deploy`).
        let host =
            crate::deploy::host_warnings(&site.root, site.config.deploy.host, &staging.footprint());
        let broken = match &staged {
            Ok(_) => timings.time("links", || {
                let sources = linkcheck::sources(&site);
                linkcheck::check(
                    staging.dir(),
                    &site.base_path,
                    Path::new("public"),
                    &sources,
                )
            }),
            Err(_) => Diagnostics::new(),
        };
        drop(staging);
        drop(scratch);
        staged?;
        let mut d = std::mem::take(&mut site.diagnostics);
        d.extend(broken);
        d.extend(host);
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
        reuse: Option<&Reuse>,
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
        reuse: Option<&Reuse>,
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
        // Books that say `publish: true` (docs/BOOKS.md); `pages` lists them.
        timings.time("books", || self.write_books(out))?;
        Ok((pages, renderer))
    }
}

/// Keys of `strings:` in site.yaml that name no interface string of the theme: located
/// errors, with the theme key they were probably meant to be.
fn unknown_strings(
    root: &Path,
    theme: &Theme,
    unknown: &[String],
) -> Vec<crate::diagnostics::Diagnostic> {
    if unknown.is_empty() {
        return Vec::new();
    }
    let rel = Path::new("site.yaml");
    let text = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
    let doc = content::Document::yaml_file(rel.to_path_buf(), text);
    unknown
        .iter()
        .map(|key| {
            use crate::diagnostics::Diagnostic;
            let found = Diagnostic::error_said(rel, "unknown-string", &[("key", key)]);
            let near =
                crate::diagnostics::did_you_mean(key, theme.strings.keys().map(String::as_str));
            let found = match near {
                Some(near) => found.with_hint_said("unknown-string-near", &[("near", near)]),
                None => found.with_hint_said("unknown-string-hint", &[]),
            };
            doc.field_diagnostic(found, "strings", key)
        })
        .collect()
}
