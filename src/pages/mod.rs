//! Stages "cards" and "render": what each page shows, and each page rendered into the
//! output. Every `Job` (`site::jobs`) stays light until a rayon thread builds its view
//! (`views`, `lists`, `credits`, with its JSON-LD from `jsonld` and the item cards of
//! `cards`) and renders it with Tera, so a large archive never holds every page's view
//! in memory at once. With `incremental::Reuse`, a page whose fingerprint did not move
//! is kept as it is.

mod archive;
mod books;
mod cards;
mod credits;
mod jsonld;
mod lists;
mod progress;
mod views;
mod weekly;

use rayon::prelude::*;

use crate::content::Kind;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::output::Destination;
use crate::render::context::*;
use crate::render::{Renderer, Value, map_of, to_value};

use crate::incremental::Reuse;
use crate::site::{Job, Site};

use cards::Cards;
use jsonld::script_text;
use views::kind_name;

/// A page type's own variables, as template values: built straight into Tera's values
/// (no JSON in between), so cards (`cards`) go in as they are.
pub(crate) type Own = Vec<(&'static str, Value)>;

/// How a page job hands its variables to the template.
pub(super) type RenderFn<'a> =
    dyn Fn(String, &'static str, PageView, Own) -> Result<(String, String), Diagnostic> + 'a;

/// Variables of one page: `page` plus the page type's own.
fn vars(page: &PageView, own: Own) -> Own {
    let mut vars = own;
    vars.push(("page", to_value(page)));
    vars
}

/// What became of one page job.
enum Outcome {
    Written,
    /// Its fingerprint is the one the page in the output has.
    Kept,
    Failed(crate::diagnostics::Diagnostic),
}

fn write_problem(path: &str, e: crate::Error) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error_said(
        std::path::Path::new(path),
        "cannot-write",
        &[("error", &e.to_string())],
    )
}

impl Site {
    /// Values every template sees: `site` and `t`.
    pub fn template_globals(&self) -> Vec<(&'static str, serde_json::Value)> {
        let section = |title_key: &str, path: &str| Link {
            title: self.theme.string(title_key),
            url: self.url(path),
            current: false,
        };
        let mut menu: Vec<(i64, Link)> = self
            .content
            .items
            .iter()
            .filter_map(|i| match &i.meta {
                crate::content::ItemMeta::Page(p) if p.menu => Some((
                    p.weight,
                    Link {
                        title: i.title.clone(),
                        url: self.url(&self.item_path(i.kind, &i.slug)),
                        current: false,
                    },
                )),
                _ => None,
            })
            .collect();
        menu.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.title.cmp(&b.1.title)));
        let mut nav = vec![
            section("nav_qa", "qa/"),
            section("nav_solutions", "solutions/"),
            section("nav_talks", "talks/"),
            section("nav_members", "members/"),
            section("nav_tags", "tags/"),
            section("nav_archive", "archive/"),
            section("nav_credits", "credits/"),
        ];
        if !self.published_books.is_empty() {
            nav.push(section("nav_books", "books/"));
        }
        let site = SiteView {
            title: self.config.title.clone(),
            description: self.config.description.clone(),
            base_url: self.config.base_url.clone(),
            base_path: self.base_path.clone(),
            language: self.config.language.clone(),
            menu: menu.into_iter().map(|(_, l)| l).collect(),
            nav,
            search_enabled: self.config.search.enabled,
            stylesheet: self.stylesheet_url(),
            generator: format!("cairn {}", env!("CARGO_PKG_VERSION")),
            extra: self.config.extra.clone(),
        };
        vec![
            ("site", serde_json::to_value(site).unwrap_or_default()),
            (
                "t",
                serde_json::to_value(&self.theme.strings).unwrap_or_default(),
            ),
        ]
    }

    /// `/theme/style.css?v=<hash>` so a new theme is never hidden by a cached one.
    fn stylesheet_url(&self) -> String {
        let hash = self
            .theme
            .assets
            .get("style.css")
            .map_or(0, |b| crate::search::index::fnv(b));
        format!("{}theme/style.css?v={hash:08x}", self.base_path)
    }

    /// Renders and writes every page in parallel; returns how many were written. With
    /// `reuse`, a page whose fingerprint is the one it had last time is kept as it is.
    pub(crate) fn write_pages(
        &self,
        renderer: &Renderer,
        cards: &Cards,
        out: &dyn Destination,
        reuse: Option<&Reuse>,
    ) -> Result<usize, Diagnostics> {
        let mut jobs = self.jobs();
        jobs.extend(self.weekly_jobs());
        let progress = progress::Progress::new(self.progress, jobs.len());
        // Per job: its page's fingerprint, and whether the page was kept or the problem
        // rendering it; noted after the parallel part, so threads share no lock.
        let outcomes: Vec<(Option<(String, u64)>, Outcome)> = jobs
            .par_iter()
            .map(|job| {
                progress.tick();
                let mut fingerprint = None;
                if let Some(reuse) = reuse
                    && let Some(path) = self.job_path(job)
                    && let Some(fp) = self.job_fingerprint(&reuse.now, job, &path)
                {
                    if reuse.before.get(&path) == Some(&fp) {
                        return (Some((path, fp)), Outcome::Kept);
                    }
                    fingerprint = Some((path, fp));
                }
                let written = self
                    .render_job(job, renderer, cards)
                    .and_then(|(path, html)| {
                        out.write(&path, html.as_bytes())
                            .map_err(|e| write_problem(&path, e))
                    });
                (
                    fingerprint,
                    written.err().map_or(Outcome::Written, Outcome::Failed),
                )
            })
            .collect();
        let mut problems = Vec::new();
        let mut kept = Vec::new();
        let mut seen = reuse.map(|r| r.seen.lock().unwrap_or_else(|p| p.into_inner()));
        for (fingerprint, outcome) in outcomes {
            match outcome {
                Outcome::Failed(d) => problems.push(d),
                Outcome::Kept => kept.extend(fingerprint.as_ref().map(|(path, _)| path.clone())),
                Outcome::Written => {}
            }
            if let (Some(seen), Some((path, fp))) = (seen.as_mut(), fingerprint) {
                seen.insert(path, fp);
            }
        }
        drop(seen);
        if let Some(reuse) = reuse {
            reuse
                .kept
                .fetch_add(kept.len(), std::sync::atomic::Ordering::Relaxed);
        }
        out.keep_pages(&kept);
        if problems.is_empty() {
            Ok(jobs.len())
        } else {
            let mut d: Diagnostics = problems.into_iter().collect();
            d.sort();
            Err(d)
        }
    }

    /// `/search/`, rendered after the index it points to (only this page knows the
    /// index's version, so content edits leave every other page as it was).
    pub(crate) fn write_search_page(
        &self,
        r: &Renderer,
        staging: &dyn Destination,
        index: &crate::search::SearchIndex,
        page: PageView,
        mut own: Own,
    ) -> Result<(), crate::Error> {
        own.push((
            "search",
            to_value(&SearchInfo {
                shards: index.shards,
                version: index.version.clone(),
                script: format!("{}search/search.js?v={}", self.base_path, index.version),
            }),
        ));
        let html = r
            .render_values("search.html", vars(&page, own))
            .map_err(|d| crate::Error::Content(std::iter::once(d).collect()))?;
        staging.write("search/index.html", html.as_bytes())
    }

    pub(crate) fn page_view(
        &self,
        path: &str,
        title: &str,
        description: &str,
        lang: Option<&str>,
        kind: &str,
    ) -> PageView {
        PageView {
            title: title.to_string(),
            url: self.url(path),
            permalink: self.permalink(path),
            description: if description.is_empty() {
                self.config.description.clone()
            } else {
                description.to_string()
            },
            lang: self.lang(lang).to_string(),
            kind: kind.to_string(),
            feed: self.feed_url(path, kind),
            jsonld: match kind {
                "home" => script_text(&self.site_jsonld()),
                "list" | "members" | "tags" | "archive" | "credits" | "weekly" => script_text(
                    &self.collection_jsonld(title, path, &[(title.to_string(), path.to_string())]),
                ),
                "tag" => script_text(&self.collection_jsonld(
                    title,
                    path,
                    &[
                        (self.theme.string("nav_tags"), "tags/".into()),
                        (title.to_string(), path.to_string()),
                    ],
                )),
                "week" => script_text(&self.collection_jsonld(
                    title,
                    path,
                    &[
                        (self.theme.string("weekly_title"), "weekly/".into()),
                        (title.to_string(), path.to_string()),
                    ],
                )),
                _ => String::new(), // items and profiles set their own; 404 has none
            },
        }
    }

    /// The feed that belongs to the page at `path` of type `kind`.
    pub fn feed_url(&self, path: &str, kind: &str) -> String {
        let feed = match kind {
            "tag" | "member" => format!("{path}feed.xml"),
            "weekly" | "week" => "weekly/feed.xml".to_string(),
            "list" | "qa" | "solution" | "talk" => {
                format!("{}/feed.xml", path.split('/').next().unwrap_or(""))
            }
            _ => "feed.xml".to_string(),
        };
        self.url(&feed)
    }

    /// (output file, HTML) of one job.
    fn render_job(
        &self,
        job: &Job,
        r: &Renderer,
        cards: &Cards,
    ) -> Result<(String, String), Diagnostic> {
        let render = |path: String, template: &'static str, page: PageView, own: Own| {
            let html = r.render_values(template, vars(&page, own))?;
            Ok((format!("{path}index.html"), html))
        };
        match job {
            Job::Home => {
                let intro = self.home.as_ref().map(|h| h.html()).unwrap_or_default();
                let recent = |kind| cards.list(self.indices(kind).take(5));
                let since = self
                    .now
                    .checked_sub(jiff::Span::new().days(90))
                    .unwrap_or(self.now);
                let top: Vec<RankedPerson> =
                    self.ranked(self.ledger.leaderboard(Some(since), self.now), 10);
                let page = self.page_view("", &self.config.title, "", None, "home");
                render(
                    String::new(),
                    "index.html",
                    page,
                    vec![
                        ("intro_html", Value::from(intro)),
                        (
                            "recent",
                            map_of([
                                ("qa", recent(Kind::Qa)),
                                ("solutions", recent(Kind::Solution)),
                                ("talks", recent(Kind::Talk)),
                            ]),
                        ),
                        ("counts", to_value(&self.counts())),
                        ("top_contributors", to_value(&top)),
                        ("latest_week", to_value(&self.latest_week())),
                    ],
                )
            }
            Job::List(kind, n) => self.list_page(*kind, *n, cards, &render),
            Job::Item(i) => {
                let item = &self.content.items[*i];
                let view = self.item_view(*i);
                let path = self.item_path(item.kind, &item.slug);
                let template = match item.kind {
                    Kind::Qa => "qa.html",
                    Kind::Solution => "solution.html",
                    Kind::Talk => "talk.html",
                    Kind::Page => "page.html",
                };
                let mut page = self.page_view(
                    &path,
                    &item.title,
                    &view.summary.summary,
                    item.lang(),
                    kind_name(item.kind),
                );
                page.jsonld = script_text(&self.item_jsonld(*i, &view));
                render(path, template, page, vec![("item", to_value(&view))])
            }
            Job::Members(filter, n) => self.members_page(filter.as_deref(), *n, &render),
            Job::Member(m, n) => self.member_page(*m, *n, &render),
            Job::Tags => {
                let tags: Vec<TagView> = self.tags.iter().map(|t| self.tag_view(&t.name)).collect();
                let page =
                    self.page_view("tags/", &self.theme.string("nav_tags"), "", None, "tags");
                render(
                    "tags/".into(),
                    "tags.html",
                    page,
                    vec![("tags", to_value(&tags))],
                )
            }
            Job::Tag(t, n) => self.tag_page(*t, *n, cards, &render),
            Job::Archive => self.archive_index(&render),
            Job::ArchiveYear(year, n) => self.archive_year_page(*year, *n, &render),
            Job::Credits(n) => self.credits_page(*n, &render),
            Job::Weeks(n) => self.weeks_page(*n, &render),
            Job::Books => self.books_page(&render),
            Job::Week(year, number) => {
                let week = crate::weekly::Week::new(*year, *number).ok_or_else(|| {
                    let week = format!("{year}-W{number:02}");
                    Diagnostic::error_said(
                        std::path::Path::new("weekly/"),
                        "not-an-iso-week",
                        &[("week", &week)],
                    )
                })?;
                self.week_page(week, cards, &render)
            }
            Job::NotFound => {
                let page = self.page_view(
                    "404.html",
                    &self.theme.string("not_found_title"),
                    "",
                    None,
                    "404",
                );
                let html = r.render_values("404.html", vars(&page, Vec::new()))?;
                Ok(("404.html".into(), html))
            }
        }
    }
}
