//! Written on a Chinese keyboard (issue #24), across files: a misspelt handle that
//! would publish, answers by non-members, one tag in two scripts, root paths under a
//! sub-path `base_url`, and one report for one mistake.

use crate::SiteTest;

/// Builds `small` with one file added and returns the error report.
fn broken(rel: &str, text: &str) -> String {
    SiteTest::new("small")
        .file(rel, text)
        .build()
        .content_errors()
        .report()
}

fn qa(front: &str) -> String {
    broken(
        "content/qa/x.md",
        &format!("---\ntitle: 新群\ndate: 2024-03-12\n{front}\n---\n问题\n"),
    )
}

#[test]
fn a_misspelt_answer_heading_is_an_error_in_build_with_the_handle_meant() {
    let report = broken(
        "content/qa/2024-05-01-typo.md",
        "---\ntitle: 新群\n---\n问题\n\n## @wangfnag 先定规矩\n\n答案。\n",
    );
    assert!(
        report.contains("error[answer-unknown-member]: answer by unknown member @wangfnag"),
        "{report}"
    );
    assert!(
        report.contains("content/qa/2024-05-01-typo.md:6:4"),
        "{report}"
    );
    assert!(report.contains("did you mean `## @wangfang`?"), "{report}");
    assert!(report.contains("`## @? 名字`"), "{report}");
}

#[test]
fn a_misspelt_handle_in_front_matter_is_an_error_in_build() {
    for (key, line) in [("asked_by", 4), ("accepted", 4), ("curated_by", 4)] {
        let report = qa(&format!("{key}: wangfnag"));
        assert!(
            report.contains(&format!("content/qa/x.md:{line}:")),
            "{report}"
        );
        assert!(
            report.contains("error[unknown-handle]: unknown member `wangfnag`"),
            "{report}"
        );
        assert!(report.contains("did you mean `wangfang`?"), "{report}");
    }
}

#[test]
fn a_misspelt_author_speaker_or_host_is_an_error_in_build() {
    for (rel, front, line) in [
        (
            "content/solutions/2024-05-03-x.md",
            "title: 方案\nauthors: [wangfnag]",
            3,
        ),
        (
            "content/talks/2024-06-21-x.md",
            "title: 分享\nspeaker: wangfnag",
            3,
        ),
        (
            "content/talks/2024-06-22-x.md",
            "title: 分享\nspeaker: lisi\nhost: wangfnag",
            4,
        ),
    ] {
        let report = broken(rel, &format!("---\n{front}\n---\n正文\n"));
        assert!(report.contains(&format!("{rel}:{line}:")), "{report}");
        assert!(
            report.contains("error[unknown-handle]: unknown member `wangfnag`"),
            "{report}"
        );
        assert!(report.contains("did you mean `wangfang`?"), "{report}");
    }
}

#[test]
fn an_answer_by_a_non_member_is_written_at_question_mark() {
    let built = SiteTest::new("small")
        .file(
            "content/qa/2024-05-01-guest.md",
            "---\ntitle: 新群\naccepted: lisi\n---\n问题\n\n## @lisi 先定规矩\n\n规矩。\n\n## @? 张老师\n\n客座回答。\n\n## ＠？\n\n无名回答。\n",
        )
        .build()
        .success();
    assert!(
        !built.report().contains("unknown member"),
        "{}",
        built.report()
    );
    let page = built.page("qa/2024-05-01-guest/");
    assert_eq!(
        page.attrs("article.answer", "id"),
        ["answer-lisi", "answer-guest-1", "answer-guest-2"]
    );
    let heads = page.texts("article.answer header").join("\n");
    assert!(heads.contains("张老师"), "{heads}");
    assert!(heads.contains("Guest"), "{heads}");
    assert!(!heads.contains("a member"), "{heads}");
    // A guest earns no points and is on no leaderboard.
    let credits = built.read("credits.json");
    assert!(!credits.contains("张老师"), "{credits}");
    let plain = SiteTest::new("small")
        .build()
        .success()
        .read("credits.json");
    let anonymous = |json: &str| json.matches("\"initials\": \"?\"").count();
    assert_eq!(anonymous(&credits), anonymous(&plain), "{credits}");
}

#[test]
fn one_tag_in_two_scripts_is_one_tag_page_with_the_other_spelling_as_alias() {
    let qa = |tag: &str| format!("---\ntitle: 新人\ntags: [{tag}]\n---\n问题\n");
    let built = SiteTest::new("small")
        .file("content/qa/2024-05-01-a.md", &qa("新人引導"))
        .file("content/qa/2024-05-02-b.md", &qa("新人引导"))
        .file("content/qa/2024-05-03-c.md", &qa("新人引导"))
        .build()
        .success();
    let page = built.page("tags/xin-ren-yin-dao/");
    // One page of rows (a tag page lists 100 of each kind).
    assert_eq!(page.texts("h1"), ["#新人引导 3 items"]);
    assert_eq!(page.count("#qa li"), 3);
    assert_eq!(page.texts("p.aliases"), ["Also written: #新人引導"]);
    assert!(!built.out.join("tags/xin-ren-yin-dao-2").exists());
    let cards = built.page("qa/2024-05-01-a/").texts("a.tag").join(" ");
    assert!(
        cards.contains("新人引导") && !cards.contains("新人引導"),
        "{cards}"
    );
}

