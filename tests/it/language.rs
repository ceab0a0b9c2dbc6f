//! Every word in the site's language (#22): configuration keys shown as words, the
//! Traditional interface and its Hong Kong fallback, the site's own renames, counts.

use crate::SiteTest;

/// The example site with `language:` set to `language`.
fn example_in(language: &str) -> SiteTest {
    let site = SiteTest::example();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let yaml = yaml.replace("language: zh-CN", &format!("language: {language}"));
    assert!(yaml.contains(&format!("language: {language}")));
    site.file("site.yaml", &yaml)
}

/// Every HTML page of an output, by path.
fn pages(out: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().display().to_string();
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

const ROLE_KEYS: &[&str] = &["founder", "moderator", "member", "guest", "kol"];
const PLATFORM_KEYS: &[&str] = &["wechat", "qq", "telegram", "discord", "slack", "whatsapp"];

#[test]
fn no_configuration_key_shows_raw_on_any_page_in_any_language() {
    for language in ["zh-CN", "zh-TW", "en"] {
        let built = example_in(language).build().success();
        let mut raw = Vec::new();
        for (rel, source) in pages(&built.out) {
            let html = scraper::Html::parse_document(&source);
            let text_of = |css: &str| -> Vec<String> {
                let sel = scraper::Selector::parse(css).unwrap();
                html.select(&sel)
                    .map(|e| e.text().collect::<String>())
                    .collect()
            };
            for role in text_of(".role") {
                if ROLE_KEYS.contains(&role.trim()) {
                    raw.push(format!("{rel}: role `{role}`"));
                }
            }
            for source in text_of(".source") {
                for key in PLATFORM_KEYS {
                    if source.split([' ', '·', ':', '：']).any(|w| w == *key) {
                        raw.push(format!("{rel}: platform `{key}` in `{source}`"));
                    }
                }
            }
            for format in text_of(".talk-facts dd, dl dd") {
                if ["voice+text", "live", "offline", "video"].contains(&format.trim()) {
                    raw.push(format!("{rel}: talk format `{format}`"));
                }
            }
            for row in text_of(".points-table li") {
                let key = row.split([':', '：']).next().unwrap_or_default();
                if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    raw.push(format!("{rel}: points-table key `{row}`"));
                }
            }
            for roles in text_of(".roles") {
                for key in ROLE_KEYS {
                    if roles.contains(&format!("{key} (")) {
                        raw.push(format!("{rel}: role `{key}` in `{roles}`"));
                    }
                }
            }
        }
        assert!(raw.is_empty(), "{language}: {raw:#?}");
        // Spot checks that the words are the language's.
        let members = built.page("members/");
        let roles = members.texts(".roles").join(" ");
        let moderator = match language {
            "en" => "Moderator",
            _ => "管理員",
        };
        if language == "zh-CN" {
            assert!(roles.contains("管理员"), "{roles}");
        } else {
            assert!(roles.contains(moderator), "{language}: {roles}");
        }
    }
}

#[test]
fn the_footer_and_the_points_table_read_naturally_in_each_language() {
    for (language, footer, colon) in [
        ("zh-CN", "由 cairn 0.1.0 生成", "："),
        ("zh-TW", "由 cairn 0.1.0 產生", "："),
        ("en", "Built with cairn 0.1.0", ": "),
    ] {
        let built = example_in(language).build().success();
        let home = built.page("");
        assert_eq!(home.texts(".generator"), [footer], "{language}");
        let credits = built.page("credits/");
        let rows = credits.texts(".points-table li");
        let accepted = match language {
            "en" => "Accepted answer",
            "zh-CN" => "最佳回答",
            _ => "最佳解答",
        };
        let row = format!("{accepted}{}", colon.trim_end());
        assert!(
            rows.iter().any(|r| r.starts_with(&row)),
            "{language}: {rows:?}"
        );
    }
}

