//! Privacy (DESIGN §5): private and hidden values never reach any output file, and a
//! build whose output would leak one fails without publishing it.

use cairn::privacy::{Secret, Why};

use crate::{NOW, SiteTest, snapshot_tree};

const SENTINELS: &[&str] = &[
    "SECRET-COMPANY-SENTINEL",
    "SECRET-CITY-SENTINEL",
    "zw-wechat-sentinel",
    "HIDDEN-NAME-SENTINEL",
    "HIDDEN-COMPANY-SENTINEL",
];

#[test]
fn no_output_file_contains_a_private_value() {
    let built = SiteTest::new("small").build().success();
    let files = snapshot_tree(&built.out);
    assert!(files.len() > 20);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for sentinel in SENTINELS {
            assert!(!text.contains(sentinel), "{sentinel} leaked into {path}");
        }
        assert!(
            !text.contains("/members/ghost/") && !text.contains("answer-ghost"),
            "hidden handle in {path}"
        );
    }
}

#[test]
fn a_write_up_that_leaks_a_private_value_fails_the_build_naming_the_file() {
    let site = SiteTest::new("small");
    let good = site.build().success();
    let before = snapshot_tree(&good.out);
    let site = site.file(
        "content/qa/2024-06-01-leak.md",
        "---\ntitle: Leak\nasked_by: lisi\n---\nWangfang works at SECRET-COMPANY-SENTINEL.\n",
    );
    let failed = site.build().content_errors();
    let report = failed.report();
    assert!(
        report.contains("public/qa/2024-06-01-leak/index.html"),
        "{report}"
    );
    assert!(
        report.contains("a private value leaked: `company` of member `wangfang`"),
        "{report}"
    );
    assert!(
        !report.contains("SECRET-COMPANY-SENTINEL"),
        "the report itself must not print the value"
    );
    assert_eq!(
        snapshot_tree(&failed.out),
        before,
        "a leaking build must not be published"
    );
}

/// `static/` is copied, not rendered, so no view filters it: the scan reads each file
/// as it is copied (the pages are scanned as they are written, and nothing is read back).
#[test]
fn a_private_value_in_a_static_file_fails_the_build_naming_the_file() {
    let site = SiteTest::new("small");
    let good = site.build().success();
    let before = snapshot_tree(&good.out);
    let site = site
        .file(
            "static/team/roster.txt",
            "Wangfang, SECRET-CITY-SENTINEL office\n",
        )
        .file("static/cv.html", "<p>ghost: HIDDEN-COMPANY-SENTINEL</p>");
    let failed = site.build().content_errors();
    let report = failed.report();
    let cv = report.find("public/static/cv.html").expect(&report);
    let roster = report.find("public/static/team/roster.txt").expect(&report);
    assert!(cv < roster, "leaks are reported in path order:\n{report}");
    assert!(
        report.contains("a private value leaked: `location` of member `wangfang`"),
        "{report}"
    );
    assert!(
        report.contains("a private value leaked: `company` of member `ghost`"),
        "{report}"
    );
    assert!(
        !report.contains("SENTINEL"),
        "the report must not print the value"
    );
    assert_eq!(
        snapshot_tree(&failed.out),
        before,
        "a leaking build must not be published"
    );
    // `cairn check` stages the same files, so it finds the same leak.
    let checked = site.run(&["check".into(), "--now".into(), NOW.into()]);
    let checked = checked.content_errors().report();
    assert!(checked.contains("public/static/cv.html"), "{checked}");
}

#[test]
fn a_template_that_prints_a_hidden_members_name_is_caught() {
    // Views never carry private values, so a template can only leak what content gives
    // it: here the hidden member's name typed into a page's `extra:` data.
    let built = SiteTest::new("small")
        .file(
            "content/pages/team.md",
            "---\ntitle: Team\nextra: { thanks: HIDDEN-NAME-SENTINEL }\n---\n",
        )
        .file(
            "templates/page.html",
            "<!doctype html><title>{{ item.title }}</title>{% if item.extra %}<p>{{ item.extra.thanks }}</p>{% endif %}",
        )
        .build()
        .content_errors();
    let report = built.report();
    assert!(report.contains("public/team/index.html"), "{report}");
    assert!(report.contains("`name` of member `ghost`"), "{report}");
}

/// A hidden member's handle has two forms in the scan (`@ghost`, `members/ghost/`): a
/// file with both is one leak, and the hint fits a hidden member (no "make `handle`
/// public", which no profile can do).
#[test]
fn a_leaked_hidden_handle_is_one_error_per_file_with_a_hint_for_hidden_members() {
    let report = SiteTest::new("small")
        .file(
            "static/thanks.html",
            "<p>Thanks to <a href=\"/members/ghost/\">@ghost</a> and HIDDEN-NAME-SENTINEL</p>",
        )
        .build()
        .content_errors()
        .report();
    assert_eq!(
        report.matches("`handle` of member `ghost`").count(),
        1,
        "{report}"
    );
    assert_eq!(
        report.matches("`name` of member `ghost`").count(),
        1,
        "{report}"
    );
    assert!(report.contains("`ghost` is a hidden member"), "{report}");
    assert!(!report.contains("make `handle` public"), "{report}");
    assert!(!report.contains("make `name` public"), "{report}");
}

#[test]
fn site_wide_private_links_hide_every_link() {
    let site = SiteTest::new("small").file(
        "site.yaml",
        "title: Small Circle\nbase_url: https://example.org/\nlanguage: en\nmembers: { private_fields: [links] }\n",
    );
    let built = site.build().success();
    for (path, bytes) in snapshot_tree(&built.out) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("wangfang.example.com"),
            "{path}"
        );
    }
}

