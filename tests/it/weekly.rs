//! The weeks (DESIGN §12, issue #19): week pages, picks, the week's board and `cairn
//! digest`, on the `weekly` fixture (time zone Asia/Shanghai, base_url with a path).
//!
//! Its week 2026-W48 (Monday 11-23 to Sunday 11-29), by hand:
//!
//! | member   | in W48                                                              | points |
//! |----------|---------------------------------------------------------------------|--------|
//! | wangfang | answer 3, curation 2 (Q&A 11-24), solution 8 (11-29), pick 5        | 18     |
//! | ghost    | answer 3, pick 5 (hidden: "一位成员")                               | 8      |
//! | lisi     | answer 3 + accepted 5 (the talk on Monday 11-30 is W49)             | 8      |
//! | zhangwei | question 1, event 6 (credits.yaml, 11-28)                           | 7      |
//!
//! The Q&A of Sunday 11-22 is W47; the Q&A of 2027-01-01 is in 2026-W53.

use crate::{Built, SiteTest};

/// "Now" of these tests: after every week of the fixture.
const NOW: &str = "2027-01-10";

fn fixture() -> SiteTest {
    SiteTest::new("weekly")
}

fn build(site: &SiteTest) -> Built {
    site.run(&["build".into(), "--now".into(), NOW.into()])
        .success()
}

fn digest(site: &SiteTest, args: &[&str]) -> Built {
    let mut all: Vec<String> = vec!["digest".into()];
    all.extend(args.iter().map(|a| a.to_string()));
    site.run(&all)
}

fn stdout(built: &Built) -> String {
    String::from_utf8(built.output.stdout.clone()).unwrap()
}

#[test]
fn a_weeks_page_lists_its_items_best_answers_board_and_new_members() {
    let built = build(&fixture());
    let page = built.page("weekly/2026-w48/");
    assert_eq!(page.texts("h1"), ["2026 年第 48 周"]);
    let cards = page.texts(".week-items .card h3, .week-items .card h2");
    assert!(
        cards.iter().any(|t| t.contains("新群怎么破冰")),
        "{cards:?}"
    );
    assert!(
        cards.iter().any(|t| t.contains("新群 7 天激活计划")),
        "{cards:?}"
    );
    // W47's Sunday Q&A and W49's Monday talk are not this week's.
    assert!(!page.source.contains("周日深夜的提问"));
    assert!(!page.source.contains("答疑夜开场分享"));
    let best = page.texts(".best-list li");
    assert_eq!(best.len(), 3, "{best:?}");
    assert!(
        best[0].contains("最佳回答") && best[0].contains("李四"),
        "{best:?}"
    );
    assert!(
        best.iter()
            .any(|b| b.contains("一位成员") && b.contains("幕后功臣"))
    );
    assert!(
        best.iter()
            .any(|b| b.contains("王芳") && b.contains("接龙的点子很好用"))
    );
    assert_eq!(page.texts(".week-joined .person-name"), ["李四"]);
    // The privacy scan covers these pages as every page; nothing hidden is on them.
    for leak in ["SENTINEL", "members/ghost", "answer-ghost"] {
        assert!(!page.source.contains(leak), "{leak}");
        assert!(!built.read("weekly/feed.xml").contains(leak), "{leak}");
    }
    assert!(
        page.attrs(".best-list a", "href")
            .contains(&"/club/qa/2026-11-24-onboarding/#answer-lisi".to_string())
    );
}

#[test]
fn the_weeks_board_matches_the_hand_computed_totals() {
    let built = build(&fixture());
    let page = built.page("weekly/2026-w48/");
    let board: Vec<String> = page.texts(".week-board .ranking li");
    let expected = [("王芳", 18), ("一位成员", 8), ("李四", 8), ("张伟", 7)];
    assert_eq!(board.len(), expected.len(), "{board:?}");
    for (line, (name, points)) in board.iter().zip(expected) {
        assert!(
            line.contains(name) && line.contains(&format!("{points} 积分")),
            "{line} ≠ {name} {points}"
        );
    }
    // The tie at 8 breaks by handle (ghost before lisi), as on every board.
}

