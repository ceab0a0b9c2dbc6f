//! Beside the build, for `cairn init` and `cairn new`: files a moderator starts from. Both only ever create
//! files that do not exist yet; nothing a user wrote is overwritten.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use jiff::civil::Date;

use crate::Error;
use crate::content::is_valid_handle;

mod workflows;
pub use workflows::{Ci, LINUX_ARCHIVE, release_repo, workflow};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewKind {
    Member,
    Qa,
    Solution,
    Talk,
    Page,
}

const SITE_YAML: &str = r#"title: 我们的社群知识库
description: 群聊里的好内容，沉淀在这里
base_url: https://example.org/
language: zh-CN
paginate: 20
markdown: { raw_html: sanitize, highlight: true }
members: { private_fields: [links.wechat] }
"#;

const EXAMPLES: &[(&str, &str)] = &[
    (".gitignore", "/public/\n/.public.cairn-*\n"),
    (
        "content/_index.md",
        "---\ntitle: 欢迎\n---\n这里收录群里的精华问答、解决方案和分享。\n",
    ),
    (
        "content/members/founder.md",
        "---\nname: 群主\nrole: founder\njoined: 2024-01-01\nexpertise: [社群运营]\nlinks: { wechat: founder-wx }\n---\n建群的人。Edit this profile, then add one file per member.\n",
    ),
    (
        "content/members/helper.md",
        "---\nname: Helper\nrole: member\njoined: 2024-02-01\nexpertise: [Markdown]\n---\nAnswers questions about writing things up.\n",
    ),
    (
        "content/qa/2024-03-01-first-question.md",
        "---\ntitle: 怎么把群聊里的好问题整理成文档？\nasked_by: founder\naccepted: helper\ntags: [入门]\ncurated_by: founder\n---\n群里每周都有好问题，聊完就沉底了，怎么留下来？\n\n## @helper 一问一个文件\n\n每个问题写一个 Markdown 文件，回答用 `## @handle` 开头。\n",
    ),
    (
        "content/solutions/2024-03-10-weekly-digest.md",
        "---\ntitle: 每周精华整理流程\nauthors: [helper]\nproblem: 好内容散落在聊天记录里\ntags: [入门]\nrelated: [qa/2024-03-01-first-question]\n---\n## 步骤\n\n1. 周日晚上导出聊天记录\n2. 挑出三个好问题，各写一个文件\n3. `cairn build` 发布\n",
    ),
    (
        "content/talks/2024-04-01-kickoff.md",
        "---\ntitle: 开群分享：我们为什么要做知识库\nspeaker: founder\nduration: 30\nformat: voice+text\ntags: [入门]\n---\n## 摘要\n\n为什么要把群聊沉淀下来。\n",
    ),
    (
        "content/pages/about.md",
        "---\ntitle: 关于\nmenu: true\nweight: 10\n---\n这是我们社群的知识库，由 cairn 生成。\n",
    ),
];

/// Creates a new site in `dir`, with the file that publishes it from `ci`. Refuses if
/// `dir` already has a site.yaml.
pub fn init(dir: &Path, ci: Ci) -> Result<Vec<PathBuf>, Error> {
    if dir.join("site.yaml").exists() {
        return Err(Error::Usage(crate::messages::say(
            "init-site-exists",
            &[("dir", dir.display().to_string().into())],
        )));
    }
    let mut written = vec![create(&dir.join("site.yaml"), SITE_YAML)?];
    for (rel, text) in EXAMPLES {
        let path = dir.join(rel);
        if path.exists() {
            continue; // keep whatever is there
        }
        written.push(create(&path, text)?);
    }
    if let Some((rel, text)) = workflow(ci) {
        let path = dir.join(rel);
        if !path.exists() {
            written.push(create(&path, &text)?);
        }
    }
    std::fs::create_dir_all(dir.join("static")).map_err(|e| Error::io(dir, e))?;
    Ok(written)
}

