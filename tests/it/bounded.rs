//! Bounded pages (DESIGN §6, issue #18): the `small` fixture with one tag, one member
//! and one year made long enough that each of their pages would pass the byte limit
//! unpaginated, built once; asserts the page counts, the links between pages, what
//! only the first page shows, the sitemap, `check`, and the largest page.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::{Built, NOW, SiteTest};

/// Q&As under the tag `big`, all in 2025, all answered by `lisi`.
const ITEMS: usize = 650;
/// Generated members, each asking some of them (so each is credited).
const MEMBERS: usize = 130;
/// Cards a page of the kind lists, set in the site.yaml below.
const PAGINATE: usize = 50;
/// Rows a page of each tag section (`site::paging::TAG_ROWS_PER_PAGE`).
const TAG_ROWS: usize = 100;
/// Talks of one guest speaker in 2025 (the fixture gives them one more): more than
/// the ten the credits page shows.
const GUEST_TALKS: usize = 14;
/// The largest an HTML page may be (DESIGN §6).
const LIMIT: u64 = 200 * 1024;

fn site() -> SiteTest {
    let yaml = std::fs::read_to_string(crate::manifest().join("tests/fixtures/small/site.yaml"))
        .unwrap()
        .replace("paginate: 2", &format!("paginate: {PAGINATE}"));
    let mut site = SiteTest::new("small").file("site.yaml", &yaml);
    for m in 0..MEMBERS {
        site = site.file(
            &format!("content/members/m{m:03}.md"),
            &format!("---\nname: Member {m}\nexpertise: [Big]\n---\nAsks a lot.\n"),
        );
    }
    for k in 0..ITEMS {
        let (month, day) = (k % 12 + 1, k % 28 + 1);
        site = site.file(
            &format!("content/qa/2025-{month:02}-{day:02}-big-{k:03}.md"),
            &format!(
                "---\ntitle: Big question number {k} about keeping a large group lively\n\
                 asked_by: m{:03}\ntags: [big]\n---\nHow do we keep a group of {k} people \
                 talking, week after week, without the same five doing all of it?\n\n\
                 ## @lisi\n\nAsk one person a week to host, and thank them in the weekly post.\n",
                k % MEMBERS
            ),
        );
    }
    // A guest with more talks than the credits page lists under a name.
    for k in 0..GUEST_TALKS {
        site = site.file(
            &format!("content/talks/2025-06-{:02}-guest-{k:02}.md", k + 1),
            &format!(
                "---\ntitle: Guest talk {k}\nspeaker: {{ name: Professor Zhou, title: \
                 University professor }}\n---\nThe talk.\n"
            ),
        );
    }
    site
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| site().build().success())
}

/// The `rel` link of a page, if any.
fn rel(page: &crate::Page, rel: &str) -> Option<String> {
    page.attrs(&format!("a[rel={rel}]"), "href")
        .into_iter()
        .next()
}

#[test]
fn a_long_tag_is_paginated_with_who_to_ask_on_its_first_page_only() {
    let built = built();
    let pages = ITEMS.div_ceil(TAG_ROWS);
    assert!(pages > 2, "the tag should take more than two pages");
    assert!(
        built
            .out
            .join(format!("tags/big/page/{pages}/index.html"))
            .is_file()
    );
    assert!(
        !built
            .out
            .join(format!("tags/big/page/{}/", pages + 1))
            .exists()
    );
    let first = built.page("tags/big/");
    assert_eq!(first.count(".who-to-ask"), 1);
    assert_eq!(first.count("#qa li"), TAG_ROWS);
    // Rows, not cards: the title, its date, status and asker.
    assert_eq!(first.count("#qa article.card"), 0);
    assert_eq!(first.count("#qa li time"), TAG_ROWS);
    assert_eq!(first.count("#qa li .status"), TAG_ROWS);
    assert_eq!(rel(&first, "prev"), None);
    assert_eq!(rel(&first, "next").as_deref(), Some("/tags/big/page/2/"));
    let second = built.page("tags/big/page/2/");
    assert_eq!(second.count(".who-to-ask"), 0);
    assert_eq!(second.count("#qa li"), TAG_ROWS);
    assert_eq!(rel(&second, "prev").as_deref(), Some("/tags/big/"));
    assert_eq!(rel(&second, "next").as_deref(), Some("/tags/big/page/3/"));
    // Page 2 is its own page, but the tag's feed is the tag's.
    assert_eq!(
        second.attrs("link[rel=canonical]", "href"),
        ["https://example.org/tags/big/page/2/"]
    );
    assert_eq!(
        second.attrs("link[type='application/atom+xml']", "href"),
        ["/tags/big/feed.xml"]
    );
    let last = built.page(&format!("tags/big/page/{pages}/"));
    assert_eq!(rel(&last, "next"), None);
    assert_eq!(last.count("#qa li"), ITEMS - (pages - 1) * TAG_ROWS);
    // No card is on two pages, and none is left out.
    let mut seen = BTreeSet::new();
    for n in 1..=pages {
        let page = built.page(&cairn_page("tags/big/", n));
        for href in page.attrs("#qa li > a", "href") {
            assert!(seen.insert(href.clone()), "{href} on two pages");
        }
    }
    assert_eq!(seen.len(), ITEMS);
}

/// Page `n` of a list whose first page is at `first`, as cairn names it.
fn cairn_page(first: &str, n: usize) -> String {
    if n == 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}

