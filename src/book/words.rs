//! Books, their own words: the few a book says that no page does (chapter, part,
//! contributors, the credit roles), in the book's language, English when it has none
//! of its own. The site's strings (`hidden_member`, the kinds) come from the theme.

/// The words of one language.
#[derive(Debug, Clone, Copy)]
pub struct Words {
    pub contents: &'static str,
    pub preface: &'static str,
    pub contributors: &'static str,
    pub contributors_intro: &'static str,
    pub asked: &'static str,
    pub answered: &'static str,
    pub accepted: &'static str,
    pub wrote: &'static str,
    pub spoke: &'static str,
    pub hosted: &'static str,
    pub curated: &'static str,
    pub edited: &'static str,
    pub guest: &'static str,
    pub online: &'static str,
    /// `{}` is the chapter's number.
    pub chapter: &'static str,
    /// `{}` is the part's number.
    pub part: &'static str,
    pub list_sep: &'static str,
}

const EN: Words = Words {
    contents: "Contents",
    preface: "Preface",
    contributors: "Contributors",
    contributors_intro: "Everyone whose questions, answers, talks and write-ups made this book.",
    asked: "Asked by",
    answered: "Answered by",
    accepted: "accepted",
    wrote: "Written by",
    spoke: "Speaker",
    hosted: "Host",
    curated: "Curated by",
    edited: "Edited by",
    guest: "guest",
    online: "Online at",
    chapter: "Chapter {}",
    part: "Part {}",
    list_sep: ", ",
};

const ZH_CN: Words = Words {
    contents: "目录",
    preface: "前言",
    contributors: "贡献者",
    contributors_intro: "这本书来自他们的提问、解答、分享与整理。",
    asked: "提问",
    answered: "解答",
    accepted: "已采纳",
    wrote: "作者",
    spoke: "主讲",
    hosted: "主持",
    curated: "整理",
    edited: "编者",
    guest: "嘉宾",
    online: "在线阅读",
    chapter: "第 {} 章",
    part: "第 {} 部分",
    list_sep: "、",
};

const ZH_TW: Words = Words {
    contents: "目錄",
    preface: "前言",
    contributors: "貢獻者",
    contributors_intro: "這本書來自他們的提問、解答、分享與整理。",
    asked: "提問",
    answered: "解答",
    accepted: "已採納",
    wrote: "作者",
    spoke: "主講",
    hosted: "主持",
    curated: "整理",
    edited: "編者",
    guest: "來賓",
    online: "線上閱讀",
    chapter: "第 {} 章",
    part: "第 {} 部分",
    list_sep: "、",
};

/// The words for `language` (`zh-CN`, `zh-Hant`, `en-GB`…).
pub fn words(language: &str) -> &'static Words {
    let lower = language.to_ascii_lowercase();
    if lower.starts_with("zh-tw") || lower.starts_with("zh-hk") || lower.starts_with("zh-hant") {
        &ZH_TW
    } else if lower.starts_with("zh") {
        &ZH_CN
    } else {
        &EN
    }
}

impl Words {
    pub fn chapter_label(&self, n: usize) -> String {
        self.chapter.replace("{}", &n.to_string())
    }
    pub fn part_label(&self, n: usize) -> String {
        self.part.replace("{}", &n.to_string())
    }
}
