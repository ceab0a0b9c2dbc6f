//! `cairn import` (issue #16): each fixture export under `tests/fixtures/import/` becomes
//! a draft (snapshotted), and end to end per platform family: import → map the person
//! no member's accounts name → import again → `check --drafts` passes → `build --drafts`
//! publishes answers under the right members, and no account id, phone number,
//! redacted value or unmapped real name reaches any output file.

use std::path::{Path, PathBuf};

use crate::{Built, SiteTest, manifest, snapshot_tree};

fn fixture(rel: &str) -> PathBuf {
    manifest().join("tests/fixtures/import").join(rel)
}

/// Runs `cairn import EXPORT ARGS…` in `site`.
fn import(site: &SiteTest, export: &Path, args: &[&str]) -> Built {
    let mut all = vec!["import".to_string(), export.display().to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    site.run(&all)
}

fn stdout(built: &Built) -> String {
    String::from_utf8_lossy(&built.output.stdout).into_owned()
}

/// One platform family's fixture and what must never be published from it.
struct Family {
    name: &'static str,
    export: &'static str,
    args: &'static [&'static str],
    /// How the non-member appears in this export: name and ids.
    stranger: &'static [&'static str],
}

const FAMILIES: &[Family] = &[
    Family {
        name: "telegram",
        export: "telegram/result.json",
        args: &["--session", "2"],
        stranger: &["赵小明", "5019999"],
    },
    Family {
        name: "telegram_account",
        export: "telegram-account/result.json",
        args: &["--session", "2", "--chat", "运营研究社 · 答疑群"],
        stranger: &["赵小明", "5019999"],
    },
    Family {
        name: "discord",
        export: "discord/chat.json",
        args: &["--session", "2"],
        stranger: &["赵小明", "xiaoming_z", "720000000000009999"],
    },
    Family {
        name: "slack",
        export: "slack",
        args: &["--session", "2", "--channel", "qa-evening"],
        stranger: &["赵小明", "U05ZHAOXM9"],
    },
    Family {
        name: "whatsapp_ios",
        export: "whatsapp/bracketed.txt",
        args: &["--session", "2"],
        stranger: &["186 0000 9999", "8618600009999"],
    },
    Family {
        name: "whatsapp_android",
        export: "whatsapp/dashed-12h.txt",
        args: &["--session", "2"],
        stranger: &["186 0000 9999", "8618600009999"],
    },
    Family {
        name: "qq",
        export: "qq/chat.txt",
        args: &["--session", "2"],
        stranger: &["小明同学", "2859999999"],
    },
    Family {
        name: "wechat_txt",
        export: "wechat/chat.txt",
        args: &["--session", "2"],
        stranger: &["小明同学"],
    },
    Family {
        name: "wechat_csv",
        export: "wechat/chat.csv",
        args: &["--session", "2"],
        stranger: &["小明同学", "wxid_z9x8c7v6b5n412"],
    },
    Family {
        name: "transcript",
        export: "paste/transcript.txt",
        args: &[],
        stranger: &["赵小明"],
    },
];

/// Values the chat holds that must never reach a page: members' account ids, and what
/// redaction takes out.
const NEVER_PUBLISHED: &[&str] = &[
    "5010002",
    "@lisi_ops",
    "720000000000000002",
    "U05LISI002",
    "2850010002",
    "@yating_tpe",
    "13812345678",
    "138 1234 5678",
    "9123 4567",
    "0912-345-678",
    "912 345 678",
    "415 555 0100",
    "yu.he@xiaoman-coffee.example.com",
    "zhou_ops-2024",
    "wxid_k3j4h5g6f7",
    "987654321",
    "AbC123SeCrEt456",
    "eyJhbGci",
];

fn family(name: &str) -> &'static Family {
    FAMILIES.iter().find(|f| f.name == name).unwrap()
}

