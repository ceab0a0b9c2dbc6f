//! Malformed input (issue #8): each broken or odd file gives a located error or the
//! behaviour docs/CONTENT.md §8 describes, never a panic or a hang. Builds run under
//! a deadline, so a hang fails its test instead of stalling the suite.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{NOW, SiteTest};

/// Longer than any case needs in a debug build; a build past it is a hang.
const DEADLINE: Duration = Duration::from_secs(60);

/// How one `cairn build` ended.
struct Run {
    code: Option<i32>,
    stderr: String,
}

impl Run {
    /// Asserts exit code `code` and that stderr holds every one of `needles`.
    fn expect(&self, code: i32, needles: &[&str]) {
        assert_eq!(self.code, Some(code), "exit code, stderr:\n{}", self.stderr);
        for needle in needles {
            assert!(
                self.stderr.contains(needle),
                "missing {needle:?} in:\n{}",
                self.stderr
            );
        }
    }
}

/// Runs `cairn build` on `site`, killing it at the deadline, and checks it did not panic.
fn build(site: &SiteTest) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let stderr_path = logs.path().join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .arg("--root")
        .arg(site.root())
        .args(["build", "--now", NOW])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cairn build did not finish within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    for crash in ["panicked", "overflowed its stack", "RUST_BACKTRACE"] {
        assert!(!stderr.contains(crash), "cairn crashed:\n{stderr}");
    }
    assert!(status.code().is_some(), "killed by a signal:\n{stderr}");
    Run {
        code: status.code(),
        stderr,
    }
}