#[test]
fn picks_earn_points_and_the_weekly_best_badge_and_show_on_item_and_profile() {
    let built = build(&fixture());
    let credits: serde_json::Value = serde_json::from_str(&built.read("credits.json")).unwrap();
    assert_eq!(credits["points"]["pick"], 5);
    let wangfang = credits["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["person"]["name"] == "王芳")
        .unwrap();
    let pick = wangfang["by_kind"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "pick")
        .unwrap();
    assert_eq!(
        (pick["count"].as_i64(), pick["points"].as_i64()),
        (Some(1), Some(5))
    );
    let profile = built.page("members/wangfang/");
    assert!(profile.source.contains("周最佳"), "the weekly_best badge");
    assert!(profile.source.contains("接龙的点子很好用"));
    assert!(!built.page("members/zhangwei/").source.contains("周最佳"));
    let item = built.page("qa/2026-11-24-onboarding/");
    let picks = item.texts(".item-picks li");
    assert_eq!(picks.len(), 1, "{picks:?}");
    assert!(picks[0].contains("2026 年第 48 周") && picks[0].contains("王芳"));
    assert_eq!(
        item.attrs(".item-picks a", "href")[0],
        "/club/weekly/2026-w48/"
    );
    // points.pick is a setting like every other.
    let site = fixture().file(
        "site.yaml",
        &std::fs::read_to_string(crate::manifest().join("tests/fixtures/weekly/site.yaml"))
            .unwrap()
            .replace(
                "paginate: 2",
                "paginate: 2\ncredits: { points: { pick: 7 } }",
            ),
    );
    let page = build(&site).page("weekly/2026-w48/");
    assert!(page.texts(".week-board .ranking li")[0].contains("20 积分"));
}

#[test]
fn new_year_days_belong_to_week_53_and_the_home_links_the_latest_week() {
    let built = build(&fixture());
    let w53 = built.page("weekly/2026-w53/");
    assert!(w53.source.contains("元旦群发祝福要注意什么"));
    assert_eq!(w53.texts("h1"), ["2026 年第 53 周"]);
    let home = built.page("");
    assert_eq!(
        home.attrs(".latest-week a", "href"),
        ["/club/weekly/2026-w53/"]
    );
    // Weeks with anything, newest first, two a page: W53, W49 | W48, W47 | the week
    // wangfang joined (2024-W01).
    let list = built.page("weekly/");
    assert_eq!(
        list.attrs(".week-entry h2 a", "href"),
        ["/club/weekly/2026-w53/", "/club/weekly/2026-w49/"]
    );
    assert!(built.out.join("weekly/page/3/index.html").is_file());
    assert!(
        !built.out.join("weekly/2026-w50/").exists(),
        "an empty week has no page"
    );
}

#[test]
fn the_week_feed_parses_and_the_sitemap_lists_the_weeks() {
    let built = build(&fixture());
    let feed = feed_rs::parser::parse(built.read("weekly/feed.xml").as_bytes()).unwrap();
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles[0], "2026 年第 53 周");
    assert_eq!(titles.len(), 5, "{titles:?}");
    assert_eq!(
        feed.entries[2].links[0].href,
        "https://example.org/club/weekly/2026-w48/"
    );
    let sitemap = built.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/club/weekly/2026-w48/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/club/weekly/</loc>"));
}

#[test]
fn check_finds_every_link_of_the_weekly_pages() {
    let site = fixture();
    let checked = site.run(&[
        "check".into(),
        "--deny-warnings".into(),
        "--now".into(),
        NOW.into(),
    ]);
    assert!(checked.output.status.success(), "{}", checked.stderr());
    // The check did read them: a week page linking nowhere fails it.
    let theme_week =
        std::fs::read_to_string(crate::manifest().join("themes/default/templates/weekly.html"))
            .unwrap()
            .replace(
                "{{ t.all_weeks }}</a>",
                "{{ t.all_weeks }}</a><a href=\"/club/weekly/nowhere/\">x</a>",
            );
    let broken = fixture().file("templates/weekly.html", &theme_week).run(&[
        "check".into(),
        "--now".into(),
        NOW.into(),
    ]);
    assert!(!broken.output.status.success());
    assert!(
        broken.stderr().contains("weekly/nowhere"),
        "{}",
        broken.stderr()
    );
}

