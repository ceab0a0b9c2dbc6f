//! Written on a Chinese keyboard (issue #24): full-width punctuation and dates as an
//! input method types them are read as meant or reported where they stand, with the
//! half-width form in the hint; never silently wrong.

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
fn a_full_width_colon_after_a_key_is_located_with_the_half_width_form() {
    let report = qa("accepted：lisi\ntags: [破冰]");
    assert!(report.contains("content/qa/x.md:4:9"), "{report}");
    assert!(report.contains("full-width `：` after the key"), "{report}");
    assert!(
        report.contains("full-width `：` → half-width `:`"),
        "{report}"
    );
    assert!(!report.contains("could not find expected"), "{report}");
}

#[test]
fn full_width_commas_in_a_tag_list_are_not_one_tag() {
    let report = qa("tags: [入门，新群、破冰]");
    assert!(report.contains("content/qa/x.md:4:10"), "{report}");
    assert!(report.contains("content/qa/x.md:4:13"), "{report}");
    assert!(
        report.contains("full-width `，` → half-width `,`"),
        "{report}"
    );
    assert!(
        report.contains("full-width `、` → half-width `,`"),
        "{report}"
    );
}

#[test]
fn a_quoted_full_width_comma_stays_one_value() {
    SiteTest::new("small")
        .file(
            "content/qa/x.md",
            "---\ntitle: 新群\ndate: 2024-03-12\ntags: [\"入门，新群\", 破冰]\n---\n问题\n",
        )
        .build()
        .success();
}

#[test]
fn full_width_brackets_around_a_list_are_located() {
    let report = qa("tags: ［入门, 新群］");
    assert!(report.contains("content/qa/x.md:4:7"), "{report}");
    assert!(
        report.contains("full-width `［` → half-width `[`"),
        "{report}"
    );
}

#[test]
fn dates_in_chinese_forms_show_the_date_meant() {
    for (written, column) in [
        ("2026/11/28", 7),
        ("2026.11.28", 7),
        ("2026年11月28日", 7),
        ("２０２６-１１-２８", 7),
    ] {
        let report = broken(
            "content/qa/x.md",
            &format!("---\ntitle: X\ndate: {written}\n---\nbody\n"),
        );
        assert!(
            report.contains(&format!("content/qa/x.md:3:{column}")),
            "{report}"
        );
        assert!(report.contains("write 2026-11-28"), "{report}");
        assert!(!report.contains("\\xE5"), "{report}");
    }
}

#[test]
fn an_impossible_date_names_the_months_last_day() {
    let report = broken(
        "content/qa/x.md",
        "---\ntitle: X\ndate: 2026-11-31\n---\nbody\n",
    );
    assert!(report.contains("content/qa/x.md:3:7"), "{report}");
    assert!(report.contains("November 2026 has 30 days"), "{report}");
    let report = broken(
        "content/members/zhaoliu.md",
        "---\nname: 赵六\njoined: 2025年2月29日\n---\n",
    );
    assert!(
        report.contains("content/members/zhaoliu.md:3:9"),
        "{report}"
    );
    assert!(report.contains("February 2025 has 28 days"), "{report}");
}

#[test]
fn a_full_width_at_sign_starts_an_answer_with_a_warning() {
    let built = SiteTest::new("small")
        .file(
            "content/qa/2024-05-01-kbd.md",
            "---\ntitle: 新群\naccepted: lisi\n---\n问题\n\n## ＠lisi 一问一个文件\n\n先定规矩。\n",
        )
        .build()
        .success();
    let page = built.page("qa/2024-05-01-kbd/");
    assert_eq!(page.attrs("article.answer", "id"), ["answer-lisi"]);
    assert_eq!(page.attrs("article.answer.accepted", "id"), ["answer-lisi"]);
    let report = built.report();
    assert!(
        report.contains("content/qa/2024-05-01-kbd.md:7:4"),
        "{report}"
    );
    assert!(
        report.contains("full-width `＠` at the start of an answer heading, read as `@`"),
        "{report}"
    );
    assert!(
        report.contains("full-width `＠` → half-width `@`"),
        "{report}"
    );
}