#[test]
fn one_expertise_in_two_scripts_is_one_expertise_page() {
    let member = |name: &str, e: &str| format!("---\nname: {name}\nexpertise: [{e}]\n---\n");
    let built = SiteTest::new("small")
        .file("content/members/zhaoliu.md", &member("赵六", "社群運營"))
        .file("content/members/sunqi.md", &member("孙七", "社群运营"))
        .file("content/members/zhouba.md", &member("周八", "社群运营"))
        .build()
        .success();
    let page = built.page("members/expertise/she-qun-yun-ying/");
    assert_eq!(page.count("li.member-card"), 3);
    assert_eq!(page.texts("p.aliases"), ["Also written: 社群運營"]);
    assert!(
        !built
            .out
            .join("members/expertise/she-qun-yun-ying-2")
            .exists()
    );
}

fn under_archive() -> SiteTest {
    let site =
        std::fs::read_to_string(crate::manifest().join("tests/fixtures/small/site.yaml")).unwrap();
    let site = site.replace(
        "base_url: https://example.org/",
        "base_url: https://x.github.io/archive/",
    );
    SiteTest::new("small").file("site.yaml", &site)
}

const TALK: &str = "---\ntitle: 分享\ndate: 2024-06-21\nspeaker: lisi\nslides: /static/talk/deck.pdf\n---\n![图](/static/a.png) 见[幻灯片](/static/slides.pdf)，[站外](https://e.org/x)\n";

#[test]
fn root_paths_get_the_base_path_under_a_sub_path_base_url() {
    let site = under_archive()
        .file("static/a.png", "png")
        .file("static/talk/deck.pdf", "pdf")
        .file("static/avatar/lisi.png", "png")
        .file(
            "content/members/lisi.md",
            "---\nname: 李四\navatar: /static/avatar/lisi.png\nlinks: { website: /static/slides.pdf }\n---\n",
        )
        .file("content/talks/2024-06-21-kbd.md", TALK);
    let built = site.build().success();
    let page = built.page("talks/2024-06-21-kbd/");
    assert!(
        page.attrs("img", "src")
            .contains(&"/archive/static/a.png".to_string())
    );
    let hrefs = page.attrs("a", "href");
    assert!(
        hrefs.contains(&"/archive/static/slides.pdf".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.contains(&"https://e.org/x".to_string()), "{hrefs:?}");
    // `slides:` in front matter, apart from the body's links.
    assert_eq!(
        page.attrs(".talk-media a, .item-media a, a[href$='deck.pdf']", "href"),
        ["/archive/static/talk/deck.pdf"]
    );
    let profile = built.page("members/lisi/");
    let links = profile.attrs("a", "href");
    assert!(
        links.contains(&"/archive/static/slides.pdf".to_string()),
        "{links:?}"
    );
    let avatars = profile.attrs("img.avatar", "src");
    assert!(
        avatars.contains(&"/archive/static/avatar/lisi.png".to_string()),
        "{avatars:?}"
    );
    let checked = site.run(&["check".into(), "--deny-warnings".into()]);
    assert!(checked.output.status.success(), "{}", checked.report());
}

#[test]
fn a_broken_avatar_is_one_report_in_the_members_file() {
    let site = under_archive().file(
        "content/members/lisi.md",
        "---\nname: 李四\navatar: /static/avatar/lisi.pngg\n---\n",
    );
    let checked = site.run(&["check".into()]);
    let report = checked.report();
    assert_eq!(checked.output.status.code(), Some(1), "{report}");
    assert_eq!(
        report
            .matches("broken link `/archive/static/avatar/lisi.pngg`")
            .count(),
        1,
        "{report}"
    );
    assert!(report.contains("content/members/lisi.md:3:9"), "{report}");
    assert!(report.contains("more pages)"), "{report}");
    assert!(!report.contains("public/tags/"), "{report}");
}

#[test]
fn an_unknown_key_in_a_members_file_is_one_report_not_one_per_mention() {
    let report = broken(
        "content/members/lisi.md",
        "---\nname: 李四\nrole: moderator\n微信号: lisi-wx\n---\n",
    );
    assert!(report.contains("content/members/lisi.md:4:1"), "{report}");
    assert!(!report.contains("unknown member"), "{report}");
    assert!(report.contains("1 error, 0 warnings in 1 file"), "{report}");
    assert!(
        report.contains("more files refer to it, not checked until it loads)"),
        "{report}"
    );
}

#[test]
fn a_bad_date_in_a_qa_is_one_report_not_one_per_link_to_it() {
    let ice = std::fs::read_to_string(
        crate::manifest().join("tests/fixtures/small/content/qa/2024-03-12-ice-breaking.md"),
    )
    .unwrap();
    let report = broken(
        "content/qa/2024-03-12-ice-breaking.md",
        &ice.replacen("---\n", "---\ndate: 2024/03/12\n", 1),
    );
    assert!(
        report.contains("content/qa/2024-03-12-ice-breaking.md:2:7"),
        "{report}"
    );
    assert!(report.contains("write 2024-03-12"), "{report}");
    assert!(!report.contains("no item"), "{report}");
    assert!(!report.contains("broken internal link"), "{report}");
    assert!(report.contains("1 error, 0 warnings in 1 file"), "{report}");
    assert!(
        report.contains("(2 more files refer to it, not checked until it loads)"),
        "{report}"
    );
}
