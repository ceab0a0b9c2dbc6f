//! Pages of the `small` fixture: answers, accepted marks, mentions, links under a
//! sub-path base_url, highlighting, sanitizing, privacy of profiles.

use crate::SiteTest;

#[test]
fn qa_page_shows_answers_with_authors_and_accepted_marks() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("qa/2024-03-12-ice-breaking/");
    assert_eq!(
        page.attrs("article.answer", "id"),
        ["answer-lisi", "answer-wangfang", "answer-hidden-1"]
    );
    assert_eq!(page.attrs("article.answer.accepted", "id"), ["answer-lisi"]);
    let authors = page.texts("article.answer .person-name");
    assert_eq!(authors, ["Li Si", "王芳", "a member"]);
    let two = built.page("qa/2024-04-20-two-accepted/");
    assert_eq!(
        two.attrs("article.answer.accepted", "id"),
        ["answer-lisi", "answer-zhangwei"]
    );
}

#[test]
fn open_question_has_no_answers() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("qa/2024-04-01-open-question/");
    assert_eq!(page.count("article.answer"), 0);
    let list = built.page("qa/");
    assert!(
        list.source.contains("Which bot should we use?")
            || built
                .page("qa/page/2/")
                .source
                .contains("Which bot should we use?")
    );
}

#[test]
fn mentions_link_to_profiles_and_hidden_members_stay_anonymous() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("qa/2024-03-12-ice-breaking/");
    assert!(
        page.attrs("a.mention", "href")
            .contains(&"/members/wangfang/".to_string())
    );
    assert!(
        !built
            .page("qa/2024-03-12-ice-breaking/")
            .source
            .contains("/members/ghost/")
    );
    assert!(!built.out.join("members/ghost/index.html").exists());
}

#[test]
fn links_and_assets_work_under_a_sub_path() {
    let built = SiteTest::new("small")
        .arg("--base-url")
        .arg("https://example.org/archive/")
        .build()
        .success();
    let page = built.page("qa/2024-03-12-ice-breaking/");
    let hrefs = page.attrs("a", "href");
    assert!(
        hrefs.contains(&"/archive/solutions/2024-05-02-points/".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"/archive/members/wangfang/".to_string()),
        "{hrefs:?}"
    );
    for href in hrefs.iter().filter(|h| h.starts_with('/')) {
        assert!(href.starts_with("/archive/"), "{href} escapes the sub-path");
    }
    assert_eq!(
        page.attrs("link[rel=alternate]", "href"),
        ["/archive/qa/feed.xml"]
    );
    assert!(
        built
            .read("qa/feed.xml")
            .contains("<id>https://example.org/archive/qa/2024-03-12-ice-breaking/</id>")
    );
    for css in page.attrs("link[rel=stylesheet]", "href") {
        assert!(css.starts_with("/archive/theme/style.css"), "{css}");
    }
    assert_eq!(
        page.attrs("link[rel=canonical]", "href"),
        ["https://example.org/archive/qa/2024-03-12-ice-breaking/"]
    );
    let two = built.page("qa/2024-04-20-two-accepted/");
    assert!(
        two.attrs("a", "href")
            .contains(&"/archive/qa/2024-03-12-ice-breaking/#answer-lisi".to_string())
    );
    let list = built.page("qa/");
    for href in list
        .attrs("a", "href")
        .iter()
        .filter(|h| h.contains("/page/"))
    {
        assert!(href.starts_with("/archive/qa/page/"), "{href}");
    }
}

#[test]
fn code_is_highlighted_with_classes_and_scripts_are_removed() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("qa/2024-03-12-ice-breaking/");
    assert!(
        page.count("pre.code[data-lang=rust] code span.keyword") > 0,
        "{}",
        page.source
    );
    assert!(!page.source.contains("alert('xss')"));
    assert_eq!(page.count("main script"), 0);
}

#[test]
fn solutions_show_problem_stale_and_superseded_notices() {
    let built = SiteTest::new("small").build().success();
    let fresh = built.page("solutions/2024-05-02-points/");
    assert!(fresh.source.contains("Members take but do not share"));
    assert_eq!(fresh.count(".notice.stale"), 0);
    let stale = built.page("solutions/2023-02-01-stale/");
    assert_eq!(stale.count(".notice.stale"), 1);
    let old = built.page("solutions/2023-01-10-old-way/");
    assert_eq!(
        old.attrs(".notice.superseded a", "href"),
        ["/solutions/2024-05-02-points/"]
    );
}

#[test]
fn talk_page_has_speaker_media_and_toc() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("talks/2024-06-20-reading-club/");
    assert!(
        page.texts(".speaker .person-name")
            .contains(&"Professor Zhou".to_string())
    );
    let hrefs = page.attrs("a", "href");
    assert!(hrefs.contains(&"/static/slides.pdf".to_string()));
    assert!(hrefs.contains(&"https://video.example.com/talk".to_string()));
    assert!(page.count("nav.toc a") >= 3);
    assert!(built.out.join("static/slides.pdf").is_file());
}