/// Hong Kong and Macau read the Traditional interface; the page keeps its own tag.
#[test]
fn zh_hk_reads_the_traditional_interface_and_keeps_its_language_tag() {
    let built = example_in("zh-HK").build().success();
    let home = built.page("");
    assert!(
        home.source.contains(r#"<html lang="zh-HK""#),
        "the page's tag"
    );
    let nav = home.texts("nav a").join(" ");
    assert!(nav.contains("成員"), "zh-TW's words: {nav}");
    assert!(!nav.contains("成员"), "not zh-CN's: {nav}");
}

#[test]
fn site_yaml_renames_interface_strings_and_a_misspelt_key_is_a_located_error() {
    let site = example_in("zh-CN");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let renamed = site.file(
        "site.yaml",
        &format!("{yaml}strings:\n  role_moderator: 版主\n  nav_qa: 问答夜\n"),
    );
    let built = renamed.build().success();
    let roles = built.page("members/").texts(".roles").join(" ");
    assert!(roles.contains("版主 (3)"), "{roles}");
    assert!(built.page("").texts("nav a").iter().any(|a| a == "问答夜"));

    let site = example_in("zh-CN");
    let misspelt = site.file(
        "site.yaml",
        &format!("{yaml}strings:\n  role_moderatr: 版主\n"),
    );
    let report = misspelt.build().content_errors().report();
    let line = yaml.lines().count() + 2;
    assert!(
        report.contains(&format!("site.yaml:{line}:3")),
        "located at the key: {report}"
    );
    assert!(
        report.contains("[unknown-string]: `strings.role_moderatr` 不对应任何界面文字"),
        "{report}"
    );
    assert!(report.contains("是不是想写 `role_moderator`"), "{report}");
}

#[test]
fn english_counts_of_one_are_singular() {
    let built = example_in("en").build().success();
    let mut singular = 0;
    for (rel, source) in pages(&built.out) {
        let html = scraper::Html::parse_document(&source);
        let text: String = html.root_element().text().collect();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for noun in [
            "point",
            "answer",
            "Q&A session",
            "solution",
            "talk",
            "member",
            "item",
        ] {
            for (at, _) in text.match_indices(&format!(" 1 {noun}")) {
                let digit_before = text[..at].ends_with(|c: char| c.is_ascii_digit());
                let next = text[at + noun.len() + 3..].chars().next();
                if !digit_before && next == Some('s') {
                    panic!("{rel}: `1 {noun}s`");
                }
                singular += usize::from(!digit_before);
            }
        }
    }
    assert!(
        singular > 0,
        "the example site has a count of one somewhere"
    );
}

/// Sub-headings of an answer no longer take numbers: the list reads 1, 2, 3 for the
/// three answers, their sections nested under them.
#[test]
fn a_qa_table_of_contents_numbers_the_answers_alone() {
    let built = SiteTest::example().build().success();
    let page = built.page("qa/2023-05-16-ice-breaking/");
    let numbered = page.attrs(".toc > ol > li > a", "href");
    assert_eq!(
        numbered,
        ["#answer-lisi", "#answer-wangfang", "#answer-chenjie"]
    );
    assert_eq!(
        page.count(".toc > ol > li > ul > li"),
        4,
        "lisi's four days"
    );
}

/// A Q&A's card (and its description) is its question, not the answers run on.
#[test]
fn a_qa_card_shows_its_question_not_its_answers() {
    let built = SiteTest::example().build().success();
    let home = built.page("");
    let summaries = home.texts(".card-qa .card-summary");
    let annual = summaries
        .iter()
        .find(|s| s.starts_with("研究社快三周年了"))
        .expect("the annual review's card");
    assert!(annual.ends_with("顺便带来一些新同行。"), "{annual}");
    let page = built.page("qa/2026-10-13-annual-review/");
    let description = page.attrs(r#"meta[name="description"]"#, "content");
    assert!(
        description.iter().all(|d| !d.contains("大家转发")),
        "{description:?}"
    );
}

/// `init`, then `new qa` in a site switched to zh-TW: the placeholders are Traditional.
#[test]
fn new_in_a_zh_tw_site_writes_traditional_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    let cairn = || assert_cmd::Command::cargo_bin("cairn").unwrap();
    cairn().arg("init").arg(&site).assert().success();
    let yaml = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace("language: zh-CN", "language: zh-TW"),
    )
    .unwrap();
    cairn()
        .arg("--root")
        .arg(&site)
        .args(["new", "qa", "新群如何破冰"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success();
    // 2023-11-14 22:13 UTC is the 15th in Taipei, the site's zone.
    let file = site.join("content/qa/2023-11-15-xin-qun-ru-he-po-bing.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("問題原文寫在這裡。"), "{text}");
    assert!(!text.contains("The question"), "{text}");
}

/// The live-reload overlay speaks the site's language, carries the same located report
/// and hint as the terminal, and closes in a real browser.
#[test]
fn the_error_overlay_is_in_the_sites_language_and_closes() {
    use crate::serve::{get, serve, wait_for};
    for (language, heading, close, hint) in [
        ("zh-TW", "上次建置失敗", "關閉", "是不是想寫 `menu`？"),
        ("zh-CN", "上次构建失败", "关闭", "是不是想写 `menu`？"),
        (
            "en",
            "the last build failed",
            "Close",
            "did you mean `menu`?",
        ),
    ] {
        let site = SiteTest::new("small");
        let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        let site = site.file(
            "site.yaml",
            &yaml.replace("language: en", &format!("language: {language}")),
        );
        let s = serve(&site);
        let about = site.root().join("content/pages/about.md");
        std::fs::write(&about, "---\ntitle: About\nmenuu: true\n---\nBroken.\n").unwrap();
        wait_for("the overlay", || {
            get(&s.addr, "/about/").1.contains("cairn-errors")
        });
        let body = get(&s.addr, "/about/").1;
        assert!(
            body.contains(heading) && body.contains(close),
            "{language}: {body}"
        );
        assert!(
            body.contains(&format!(r#"lang="{language}""#)),
            "{language}"
        );
        assert!(
            body.contains("content/pages/about.md:3:1"),
            "the located report"
        );
        // The same code, report and hint as the terminal, in the site's language.
        assert!(body.contains("[unknown-field]"), "the code");
        assert!(body.contains(hint), "the hint: {body}");
        if language != "zh-TW" {
            continue;
        }
        let browser = crate::a11y::browser(false);
        let tab = browser.new_tab().unwrap();
        tab.navigate_to(&format!("http://{}/about/", s.addr))
            .unwrap();
        tab.wait_until_navigated().unwrap();
        let shown = tab
            .evaluate(
                "document.querySelector('#cairn-errors strong').textContent",
                false,
            )
            .unwrap()
            .value;
        assert!(
            shown
                .as_ref()
                .and_then(|v| v.as_str())
                .is_some_and(|t| t.contains(heading)),
            "{shown:?}"
        );
        tab.find_element("#cairn-errors-close")
            .unwrap()
            .click()
            .unwrap();
        let gone = tab
            .evaluate("document.getElementById('cairn-errors') === null", false)
            .unwrap()
            .value;
        assert_eq!(gone, Some(serde_json::Value::Bool(true)), "closed");
    }
}

/// cairn's own words follow `--lang`, then the site's language, then the locale: the
/// verdict of `check` and the summary under a report, in each language.
#[test]
fn cairns_messages_follow_the_flag_then_the_site_then_the_locale() {
    let run = |site: &SiteTest, args: &[&str], lang_env: &str| {
        let out = assert_cmd::Command::cargo_bin("cairn")
            .unwrap()
            .arg("--root")
            .arg(site.root())
            .args(args)
            .env("LANG", lang_env)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .output()
            .unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (text(&out.stdout), text(&out.stderr))
    };
    let check = ["check", "--now", crate::NOW];
    let small = SiteTest::new("small");
    assert!(
        run(&small, &check, "zh_CN.UTF-8")
            .0
            .contains("no problems found"),
        "the site (en) before the locale"
    );
    let flagged = [&["--lang", "zh-TW"][..], &check].concat();
    assert!(
        run(&small, &flagged, "C").0.contains("沒有發現問題"),
        "the flag first"
    );
    let example = SiteTest::example();
    assert!(
        run(&example, &check, "en_US.UTF-8")
            .0
            .contains("没有发现问题"),
        "the site (zh-CN)"
    );
    let english = [&["--lang", "en"][..], &check].concat();
    assert!(
        run(&example, &english, "zh_CN.UTF-8")
            .0
            .contains("no problems found")
    );

    let broken = SiteTest::new("small").file(
        "content/pages/about.md",
        "---\ntitle: About\nmenuu: true\n---\nx\n",
    );
    for (lang, summary) in [
        ("en", "1 error, 0 warnings in 1 file"),
        ("zh-CN", "1 个错误，0 个警告，涉及 1 个文件"),
        ("zh-TW", "1 個錯誤，0 個警告，涉及 1 個檔案"),
    ] {
        let (_, stderr) = run(
            &broken,
            &["--lang", lang, "build", "--now", crate::NOW],
            "C",
        );
        assert!(stderr.contains(summary), "{lang}: {stderr}");
        // The located report and its hint are the same in every language (stable keys).
        assert!(
            stderr.contains("content/pages/about.md:3:1"),
            "{lang}: {stderr}"
        );
    }
}

/// A located error, a warning and their hints in each language: cairn's words (labels,
/// message, hint, summary) translated, the code in brackets, the file, line, source and
/// caret the same in all three.
#[test]
fn a_located_report_and_its_hints_in_each_language() {
    let broken = SiteTest::new("small")
        .file(
            "content/pages/about.md",
            "---\ntitle: About\nmenuu: true\n---\nx\n",
        )
        .file(
            "content/pages/ask.md",
            "---\ntitle: Ask\n---\n问 @lsii 吧\n",
        );
    for lang in ["en", "zh-CN", "zh-TW"] {
        let out = assert_cmd::Command::cargo_bin("cairn")
            .unwrap()
            .args(["--lang", lang, "--root"])
            .arg(broken.root())
            .args(["check", "--now", crate::NOW])
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{lang}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("[unknown-field]: ") && stderr.contains("[unknown-member]: "));
        insta::assert_snapshot!(format!("report_{lang}"), stderr);
    }
}

/// Problems moved into the catalogues keep their code in every language and read in
/// the chosen one: a file in a folder cairn does not know (a warning), a member file
/// named after the import placeholder, an account on an unknown platform.
#[test]
fn content_folder_placeholder_and_platform_problems_in_each_language() {
    let site = SiteTest::new("small")
        .file("content/faq/x.md", "---\ntitle: x\n---\n")
        .file("content/members/unmapped-1.md", "---\nname: 某人\n---\n")
        .file(
            "content/members/zhaoxm.md",
            "---\nname: 赵小明\naccounts: { telgram: [5010002] }\n---\n",
        );
    for (lang, folder, placeholder, platform, near) in [
        (
            "en",
            "warning[not-a-content-folder]: `content/faq/` is not a content folder",
            "error[reserved-handle]: `unmapped-1` is reserved for people `cairn import` could not map",
            "error[unknown-platform]: unknown chat platform `telgram`",
            "did you mean `telegram`?",
        ),
        (
            "zh-CN",
            "警告[not-a-content-folder]: `content/faq/` 不是内容文件夹",
            "错误[reserved-handle]: `unmapped-1` 是留给 `cairn import` 对不上号的人用的",
            "错误[unknown-platform]: 未知的聊天平台 `telgram`",
            "是不是想写 `telegram`？",
        ),
        (
            "zh-TW",
            "警告[not-a-content-folder]: `content/faq/` 不是內容資料夾",
            "錯誤[reserved-handle]: `unmapped-1` 是保留給 `cairn import` 對應不到的人使用的",
            "錯誤[unknown-platform]: 未知的聊天平台 `telgram`",
            "是不是想寫 `telegram`？",
        ),
    ] {
        let args = ["--lang", lang, "check", "--now", crate::NOW].map(String::from);
        let run = site.run(&args);
        let stderr = run.stderr();
        assert_eq!(run.output.status.code(), Some(1), "{lang}: {stderr}");
        for expected in [folder, placeholder, platform, near] {
            assert!(
                stderr.contains(expected),
                "{lang}: `{expected}` in\n{stderr}"
            );
        }
    }
}

/// More problems in the catalogues, each under its code in every language: a related
/// item that does not exist (with the nearest), a URL field with another scheme, a
/// member listed twice, a day the month lacks (a problem found in the YAML, with the
/// month's length in the hint), an accepted member with no answer, and full-width
/// characters from a Chinese keyboard after a key (an error) and before a heading (a
/// warning), with the half-width form in the hint.
#[test]
fn reference_url_list_and_date_problems_in_each_language() {
    let site = SiteTest::new("small")
        .file(
            "content/solutions/2024-05-01-x.md",
            "---\ntitle: X\nauthors: [lisi, lisi]\n---\nbody\n",
        )
        .file(
            "content/solutions/2024-05-04-y.md",
            "---\ntitle: Y\nrelated: [qa/2024-03-12-ice-breakin]\n---\nbody\n",
        )
        .file(
            "content/talks/2024-05-01-x.md",
            "---\ntitle: X\nspeaker: lisi\nslides: javascript:alert(1)\n---\n",
        )
        .file(
            "content/qa/2024-05-02-x.md",
            "---\ntitle: X\ndate: 2026-11-31\n---\nQ\n",
        )
        .file(
            "content/qa/2024-05-03-x.md",
            "---\ntitle: X\naccepted: zhangwei\n---\nQ\n\n## @lisi\n\nA\n",
        )
        .file(
            "content/qa/2024-05-05-x.md",
            "---\ntitle: X\naccepted：lisi\n---\nQ\n",
        )
        .file("content/pages/kbd.md", "---\ntitle: K\n---\n＃＃ 第一条\n");
    for (lang, expected) in [
        (
            "en",
            [
                "error[unknown-item]: no item `qa/2024-03-12-ice-breakin`",
                "did you mean `qa/2024-03-12-ice-breaking`?",
                "error[bad-url]: `slides` must be an http(s) URL or a path on this site",
                "error[listed-twice]: `lisi` is listed twice in `authors`",
                "error[no-day]: `2026-11-31` is not a date",
                "November 2026 has 30 days; its last day is 2026-11-30",
                "error[accepted-without-answer]: `zhangwei` is accepted but has no answer here",
                "error[full-width-key]: full-width `：` after the key, where YAML expects `:`",
                "full-width `：` → half-width `:`",
                "warning[full-width-heading]: full-width `＃` at the start of a line: it is not a heading",
            ],
        ),
        (
            "zh-CN",
            [
                "错误[unknown-item]: 没有 `qa/2024-03-12-ice-breakin` 这篇内容",
                "是不是想写 `qa/2024-03-12-ice-breaking`？",
                "错误[bad-url]: `slides` 必须是 http(s) 网址，或本站的路径",
                "错误[listed-twice]: `lisi` 在 `authors` 里写了两次",
                "错误[no-day]: `2026-11-31` 不是日期",
                "2026 年 11 月只有 30 天，最后一天是 2026-11-30",
                "错误[accepted-without-answer]: `zhangwei` 被标为采纳，但这里没有 TA 的回答",
                "错误[full-width-key]: 键后面是全角的 `：`，YAML 要的是 `:`",
                "全角「：」→ 半角「:」",
                "警告[full-width-heading]: 行首是全角的 `＃`：这不是标题",
            ],
        ),
        (
            "zh-TW",
            [
                "錯誤[unknown-item]: 沒有 `qa/2024-03-12-ice-breakin` 這篇內容",
                "是不是想寫 `qa/2024-03-12-ice-breaking`？",
                "錯誤[bad-url]: `slides` 必須是 http(s) 網址，或本站的路徑",
                "錯誤[listed-twice]: `lisi` 在 `authors` 裡寫了兩次",
                "錯誤[no-day]: `2026-11-31` 不是日期",
                "2026 年 11 月只有 30 天，最後一天是 2026-11-30",
                "錯誤[accepted-without-answer]: `zhangwei` 被標為採納，但這裡沒有 TA 的回答",
                "錯誤[full-width-key]: 鍵後面是全形的 `：`，YAML 要的是 `:`",
                "全形「：」→ 半形「:」",
                "警告[full-width-heading]: 行首是全形的 `＃`：這不是標題",
            ],
        ),
    ] {
        let args = ["--lang", lang, "check", "--now", crate::NOW].map(String::from);
        let run = site.run(&args);
        let stderr = run.stderr();
        assert_eq!(run.output.status.code(), Some(1), "{lang}: {stderr}");
        for expected in expected {
            assert!(
                stderr.contains(expected),
                "{lang}: `{expected}` in\n{stderr}"
            );
        }
    }
}

/// The note a failed file's error gets, how many files refer to it, is in the
/// moderator's language too, after the hint.
#[test]
fn the_note_of_files_referring_to_a_failed_one_in_each_language() {
    let site = SiteTest::new("small").file(
        "content/members/lisi.md",
        "---\nname: 李四\nrole: moderator\n微信号: lisi-wx\n---\n",
    );
    for (lang, expected) in [
        ("en", "more files refer to it, not checked until it loads)"),
        ("zh-CN", "个文件引用了它，要等它能加载后才检查）"),
        ("zh-TW", "個檔案引用了它，要等它能載入後才檢查）"),
    ] {
        let args = ["--lang", lang, "check", "--now", crate::NOW].map(String::from);
        let run = site.run(&args);
        let stderr = run.stderr();
        assert_eq!(run.output.status.code(), Some(1), "{lang}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{lang}: `{expected}` in\n{stderr}"
        );
    }
}

/// A value a command-line parser refuses, and options that cannot go together, are
/// said in the language, the parser's own reason included (#22).
#[test]
fn a_refused_value_and_options_in_conflict_in_each_language() {
    let site = SiteTest::new("small");
    for (lang, refused, conflict) in [
        (
            "zh-CN",
            "`next-week` 不能用作 `--now <NOW>`：`next-week` 不是日期：写成 YYYY-MM-DD",
            "不能和",
        ),
        (
            "zh-TW",
            "`next-week` 不能用作 `--now <NOW>`：`next-week` 不是日期：寫成 YYYY-MM-DD",
            "不能和",
        ),
        (
            "en",
            "`next-week` is not a date: use YYYY-MM-DD",
            "cannot be used with",
        ),
    ] {
        let args = ["--lang", lang, "build", "--now", "next-week"].map(String::from);
        let run = site.run(&args);
        assert_eq!(run.output.status.code(), Some(2), "{lang}");
        assert!(run.stderr().contains(refused), "{lang}: {}", run.stderr());
        let args = [
            "--lang",
            lang,
            "digest",
            "--week",
            "2026-W10",
            "--since",
            "2026-03-01",
        ]
        .map(String::from);
        let run = site.run(&args);
        assert_eq!(run.output.status.code(), Some(2), "{lang}");
        assert!(run.stderr().contains(conflict), "{lang}: {}", run.stderr());
    }
}

/// The summary of a good build, in each language: the counts and the folder the same,
/// the words the language's (#22).
#[test]
fn the_build_summary_in_each_language() {
    let site = SiteTest::new("small");
    let decimals = regex::Regex::new(r"\d+\.\d+").unwrap();
    for lang in ["en", "zh-CN", "zh-TW"] {
        let args = ["--lang", lang, "build", "--now", crate::NOW].map(String::from);
        let built = site.run(&args);
        assert_eq!(
            built.output.status.code(),
            Some(0),
            "{lang}: {}",
            built.stderr()
        );
        let stdout = String::from_utf8_lossy(&built.output.stdout)
            .replace(&site.root().display().to_string(), "[SITE]");
        // The seconds vary from run to run, and the size with any change to the theme.
        let summary = decimals.replace_all(&stdout, "[N]").into_owned();
        insta::assert_snapshot!(format!("build_summary_{lang}"), summary);
    }
}