/// The draft of a fixture, as `--dry-run` prints it.
fn draft_of(f: &Family) -> String {
    let site = SiteTest::example();
    let mut args = f.args.to_vec();
    args.push("--dry-run");
    let built = import(&site, &fixture(f.export), &args);
    assert!(
        built.output.status.success(),
        "{}: {}",
        f.name,
        built.stderr()
    );
    stdout(&built)
}

#[test]
fn every_fixture_drafts_as_expected() {
    for f in FAMILIES {
        insta::assert_snapshot!(format!("draft_{}", f.name), draft_of(f));
    }
}

#[test]
fn drafts_agree_across_platforms() {
    // One conversation rendered into every format: the same people answer in the same order.
    for f in FAMILIES {
        let draft = draft_of(f);
        let sections: Vec<&str> = draft.lines().filter(|l| l.starts_with("## @")).collect();
        assert_eq!(
            sections,
            [
                "## @lisi",
                "## @unmapped-1",
                "## @wangfang",
                "## @linyating",
                "## @emily"
            ],
            "{}",
            f.name
        );
        assert!(draft.contains("asked_by: heyu\n"), "{}", f.name);
        assert!(draft.contains("draft: true\n"), "{}", f.name);
        for secret in NEVER_PUBLISHED.iter().chain(f.stranger) {
            assert!(
                !draft.contains(secret),
                "{}: the draft holds {secret}",
                f.name
            );
        }
    }
}

/// The whole loop for one family; returns the built site.
fn end_to_end(name: &str) -> Built {
    let f = family(name);
    let site = SiteTest::example();
    let export = fixture(f.export);
    let first = import(&site, &export, f.args);
    assert!(first.output.status.success(), "{}", first.stderr());
    let summary = first.stderr();
    // The summary names the file and the `accounts:` line to paste for the stranger.
    let written = summary
        .lines()
        .find_map(|l| l.trim().strip_prefix("→ "))
        // `→ <file> (draft: true)`, or `（draft: true）` in Chinese.
        .and_then(|l| l.split([' ', '（']).next())
        .unwrap_or_else(|| panic!("no file in:\n{summary}"))
        .to_string();
    let accounts = summary
        .lines()
        .find(|l| l.trim_start().starts_with("@unmapped-1"))
        .and_then(|l| l.split("→  ").nth(1))
        .unwrap_or_else(|| panic!("no accounts line in:\n{summary}"))
        .trim()
        .to_string();
    assert!(accounts.starts_with("accounts: {"), "{accounts}");
    // Until the person is mapped, the draft cannot be built.
    let refused = site.run(&[
        "check".into(),
        "--drafts".into(),
        "--now".into(),
        crate::NOW.into(),
    ]);
    assert_eq!(
        refused.output.status.code(),
        Some(1),
        "{}",
        refused.stderr()
    );
    assert!(
        refused
            .stderr()
            .contains("[unmapped-person]: @unmapped-1 是聊天记录里"),
        "{}",
        refused.stderr()
    );
    let refused = site.run(&[
        "build".into(),
        "--drafts".into(),
        "--now".into(),
        crate::NOW.into(),
    ]);
    assert_eq!(
        refused.output.status.code(),
        Some(1),
        "build --drafts must refuse: {}",
        refused.stderr()
    );
    // The moderator makes a guest profile with the suggested line, and imports again.
    let site = site.file(
        "content/members/zhaoxm.md",
        &format!("---\nname: 小赵\nrole: guest\n{accounts}\n---\n"),
    );
    std::fs::remove_file(site.root().join(&written)).unwrap();
    let second = import(&site, &export, f.args);
    assert!(second.output.status.success(), "{}", second.stderr());
    assert!(!second.stderr().contains("unmapped"), "{}", second.stderr());
    let checked = site.run(&[
        "check".into(),
        "--drafts".into(),
        "--now".into(),
        crate::NOW.into(),
    ]);
    assert!(
        checked.output.status.success(),
        "{name}: check --drafts: {}",
        checked.stderr()
    );
    let built = site.arg("--drafts").build().success();
    let url = written
        .trim_start_matches("content/")
        .trim_end_matches(".md");
    let page = built.page(&format!("{url}/"));
    for handle in ["lisi", "zhaoxm", "wangfang", "linyating", "emily"] {
        assert_eq!(
            page.count(&format!("article#answer-{handle}")),
            1,
            "{name}: answer of {handle}"
        );
    }
    let lisi = page.texts("article#answer-lisi .answer-head").join(" ");
    assert!(lisi.contains("李思"), "{name}: {lisi}");
    assert!(
        page.texts("article#answer-zhaoxm .answer-head")
            .join(" ")
            .contains("小赵")
    );
    let mut leaks = Vec::new();
    for (path, bytes) in snapshot_tree(&built.out) {
        let text = String::from_utf8_lossy(&bytes);
        for secret in NEVER_PUBLISHED.iter().chain(f.stranger) {
            if text.contains(secret) {
                leaks.push(format!("{path}: {secret}"));
            }
        }
        if path.ends_with(".html") {
            leaks.extend(crate::hostile::dangers(&path, &text));
        }
    }
    assert!(
        leaks.is_empty(),
        "{name}: published what it must not:\n{}",
        leaks.join("\n")
    );
    built
}