#[test]
fn expertise_names_that_transliterate_alike_get_their_own_pages() {
    // `C++` and `C#` both slugify to `c`: two names, two pages. 活动策划 and 活動策劃
    // are one name in two scripts, so one page (CONTENT.md §9).
    let built = SiteTest::new("small")
        .file(
            "content/members/a1.md",
            "---\nname: A\nexpertise: [活动策划, C++]\n---\n",
        )
        .file(
            "content/members/b2.md",
            "---\nname: B\nexpertise: [活動策劃, C#]\n---\n",
        )
        .build()
        .success();
    let both = built.page("members/expertise/huo-dong-ce-hua/");
    assert_eq!(both.texts(".member-card .person-name"), ["A", "B"]);
    assert!(
        !built
            .out
            .join("members/expertise/huo-dong-ce-hua-2")
            .exists()
    );
    let one = built.page("members/expertise/c/");
    let two = built.page("members/expertise/c-2/");
    assert_eq!(one.texts(".member-card .person-name"), ["B"]);
    assert_eq!(two.texts(".member-card .person-name"), ["A"]);
}

/// The search index is built from the same filtered views as the pages: it holds the
/// public members and write-ups, and no private value, hidden name or hidden handle.
#[test]
fn the_search_index_holds_nothing_private() {
    let built = SiteTest::new("small").build().success();
    let files: Vec<(String, Vec<u8>)> = snapshot_tree(&built.out)
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/") && path.contains(".json"))
        .collect();
    // The index's many small files are stored gzipped: read them as the page does.
    let all: String = files
        .iter()
        .map(|(p, b)| String::from_utf8_lossy(&cairn::search::as_read(p, b).unwrap()).into_owned())
        .collect();
    assert!(
        files.iter().any(|(p, _)| p.starts_with("search/f/")),
        "no fragments"
    );
    assert!(all.contains("\"m:zhangwei\""), "public members are filters");
    assert!(
        all.contains("\"/members/wangfang/\""),
        "a member with private fields is still found"
    );
    for sentinel in SENTINELS {
        assert!(!all.contains(sentinel), "{sentinel} is in the search index");
    }
    assert!(
        !all.contains("ghost"),
        "a hidden member's handle is in the search index"
    );
}

/// The small fixture, with a member who has chat accounts (one too short to scan),
/// a private value too short to scan and one that is another member's handle (six
/// letters: exactly as wide as a scannable value, so only "public" can explain it).
fn fixture_site() -> (tempfile::TempDir, cairn::site::Site) {
    let tmp = tempfile::tempdir().unwrap();
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let to = tmp.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::write(
        tmp.path().join("content/members/chatty.md"),
        "---\nname: Chatty Person\nlocation: SZ\ncompany: sixsix\naccounts: { telegram: [5010002, \"@ab\"] }\nprivate: [location, company]\n---\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("content/members/sixsix.md"),
        "---\nname: Six Six\n---\n",
    )
    .unwrap();
    let options = cairn::build::BuildOptions {
        root: tmp.path().to_path_buf(),
        now: Some(jiff::civil::date(2026, 11, 1)),
        ..Default::default()
    };
    let site = cairn::site::Site::load(&options).unwrap_or_else(|d| panic!("{d:?}"));
    (tmp, site)
}

/// Which values of the fixture are secret, why, and which cannot be scanned.
#[test]
fn the_secrets_of_a_site_are_its_private_and_hidden_values() {
    let (_tmp, site) = fixture_site();
    let secrets = site.secrets();
    let found = |list: &[Secret]| -> Vec<(String, String, String, Why)> {
        let mut v: Vec<_> = list
            .iter()
            .map(|s| (s.member.clone(), s.field.clone(), s.value.clone(), s.why))
            .collect();
        v.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
        v
    };
    let t = |m: &str, f: &str, v: &str, w: Why| (m.into(), f.into(), v.into(), w);
    assert_eq!(
        found(&secrets.scannable),
        vec![
            t("chatty", "accounts.telegram", "5010002", Why::ChatAccount),
            t(
                "ghost",
                "company",
                "HIDDEN-COMPANY-SENTINEL",
                Why::HiddenMember
            ),
            t("ghost", "handle", "@ghost", Why::HiddenMember),
            t("ghost", "handle", "members/ghost/", Why::HiddenMember),
            t("ghost", "name", "HIDDEN-NAME-SENTINEL", Why::HiddenMember),
            t(
                "wangfang",
                "company",
                "SECRET-COMPANY-SENTINEL",
                Why::PrivateField
            ),
            t(
                "wangfang",
                "location",
                "SECRET-CITY-SENTINEL",
                Why::PrivateField
            ),
            t(
                "zhangwei",
                "links.wechat",
                "zw-wechat-sentinel",
                Why::PrivateField
            ),
        ]
    );
    // Too short to scan: warned about, except a chat account (no page shows one).
    assert_eq!(
        found(&secrets.unscannable),
        vec![
            t("chatty", "company", "sixsix", Why::PrivateField),
            t("chatty", "location", "SZ", Why::PrivateField),
        ]
    );
    let warned: Vec<String> = site
        .unscannable_warnings()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    // A value that is a visible member's handle is public already.
    assert_eq!(
        warned,
        [
            "private `company` is also public elsewhere (another member's field, or a handle), so the privacy scan cannot check it",
            "private `location` is too short to scan for, so the privacy scan cannot check it"
        ]
    );
}
