//! Accessibility: axe-core in headless Chromium reports no serious or critical
//! violation on the example site's pages, in light and in dark mode.
//! Needs Debian's `chromium` (`.ci/run` installs it); a missing browser fails the test.

use std::ffi::OsStr;
use std::path::PathBuf;

use headless_chrome::{Browser, LaunchOptions};

use crate::SiteTest;
use crate::serve::serve;

const AXE_VERSION: &str = "4.14.1";

/// axe-core from the npm registry (`crate::npm_package`), read once.
fn axe_source() -> String {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE
        .get_or_init(|| {
            let folder = crate::npm_package("axe-core", AXE_VERSION, "axe.min.js");
            std::fs::read_to_string(folder.join("axe.min.js")).unwrap()
        })
        .clone()
}

/// Headless Chromium, light or dark. Fails (never skips) when the browser is missing.
pub fn browser(dark: bool) -> Browser {
    let path = PathBuf::from("/usr/bin/chromium");
    assert!(
        path.is_file(),
        "Chromium is required: apt-get install -y chromium (.ci/run does this)"
    );
    let mut args: Vec<&OsStr> = [
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .iter()
    .map(OsStr::new)
    .collect();
    if dark {
        args.push(OsStr::new("--force-dark-mode"));
        args.push(OsStr::new("--blink-settings=preferredColorScheme=0"));
    }
    let options = LaunchOptions::default_builder()
        .path(Some(path))
        .sandbox(false)
        .window_size(Some((1280, 900)))
        .args(args)
        .idle_browser_timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap();
    Browser::new(options).expect("Chromium did not start")
}

/// One page of each type, and the pages with code blocks, a task list, tables,
/// footnotes, raw HTML and a talk Q&A.
const PAGES: &[&str] = &[
    "/",
    "/qa/",
    "/qa/page/2/",
    "/qa/2023-09-12-points-system-design/",
    "/qa/2026-06-09-cross-platform-identity/",
    "/qa/2023-08-08-export-chat-logs/",
    "/qa/2024-10-22-content-calendar/",
    "/qa/2023-11-28-activity-metrics-sql/",
    "/solutions/2023-10-10-points-v1-spreadsheet/",
    "/solutions/2025-03-04-points-v2-bot/",
    "/talks/2024-04-25-private-domain-retail/",
    "/talks/2025-07-08-five-years-as-community-kol/",
    "/about/",
    "/members/",
    "/members/lisi/",
    "/tags/",
    "/archive/",
    "/credits/",
    "/weekly/",
    "/weekly/2026-w42/",
    "/qa/2026-10-13-annual-review/",
    "/search/",
    "/search/?q=社群",
    "/no-such-page/",
];

/// The pages to audit: `PAGES` plus a tag page and an expertise page, or every page of
/// the example site, and a search with results, when `CAIRN_AXE_ALL_PAGES=1` (about
/// 12 minutes on 2 cores; `.ci/run` sets it).
fn pages_to_audit(site: &SiteTest) -> Vec<String> {
    let built = site.build().success();
    let mut all: Vec<String> = walkdir::WalkDir::new(&built.out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e.path().parent().unwrap().strip_prefix(&built.out).unwrap();
            let path = dir.display().to_string().replace('\\', "/");
            if path.is_empty() {
                "/".to_string()
            } else {
                format!("/{path}/")
            }
        })
        .collect();
    all.sort();
    if std::env::var_os("CAIRN_AXE_ALL_PAGES").is_some() {
        all.push("/search/?q=社群".into());
        all.push("/no-such-page/".into());
        return all;
    }
    let mut pages: Vec<String> = PAGES.iter().map(|p| p.to_string()).collect();
    for prefix in ["/tags/", "/members/expertise/"] {
        let first = all
            .iter()
            .find(|p| p.starts_with(prefix) && p.len() > prefix.len())
            .unwrap();
        pages.push(first.clone());
    }
    for page in &pages {
        assert!(
            page == "/no-such-page/" || page.contains('?') || all.contains(page),
            "{page} is not in the example site"
        );
    }
    pages
}

fn audit(dark: bool) {
    let site = SiteTest::example();
    let pages = pages_to_audit(&site);
    let s = serve(&site);
    let axe = axe_source();
    let browser = browser(dark);
    let tab = browser.new_tab().unwrap();
    let mut problems = Vec::new();
    for path in &pages {
        tab.navigate_to(&format!("http://{}{path}", s.addr))
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        if path.contains("?q=") {
            wait_for_search_results(&tab);
        }
        tab.evaluate(&axe, false).unwrap();
        let scheme = tab
            .evaluate("matchMedia('(prefers-color-scheme: dark)').matches", false)
            .unwrap();
        assert_eq!(
            scheme.value,
            Some(serde_json::Value::Bool(dark)),
            "colour scheme emulation"
        );
        let result = tab
            .evaluate(
                "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations
                   .filter(v => v.impact === 'serious' || v.impact === 'critical')
                   .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))",
                true,
            )
            .unwrap();
        let text = result
            .value
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let found: Vec<String> =
            serde_json::from_str(&text).unwrap_or_else(|_| vec![format!("axe returned {text}")]);
        problems.extend(found.into_iter().map(|f| format!("{path}: {f}")));
    }
    assert!(
        problems.is_empty(),
        "axe ({}):\n{}",
        if dark { "dark" } else { "light" },
        problems.join("\n")
    );
}

/// The search page fills its results after loading; audit them, not an empty list.
fn wait_for_search_results(tab: &headless_chrome::Tab) {
    let start = std::time::Instant::now();
    let ready = "document.querySelectorAll('#search-results li').length > 0 \
                 && document.getElementById('search-results').getAttribute('aria-busy') === 'false'";
    while tab.evaluate(ready, false).unwrap().value != Some(serde_json::Value::Bool(true)) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "search results never appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn no_serious_accessibility_violations_in_light_mode() {
    audit(false);
}

#[test]
fn no_serious_accessibility_violations_in_dark_mode() {
    audit(true);
}