/// Creates one content file with its front matter filled in, dated `today`.
/// `language` is the site's: the placeholder text is written in it.
pub fn new_file(
    root: &Path,
    kind: NewKind,
    title: &str,
    today: Date,
    language: &str,
) -> Result<PathBuf, Error> {
    let words = Placeholders::of(language);
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::Usage(crate::messages::say("new-no-title", &[])));
    }
    let quoted = serde_json::to_string(title).unwrap_or_default();
    let slug = match slug::slugify(title) {
        s if s.is_empty() => "untitled".to_string(),
        s => s,
    };
    let (rel, text) = match kind {
        NewKind::Member => {
            if !is_valid_handle(title) {
                return Err(Error::Usage(crate::messages::say(
                    "new-invalid-handle",
                    &[("handle", title.into())],
                )));
            }
            (
                format!("content/members/{title}.md"),
                format!("---\nname: {quoted}\nrole: member\njoined: {today}\nexpertise: []\n---\n"),
            )
        }
        NewKind::Qa => (
            format!("content/qa/{today}-{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\nasked_by: \naccepted: \ntags: []\ncurated_by: \n---\n{question}\n\n## @handle\n\n{answer}\n",
                question = words.question,
                answer = words.answer,
            ),
        ),
        NewKind::Solution => (
            format!("content/solutions/{today}-{slug}.md"),
            format!("---\ntitle: {quoted}\ndate: {today}\nauthors: []\nproblem: \ntags: []\n---\n"),
        ),
        NewKind::Talk => (
            format!("content/talks/{today}-{slug}.md"),
            format!(
                "---\ntitle: {quoted}\ndate: {today}\nspeaker: \nhost: \nduration: 60\nformat: voice+text\ntags: []\n---\n## {summary}\n\n",
                summary = words.summary,
            ),
        ),
        NewKind::Page => (
            format!("content/pages/{slug}.md"),
            format!("---\ntitle: {quoted}\nmenu: false\n---\n"),
        ),
    };
    create(&root.join(rel), &text)
}

/// The text `cairn new` leaves for the moderator to replace, in the site's language.
struct Placeholders {
    question: &'static str,
    answer: &'static str,
    summary: &'static str,
}

impl Placeholders {
    fn of(language: &str) -> &'static Placeholders {
        const ZH_CN: Placeholders = Placeholders {
            question: "问题原文写在这里。",
            answer: "一个回答。把 handle 换成回答者的成员名。",
            summary: "摘要",
        };
        const ZH_TW: Placeholders = Placeholders {
            question: "問題原文寫在這裡。",
            answer: "一個回答。把 handle 換成回答者的成員名稱。",
            summary: "摘要",
        };
        const EN: Placeholders = Placeholders {
            question: "The question, as asked.",
            answer: "An answer. Replace handle with the answering member's handle.",
            summary: "Summary",
        };
        match language {
            "zh-TW" | "zh-HK" | "zh-MO" | "zh-Hant" => &ZH_TW,
            l if l.starts_with("zh") => &ZH_CN,
            _ => &EN,
        }
    }
}

/// Writes a new file; an existing one is an error, never overwritten.
fn create(path: &Path, text: &str) -> Result<PathBuf, Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Usage(crate::messages::say(
                    "new-exists",
                    &[("path", path.display().to_string().into())],
                ))
            } else {
                Error::io(path, e)
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))?;
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_titles_become_pinyin_slugs() {
        let tmp = tempfile::tempdir().unwrap();
        let path = new_file(
            tmp.path(),
            NewKind::Qa,
            "新群如何破冰?",
            jiff::civil::date(2026, 1, 2),
            "zh-CN",
        )
        .unwrap();
        assert!(
            path.ends_with("content/qa/2026-01-02-xin-qun-ru-he-po-bing.md"),
            "{}",
            path.display()
        );
    }

    #[test]
    fn existing_files_are_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let day = jiff::civil::date(2026, 1, 2);
        let path = new_file(tmp.path(), NewKind::Page, "About", day, "en").unwrap();
        std::fs::write(&path, "mine").unwrap();
        assert!(new_file(tmp.path(), NewKind::Page, "About", day, "en").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }

    /// What `init` writes and `new` leaves is Chinese text with Chinese punctuation,
    /// and `new` writes its placeholders in the site's language.
    #[test]
    fn scaffolds_read_right_in_the_sites_language() {
        let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        for (rel, text) in EXAMPLES.iter().chain([&("site.yaml", SITE_YAML)]) {
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if ",?();!".contains(*c) || (*c == ':' && chars.get(i + 1) != Some(&' ')) {
                    let near = [
                        i.checked_sub(1).map(|j| chars[j]),
                        chars.get(i + 1).copied(),
                    ];
                    assert!(
                        !near.into_iter().flatten().any(is_cjk),
                        "{rel}: ASCII `{c}` beside Chinese"
                    );
                }
            }
        }
        let tmp = tempfile::tempdir().unwrap();
        let day = jiff::civil::date(2026, 1, 2);
        for (language, title, question, summary) in [
            ("zh-TW", "破冰", "問題原文寫在這裡。", "## 摘要"),
            ("zh-CN", "破冰二", "问题原文写在这里。", "## 摘要"),
            ("en", "Ice", "The question, as asked.", "## Summary"),
        ] {
            let qa = new_file(tmp.path(), NewKind::Qa, title, day, language).unwrap();
            let qa = std::fs::read_to_string(qa).unwrap();
            assert!(qa.contains(question), "{language}: {qa}");
            let talk = new_file(tmp.path(), NewKind::Talk, title, day, language).unwrap();
            let talk = std::fs::read_to_string(talk).unwrap();
            assert!(talk.contains(summary), "{language}: {talk}");
        }
    }
}