#[test]
fn unknown_weeks_members_and_items_of_picks_are_located_errors() {
    let site = fixture().file(
        "content/credits.yaml",
        "picks:\n  - { week: 2025-W53, member: wangfang, item: qa/2026-11-24-onboarding }\n  - { week: 2027-W30, member: wangfnag, item: qa/2026-11-24-onbording }\n  - { week: 2026-48, member: lisi, item: qa/2026-11-24-onboarding }\n",
    );
    let built = site
        .run(&["build".into(), "--now".into(), NOW.into()])
        .content_errors();
    insta::assert_snapshot!("pick_errors", built.report());
}

#[test]
fn a_digest_is_the_last_complete_week_in_the_sites_time_zone() {
    let site = fixture();
    // Sunday 23:30 in Shanghai: week 48 is not over, the last complete one is 47.
    let sunday = stdout(&digest(&site, &["--now", "2026-11-29T15:30:00Z"]).success());
    assert!(sunday.starts_with("【答疑夜】2026 年第 47 周"), "{sunday}");
    assert!(sunday.contains("周日深夜的提问"));
    // Monday 00:30 in Shanghai (still Sunday in UTC): week 48 is complete.
    let monday = stdout(&digest(&site, &["--now", "2026-11-29T16:30:00Z"]).success());
    assert!(monday.starts_with("【答疑夜】2026 年第 48 周"), "{monday}");
    // Monday 2027-01-04: the last complete week is 2026-W53.
    let new_year = stdout(&digest(&site, &["--now", "2027-01-04"]).success());
    assert!(
        new_year.contains("2026 年第 53 周") && new_year.contains("元旦"),
        "{new_year}"
    );
    // --since: every day from the date to today.
    let since = stdout(&digest(&site, &["--since", "2026-11-22", "--now", "2026-11-30"]).success());
    assert!(
        since.contains("周日深夜的提问") && since.contains("答疑夜开场分享"),
        "{since}"
    );
    assert!(since.contains("https://example.org/club/weekly/"));
    let bad = digest(&site, &["--week", "2026-W99"]);
    assert_eq!(bad.output.status.code(), Some(2), "{}", bad.stderr());
}

#[test]
fn the_digest_of_a_week_without_a_page_links_the_weeks_list() {
    let site = fixture();
    let built = build(&site);
    assert!(built.out.join("weekly/index.html").is_file());
    // 2026-W50 has nothing (so no page); 2027-W30 has not begun.
    for week in ["2026-W50", "2027-W30"] {
        let text = stdout(&digest(&site, &["--week", week, "--now", NOW]).success());
        assert!(text.contains("没有新内容"), "{text}");
        assert!(
            text.trim_end()
                .ends_with("\nhttps://example.org/club/weekly/"),
            "{week}: {text}"
        );
        let page = format!("weekly/{}/", week.to_lowercase());
        assert!(!text.contains(&page), "{week}: {text}");
        assert!(!built.out.join(&page).exists(), "{page}");
    }
    // A week with a page still links it.
    let w48 = stdout(&digest(&site, &["--week", "2026-W48", "--now", NOW]).success());
    assert!(
        w48.trim_end()
            .ends_with("\nhttps://example.org/club/weekly/2026-w48/"),
        "{w48}"
    );
}

/// Snapshots of the digest of 2026-W48 in every format and language.
#[test]
fn digests_in_every_format_and_language() {
    let base =
        std::fs::read_to_string(crate::manifest().join("tests/fixtures/weekly/site.yaml")).unwrap();
    for language in ["zh-CN", "zh-TW", "en"] {
        let site = fixture().file(
            "site.yaml",
            &base.replace("language: zh-CN", &format!("language: {language}")),
        );
        for format in ["text", "markdown", "slack", "html"] {
            let out = digest(
                &site,
                &["--week", "2026-W48", "--format", format, "--now", NOW],
            );
            let text = stdout(&out.success());
            insta::assert_snapshot!(format!("digest_{language}_{format}"), text);
        }
    }
}