#[test]
fn profiles_show_public_fields_only() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("members/wangfang/");
    assert!(page.source.contains("https://wangfang.example.com"));
    let all = crate::snapshot_tree(&built.out);
    for sentinel in [
        "SECRET-COMPANY-SENTINEL",
        "SECRET-CITY-SENTINEL",
        "zw-wechat-sentinel",
        "HIDDEN-NAME-SENTINEL",
        "HIDDEN-COMPANY-SENTINEL",
    ] {
        for (path, bytes) in &all {
            assert!(
                !String::from_utf8_lossy(bytes).contains(sentinel),
                "{sentinel} leaked into {path}"
            );
        }
    }
}

#[test]
fn profile_lists_contributions_newest_first_with_answer_anchors() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("members/lisi/");
    let hrefs = page.attrs(".contributions a", "href");
    assert!(
        hrefs.contains(&"/qa/2024-03-12-ice-breaking/#answer-lisi".to_string()),
        "{hrefs:?}"
    );
    let dates = page.attrs(".contributions time", "datetime");
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
}

#[test]
fn tags_archive_and_menu_pages_exist() {
    let built = SiteTest::new("small").build().success();
    let tag = built.page("tags/onboarding/");
    assert!(tag.texts("h1").iter().any(|t| t.contains("onboarding")));
    assert!(tag.count("#qa") == 1 && tag.count("#solution") == 1);
    assert!(
        built
            .page("tags/")
            .attrs("a", "href")
            .contains(&"/tags/new-group/".to_string())
    );
    let archive = built.page("archive/");
    assert!(archive.source.contains("2024-03"));
    let home = built.page("");
    assert!(home.attrs("nav a", "href").contains(&"/about/".to_string()));
    assert!(built.out.join("404.html").is_file());
    assert!(
        built
            .out
            .join("members/expertise/onboarding/index.html")
            .is_file()
    );
}

#[test]
fn pagination_splits_lists() {
    let built = SiteTest::new("small").build().success();
    assert!(built.out.join("qa/page/2/index.html").is_file());
    let first = built.page("qa/");
    assert!(
        first
            .attrs("a", "href")
            .contains(&"/qa/page/2/".to_string())
    );
}

#[test]
fn drafts_are_skipped_unless_asked() {
    let site = SiteTest::new("small").file(
        "content/qa/2024-06-01-draft.md",
        "---\ntitle: Draft\ndraft: true\n---\n",
    );
    let built = site.build().success();
    assert!(!built.out.join("qa/2024-06-01-draft/index.html").exists());
    let site = site.arg("--drafts");
    let built = site.build().success();
    assert!(built.out.join("qa/2024-06-01-draft/index.html").exists());
}

#[test]
fn files_without_front_matter_or_with_crlf_and_bom_build() {
    let built = SiteTest::new("small")
        .file(
            "content/pages/plain.md",
            "# Plain page\n\nNo front matter at all.\n",
        )
        .file(
            "content/pages/crlf.md",
            "\u{feff}---\r\ntitle: CRLF page\r\n---\r\nWindows line ends.\r\n",
        )
        .build()
        .success();
    let plain = built.page("plain/");
    assert_eq!(
        plain.texts("h1"),
        ["Plain page"],
        "the title heading shows once"
    );
    assert!(plain.source.contains("No front matter at all."));
    assert!(
        built
            .page("crlf/")
            .texts("h1")
            .contains(&"CRLF page".to_string())
    );
}

#[test]
fn a_site_template_overrides_the_theme() {
    let built = SiteTest::new("small")
        .file("templates/page.html", "<!doctype html><title>{{ page.title }}</title><p class=\"custom\">{{ item.title }}</p>")
        .build()
        .success();
    assert_eq!(built.page("about/").texts("p.custom"), ["About"]);
}

#[test]
fn accepted_answer_markup_snapshot() {
    let built = SiteTest::new("small").build().success();
    let page = built.page("qa/2024-03-12-ice-breaking/");
    let sel = scraper::Selector::parse("article#answer-lisi").unwrap();
    let answer = page.html.select(&sel).next().unwrap().html();
    insta::assert_snapshot!(answer);
}

#[test]
fn long_lists_show_a_window_of_page_links() {
    let mut site = SiteTest::new("small");
    for i in 0..27 {
        site = site.file(
            &format!("content/qa/2025-01-{:02}-q{i}.md", i + 1),
            "---\ntitle: Q\nasked_by: lisi\n---\nQ?\n",
        );
    }
    // 30 Q&As at 2 per page: 15 pages.
    let built = site.build().success();
    let page = built.page("qa/page/8/");
    assert_eq!(
        page.texts(".pagination ol li:not([aria-hidden])"),
        ["1", "6", "7", "8", "9", "10", "15"]
    );
    assert_eq!(page.count(".pagination ol li[aria-hidden]"), 2);
    assert_eq!(page.attrs("a[rel=next]", "href"), ["/qa/page/9/"]);
}
