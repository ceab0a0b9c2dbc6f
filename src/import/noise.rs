//! Import, step 4b: what a write-up leaves out. Notices (joins, pins), stickers,
//! recalls, acknowledgement one-liners ("收到", "+1", "👍"; `import.noise` in site.yaml),
//! messages of emoji alone, and repeats of one forward are dropped and counted.

use std::collections::HashSet;

use super::chat::{Body, Message};

/// The acknowledgements left out when site.yaml names none (docs/IMPORT.md).
pub const DEFAULT_NOISE: &[&str] = &[
    "收到",
    "+1",
    "哈哈",
    "哈哈哈",
    "嗯",
    "嗯嗯",
    "好",
    "好的",
    "好滴",
    "ok",
    "okay",
    "谢谢",
    "谢谢分享",
    "感谢",
    "感谢分享",
    "多谢",
    "謝謝",
    "感謝",
    "學習了",
    "学习了",
    "赞",
    "讚",
    "666",
    "同问",
    "顶",
    "mark",
    "👍",
    "👌",
    "🙏",
    "thanks",
    "thank you",
    "thx",
    "ty",
    "lol",
    "haha",
    "got it",
    "noted",
    "same",
    "me too",
];

/// Why a message was left out, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dropped {
    Notice,
    Sticker,
    Recalled,
    Acknowledgement,
    DuplicateForward,
    Empty,
    /// A Q&A starts at its question: what came before (a host's "let's begin") stays out.
    BeforeQuestion,
}

impl Dropped {
    /// The word of its message keys (`import-dropped-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Dropped::Notice => "notice",
            Dropped::Sticker => "sticker",
            Dropped::Recalled => "recalled",
            Dropped::Acknowledgement => "acknowledgement",
            Dropped::DuplicateForward => "duplicate-forward",
            Dropped::Empty => "empty",
            Dropped::BeforeQuestion => "before-question",
        }
    }
}

pub struct NoiseFilter {
    /// Each acknowledgement, folded (`fold`).
    phrases: HashSet<String>,
    /// Texts of forwards seen so far.
    forwards: HashSet<String>,
}

impl NoiseFilter {
    pub fn new(phrases: &[String]) -> NoiseFilter {
        NoiseFilter {
            phrases: phrases
                .iter()
                .map(|p| fold(p))
                .filter(|p| !p.is_empty())
                .collect(),
            forwards: HashSet::new(),
        }
    }

    /// Why `m` stays out of the draft, or `None` when it goes in.
    pub fn dropped(&mut self, m: &Message) -> Option<Dropped> {
        match m.body {
            Body::System => return Some(Dropped::Notice),
            Body::Sticker => return Some(Dropped::Sticker),
            Body::Recalled => return Some(Dropped::Recalled),
            Body::Media(_) => return None,
            Body::Text => {}
        }
        let text = m.text.trim();
        if text.is_empty() {
            return Some(Dropped::Empty);
        }
        if m.forwarded && !self.forwards.insert(text.to_string()) {
            return Some(Dropped::DuplicateForward);
        }
        // Text exports do not mark forwards: a long message said twice by one person
        // is a forward sent twice.
        if !m.forwarded
            && text.chars().count() >= 20
            && !self
                .forwards
                .insert(format!("{}\u{0}{text}", m.sender.key()))
        {
            return Some(Dropped::DuplicateForward);
        }
        if self.phrases.contains(&fold(text)) || is_emoji_only(text) {
            return Some(Dropped::Acknowledgement);
        }
        None
    }
}

/// Whether a message asks something: a question mark, or words that ask for help.
pub fn is_question(m: &Message) -> bool {
    const ASKING: &[&str] = &[
        "请教",
        "请问",
        "想问",
        "求助",
        "請教",
        "請問",
        "想問",
        "求救",
        "how do",
        "how can",
        "anyone know",
    ];
    let text = m.text.to_lowercase();
    matches!(m.body, Body::Text)
        && (text.contains('?') || text.contains('？') || ASKING.iter().any(|w| text.contains(w)))
}