#[test]
fn telegram_end_to_end() {
    let built = end_to_end("telegram");
    // Chat text is text: the message full of HTML and template syntax shows as written.
    let page = std::fs::read_dir(built.out.join("qa"))
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("2024-03-12-xiang")
        })
        .map(|e| std::fs::read_to_string(e.path().join("index.html")).unwrap())
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the payload is shown as text"
    );
    assert!(
        page.contains("{% for x in y %}{{ x }}{% endfor %}"),
        "template syntax stays text"
    );
    assert!(
        page.contains("# Welcome to the Q&amp;A night!"),
        "a # line is no heading"
    );
}

#[test]
fn telegram_account_end_to_end() {
    end_to_end("telegram_account");
}

#[test]
fn discord_end_to_end() {
    end_to_end("discord");
}

#[test]
fn slack_end_to_end() {
    end_to_end("slack");
}

#[test]
fn whatsapp_end_to_end() {
    end_to_end("whatsapp_ios");
    end_to_end("whatsapp_android");
}

#[test]
fn qq_end_to_end() {
    end_to_end("qq");
}

#[test]
fn wechat_end_to_end() {
    end_to_end("wechat_txt");
    end_to_end("wechat_csv");
}

#[test]
fn transcript_end_to_end() {
    end_to_end("transcript");
}

#[test]
fn a_slack_zip_reads_like_its_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let root = fixture("slack");
    for entry in walkdir::WalkDir::new(&root)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let name = format!(
            "Cairn Ops Slack export/{}",
            entry.path().strip_prefix(&root).unwrap().display()
        );
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, &std::fs::read(entry.path()).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let site = SiteTest::example();
    let args = ["--session", "2", "--channel", "qa-evening", "--dry-run"];
    let from_zip = import(&site, &zip_path, &args);
    assert!(from_zip.output.status.success(), "{}", from_zip.stderr());
    assert_eq!(stdout(&from_zip), draft_of(family("slack")));
}

#[test]
fn list_shows_each_session() {
    let site = SiteTest::example();
    let listed = import(&site, &fixture("telegram/result.json"), &["--list"]);
    assert!(listed.output.status.success(), "{}", listed.stderr());
    insta::assert_snapshot!(stdout(&listed));
    // A longer quiet gap in site.yaml (6 h) joins the afternoon and the evening (5 h 42 min apart).
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let site = site.file(
        "site.yaml",
        &format!("{yaml}import: {{ session_gap: 6h }}\n"),
    );
    let listed = import(&site, &fixture("telegram/result.json"), &["--list"]);
    assert_eq!(
        stdout(&listed).lines().count(),
        1 + 2,
        "{}",
        stdout(&listed)
    );
}

