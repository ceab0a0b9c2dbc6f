//! The words `cairn digest` adds around the week's titles and names, one table per
//! language (zh-CN, zh-TW as Taiwan writes, en), kept together so the interface-strings
//! work can move them into the theme's `i18n/` files as they are. Placeholders: `{site}`,
//! `{year}`, `{week}`, `{from}`, `{to}`, `{n}`, `{name}`, `{note}`.

/// Every word of a digest in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    /// The first line, for a week.
    pub heading: &'static str,
    /// The first line, for `--since` (days that are not one week).
    pub heading_since: &'static str,
    pub qa: &'static str,
    /// `qa`, `best` and `board` for `--since`, which is not one week.
    pub qa_since: &'static str,
    pub best_since: &'static str,
    pub board_since: &'static str,
    pub solutions: &'static str,
    pub talks: &'static str,
    pub best: &'static str,
    pub board: &'static str,
    pub joined: &'static str,
    /// After a Q&A's title, before who asked (with its own colon or space).
    pub asked_by: &'static str,
    /// After a solution's title, before who wrote it.
    pub by: &'static str,
    /// After a talk's title, before who spoke.
    pub spoke: &'static str,
    /// A best answer: the accepted answer of a Q&A.
    pub accepted: &'static str,
    /// A best answer: a moderator's pick (its note follows, when it has one).
    pub pick: &'static str,
    pub points: &'static str,
    /// Between names in a list.
    pub comma: &'static str,
    /// Before the week's link in plain text.
    pub colon: &'static str,
    pub dash: &'static str,
    /// The last line's label when the digest had to stop: how many entries were left
    /// out, pointing at the week's page.
    pub more: &'static str,
    /// The last line's label before the week's link.
    pub read_all: &'static str,
    pub nothing: &'static str,
}

const ZH_CN: Words = Words {
    heading: "【{site}】{year} 年第 {week} 周知识库回顾（{from} 至 {to}）",
    heading_since: "【{site}】{from} 以来的知识库回顾（至 {to}）",
    qa: "本周新整理的答疑",
    qa_since: "新整理的答疑",
    best_since: "最佳回答与每周最佳",
    board_since: "这段时间的贡献榜",
    solutions: "新方案",
    talks: "新分享",
    best: "本周最佳",
    board: "本周贡献榜",
    joined: "欢迎新成员",
    asked_by: "提问：",
    by: "作者：",
    spoke: "主讲：",
    accepted: "最佳回答：",
    pick: "本周最佳：",
    points: "分",
    comma: "、",
    colon: "：",
    dash: " — ",
    more: "还有 {n} 条没列出，见完整回顾",
    read_all: "完整回顾",
    nothing: "这段时间知识库没有新内容，欢迎在下次答疑夜提问。",
};

const ZH_TW: Words = Words {
    heading: "【{site}】{year} 年第 {week} 週知識庫回顧（{from} 至 {to}）",
    heading_since: "【{site}】{from} 以來的知識庫回顧（至 {to}）",
    qa: "本週新整理的問答",
    qa_since: "新整理的問答",
    best_since: "最佳解答與每週最佳",
    board_since: "這段時間的貢獻排行",
    solutions: "新方案",
    talks: "新分享",
    best: "本週最佳",
    board: "本週貢獻排行",
    joined: "歡迎新成員",
    asked_by: "提問：",
    by: "作者：",
    spoke: "主講：",
    accepted: "最佳解答：",
    pick: "本週最佳：",
    points: "分",
    comma: "、",
    colon: "：",
    dash: " — ",
    more: "還有 {n} 則沒列出，請見完整回顧",
    read_all: "完整回顧",
    nothing: "這段時間知識庫沒有新內容，歡迎在下次問答夜提問。",
};

const EN: Words = Words {
    heading: "{site}: week {week} of {year} in the archive ({from} to {to})",
    heading_since: "{site}: the archive since {from} (to {to})",
    qa: "New Q&A",
    qa_since: "New Q&A",
    best_since: "Accepted answers and picks",
    board_since: "The board for these days",
    solutions: "New solutions",
    talks: "New talks",
    best: "Best of the week",
    board: "This week's board",
    joined: "Welcome to our new members",
    asked_by: "asked by ",
    by: "by ",
    spoke: "talk by ",
    accepted: "accepted answer by ",
    pick: "pick of the week: ",
    points: "points",
    comma: ", ",
    colon: ": ",
    dash: " — ",
    more: "{n} more in the whole week",
    read_all: "The whole week",
    nothing: "Nothing new in the archive this time. Bring your questions to the next Q&A evening.",
};

impl Words {
    /// The words of `language` (`zh-CN`, `zh-TW`, `en`, or a tag that starts like one:
    /// `zh-Hant`, `zh-HK` and `zh-MO` read Traditional, other `zh` Simplified, the rest
    /// English).
    pub fn of(language: &str) -> &'static Words {
        match language {
            "zh-TW" | "zh-Hant" | "zh-HK" | "zh-MO" => &ZH_TW,
            l if l == "zh" || l.starts_with("zh-") => &ZH_CN,
            _ => &EN,
        }
    }
}

/// `template` with each `{name}` replaced by its value, in one pass, so a value that
/// itself holds braces (a site title) is never read as a placeholder.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            values
                .iter()
                .find(|(n, _)| *n == &after[..close])
                .map(|v| (close, v.1))
        }) {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
