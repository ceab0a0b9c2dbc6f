//! `cairn init` and `cairn new`.

use assert_cmd::Command;

use crate::SiteTest;

/// Runs `cairn check` on `site` with `extra` arguments.
fn check(site: &SiteTest, extra: &[&str]) -> std::process::Output {
    cairn()
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "check",
            "--now",
            crate::NOW,
        ])
        .args(extra)
        .output()
        .unwrap()
}

fn cairn() -> Command {
    let mut c = Command::cargo_bin("cairn").unwrap();
    c.env("NO_COLOR", "1");
    c
}

#[test]
fn init_then_build_works_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-site");
    cairn().arg("init").arg(&site).assert().success();
    cairn()
        .arg("--root")
        .arg(&site)
        .args(["build", "--now", "2026-11-01"])
        .assert()
        .success();
    assert!(site.join("public/index.html").is_file());
    assert!(
        site.join("public/qa/2024-03-01-first-question/index.html")
            .is_file()
    );
    assert!(
        std::fs::read_to_string(site.join(".gitignore"))
            .unwrap()
            .contains("/public/")
    );
}

#[test]
fn init_refuses_an_existing_site() {
    let site = SiteTest::new("small");
    let before = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    cairn().arg("init").arg(site.root()).assert().code(2);
    assert_eq!(
        std::fs::read_to_string(site.root().join("site.yaml")).unwrap(),
        before
    );
}

#[test]
fn new_creates_files_that_build_and_never_overwrites() {
    let site = SiteTest::new("small");
    let root = site.root().to_str().unwrap().to_string();
    cairn()
        .args(["--root", &root, "new", "member", "newbie"])
        .assert()
        .success();
    cairn()
        .args(["--root", &root, "new", "page", "加入我们"])
        .assert()
        .success();
    assert!(site.root().join("content/members/newbie.md").is_file());
    assert!(site.root().join("content/pages/jia-ru-wo-men.md").is_file());
    cairn()
        .args(["--root", &root, "new", "page", "加入我们"])
        .assert()
        .code(2);
    cairn()
        .args(["--root", &root, "new", "member", "Not A Handle"])
        .assert()
        .code(2);
    site.build().success();
}

/// The file `new` says it made exists, under today's date (SOURCE_DATE_EPOCH pins
/// "today"), with the title and date in its front matter.
#[test]
fn new_qa_gets_a_dated_transliterated_name() {
    let site = SiteTest::new("small");
    let out = cairn()
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "new",
            "qa",
            "新群如何破冰?",
        ])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    let rel = "content/qa/2023-11-14-xin-qun-ru-he-po-bing.md";
    assert!(said.contains(rel), "{said}");
    let text = std::fs::read_to_string(site.root().join(rel)).expect(rel);
    assert!(
        text.starts_with("---\ntitle: \"新群如何破冰?\"\n"),
        "{text}"
    );
    assert!(text.contains("\ndate: 2023-11-14\n"), "{text}");
}

#[test]
fn check_makes_unknown_mentions_errors_and_writes_nothing() {
    let site =
        SiteTest::new("small").file("content/pages/x.md", "---\ntitle: X\n---\nthanks @lsii\n");
    let out = check(&site, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[unknown-member]: unknown member @lsii"),
        "{stderr}"
    );
    assert!(stderr.contains("content/pages/x.md:4:8"), "{stderr}");
    assert!(!site.root().join("public").exists());
}

#[test]
fn check_reports_private_values_too_short_to_scan() {
    let site = SiteTest::new("small").file(
        "content/members/short.md",
        "---\nname: 小明\ncompany: ABC\nprivate: [company]\n---\n",
    );
    let out = check(&site, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning[unscannable-short]: private `company` is too short to scan for"),
        "{stderr}"
    );
    assert!(stderr.contains("content/members/short.md:3:10"), "{stderr}");
    let strict = check(&site, &["--deny-warnings"]);
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn check_passes_on_the_example_site_so_every_generated_link_resolves() {
    let site = SiteTest::example();
    let out = check(&site, &["--deny-warnings"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // In the site's language (zh-CN): cairn speaks to the moderator in it.
    assert!(String::from_utf8_lossy(&out.stdout).contains("没有发现问题"));
}

#[test]
fn check_finds_broken_links_written_by_templates() {
    let site = SiteTest::new("small").file(
        "templates/page.html",
        "<!doctype html><title>{{ item.title }}</title>\n<a href=\"{{ site.base_path }}qa/missing/\">x</a>\n<a href=\"{{ site.base_path }}qa/2024-03-12-ice-breaking/#answer-nobody\">y</a>",
    );
    let out = check(&site, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("public/about/index.html:2:1"), "{stderr}");
    assert!(
        stderr.contains("broken link `/qa/missing/`: no such page or file"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the page has no anchor `#answer-nobody`"),
        "{stderr}"
    );
}

#[test]
fn an_invalid_source_date_epoch_is_an_error_naming_it() {
    let site = SiteTest::new("small");
    for command in ["build", "check"] {
        let out = cairn()
            .arg("--root")
            .arg(site.root())
            .arg(command)
            .env("SOURCE_DATE_EPOCH", "last tuesday")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(
            stderr.contains("SOURCE_DATE_EPOCH") && stderr.contains("last tuesday"),
            "{command}: {stderr}"
        );
        assert!(stderr.contains("hint"), "{command}: {stderr}");
    }
    assert!(!site.root().join("public").exists());
}

#[test]
fn source_date_epoch_is_the_date_of_cairn_new() {
    let site = SiteTest::new("small");
    let out = cairn()
        .arg("--root")
        .arg(site.root())
        .args(["new", "qa", "Epoch question"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        site.root()
            .join("content/qa/2023-11-14-epoch-question.md")
            .is_file(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