#[test]
fn times_are_shown_in_the_sites_time_zone() {
    let site = SiteTest::example();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let site = site.file("site.yaml", &format!("{yaml}timezone: Europe/London\n"));
    let listed = import(&site, &fixture("telegram/result.json"), &["--list"]);
    // 20:00 in Shanghai is 12:00 in London in March.
    assert!(
        stdout(&listed).contains("2024-03-12 12:00"),
        "{}",
        stdout(&listed)
    );
    let bad = site.file("site.yaml", &format!("{yaml}timezone: Mars/Olympus\n"));
    let refused = import(&bad, &fixture("telegram/result.json"), &["--list"]);
    assert_eq!(refused.output.status.code(), Some(1));
    // In the site's language, under a code that is the same in all.
    assert!(
        refused
            .stderr()
            .contains("[bad-timezone]: 未知的时区 `Mars/Olympus`"),
        "{}",
        refused.stderr()
    );
}

#[test]
fn a_thread_is_a_message_and_every_reply_to_it() {
    let site = SiteTest::example();
    let built = import(
        &site,
        &fixture("telegram/result.json"),
        &["--thread", "4838", "--dry-run"],
    );
    assert!(built.output.status.success(), "{}", built.stderr());
    let draft = stdout(&built);
    // 4838 (the follow-up), 4839/4840/4843 reply to it, 4842 replies to 4840.
    assert!(draft.contains("想追问一下"), "{draft}");
    assert!(draft.contains("分两批欢迎"), "{draft}");
    assert!(draft.contains("接龙这个思路太好了"), "{draft}");
    assert!(draft.contains("batch intros"), "{draft}");
    assert!(
        !draft.contains("这个问题我们踩过很多坑，说三点"),
        "4827 is not in the thread: {draft}"
    );
}

#[test]
fn talks_and_solutions_get_the_fields_of_their_kind() {
    let site = SiteTest::example();
    let talk = import(
        &site,
        &fixture("telegram/result.json"),
        &["--session", "2", "--as", "talk", "--dry-run"],
    );
    assert!(talk.output.status.success(), "{}", talk.stderr());
    let talk = stdout(&talk);
    // The speaker is who said most: in this evening, the asker.
    assert!(
        talk.contains("speaker: heyu\n") && talk.contains("duration: 82\n"),
        "{talk}"
    );
    assert!(
        talk.contains("\n## Q&A\n") && talk.contains("\n### @lisi\n"),
        "{talk}"
    );
    assert!(
        talk.contains("title: \"想请教一个新人留存的问题：\""),
        "{talk}"
    );
    let solution = import(
        &site,
        &fixture("telegram/result.json"),
        &[
            "--session",
            "2",
            "--as",
            "solution",
            "--by",
            "wangfang",
            "--dry-run",
        ],
    );
    let solution = stdout(&solution);
    assert!(
        solution.contains("authors: [heyu, lisi, unmapped-1, wangfang, linyating, emily]\n"),
        "{solution}"
    );
    assert!(
        solution.contains("problem: ") && solution.contains("curated_by: wangfang\n"),
        "{solution}"
    );
}

#[test]
fn into_a_talk_appends_its_qa_and_keeps_every_byte_written() {
    let site = SiteTest::example();
    let talk = "content/talks/2026-09-10-bot-boundaries.md";
    let before = std::fs::read_to_string(site.root().join(talk)).unwrap();
    assert!(!before.contains("## Q&A"), "pick a talk without a Q&A part");
    let zhao = "---\nname: 小赵\nrole: guest\naccounts: { telegram: [5019999] }\n---\n";
    let site = site.file("content/members/zhaoxm.md", zhao);
    let done = import(
        &site,
        &fixture("telegram/result.json"),
        &["--session", "2", "--into", talk],
    );
    assert!(done.output.status.success(), "{}", done.stderr());
    let after = std::fs::read_to_string(site.root().join(talk)).unwrap();
    assert!(
        after.starts_with(&before),
        "what the moderator wrote is kept byte for byte"
    );
    assert!(after[before.len()..].contains("\n## Q&A\n"));
    // A second import would add a second Q&A part: refused, the file untouched.
    let again = import(
        &site,
        &fixture("telegram/result.json"),
        &["--session", "2", "--into", talk],
    );
    assert_eq!(again.output.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(site.root().join(talk)).unwrap(),
        after
    );
    let checked = site.run(&["check".into(), "--now".into(), crate::NOW.into()]);
    assert!(checked.output.status.success(), "{}", checked.stderr());
}

