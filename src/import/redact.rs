//! Import, step 4a: what must never leave the chat. Phone numbers (mainland, Hong Kong,
//! Taiwan, international), e-mail addresses, WeChat ids, QQ numbers, URLs that carry
//! tokens, and any member's chat account written out in a message are replaced by a
//! marker before the draft is written; the summary lists each by line and kind.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

/// What was taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Phone,
    Email,
    WeChatId,
    QqNumber,
    TokenUrl,
    Account,
}

impl Kind {
    /// The word of its message key (`import-redaction-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::WeChatId => "wechat-id",
            Kind::QqNumber => "qq-number",
            Kind::TokenUrl => "token-url",
            Kind::Account => "account",
        }
    }

    pub fn describe(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Kind::Phone, true) => "电话",
            (Kind::Email, true) => "邮箱",
            (Kind::WeChatId, true) => "微信号",
            (Kind::QqNumber, true) => "QQ号",
            (Kind::TokenUrl, true) => "带令牌的链接",
            (Kind::Account, true) => "账号",
            (Kind::Phone, false) => "phone",
            (Kind::Email, false) => "e-mail",
            (Kind::WeChatId, false) => "WeChat id",
            (Kind::QqNumber, false) => "QQ number",
            (Kind::TokenUrl, false) => "URL with a token",
            (Kind::Account, false) => "account",
        }
    }
}

/// A part of a message's text on its way into the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Said in the chat: escaped when written.
    Plain(String),
    /// Taken out: written as a marker.
    Redacted(Kind),
    /// A person: written as `@handle`.
    Mention(String),
    /// Markdown that cairn wrote (a link to a copied file): written as is.
    Markdown(String),
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\bhttps?://[^\s<>"'（）()\[\]「」，。、！？；]+"#).unwrap());
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}").unwrap()
});
static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<wxid>\bwxid_[A-Za-z0-9]{4,})|(?:微信号?|wechat|weixin|vx|v信|\bwx)\s*(?:id|号)?\s*[:：]?\s*(?P<id>[A-Za-z][-_A-Za-z0-9]{5,19})").unwrap()
});
static QQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:QQ|扣扣|Q号)\s*(?:号码|号|群)?\s*[:：]?\s*(?P<id>[1-9]\d{4,11})").unwrap()
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}", // mainland
        r"|\+852[\s-]?\d{4}[\s-]?\d{4}",               // Hong Kong
        r"|(?:\+886[\s-]?|0)9\d{2}[\s-]?\d{3}[\s-]?\d{3}", // Taiwan mobile
        r"|\+\d{1,3}(?:[\s-]?\(?\d{1,4}\)?){2,5}",     // international
    ))
    .unwrap()
});

/// Query keys that make a URL a secret: whoever has the link has the access.
const TOKEN_KEYS: &[&str] = &[
    "token",
    "access_token",
    "auth",
    "auth_token",
    "key",
    "apikey",
    "api_key",
    "sig",
    "signature",
    "secret",
    "password",
    "pwd",
    "passwd",
    "ticket",
    "session",
    "sessionid",
    "sid",
    "code",
    "jwt",
    "invite",
    "x-amz-signature",
    "x-amz-credential",
];

pub struct Redactor {
    /// Members' account values long enough to find without false alarms.
    accounts: Option<AhoCorasick>,
}

impl Redactor {
    pub fn new(account_values: &[String]) -> Redactor {
        let values: Vec<&String> = account_values
            .iter()
            .filter(|v| {
                v.chars()
                    .map(|c| if c.is_ascii() { 1 } else { 2 })
                    .sum::<usize>()
                    >= 6
            })
            .collect();
        let accounts =
            (!values.is_empty()).then(|| AhoCorasick::new(values).expect("plain strings"));
        Redactor { accounts }
    }

    /// Replaces every secret in the plain pieces; returns what was taken out, in order.
    pub fn redact(&self, pieces: Vec<Piece>) -> (Vec<Piece>, Vec<Kind>) {
        let mut out = Vec::new();
        let mut found = Vec::new();
        for piece in pieces {
            let Piece::Plain(text) = piece else {
                out.push(piece);
                continue;
            };
            let spans = self.spans(&text);
            let mut last = 0;
            for (start, end, kind) in spans {
                if start > last {
                    out.push(Piece::Plain(text[last..start].to_string()));
                }
                out.push(Piece::Redacted(kind));
                found.push(kind);
                last = end;
            }
            if last < text.len() {
                out.push(Piece::Plain(text[last..].to_string()));
            }
        }
        (out, found)
    }

