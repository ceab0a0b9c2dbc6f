//! Promises the docs make that no other test held (issue #23): "now" from
//! SOURCE_DATE_EPOCH and RFC 3339 `--now`, exit codes, `--bind`, `search.enabled:
//! false`, the search index's 64 KB text cap and member filter, the feeds' 20 entries,
//! the home page's `WebSite` JSON-LD, and the privacy scan in serve's rebuilds.

use std::process::Output;

use assert_cmd::Command;

use crate::{NOW, SiteTest, snapshot_tree};

/// `cairn <args>` on `site` with `env`, SOURCE_DATE_EPOCH unset unless `env` sets it.
fn cairn(site: &SiteTest, args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::cargo_bin("cairn")
        .unwrap()
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .arg("--root")
        .arg(site.root())
        .args(args)
        .output()
        .unwrap()
}

/// The output of `cairn build <args>` (into `out`), as a tree.
fn built(
    site: &SiteTest,
    out: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Vec<(String, Vec<u8>)> {
    let out = site.root().join(out);
    let mut all = vec!["build", "--out", out.to_str().unwrap()];
    all.extend(args);
    let run = cairn(site, &all, env);
    assert!(
        run.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    snapshot_tree(&out)
}

/// A solution verified on 2025-04-01 is past `stale_after_months: 18` from 2026-11-01
/// (19 months) but not on 2026-10-31 (18), so the output tells the two days apart.
fn dated_site() -> SiteTest {
    SiteTest::new("small").file(
        "content/solutions/2025-04-01-edge.md",
        "---\ntitle: Edge of staleness\nauthors: [lisi]\nproblem: dates\n---\nBody.\n",
    )
}

fn page(tree: &[(String, Vec<u8>)], rel: &str) -> String {
    let (_, bytes) = tree
        .iter()
        .find(|(p, _)| p == rel)
        .unwrap_or_else(|| panic!("no {rel}"));
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn source_date_epoch_is_the_build_date() {
    let site = dated_site();
    let nov1 = built(&site, "a", &["--now", NOW], &[]);
    let oct31 = built(&site, "b", &["--now", "2026-10-31"], &[]);
    let edge = "solutions/2025-04-01-edge/index.html";
    assert_ne!(
        page(&nov1, edge),
        page(&oct31, edge),
        "the fixture must tell the days apart"
    );
    // 2026-11-01T12:00:00Z
    let epoch = built(&site, "c", &[], &[("SOURCE_DATE_EPOCH", "1793534400")]);
    assert!(
        epoch == nov1,
        "SOURCE_DATE_EPOCH did not build as 2026-11-01"
    );
}

/// An RFC 3339 time is taken as its date in the site's time zone (UTC for this
/// English site): 23:30 on 31 October at UTC-5 is 1 November in UTC.
#[test]
fn an_rfc3339_now_is_its_date_in_the_sites_zone() {
    let site = dated_site();
    let nov1 = built(&site, "a", &["--now", NOW], &[]);
    let late = built(&site, "b", &["--now", "2026-10-31T23:30:00-05:00"], &[]);
    assert!(
        late == nov1,
        "2026-10-31T23:30:00-05:00 did not build as 2026-11-01"
    );
    let zulu = built(&site, "c", &["--now", "2026-11-01T00:00:00Z"], &[]);
    assert!(zulu == nov1);
}

/// In a site on Shanghai time, 16:30 UTC on 31 October is already 1 November: a time
/// given with `--now` or by SOURCE_DATE_EPOCH is read in the site's zone, as the
/// digest and the weeks read it, so the week's page and the digest agree.
#[test]
fn now_is_read_in_the_sites_time_zone() {
    let yaml = std::fs::read_to_string(dated_site().root().join("site.yaml")).unwrap();
    let site = dated_site().file("site.yaml", &format!("{yaml}timezone: Asia/Shanghai\n"));
    let nov1 = built(&site, "a", &["--now", NOW], &[]);
    let oct31 = built(&site, "b", &["--now", "2026-10-31"], &[]);
    assert!(nov1 != oct31, "the fixture must tell the days apart");
    let time = built(&site, "c", &["--now", "2026-10-31T16:30:00Z"], &[]);
    assert!(
        time == nov1,
        "00:30 in Shanghai on 1 November is 1 November"
    );
    // 2026-10-31T16:30:00Z
    let epoch = built(&site, "d", &[], &[("SOURCE_DATE_EPOCH", "1793464200")]);
    assert!(
        epoch == nov1,
        "SOURCE_DATE_EPOCH is read in the site's zone too"
    );
}

#[test]
fn usage_errors_exit_2_and_content_errors_exit_1() {
    let site = SiteTest::new("small");
    let bad_now = cairn(&site, &["build", "--now", "next week"], &[]);
    assert_eq!(bad_now.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_now.stderr).contains("is not a date"));
    let empty = SiteTest::new("small");
    std::fs::remove_file(empty.root().join("site.yaml")).unwrap();
    // CONFIG §2.8: a missing site.yaml is the site's problem for build and check (1),
    // while serve, which has nothing to serve, stops with 2 (serve.rs).
    for command in ["build", "check"] {
        let run = cairn(&empty, &[command, "--now", NOW], &[]);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(
            run.status.code(),
            Some(1),
            "{command} without site.yaml: {stderr}"
        );
        assert!(stderr.contains("cannot read site.yaml"), "{stderr}");
    }
    let broken = SiteTest::new("small").file("content/pages/x.md", "---\ntitle: [\n---\n");
    assert_eq!(
        cairn(&broken, &["build", "--now", NOW], &[]).status.code(),
        Some(1)
    );
    assert_eq!(
        cairn(&site, &["build", "--now", NOW], &[]).status.code(),
        Some(0)
    );
}

#[test]
fn serve_listens_where_bind_says() {
    let site = SiteTest::new("small");
    let s = crate::serve::serve_with_args(&site, &["--bind", "127.0.0.2"]);
    assert!(s.addr.starts_with("127.0.0.2:"), "{}", s.addr);
    assert_eq!(crate::serve::get(&s.addr, "/about/").0, 200);
    let port = s.addr.rsplit(':').next().unwrap();
    assert!(
        std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err(),
        "serve also listens on 127.0.0.1"
    );
}

#[test]
fn search_disabled_writes_no_index_page_or_box() {
    let site = SiteTest::new("small").file(
        "site.yaml",
        "title: Small Circle\nbase_url: https://example.org/\nlanguage: en\nsearch: { enabled: false }\n",
    );
    let built = site.build().success();
    assert!(!built.out.join("search").exists(), "search/ was written");
    let on = SiteTest::new("small").build().success();
    assert!(on.out.join("search/index.html").is_file());
    let box_css = "form[role=search], input[type=search]";
    assert!(
        on.page("").count(box_css) > 0,
        "the fixture's header has a search box"
    );
    for (path, bytes) in snapshot_tree(&built.out) {
        if path.ends_with(".html") {
            let page = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
            let sel = scraper::Selector::parse(box_css).unwrap();
            assert_eq!(page.select(&sel).count(), 0, "a search box in {path}");
        }
    }
}

/// The words of every file under `search/`, for looking up what the index holds
/// (its gzipped files read unpacked, as the page reads them).
fn index_text(built: &crate::Built) -> String {
    snapshot_tree(&built.out.join("search"))
        .into_iter()
        .map(|(p, b)| {
            String::from_utf8_lossy(&cairn::search::as_read(&p, &b).unwrap()).into_owned()
        })
        .collect()
}

#[test]
fn body_text_past_64_kb_is_neither_indexed_nor_shipped() {
    let filler = "lorem ipsum dolor sit amet ".repeat(70_000 / 27);
    let body = format!("zqxbeforecap {filler}\n\nzqxaftercap\n");
    let built = SiteTest::new("small")
        .file(
            "content/pages/long.md",
            &format!("---\ntitle: Long\n---\n{body}"),
        )
        .build()
        .success();
    let index = index_text(&built);
    assert!(
        index.contains("zqxbeforecap"),
        "the first words are indexed"
    );
    assert!(
        !index.contains("zqxaftercap"),
        "a word past 64 KB is in the index"
    );
}

#[test]
fn search_filters_by_member() {
    let site = SiteTest::new("small")
        .file(
            "content/qa/2024-07-01-by-lisi.md",
            "---\ntitle: Lisi asks zqxfilterword\nasked_by: lisi\n---\nzqxfilterword\n",
        )
        .file(
            "content/qa/2024-07-02-by-zhangwei.md",
            "---\ntitle: Zhangwei asks zqxfilterword\nasked_by: zhangwei\n---\nzqxfilterword\n",
        );
    let titles =
        crate::search::search_titles(&site, &["q=zqxfilterword", "q=zqxfilterword&member=lisi"]);
    assert_eq!(titles[0].len(), 2, "{titles:?}");
    assert_eq!(titles[1], vec!["Lisi asks zqxfilterword"], "{titles:?}");
}

#[test]
fn feeds_carry_the_newest_20_entries() {
    let mut site = SiteTest::new("small");
    for n in 1..=25 {
        site = site.file(
            &format!("content/qa/2025-01-{n:02}-q{n}.md"),
            &format!("---\ntitle: Question {n}\nasked_by: lisi\n---\nWhy?\n"),
        );
    }
    let built = site.build().success();
    let feed = feed_rs::parser::parse(built.read("feed.xml").as_bytes()).expect("feed.xml parses");
    assert_eq!(feed.entries.len(), 20);
    let titles: Vec<String> = feed
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .collect();
    assert!(titles.contains(&"Question 25".to_string()), "{titles:?}");
    assert!(!titles.contains(&"Question 1".to_string()), "{titles:?}");
}

#[test]
fn the_home_page_describes_the_site_as_a_website_in_json_ld() {
    let built = SiteTest::new("small").build().success();
    let home = built.page("");
    let blocks: Vec<serde_json::Value> = home
        .texts("script[type='application/ld+json']")
        .iter()
        .map(|t| serde_json::from_str(t).expect("JSON-LD parses"))
        .collect();
    let site = blocks
        .iter()
        .find(|b| b["@type"] == "WebSite")
        .unwrap_or_else(|| panic!("no WebSite in {blocks:?}"));
    assert_eq!(site["@context"], "https://schema.org");
    assert_eq!(site["name"], "Small Circle");
    assert_eq!(site["url"], "https://example.org/");
    assert_eq!(site["inLanguage"], "en");
}

/// serve's rebuilds patch the served folder file by file instead of staging a whole
/// build; the privacy scan still stops a leaking save from reaching it.
#[test]
fn serve_rebuilds_are_scanned_for_private_values() {
    let site = SiteTest::new("small");
    let s = crate::serve::serve(&site);
    let (status, before) = crate::serve::get(&s.addr, "/about/");
    assert_eq!(status, 200);
    std::fs::write(
        site.root().join("content/pages/about.md"),
        "---\ntitle: About\nmenu: true\n---\nWangfang works at SECRET-COMPANY-SENTINEL.\n",
    )
    .unwrap();
    let started = std::time::Instant::now();
    let body = loop {
        let body = crate::serve::get(&s.addr, "/about/").1;
        if body.contains("cairn-errors") {
            break body;
        }
        assert!(started.elapsed().as_secs() < 30, "no error overlay");
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(body.contains("a private value leaked"), "{body}");
    assert!(
        !body.contains("SECRET-COMPANY-SENTINEL"),
        "the leak was served"
    );
    assert!(body.contains(before.split("</body>").next().unwrap_or("")[..200].trim()));
    let scratch = std::env::temp_dir()
        .join(format!("cairn-serve-{}", s.pid()))
        .join("public");
    for (path, bytes) in snapshot_tree(&scratch) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("SECRET-COMPANY-SENTINEL"),
            "the leak reached {path} on disk"
        );
    }
}
