//! The generator's word lists, compiled in from `vocab/*.txt` so the corpus depends on
//! nothing at run time. Lines starting with `#` are comments; `[name]` starts a section;
//! columns are separated by `|` (简体|繁體|English where a line has all three scripts).

use std::collections::HashMap;

/// The script of a member or an item; also the column of three-script word lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    Tw,
    En,
}

impl Lang {
    /// The column of this script in `简体|繁體|English` lines.
    pub fn col(self) -> usize {
        match self {
            Lang::Zh => 0,
            Lang::Tw => 1,
            Lang::En => 2,
        }
    }

    /// The section suffix in prose.txt and titles.txt.
    pub fn key(self) -> &'static str {
        ["zh", "tw", "en"][self.col()]
    }

    /// The `lang:` front-matter value; the site's own language (zh-CN) needs none.
    pub fn front_matter(self) -> Option<&'static str> {
        [None, Some("zh-TW"), Some("en")][self.col()]
    }
}

pub struct Vocab {
    /// `slug|简体|繁體|English` topics of titles.
    pub topics: Vec<Vec<&'static str>>,
    pub tags: Vec<&'static str>,
    /// `简体|繁體|pinyin` surnames and given-name syllables.
    pub surnames: Vec<Vec<&'static str>>,
    pub given: Vec<Vec<&'static str>>,
    /// `First|Family` names.
    pub english: Vec<Vec<&'static str>>,
    /// Profile fields by name, each value `简体|繁體|English`.
    pub profile: HashMap<&'static str, Vec<Vec<&'static str>>>,
    /// Clauses, headings and answer titles: `zh`, `heading.tw`, `answer.en` …
    pub prose: HashMap<&'static str, Vec<&'static str>>,
    /// Title templates: `qa.zh`, `talks.en` …
    pub titles: HashMap<&'static str, Vec<&'static str>>,
    /// (language, code) of every code block.
    pub code: Vec<(&'static str, &'static str)>,
}

impl Vocab {
    pub fn load() -> Vocab {
        let cols = |text: &'static str| lines(text).map(|l| l.split('|').collect()).collect();
        let profile = sections(include_str!("vocab/profile.txt"))
            .into_iter()
            .map(|(name, ls)| (name, ls.iter().map(|l| l.split('|').collect()).collect()))
            .collect();
        Vocab {
            topics: cols(include_str!("vocab/topics.txt")),
            tags: lines(include_str!("vocab/tags.txt")).collect(),
            surnames: cols(include_str!("vocab/surnames.txt")),
            given: cols(include_str!("vocab/given.txt")),
            english: cols(include_str!("vocab/english_names.txt")),
            profile,
            prose: sections(include_str!("vocab/prose.txt")),
            titles: sections(include_str!("vocab/titles.txt")),
            code: code_blocks(include_str!("vocab/code.txt")),
        }
    }

    /// A section of prose.txt (`zh`, `heading.en` …).
    pub fn prose(&self, name: &str) -> &[&'static str] {
        self.prose
            .get(name)
            .unwrap_or_else(|| panic!("prose.txt has no [{name}]"))
    }

    /// A profile field's values.
    pub fn profile(&self, field: &str) -> &[Vec<&'static str>] {
        self.profile
            .get(field)
            .unwrap_or_else(|| panic!("profile.txt has no [{field}]"))
    }
}

/// The lines of a list that are neither blank nor comments.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// `[name]` sections of a list, each with its lines.
fn sections(text: &'static str) -> HashMap<&'static str, Vec<&'static str>> {
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut current = "";
    for line in lines(text) {
        match line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            Some(name) => current = name,
            None => out.entry(current).or_default().push(line),
        }
    }
    out
}

/// Code blocks of code.txt: a `=== lang` line, then the code up to the next one. Comment
/// lines are kept inside blocks (they are code), so only the file's header is skipped.
fn code_blocks(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let start = text.find("\n=== ").map_or(0, |i| i + 5);
    text[start..]
        .split("\n=== ")
        .map(|block| {
            let (lang, code) = block.split_once('\n').unwrap_or((block, ""));
            (lang.trim(), code.trim_end())
        })
        .collect()
}