#[test]
fn media_is_copied_into_static_and_linked() {
    let tmp = tempfile::tempdir().unwrap();
    let export = tmp.path().join("ChatExport_2024-03-13");
    crate::copy_tree(&fixture("telegram"), &export);
    // Telegram puts exported files beside result.json, under photos/ and files/.
    let text = std::fs::read_to_string(export.join("result.json")).unwrap();
    for photo in text
        .split("\"photo\": \"")
        .skip(1)
        .filter_map(|r| r.split('"').next())
    {
        std::fs::create_dir_all(export.join(photo).parent().unwrap()).unwrap();
        std::fs::write(export.join(photo), b"\x89PNG fake image").unwrap();
    }
    let site = SiteTest::example();
    // The export's folder stands for its result.json.
    let done = import(&site, &export, &["--session", "2", "--media"]);
    assert!(done.output.status.success(), "{}", done.stderr());
    let copied: Vec<PathBuf> = walkdir::WalkDir::new(site.root().join("static/import"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert_eq!(std::fs::read(&copied[0]).unwrap(), b"\x89PNG fake image");
    let name = copied[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let draft = std::fs::read_dir(site.root().join("content/qa"))
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("2024-03-12-xiang")
        })
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .unwrap();
    assert!(
        draft.contains(&format!("![图片](/static/import/2024-03-12-2000/{name})")),
        "{draft}"
    );
    // The files the export left out are placeholders, and the summary says so (in
    // the example site's language).
    assert!(
        done.stderr()
            .contains("个附件显示为占位符（导出文件里没有）"),
        "{}",
        done.stderr()
    );
}

#[test]
fn errors_name_what_went_wrong() {
    let site = SiteTest::example();
    let unknown = import(&site, &fixture("not-a-chat.txt"), &[]);
    assert_eq!(unknown.output.status.code(), Some(2));
    insta::assert_snapshot!(
        "error_unknown_format",
        unknown
            .report()
            .replace(&manifest().display().to_string(), "[REPO]")
    );
    let broken = import(&site, &fixture("broken.json"), &[]);
    assert_eq!(broken.output.status.code(), Some(2));
    insta::assert_snapshot!(
        "error_broken_json",
        broken
            .report()
            .replace(&manifest().display().to_string(), "[REPO]")
    );
    let session = import(&site, &fixture("telegram/result.json"), &["--session", "9"]);
    assert_eq!(session.output.status.code(), Some(2));
    insta::assert_snapshot!(
        "error_unknown_session",
        session
            .report()
            .replace(&manifest().display().to_string(), "[REPO]")
    );
    let several = import(&site, &fixture("telegram/result.json"), &[]);
    assert_eq!(several.output.status.code(), Some(2));
    assert!(
        several.stderr().contains("导出文件里有 3 段对话，请选一段"),
        "{}",
        several.stderr()
    );
    let chat = import(
        &site,
        &fixture("telegram-account/result.json"),
        &["--chat", "工作群"],
    );
    assert_eq!(chat.output.status.code(), Some(2));
    // In the example site's language (zh-CN).
    assert!(
        chat.stderr().contains(
            "导出文件里没有聊天 `工作群`；有的是：家人群、运营研究社 · 答疑群、Rust 学习小组"
        ),
        "{}",
        chat.stderr()
    );
    let thread = import(
        &site,
        &fixture("whatsapp/bracketed.txt"),
        &["--thread", "3"],
    );
    assert_eq!(thread.output.status.code(), Some(2));
    assert!(
        thread.stderr().contains("所以 --thread 跟不了话题"),
        "{}",
        thread.stderr()
    );
    let by = import(
        &site,
        &fixture("telegram/result.json"),
        &["--session", "2", "--by", "wangfnag"],
    );
    assert_eq!(by.output.status.code(), Some(2));
    assert!(
        by.stderr().contains("did you mean `wangfang`?"),
        "{}",
        by.stderr()
    );
}

#[test]
fn nothing_in_content_is_ever_overwritten() {
    let site = SiteTest::example();
    let first = import(&site, &fixture("telegram/result.json"), &["--session", "2"]);
    assert!(first.output.status.success(), "{}", first.stderr());
    let draft = site
        .root()
        .join("content/qa/2024-03-12-xiang-qing-jiao-yi-ge-xin-ren-liu-cun-de-wen-ti.md");
    std::fs::write(&draft, "mine, edited").unwrap();
    let again = import(&site, &fixture("telegram/result.json"), &["--session", "2"]);
    assert_eq!(again.output.status.code(), Some(2));
    assert!(
        again
            .stderr()
            .contains("已经存在；cairn import 从不覆盖文件"),
        "{}",
        again.stderr()
    );
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), "mine, edited");
}