#[test]
fn a_long_contribution_history_is_paginated() {
    let built = built();
    let first = built.page("members/lisi/");
    // 300 lines a page: lisi's 650 answers and the fixture's few take three.
    assert_eq!(first.count("ol.history > li"), 300);
    assert_eq!(first.count(".bio"), 1);
    assert_eq!(
        rel(&first, "next").as_deref(),
        Some("/members/lisi/page/2/")
    );
    let second = built.page("members/lisi/page/2/");
    assert_eq!(second.count(".bio"), 0);
    assert_eq!(second.attrs("ol.history", "start"), ["301"]);
    assert!(
        second
            .texts("a[href='/members/lisi/']")
            .contains(&"← Profile".to_string())
    );
    let third = built.page("members/lisi/page/3/");
    assert!(third.count("ol.history > li") > 50);
    assert_eq!(rel(&third, "next"), None);
    assert!(!built.out.join("members/lisi/page/4/").exists());
    // A short history is one page.
    assert!(!built.out.join("members/m000/page/2/").exists());
}

#[test]
fn the_archive_is_an_index_of_years_and_months_and_each_year_is_paginated() {
    let built = built();
    let index = built.page("archive/");
    assert!(
        index
            .attrs("a", "href")
            .contains(&"/archive/2025/".to_string())
    );
    // The index lists no write-up, only years and months with counts.
    assert_eq!(index.count(".archive-list"), 0);
    let months = index.attrs("#y2025 + ul a", "href");
    assert_eq!(months.len(), 12);
    // Newest month first; each links to the page of the year where it starts.
    assert_eq!(months[0], "/archive/2025/#m2025-12");
    assert!(
        months
            .iter()
            .any(|m| m.starts_with("/archive/2025/page/2/#m2025-")),
        "{months:?}"
    );
    let year = built.page("archive/2025/");
    assert_eq!(year.count(".archive-list li"), 300);
    assert_eq!(rel(&year, "next").as_deref(), Some("/archive/2025/page/2/"));
    let last = built.page("archive/2025/page/3/");
    assert_eq!(last.count(".archive-list li"), ITEMS + GUEST_TALKS - 600);
    assert_eq!(rel(&last, "prev").as_deref(), Some("/archive/2025/page/2/"));
    assert!(!built.out.join("archive/2025/page/4/").exists());
    // Every month link lands on a heading of its page.
    for link in &months {
        let (path, anchor) = link.split_once('#').unwrap();
        let page = built.page(path.trim_start_matches('/'));
        assert_eq!(page.count(&format!("[id='{anchor}']")), 1, "{link}");
    }
}

#[test]
fn the_members_directory_and_the_credits_table_are_paginated() {
    let built = built();
    let first = built.page("members/");
    assert_eq!(first.count(".member-card"), 100);
    assert_eq!(rel(&first, "next").as_deref(), Some("/members/page/2/"));
    let second = built.page("members/page/2/");
    // 130 generated and three public members of the fixture.
    assert_eq!(second.count(".member-card"), MEMBERS + 3 - 100);
    let expertise = built.page("members/expertise/big/page/2/");
    assert_eq!(expertise.count(".member-card"), MEMBERS - 100);
    let credits = built.page("credits/");
    assert_eq!(credits.count(".everyone tbody tr"), 100);
    assert_eq!(credits.count(".leaderboard"), 3);
    let rest = built.page("credits/page/2/");
    assert_eq!(rest.count(".leaderboard"), 0);
    assert_eq!(rest.texts(".everyone tbody tr td:first-child")[0], "101");
    assert_eq!(rel(&rest, "prev").as_deref(), Some("/credits/"));
    // Each guest is thanked with their newest ten talks and a count of the rest.
    let guest = credits.texts(".guests li");
    assert_eq!(guest.len(), 1);
    assert_eq!(credits.count(".guests li a"), 10);
    assert!(
        guest[0].ends_with(&format!("… {} more talks", GUEST_TALKS + 1 - 10)),
        "{guest:?}"
    );
    assert_eq!(rest.count(".guests"), 0);
}

#[test]
fn the_sitemap_lists_every_page_and_no_page_passes_the_limit() {
    let built = built();
    let sitemap = built.read("sitemap.xml");
    let listed: BTreeSet<String> = sitemap
        .split("<loc>https://example.org/")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_string())
        .collect();
    let mut pages = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&built.out) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&built.out).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let size = entry.metadata().unwrap().len();
        assert!(size <= LIMIT, "{rel} is {size} bytes");
        if let Some(page) = rel.strip_suffix("index.html") {
            pages.insert(page.to_string());
        }
    }
    // The search page is for people, not crawlers.
    pages.remove("search/");
    let missing: Vec<_> = pages.difference(&listed).collect();
    assert!(missing.is_empty(), "not in the sitemap: {missing:?}");
    let unknown: Vec<_> = listed.difference(&pages).collect();
    assert!(
        unknown.is_empty(),
        "in the sitemap, not written: {unknown:?}"
    );
    for page in [
        "tags/big/page/7/",
        "members/lisi/page/3/",
        "archive/2025/page/3/",
    ] {
        assert!(listed.contains(page), "{page}");
    }
}

#[test]
fn check_follows_every_page_link() {
    let site = site();
    let checked = site.run(&[
        "check".into(),
        "--deny-warnings".into(),
        "--now".into(),
        NOW.into(),
    ]);
    assert!(checked.output.status.success(), "{}", checked.stderr());
}