#[test]
fn full_width_heading_list_and_mention_signs_are_reported_where_they_stand() {
    let built = SiteTest::new("small")
        .file(
            "content/pages/kbd.md",
            "---\ntitle: 群规\n---\n＃＃ 第一条\n\n－ 不发广告\n\n```\n－ 代码里不算\n```\n\n谢谢＠lisi 和 `＠wangfang`\n\n＊ 不刷屏\n\n＋ 不拉人\n",
        )
        .build()
        .success();
    let report = built.report();
    assert!(report.contains("content/pages/kbd.md:4:1"), "{report}");
    assert!(
        report.contains("full-width `＃` → half-width `#`"),
        "{report}"
    );
    assert!(report.contains("content/pages/kbd.md:6:1"), "{report}");
    assert!(
        report.contains("full-width `－` → half-width `-`"),
        "{report}"
    );
    assert!(!report.contains("kbd.md:9:"), "{report}");
    assert!(report.contains("content/pages/kbd.md:12:3"), "{report}");
    assert!(
        report.contains("full-width `＠` before a handle: it is not a mention"),
        "{report}"
    );
    assert!(!report.contains("kbd.md:12:13"), "{report}");
    assert!(report.contains("content/pages/kbd.md:14:1"), "{report}");
    assert!(
        report.contains("full-width `＊` → half-width `*`"),
        "{report}"
    );
    assert!(report.contains("content/pages/kbd.md:16:1"), "{report}");
    assert!(
        report.contains("full-width `＋` → half-width `+`"),
        "{report}"
    );
    // Text, not list items, until written with the half-width marker.
    let page = built.page("kbd/");
    assert_eq!(page.count("main li"), 0, "{}", page.source);
}

/// The hint is in the site's language (the `small` fixture is English): 全角/半角 in
/// Simplified Chinese, 全形/半形 as Taiwan writes it, in front matter and in bodies.
#[test]
fn the_full_width_hint_is_in_the_sites_language() {
    let site =
        std::fs::read_to_string(crate::manifest().join("tests/fixtures/small/site.yaml")).unwrap();
    for (language, colon, hash) in [
        ("zh-CN", "全角「：」→ 半角「:」", "全角「＃」→ 半角「#」"),
        ("zh-TW", "全形「：」→ 半形「:」", "全形「＃」→ 半形「#」"),
    ] {
        let localized = site.replace("language: en", &format!("language: {language}"));
        assert_ne!(localized, site);
        let on = |rel: &str, text: &str| {
            SiteTest::new("small")
                .file("site.yaml", &localized)
                .file(rel, text)
                .build()
        };
        let report = on(
            "content/qa/x.md",
            "---\ntitle: 新群\naccepted：lisi\n---\n问题\n",
        )
        .content_errors()
        .report();
        assert!(report.contains(colon), "{language}: {report}");
        assert!(!report.contains("half-width"), "{language}: {report}");
        let report = on(
            "content/pages/kbd.md",
            "---\ntitle: 群规\n---\n＃＃ 第一条\n",
        )
        .success()
        .report();
        assert!(report.contains(hash), "{language}: {report}");
    }
}

const QUOTES: &str =
    "---\ntitle: 引号\n---\n他说\"你好\"然后'单引号'。She said \"hi\", it's fine.\n";

#[test]
fn straight_quotes_in_chinese_text_pair_up_and_english_keeps_its_rules() {
    let built = SiteTest::new("small")
        .file("content/pages/quotes.md", QUOTES)
        .build()
        .success();
    let text = built.page("quotes/").texts("main p").join("\n");
    assert!(
        text.contains("他说“你好”然后‘单引号’。She said “hi”, it’s fine."),
        "{text}"
    );
}

#[test]
fn a_site_can_ask_for_corner_quotes() {
    let site =
        std::fs::read_to_string(crate::manifest().join("tests/fixtures/small/site.yaml")).unwrap();
    let built = SiteTest::new("small")
        .file(
            "site.yaml",
            &format!("{site}markdown: {{ quotes: corner }}\n"),
        )
        .file("content/pages/quotes.md", QUOTES)
        .build()
        .success();
    let text = built.page("quotes/").texts("main p").join("\n");
    assert!(
        text.contains("他说「你好」然后『单引号』。She said “hi”, it’s fine."),
        "{text}"
    );
}

