//! The example site in `content/` is a fixture too: it builds cleanly and its pages
//! carry what the design promises.

use crate::SiteTest;

#[test]
fn example_site_builds_without_warnings() {
    let built = SiteTest::example().build().success();
    assert!(built.stderr().is_empty(), "{}", built.stderr());
    assert!(built.out.join("index.html").is_file());
}

#[test]
fn example_site_has_the_promised_content() {
    let built = SiteTest::example().build().success();
    let count = |dir: &str| {
        std::fs::read_dir(built.out.join(dir))
            .unwrap()
            .flatten()
            .filter(|e| e.path().join("index.html").is_file() && e.file_name() != "page")
            .count()
    };
    assert!(count("qa") >= 20, "qa: {}", count("qa"));
    assert!(count("solutions") >= 8);
    assert!(count("talks") >= 5);
    assert!(count("members") >= 12);
    let home = built.page("");
    for page in ["/about/", "/rules/", "/join/"] {
        assert!(
            home.attrs("nav a", "href").contains(&page.to_string()),
            "{page} missing from the menu"
        );
    }
}

#[test]
fn example_qa_pages_have_accepted_answers_and_mentions() {
    let built = SiteTest::example().build().success();
    let mut accepted = 0;
    let mut two_accepted = false;
    let mut mentions = 0;
    for entry in std::fs::read_dir(built.out.join("qa")).unwrap().flatten() {
        let file = entry.path().join("index.html");
        if !file.is_file() || entry.file_name() == "page" {
            continue;
        }
        let page = built.page(&format!("qa/{}/", entry.file_name().to_string_lossy()));
        let n = page.count("article.answer.accepted");
        accepted += n;
        two_accepted |= n == 2;
        mentions += page.count("a.mention");
    }
    assert!(accepted >= 15, "{accepted}");
    assert!(two_accepted);
    assert!(mentions > 0);
}

#[test]
fn example_site_passes_check_with_warnings_denied() {
    let checked = SiteTest::example().run(&[
        "check".into(),
        "--deny-warnings".into(),
        "--now".into(),
        crate::NOW.into(),
    ]);
    assert!(checked.output.status.success(), "{}", checked.stderr());
    assert!(checked.stderr().is_empty(), "{}", checked.stderr());
    let stdout = String::from_utf8_lossy(&checked.output.stdout);
    // The example site is zh-CN, so cairn speaks 简体中文 to its moderator.
    assert!(stdout.contains("没有发现问题"), "{stdout}");
}

/// The example site's picks (content/credits.yaml) fill its weekly pages: each picked
/// week has a page with its pick, its board and its cards, and the home links the
/// latest week.
#[test]
fn example_site_weeks_show_their_picks() {
    let built = SiteTest::example().build().success();
    for (week, member) in [
        ("2026-w03", "何雨"),
        ("2026-w12", "黄敏"),
        ("2026-w37", "赵磊"),
        ("2026-w42", "小七"),
    ] {
        let page = built.page(&format!("weekly/{week}/"));
        let picks = page.texts(".best-list li.best-pick");
        assert_eq!(picks.len(), 1, "{week}: {picks:?}");
        assert!(picks[0].contains(member), "{week}: {picks:?}");
        assert!(page.count(".week-items .card") > 0, "{week}: no cards");
        assert!(
            page.count(".week-board .ranking li") > 0,
            "{week}: no board"
        );
    }
    let weeks = built.page("weekly/");
    assert!(weeks.count(".week-entry") >= 10);
    assert_eq!(
        built.page("").attrs(".latest-week a", "href"),
        ["/weekly/2026-w42/"]
    );
}