/// Writes raw bytes at `rel` in the site.
fn write_bytes(site: &SiteTest, rel: &str, bytes: &[u8]) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn output(site: &SiteTest, rel: &str) -> String {
    let path = site.root().join("public").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn invalid_utf8_points_at_the_first_bad_byte() {
    let site = SiteTest::new("small");
    // "title: 你好" saved as GBK by an editor set to a Chinese legacy encoding.
    write_bytes(
        &site,
        "content/qa/2024-05-01-gbk.md",
        b"---\ntitle: \xc4\xe3\xba\xc3\n---\nbody\n",
    );
    build(&site).expect(
        1,
        &[
            "error[not-utf8]: the file is not valid UTF-8",
            "content/qa/2024-05-01-gbk.md:2:8",
            "hint: save the file as UTF-8",
        ],
    );
}

#[test]
fn bom_and_crlf_files_build_like_plain_ones() {
    let site = SiteTest::new("small").file(
        "content/qa/2024-05-01-crlf.md",
        "\u{feff}---\r\ntitle: Windows file\r\nasked_by: lisi\r\n---\r\nWhy?\r\n\r\n## @zhangwei Because\r\n\r\nIt is.\r\n",
    );
    build(&site).expect(0, &[]);
    let page = output(&site, "qa/2024-05-01-crlf/index.html");
    assert!(page.contains("Windows file"), "{page}");
    assert!(page.contains("id=\"answer-zhangwei\""), "{page}");
    assert!(!page.contains('\u{feff}'), "the BOM reached the page");
}

#[test]
fn empty_files_take_every_default() {
    let site = SiteTest::new("small")
        .file("content/pages/empty.md", "")
        .file("content/qa/2024-05-01-empty.md", "")
        .file("content/members/newcomer.md", "")
        .file("content/pages/only-fences.md", "---\n---\n");
    build(&site).expect(0, &[]);
    // The title (CONTENT §3.1: the file name without `.md`) and the member's name (the
    // handle) are the page's heading and browser title, not merely in its URL.
    for (page, title) in [
        ("empty/index.html", "empty"),
        ("qa/2024-05-01-empty/index.html", "2024-05-01-empty"),
        ("members/newcomer/index.html", "newcomer"),
    ] {
        let html = scraper::Html::parse_document(&output(&site, page));
        let text = |css: &str| {
            let sel = scraper::Selector::parse(css).unwrap();
            html.select(&sel)
                .next()
                .map(|e| e.text().collect::<String>().trim().to_string())
        };
        assert_eq!(text("h1").as_deref(), Some(title), "{page}: heading");
        assert_eq!(
            text("title"),
            Some(format!("{title} · Small Circle")),
            "{page}: browser title"
        );
    }
}

#[test]
fn a_lone_opening_fence_is_unclosed_front_matter() {
    for text in [
        "---",
        "---\n",
        "---\r\ntitle: x\r\n",
        "\u{feff}---\ntitle: x",
    ] {
        let site = SiteTest::new("small").file("content/pages/open.md", text);
        build(&site).expect(
            1,
            &[
                "error[unclosed-front-matter]: front matter is never closed",
                "content/pages/open.md:1:1",
                "hint: end the front matter with a line of three dashes",
            ],
        );
    }
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    let mut yaml = String::from(
        "---\ntitle: lol\nextra:\n  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip("abcdefgh".chars())
    {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("  {name}: &{name} [{refs}]\n"));
    }
    yaml.push_str("---\nbody\n");
    let site = SiteTest::new("small").file("content/pages/laughs.md", &yaml);
    build(&site).expect(
        1,
        &[
            "error[yaml]: repetition limit exceeded",
            "content/pages/laughs.md:2:1",
            "hint: anchors and aliases nest too deeply",
        ],
    );
}

#[test]
fn recursive_and_unknown_aliases_are_located() {
    let site = SiteTest::new("small").file(
        "content/qa/2024-05-01-alias.md",
        "---\ntitle: x\ntags: &t [a, *t]\n---\n",
    );
    build(&site).expect(
        1,
        &[
            "error[yaml]: recursion limit exceeded",
            "content/qa/2024-05-01-alias.md:3:7",
            "hint: anchors and aliases nest too deeply",
        ],
    );
    let site = SiteTest::new("small").file(
        "content/qa/2024-05-01-alias.md",
        "---\ntitle: x\ntags: [a, *nowhere]\n---\n",
    );
    build(&site).expect(1, &["unknown anchor", "content/qa/2024-05-01-alias.md:3:"]);
}

#[test]
fn a_repeated_front_matter_key_points_at_the_repeat() {
    let site = SiteTest::new("small").file(
        "content/qa/2024-05-01-dup.md",
        "---\ntitle: x\nasked_by: lisi\nasked_by: zhangwei\n---\n",
    );
    build(&site).expect(
        1,
        &[
            "error[yaml]: duplicate entry with key \"asked_by\"",
            "content/qa/2024-05-01-dup.md:4:1",
            "hint: each key may appear once",
        ],
    );
}

#[test]
fn a_twenty_megabyte_file_builds() {
    let paragraph = "A long chat log, thanks @lisi and @zhangwei: see [the rules](@/pages/about.md), \
                     **bold**, `code`, and a footnote.[^n]\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n";
    let mut body = String::from("---\ntitle: Big\n---\n");
    while body.len() < 20 * 1024 * 1024 {
        body.push_str(paragraph);
    }
    body.push_str("[^n]: The note.\n");
    let site = SiteTest::new("small").file("content/pages/big.md", &body);
    build(&site).expect(0, &[]);
    assert!(output(&site, "big/index.html").len() > 20 * 1024 * 1024);
}

#[test]
fn a_chat_export_full_of_unknown_mentions_is_reported_briefly() {
    // 20 MB of `@someone` lines: each unknown handle is reported once, 100 at most.
    let mut body = String::from("---\ntitle: Export\n---\n");
    let mut i = 0;
    while body.len() < 20 * 1024 * 1024 {
        body.push_str(&format!(
            "20:{:02} @user{i}: thanks @lisi and @nobody\n\n",
            i % 60
        ));
        i += 1;
    }
    let site = SiteTest::new("small").file("content/pages/export.md", &body);
    let run = build(&site);
    run.expect(
        0,
        &[
            "warning[unknown-member]: unknown member @user0",
            "content/pages/export.md:4:7",
        ],
    );
    assert_eq!(run.stderr.matches("unknown member @nobody").count(), 1);
    assert_eq!(
        run.stderr.matches("warning[unknown-member]: ").count(),
        100,
        "{}",
        run.stderr
    );
}

#[test]
fn ten_thousand_deep_nesting_builds() {
    let cases = [
        ("lists", "- ".repeat(10_000)),
        ("quotes", "> ".repeat(10_000)),
        ("mixed", "> 1. - ".repeat(3_400)),
        (
            "emphasis",
            format!("{}x{}", "*".repeat(10_000), "*".repeat(10_000)),
        ),
        (
            "links",
            format!("{}x{}", "[".repeat(10_000), "](/)".repeat(10_000)),
        ),
        ("html", "<div>".repeat(10_000)),
        ("inline-html", format!("x {}", "<b>".repeat(10_000))),
    ];
    let mut site = SiteTest::new("small");
    for (name, body) in &cases {
        site = site.file(
            &format!("content/pages/{name}.md"),
            &format!("{body}deep\n"),
        );
    }
    build(&site).expect(0, &[]);
    for (name, _) in &cases {
        assert!(
            output(&site, &format!("{name}/index.html")).contains("deep"),
            "{name}"
        );
    }
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_not_followed_and_say_so() {
    use std::os::unix::fs::symlink;
    let site = SiteTest::new("small");
    let content = site.root().join("content");
    symlink("..", content.join("qa/loop")).unwrap();
    symlink("about.md", content.join("pages/alias.md")).unwrap();
    symlink("nowhere.md", content.join("pages/dangling.md")).unwrap();
    let run = build(&site);
    run.expect(
        0,
        &[
            "warning[symlink]: symbolic links are not followed",
            "content/qa/loop",
            "content/pages/alias.md",
            "content/pages/dangling.md",
        ],
    );
    assert!(!site.root().join("public/alias/index.html").exists());
}

#[test]
fn folders_and_pipes_named_like_content_files_are_skipped() {
    let site = SiteTest::new("small");
    std::fs::create_dir_all(site.root().join("content/pages/folder.md")).unwrap();
    std::fs::create_dir_all(site.root().join("content/qa/2024-05-01-x.md/inner.md")).unwrap();
    // A named pipe would block a reader forever: cairn must not open it.
    #[cfg(unix)]
    for fifo in ["content/pages/pipe.md", "static/pipe.pdf"] {
        let made = Command::new("mkfifo").arg(site.root().join(fifo)).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo {fifo}");
    }
    build(&site).expect(0, &[]);
    assert!(!site.root().join("public/folder").exists());
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_naming_it() {
    use std::os::unix::fs::PermissionsExt;
    let site = SiteTest::new("small").file("content/pages/locked.md", "---\ntitle: x\n---\n");
    let path = site.root().join("content/pages/locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = if std::fs::read(&path).is_ok() {
        // Root (as CI runs) reads any file: the build runs as root still, but without
        // the capabilities that override file permissions, so mode 000 stops it.
        build_without_permission_override(&site)
    } else {
        build(&site)
    };
    run.expect(
        1,
        &[
            "content/pages/locked.md",
            "cannot read the file: Permission denied",
        ],
    );
}

/// `cairn build` through `setpriv`, with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
/// dropped from its bounding and inheritable sets (util-linux; fails, never skips,
/// without it).
fn build_without_permission_override(site: &SiteTest) -> Run {
    let drop = "-dac_override,-dac_read_search";
    let out = Command::new("setpriv")
        .args(["--bounding-set", drop, "--inh-caps", drop])
        .arg(env!("CARGO_BIN_EXE_cairn"))
        .arg("--root")
        .arg(site.root())
        .args(["build", "--now", NOW])
        .env("NO_COLOR", "1")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("setpriv (util-linux) is needed to test an unreadable file as root");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("setpriv:"), "setpriv failed: {stderr}");
    Run {
        code: out.status.code(),
        stderr,
    }
}

#[test]
fn names_with_spaces_chinese_and_emoji_get_safe_urls() {
    let site = SiteTest::new("small")
        .file(
            "content/qa/2024-05-01 My Question.md",
            "---\ntitle: a\ndate: 2024-05-01\n---\n",
        )
        .file("content/pages/关于我们.md", "---\ntitle: b\n---\n")
        .file("content/pages/🎉 party time.md", "---\ntitle: c\n---\n")
        .file("content/pages/🎉.md", "---\ntitle: d\n---\n")
        .file("content/pages/!!!.md", "---\ntitle: e\n---\n");
    build(&site).expect(0, &[]);
    let pages = [
        "qa/2024-05-01-my-question",
        "guan-yu-wo-men",
        "tada-party-time",
        "tada",
        "item",
    ];
    for page in pages {
        assert!(
            site.root()
                .join("public")
                .join(page)
                .join("index.html")
                .exists(),
            "{page}"
        );
    }
}

#[test]
fn emoji_and_chinese_member_file_names_are_invalid_handles() {
    let site = SiteTest::new("small").file("content/members/🎉.md", "---\nname: x\n---\n");
    build(&site).expect(
        1,
        &[
            "error[invalid-handle]: `🎉` is not a valid member handle",
            "content/members/🎉.md",
        ],
    );
}

#[test]
fn unicode_normalization_forms_of_one_name_collide() {
    let site = SiteTest::new("small")
        .file("content/pages/caf\u{e9}.md", "---\ntitle: NFC\n---\n")
        .file("content/pages/cafe\u{301}.md", "---\ntitle: NFD\n---\n");
    build(&site).expect(1, &["would be published at cafe/", "content/pages/caf"]);
}

#[test]
fn simplified_and_traditional_names_collide() {
    let site = SiteTest::new("small")
        .file("content/qa/2024-05-01-线下.md", "---\ntitle: a\n---\n")
        .file("content/qa/2024-05-01-線下.md", "---\ntitle: b\n---\n");
    build(&site).expect(1, &["would be published at qa/2024-05-01-xian-xia/"]);
}

#[test]
fn a_handle_listed_twice_is_an_error() {
    let site = SiteTest::new("small")
        .file(
            "content/solutions/2024-05-01-dup.md",
            "---\ntitle: x\nauthors: [lisi, zhangwei, lisi]\n---\n",
        )
        .file(
            "content/qa/2024-05-01-dup.md",
            "---\ntitle: y\naccepted:\n  - lisi\n  - lisi\n---\nq\n\n## @lisi a\n",
        );
    build(&site).expect(
        1,
        &[
            "error[listed-twice]: `lisi` is listed twice in `authors`",
            "content/solutions/2024-05-01-dup.md:3:",
            "error[listed-twice]: `lisi` is listed twice in `accepted`",
            "content/qa/2024-05-01-dup.md:4:5",
            "hint: write each member once",
        ],
    );
}

#[test]
fn thousands_of_broken_anchors_are_reported_briefly() {
    // Each missing anchor is located by a scan of the file: 5,000 distinct ones (and
    // each twice) must still finish quickly, reported once each, 100 at most.
    let mut body = String::from("---\ntitle: Anchors\n---\n");
    for i in 0..5_000 {
        body.push_str(&format!(
            "[a](@/qa/2024-03-12-ice-breaking.md#missing-{i}) [b](@/qa/2024-03-12-ice-breaking.md#missing-{i})\n\n"
        ));
    }
    let site = SiteTest::new("small").file("content/pages/anchors.md", &body);
    let run = build(&site);
    run.expect(
        1,
        &["has no anchor `#missing-0`", "content/pages/anchors.md:4:"],
    );
    assert_eq!(
        run.stderr.matches("#missing-0`").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        run.stderr.matches("error[no-anchor]: ").count(),
        100,
        "{}",
        run.stderr
    );
}

#[test]
fn a_site_yaml_that_is_not_utf8_is_located() {
    let site = SiteTest::new("small");
    write_bytes(
        &site,
        "site.yaml",
        b"title: Small\ndescription: \xc4\xe3\xba\xc3\n",
    );
    let run = build(&site);
    run.expect(
        1,
        &[
            "site.yaml is not valid UTF-8",
            "site.yaml:2:14",
            "save the file as UTF-8",
        ],
    );
    assert!(
        !run.stderr.contains("run cairn in a site folder"),
        "{}",
        run.stderr
    );
}