    /// Byte ranges to take out, in order, without overlaps (first kind found wins).
    fn spans(&self, text: &str) -> Vec<(usize, usize, Kind)> {
        let mut spans: Vec<(usize, usize, Kind)> = Vec::new();
        for m in URL.find_iter(text) {
            if carries_token(m.as_str()) {
                spans.push((m.start(), m.end(), Kind::TokenUrl));
            }
        }
        for m in EMAIL.find_iter(text) {
            spans.push((m.start(), m.end(), Kind::Email));
        }
        for c in WECHAT.captures_iter(text) {
            let m = c.name("id").or(c.name("wxid")).expect("one of the two");
            let id = m.as_str();
            // A word after "WeChat" ("WeChat groups") is no id: ids carry a digit, `_` or `-`.
            if id.starts_with("wxid_")
                || id
                    .chars()
                    .any(|ch| ch.is_ascii_digit() || ch == '_' || ch == '-')
            {
                spans.push((m.start(), m.end(), Kind::WeChatId));
            }
        }
        for c in QQ.captures_iter(text) {
            let m = c.name("id").expect("always captured");
            spans.push((m.start(), m.end(), Kind::QqNumber));
        }
        for m in PHONE.find_iter(text) {
            let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            let bounded = before
                .is_none_or(|c| !c.is_ascii_alphanumeric() && c != '/' && c != '.' && c != '=')
                && after.is_none_or(|c| !c.is_ascii_digit());
            if bounded && (8..=15).contains(&digits) {
                spans.push((m.start(), m.end(), Kind::Phone));
            }
        }
        if let Some(accounts) = &self.accounts {
            for m in accounts.find_iter(text) {
                spans.push((m.start(), m.end(), Kind::Account));
            }
        }
        spans.sort_by_key(|s| (s.0, std::cmp::Reverse(s.1)));
        let mut kept: Vec<(usize, usize, Kind)> = Vec::new();
        for s in spans {
            if kept.last().is_none_or(|k| s.0 >= k.1) {
                kept.push(s);
            }
        }
        kept
    }
}

fn carries_token(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let host = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
    if host.contains('@') {
        return true; // user:password@host
    }
    let query = url.split_once(['?', '#']).map_or("", |(_, q)| q);
    query.split(['&', '#', '?']).any(|pair| {
        let key = pair.split('=').next().unwrap_or("").to_ascii_lowercase();
        TOKEN_KEYS.contains(&key.as_str()) || key.ends_with("token") || key.ends_with("secret")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Kind> {
        Redactor::new(&["5010002".into(), "@lisi_ops".into()])
            .redact(vec![Piece::Plain(text.into())])
            .1
    }

    fn shown(text: &str) -> String {
        let (pieces, _) = Redactor::new(&[]).redact(vec![Piece::Plain(text.into())]);
        pieces
            .iter()
            .map(|p| match p {
                Piece::Plain(s) => s.clone(),
                Piece::Redacted(k) => format!("[{}]", k.describe(false)),
                Piece::Mention(h) => format!("@{h}"),
                Piece::Markdown(m) => m.clone(),
            })
            .collect()
    }

    #[test]
    fn phones_of_every_region_are_taken_out() {
        assert_eq!(shown("电话13812345678谢谢"), "电话[phone]谢谢");
        assert_eq!(shown("call +86 138 1234 5678 now"), "call [phone] now");
        assert_eq!(shown("香港 +852 9123 4567"), "香港 [phone]");
        assert_eq!(
            shown("台灣 0912-345-678 或 +886 912 345 678"),
            "台灣 [phone] 或 [phone]"
        );
        assert_eq!(shown("US +1 415 555 0100."), "US [phone].");
        assert_eq!(shown("UK +44 20 7946 0958"), "UK [phone]");
    }

    #[test]
    fn ordinary_numbers_stay() {
        for text in [
            "2024-03-12 20:01",
            "群里有 1000 人",
            "版本 13.8.1",
            "订单 202403121234567890",
            "+1",
        ] {
            assert_eq!(shown(text), text, "{text}");
        }
    }

    #[test]
    fn emails_wechat_ids_and_qq_numbers() {
        assert_eq!(
            shown("写信到 yu.he@xiaoman-coffee.example.com 吧"),
            "写信到 [e-mail] 吧"
        );
        assert_eq!(shown("加我微信 zhou_ops-2024"), "加我微信 [WeChat id]");
        assert_eq!(shown("我的是 wxid_k3j4h5g6f7"), "我的是 [WeChat id]");
        assert_eq!(
            shown("我们的 WeChat groups are busy"),
            "我们的 WeChat groups are busy"
        );
        assert_eq!(shown("QQ：987654321"), "QQ：[QQ number]");
    }

    #[test]
    fn urls_with_tokens_go_and_plain_urls_stay() {
        assert_eq!(
            shown("hook https://hooks.example.com/bot?token=AbC123SeCrEt456 ok"),
            "hook [URL with a token] ok"
        );
        assert_eq!(
            shown("https://docs.example.com/d/xyz?access_token=eyJhbGci.abc&sig=9f8e7d"),
            "[URL with a token]"
        );
        assert_eq!(shown("https://user:pw@example.com/x"), "[URL with a token]");
        assert_eq!(
            shown("看 https://example.org/welcome-guide 就行"),
            "看 https://example.org/welcome-guide 就行"
        );
    }

    #[test]
    fn member_accounts_in_text_are_taken_out() {
        assert_eq!(kinds("my id is 5010002"), [Kind::Account]);
        assert_eq!(kinds("ping @lisi_ops"), [Kind::Account]);
    }
}