#[test]
fn accounts_are_checked_and_never_published() {
    // An unknown platform is a located error with the nearest name, in the site's
    // language (the example site is zh-CN) under a code that is the same in all.
    let site = SiteTest::example().file(
        "content/members/lisi.md",
        "---\nname: 李思\naccounts: { telgram: [5010002] }\n---\n",
    );
    let built = site.build().content_errors();
    assert!(
        built
            .stderr()
            .contains("[unknown-platform]: 未知的聊天平台 `telgram`"),
        "{}",
        built.stderr()
    );
    assert!(
        built.stderr().contains("是不是想写 `telegram`？"),
        "{}",
        built.stderr()
    );
    // The example site's members carry accounts; none reaches any output file.
    let built = SiteTest::example().build().success();
    for (path, bytes) in snapshot_tree(&built.out) {
        let text = String::from_utf8_lossy(&bytes);
        for id in [
            "5010001",
            "@heyu_coffee",
            "720000000000000003",
            "U05EMILY04",
            "2850010005",
            "李思 Lisa",
            "何雨-小满咖啡",
        ] {
            assert!(!text.contains(id), "{path} publishes the account {id}");
        }
    }
}

#[test]
fn an_account_that_leaks_into_a_write_up_fails_the_build() {
    // The privacy scan covers accounts: a write-up that quotes one is refused.
    let site = SiteTest::example().file(
        "content/pages/contact.md",
        "---\ntitle: Contact\n---\nPing 李思 Lisa on WeChat.\n",
    );
    let built = site.build().content_errors();
    assert!(
        built.stderr().contains("accounts.wechat"),
        "{}",
        built.stderr()
    );
}

/// The summary after an import is in the moderator's language (`--lang`, else the
/// site's), with the same shape in each: the file after `→`, and the `accounts:` line
/// to paste after each person not mapped.
#[test]
fn the_summary_is_in_the_moderators_language() {
    let site = SiteTest::example();
    let export = fixture("telegram/result.json");
    let cases: [(&str, &[&str]); 3] = [
        (
            "en",
            &[
                "42 messages kept",
                "left out: 2 system messages, 1 sticker, 6 acknowledgements",
                "redacted 12:",
                "line 60: e-mail",
                "3 attachments shown as placeholders",
                "1 person not mapped to a member",
                "asked by @heyu; answers by @lisi, @unmapped-1",
            ],
        ),
        (
            "zh-CN",
            &[
                "保留 42 条消息",
                "略去：2 条系统消息、1 个表情包、6 条客套回复",
                "隐去 12 处：",
                "第 60 行：邮箱",
                "3 个附件显示为占位符",
                "1 人没有对应的成员",
                "提问 @heyu；回答 @lisi、@unmapped-1",
            ],
        ),
        (
            "zh-TW",
            &[
                "保留 42 則訊息",
                "略去：2 則系統訊息、1 張貼圖、6 則客套回覆",
                "遮蔽 12 處：",
                "第 60 行：電子郵件",
                "3 個附件以預留位置顯示",
                "1 人沒有對應的成員",
                "提問 @heyu；回答 @lisi、@unmapped-1",
            ],
        ),
    ];
    for (lang, words) in cases {
        let run = import(
            &site,
            &export,
            &["--session", "2", "--dry-run", "--lang", lang],
        );
        assert!(run.output.status.success(), "{}", run.stderr());
        let summary = run.stderr();
        for w in words {
            assert!(summary.contains(w), "{lang}: `{w}` in\n{summary}");
        }
        assert!(
            summary.contains("@unmapped-1  赵小明  →  accounts: { telegram: [5019999] }"),
            "{lang}:\n{summary}"
        );
    }
    let listed = import(&site, &export, &["--list", "--lang", "zh-TW"]);
    assert!(
        listed.stderr().contains("裡有 3 段對話"),
        "{}",
        listed.stderr()
    );
    assert!(
        stdout(&listed).starts_with("  #  開始"),
        "{}",
        stdout(&listed)
    );
}