#[test]
fn digests_escape_what_the_format_would_read_as_markup() {
    let site = fixture().file(
        "content/solutions/2026-11-29-seven-day-plan.md",
        "---\ntitle: \"<b>粗体</b> & *星号* [括号] a|b\"\ndate: 2026-11-29\nauthors: [wangfang]\n---\n正文\n",
    );
    let html = stdout(
        &digest(
            &site,
            &["--week", "2026-W48", "--format", "html", "--now", NOW],
        )
        .success(),
    );
    assert!(
        html.contains("&lt;b&gt;粗体&lt;/b&gt; &amp; *星号*"),
        "{html}"
    );
    assert!(!html.contains("<b>"));
    let slack = stdout(
        &digest(
            &site,
            &["--week", "2026-W48", "--format", "slack", "--now", NOW],
        )
        .success(),
    );
    assert!(
        slack.contains("|&lt;b&gt;粗体&lt;/b&gt; &amp; *星号* [括号] a¦b>"),
        "{slack}"
    );
    let md = stdout(
        &digest(
            &site,
            &["--week", "2026-W48", "--format", "markdown", "--now", NOW],
        )
        .success(),
    );
    assert!(
        md.contains(r"[<b>粗体</b> & \*星号\* \[括号\] a\|b]("),
        "{md}"
    );
}

#[test]
fn a_long_week_is_cut_at_the_formats_limit_with_how_many_more() {
    let mut site = fixture();
    for n in 0..80 {
        site = site.file(
            &format!("content/qa/2026-11-25-many-{n:02}.md"),
            &format!("---\ntitle: 第 {n} 个关于社群冷启动和积分规则的长问题标题\ndate: 2026-11-25\nasked_by: zhangwei\n---\n问题\n"),
        );
    }
    for (format, limit) in [("text", 2000), ("markdown", 2000), ("slack", 4000)] {
        let text = stdout(
            &digest(
                &site,
                &["--week", "2026-W48", "--format", format, "--now", NOW],
            )
            .success(),
        );
        assert!(
            text.encode_utf16().count() <= limit,
            "{format}: {}",
            text.encode_utf16().count()
        );
        let more: usize = text
            .split("还有 ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{format}: no 还有 N 条\n{text}"));
        let shown = text
            .lines()
            .filter(|l| l.starts_with("· ") || l.starts_with("• "))
            .count()
            + text
                .lines()
                .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_digit()))
                .count();
        // 81 Q&As, a solution, 3 best answers, 4 on the board, 1 new member.
        assert_eq!(shown + more, 81 + 1 + 3 + 4 + 1, "{format}");
        assert!(
            text.contains("https://example.org/club/weekly/2026-w48/"),
            "{text}"
        );
    }
}

/// Picks are not bounded on the page (a moderator writes them one by one), so only the
/// e-mail fragment's limit (50,000) stops a week with hundreds of them.
#[test]
fn an_html_digest_is_cut_at_its_limit_too() {
    let credits = std::fs::read_to_string(
        crate::manifest().join("tests/fixtures/weekly/content/credits.yaml"),
    )
    .unwrap();
    let note = "这次分享把社群冷启动、积分规则和新人引导的每一步都讲得非常清楚".repeat(3);
    let mut picks = credits;
    for _ in 0..300 {
        picks.push_str(&format!(
            "  - {{ week: 2026-W48, member: wangfang, item: qa/2026-11-24-onboarding, note: {note} }}\n"
        ));
    }
    let site = fixture().file("content/credits.yaml", &picks);
    let html = stdout(
        &digest(
            &site,
            &["--week", "2026-W48", "--format", "html", "--now", NOW],
        )
        .success(),
    );
    let units = html.encode_utf16().count();
    assert!(units <= 50_000, "{units}");
    assert!(
        units > 40_000,
        "cut near the limit, not far before: {units}"
    );
    let more: usize = html
        .split("还有 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no 还有 N 条\n{}", &html[html.len() - 600..]));
    // A Q&A, a solution, an accepted answer and 302 picks, 4 on the board, 1 new member.
    let shown = html.matches("<li>").count();
    assert_eq!(shown + more, 1 + 1 + 1 + 302 + 4 + 1, "{shown} + {more}");
    assert!(html.contains("https://example.org/club/weekly/2026-w48/"));
}