/// Lowercase, without closing punctuation and repeated characters: "哈哈哈哈！" and
/// "哈哈" fold alike, as do "Thanks!!" and "thanks".
fn fold(text: &str) -> String {
    let trimmed = text
        .trim()
        .trim_end_matches(|c: char| "!！。.~～?？,，…".contains(c) || c.is_whitespace())
        .to_lowercase();
    let mut out = String::new();
    let mut last = None;
    for c in trimmed.chars() {
        // "哈哈哈" → "哈"; but "+1" and "666" keep their shape by folding both sides alike.
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// A message with no letter or digit in any script: emoji, punctuation, kaomoji, and
/// emoji as platforms spell them in exports (Slack `:tada:`, WeChat `[强]`, `[庆祝]`).
fn is_emoji_only(text: &str) -> bool {
    static CODES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r":[a-z0-9_+'-]{1,40}:|\[[\p{Han}A-Za-z]{1,4}\]").unwrap()
    });
    !CODES
        .replace_all(text, "")
        .chars()
        .any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::chat::Sender;

    fn msg(text: &str) -> Message {
        Message::text(
            "1".into(),
            jiff::Timestamp::UNIX_EPOCH,
            Sender {
                id: None,
                name: "a".into(),
            },
            text.into(),
        )
    }

    fn filter() -> NoiseFilter {
        NoiseFilter::new(
            &DEFAULT_NOISE
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn acknowledgements_and_emoji_only_are_dropped() {
        let mut f = filter();
        for text in [
            ":+1:",
            ":tada::tada:",
            "[强]",
            "[庆祝][庆祝]",
            "收到",
            "收到！",
            "+1",
            "哈哈哈哈",
            "👍",
            "Thanks!",
            "谢谢",
            "🎉🎉",
            "。。。",
        ] {
            assert_eq!(
                f.dropped(&msg(text)),
                Some(Dropped::Acknowledgement),
                "{text}"
            );
        }
    }

    #[test]
    fn real_messages_stay() {
        let mut f = filter();
        for text in [
            "好的 :+1: 我去试",
            "收到，我今晚试试第二个办法",
            "+1 我们也遇到过",
            "谢谢李思，那新人第二周呢？",
            "thanks, but what about week two?",
        ] {
            assert_eq!(f.dropped(&msg(text)), None, "{text}");
        }
    }

    #[test]
    fn the_list_is_configurable() {
        let mut f = NoiseFilter::new(&["了解".to_string()]);
        assert_eq!(f.dropped(&msg("了解")), Some(Dropped::Acknowledgement));
        assert_eq!(f.dropped(&msg("收到")), None);
    }

    #[test]
    fn a_forward_is_kept_once() {
        let mut f = filter();
        let mut m = msg("群规第一条：不发广告");
        m.forwarded = true;
        assert_eq!(f.dropped(&m), None);
        assert_eq!(f.dropped(&m), Some(Dropped::DuplicateForward));
    }

    #[test]
    fn a_long_message_said_twice_is_a_repeat() {
        let mut f = filter();
        let weekly = msg("【社群运营周报 · 第 37 期】本期主题：新人 7 日留存，全文见周报合集。");
        assert_eq!(f.dropped(&weekly), None);
        assert_eq!(f.dropped(&weekly), Some(Dropped::DuplicateForward));
        let short = msg("好的我试试看");
        assert_eq!(f.dropped(&short), None);
        assert_eq!(f.dropped(&short), None, "short replies may repeat");
    }

    #[test]
    fn notices_stickers_and_recalls_are_dropped() {
        let mut f = filter();
        for (body, why) in [
            (Body::System, Dropped::Notice),
            (Body::Sticker, Dropped::Sticker),
            (Body::Recalled, Dropped::Recalled),
        ] {
            let mut m = msg("x");
            m.body = body;
            assert_eq!(f.dropped(&m), Some(why));
        }
    }
}