/// A broken export is a located report with a stable code, worded in the moderator's
/// language down to the format names and the hint (#22).
#[test]
fn a_broken_export_is_reported_in_each_language() {
    let site = SiteTest::example();
    let tmp = tempfile::tempdir().unwrap();
    let csv = tmp.path().join("chat.csv");
    std::fs::write(
        &csv,
        "time,nickname,content\n2024-03-12 20:01:33,王芳,今晚答疑\nyesterday,李思,收到\n",
    )
    .unwrap();
    let paste = tmp.path().join("paste.txt");
    std::fs::write(
        &paste,
        "[2024-03-12 20:01] 王芳：今晚答疑\n[2024-13-40 25:99] 李思：收到\n",
    )
    .unwrap();
    let cases = [
        (
            "en",
            [
                "error[import-not-a-time]: `yesterday` is not a time",
                "= hint: times are written like 2024-03-12 20:01:33",
            ],
            "error[import-transcript-time]: `[2024-13-40 25:99]` is not a time",
        ),
        (
            "zh-CN",
            [
                "错误[import-not-a-time]: `yesterday` 不是时间",
                "= 提示: 时间要写成 2024-03-12 20:01:33 这样",
            ],
            "错误[import-transcript-time]: `[2024-13-40 25:99]` 不是时间",
        ),
        (
            "zh-TW",
            [
                "錯誤[import-not-a-time]: `yesterday` 不是時間",
                "= 提示: 時間要寫成 2024-03-12 20:01:33 這樣",
            ],
            "錯誤[import-transcript-time]: `[2024-13-40 25:99]` 不是時間",
        ),
    ];
    for (lang, csv_says, paste_says) in cases {
        let bad_row = import(&site, &csv, &["--lang", lang]);
        assert_eq!(bad_row.output.status.code(), Some(2), "{lang}");
        let report = bad_row.stderr();
        for said in csv_says {
            assert!(report.contains(said), "{lang}: {report}");
        }
        assert!(report.contains("chat.csv:3:1"), "{lang}: {report}");
        let bad_time = import(&site, &paste, &["--lang", lang]);
        assert_eq!(bad_time.output.status.code(), Some(2), "{lang}");
        assert!(
            bad_time.stderr().contains(paste_says),
            "{lang}: {}",
            bad_time.stderr()
        );
    }
    // Why each format did not fit, said with the format's name in the language.
    let unknown = import(&site, &fixture("not-a-chat.txt"), &["--lang", "zh-TW"]);
    let report = unknown.stderr();
    assert!(
        report.contains("  - 微信 CSV：逗號分隔的欄位不到三欄"),
        "{report}"
    );
    assert!(
        report.contains("  - 貼上的聊天紀錄：10 行裡只有 0 行"),
        "{report}"
    );
    let unknown = import(&site, &fixture("not-a-chat.txt"), &["--lang", "en"]);
    assert!(
        unknown
            .stderr()
            .contains("  - WeChat CSV: fewer than three comma-separated columns"),
        "{}",
        unknown.stderr()
    );
}