#[test]
fn a_weeks_page_is_bounded_and_counts_what_it_leaves_out() {
    let mut site = fixture();
    for n in 0..80 {
        site = site.file(
            &format!("content/qa/2026-11-25-many-{n:02}.md"),
            &format!(
                "---\ntitle: 第 {n} 个问题\ndate: 2026-11-25\nasked_by: zhangwei\n---\n问题\n"
            ),
        );
    }
    let built = build(&site);
    let page = built.page("weekly/2026-w48/");
    // 81 Q&As in the week: 30 shown (WEEK_LIST), 51 counted and linked to the archive.
    assert_eq!(page.count(".week-qa .card"), 30);
    assert_eq!(page.count(".week-solutions .card"), 1);
    let more = page.texts(".week-more");
    assert_eq!(more.len(), 1, "{more:?}");
    assert!(more[0].starts_with("51 "), "{more:?}");
    assert_eq!(page.attrs(".week-more a", "href"), ["/club/archive/#y2026"]);
    // A week within the bound says nothing more; talks are cards of their week too.
    let w49 = built.page("weekly/2026-w49/");
    assert_eq!(w49.count(".week-more"), 0);
    assert!(
        w49.texts(".week-talks .card h3, .week-talks .card h2")
            .iter()
            .any(|t| t.contains("答疑夜开场分享")),
        "{}",
        w49.source
    );
}

#[test]
fn nothing_private_and_no_hidden_member_reaches_a_digest() {
    let site = fixture();
    for format in ["text", "markdown", "slack", "html"] {
        let text = stdout(
            &digest(
                &site,
                &["--week", "2026-W48", "--format", format, "--now", NOW],
            )
            .success(),
        );
        for secret in ["SENTINEL", "ghost", "lisi.example.org"] {
            assert!(!text.contains(secret), "{format}: {secret}\n{text}");
        }
        assert!(
            text.contains("一位成员"),
            "the hidden member's pick, under the neutral label"
        );
    }
    // A hidden member's accepted answer: under the neutral label, linked without the
    // anchor that carries the handle.
    let accepted = std::fs::read_to_string(
        crate::manifest().join("tests/fixtures/weekly/content/qa/2026-11-24-onboarding.md"),
    )
    .unwrap()
    .replace("accepted: lisi", "accepted: [lisi, ghost]");
    let hidden = fixture().file("content/qa/2026-11-24-onboarding.md", &accepted);
    let text = stdout(
        &digest(
            &hidden,
            &["--week", "2026-W48", "--format", "html", "--now", NOW],
        )
        .success(),
    );
    assert_eq!(text.matches("最佳回答：一位成员").count(), 1, "{text}");
    assert!(!text.contains("ghost"), "{text}");
    let page = build(&hidden).page("weekly/2026-w48/");
    assert!(!page.source.contains("ghost") && !page.source.contains("SENTINEL"));
    // The scan itself: a private value that would reach the digest stops it.
    let leaky = fixture().file(
        "content/solutions/2026-11-29-seven-day-plan.md",
        "---\ntitle: 加 lisi-WECHAT-SENTINEL 进群\ndate: 2026-11-29\nauthors: [wangfang]\n---\n正文\n",
    );
    let out = digest(&leaky, &["--week", "2026-W48", "--now", NOW]);
    assert_eq!(out.output.status.code(), Some(1), "{}", out.stderr());
    assert!(out.output.stdout.is_empty(), "nothing printed");
    assert!(out.stderr().contains("(digest)"), "{}", out.stderr());
}

#[test]
fn the_same_input_and_now_give_the_same_pages_and_digest() {
    let site = fixture();
    let runs: Vec<_> = ["a", "b"]
        .iter()
        .map(|name| {
            let out = site.root().join(format!("out-{name}"));
            site.run(&[
                "build".into(),
                "--now".into(),
                NOW.into(),
                "--out".into(),
                out.display().to_string(),
            ])
            .success();
            crate::snapshot_tree(&out)
        })
        .collect();
    assert!(
        runs[0]
            .iter()
            .any(|(p, _)| p.starts_with("weekly/2026-w48"))
    );
    assert!(runs[0] == runs[1], "two builds differ");
    let digests: Vec<Vec<u8>> = (0..2)
        .map(|_| {
            digest(
                &site,
                &["--format", "html", "--now", "2026-12-01T08:00:00+08:00"],
            )
            .success()
            .output
            .stdout
        })
        .collect();
    assert_eq!(digests[0], digests[1]);
    assert!(!digests[0].is_empty());
}