#[test]
fn a_list_written_with_full_width_separators_is_shown_as_a_list() {
    let report = qa("accepted: lisi，wangfang");
    assert!(report.contains("content/qa/x.md:4:15"), "{report}");
    assert!(
        report.contains(
            "full-width `，` → half-width `,`: a list is written `accepted: [lisi, wangfang]`"
        ),
        "{report}"
    );
}

#[test]
fn a_page_chooses_its_own_quotes_over_the_sites() {
    let site =
        std::fs::read_to_string(crate::manifest().join("tests/fixtures/small/site.yaml")).unwrap();
    let body = "他说\"你好\"然后'单引号'。She said \"hi\", it's fine.\n";
    let built = SiteTest::new("small")
        .file(
            "site.yaml",
            &format!("{site}markdown: {{ quotes: corner }}\n"),
        )
        .file(
            "content/pages/site.md",
            &format!("---\ntitle: 站\n---\n{body}"),
        )
        .file(
            "content/pages/curly.md",
            &format!("---\ntitle: 弯\nquotes: curly\n---\n{body}"),
        )
        .file(
            "content/qa/2024-05-01-corner.md",
            &format!("---\ntitle: 角\nquotes: corner\n---\n{body}"),
        )
        .build()
        .success();
    let text = |rel: &str| built.page(rel).texts("main p").join("\n");
    assert!(
        text("site/").contains("他说「你好」然后『单引号』"),
        "{}",
        text("site/")
    );
    assert!(
        text("curly/").contains("他说“你好”然后‘单引号’"),
        "{}",
        text("curly/")
    );
    let on_default = SiteTest::new("small")
        .file(
            "content/pages/corner.md",
            &format!("---\ntitle: 角\nquotes: corner\n---\n{body}"),
        )
        .build()
        .success();
    let text = on_default.page("corner/").texts("main p").join("\n");
    assert!(
        text.contains("他说「你好」然后『单引号』。She said “hi”"),
        "{text}"
    );
    let report = qa("quotes: square");
    assert!(report.contains("content/qa/x.md:4:"), "{report}");
}

#[test]
fn times_in_a_qa_time_range_show_the_form_meant() {
    for (when, fixed) in [
        ("2024-03-12 １９：３０–２１：００", "2024-03-12 19:30–21:00"),
        ("2024-03-12 19点30–21点", "2024-03-12 19:30–21:00"),
        ("2024年3月12日 19点半–21:00", "2024-03-12 19:30–21:00"),
    ] {
        let report = qa(&format!(
            "source: {{ platform: wechat, group: 运营交流1群, when: \"{when}\" }}"
        ));
        assert!(report.contains("content/qa/x.md:4:51"), "{report}");
        assert!(report.contains(&format!("write `{fixed}`")), "{report}");
        let report = qa(&format!("source:\n  platform: wechat\n  when: {when}"));
        assert!(report.contains("content/qa/x.md:6:9"), "{report}");
        assert!(report.contains(&format!("write `{fixed}`")), "{report}");
    }
    let report = qa("source: { when: \"2024-03-12 25:00–26:00\" }");
    assert!(report.contains("content/qa/x.md:4:18"), "{report}");
    assert!(
        report.contains("`25:00`, which is no time of day"),
        "{report}"
    );
    assert!(report.contains("from 00:00 to 23:59"), "{report}");
    let report = qa("source: { when: \"2024-02-30 20:00\" }");
    assert!(report.contains("February 2024 has 29 days"), "{report}");
}

#[test]
fn a_time_range_in_the_accepted_form_or_in_words_is_left_alone() {
    SiteTest::new("small")
        .file(
            "content/qa/x.md",
            "---\ntitle: 新群\ndate: 2024-03-12\nsource: { when: \"2024-03-12 20:00–21:30\" }\n---\n问题\n",
        )
        .file(
            "content/qa/y.md",
            "---\ntitle: 新群\ndate: 2024-03-12\nsource: { when: 周二晚上 }\n---\n问题\n",
        )
        .build()
        .success();
}
