//! Import, step 1: the readers, one per export format, each turning an export into a
//! stream of `chat::Message`s. The format is told from the content (not the file
//! name); `detect` says for each format why it did not fit.

mod csv;
mod discord;
pub mod json;
mod lines;
mod slack;
mod telegram;
mod whatsapp;

use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::LazyLock;

use clap::ValueEnum;
use jiff::tz::TimeZone;
use regex::Regex;

use super::ImportError;
use super::chat::{Body, ChatInfo, Message, Platform};
use crate::messages::say;
use lines::TextFormat;

/// Where readers hand each message; `Break` ends reading early.
pub type Sink<'a> = dyn FnMut(Message) -> ControlFlow<()> + 'a;

/// The export formats `cairn import` reads (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Telegram Desktop, "Export chat history" as JSON (result.json).
    Telegram,
    /// DiscordChatExporter, JSON.
    Discord,
    /// A Slack workspace export, folder or .zip.
    Slack,
    /// WhatsApp "Export chat" (.txt).
    Whatsapp,
    /// QQ message manager, text export.
    Qq,
    /// WeChat desktop export tools, text form.
    Wechat,
    /// WeChat desktop export tools, CSV form.
    WechatCsv,
    /// A pasted `name: text` transcript.
    Transcript,
}

impl Format {
    pub fn platform(self) -> Platform {
        match self {
            Format::Telegram => Platform::Telegram,
            Format::Discord => Platform::Discord,
            Format::Slack => Platform::Slack,
            Format::Whatsapp => Platform::WhatsApp,
            Format::Qq => Platform::Qq,
            Format::Wechat | Format::WechatCsv => Platform::WeChat,
            Format::Transcript => Platform::Transcript,
        }
    }

    /// The format's name in the moderator's language (`Slack export`, `微信文字记录`).
    pub fn name(self) -> String {
        match self {
            Format::Telegram => say("import-format-telegram", &[]),
            Format::Discord => say("import-format-discord", &[]),
            Format::Slack => say("import-format-slack", &[]),
            Format::Whatsapp => say("import-format-whatsapp", &[]),
            Format::Qq => say("import-format-qq", &[]),
            Format::Wechat => say("import-format-wechat", &[]),
            Format::WechatCsv => say("import-format-wechat-csv", &[]),
            Format::Transcript => say("import-format-transcript", &[]),
        }
    }

    /// Whether messages carry ids that replies point at (so `--thread` can follow them).
    pub fn has_reply_ids(self) -> bool {
        matches!(self, Format::Telegram | Format::Discord | Format::Slack)
    }
}

/// Day and month order of WhatsApp dates (`--date-order`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrder {
    /// 12/03/2024 is 12 March.
    Dmy,
    /// 03/12/2024 is 12 March.
    Mdy,
}

/// What readers need besides the file.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Times written without a zone are in this one (the site's `timezone`).
    pub tz: TimeZone,
    /// `--chat`: one chat of a whole-account Telegram export.
    pub chat: Option<String>,
    /// `--channel`: one channel of a Slack export.
    pub channel: Option<String>,
    pub date_order: Option<DateOrder>,
}

/// The file to read for `path`: a Telegram export folder stands for its `result.json`.
pub fn resolve(path: &Path) -> std::path::PathBuf {
    let inside = path.join("result.json");
    if path.is_dir() && inside.is_file() {
        inside
    } else {
        path.to_path_buf()
    }
}

/// Tells the format of `path` from its content; the error lists each format tried.
pub fn detect(path: &Path) -> Result<Format, ImportError> {
    let mut tried: Vec<(String, String)> = Vec::new();
    let meta = std::fs::metadata(path).map_err(|e| ImportError::read(path, e))?;
    let mut head = Vec::new();
    if meta.is_file() {
        let file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
        file.take(256 * 1024)
            .read_to_end(&mut head)
            .map_err(|e| ImportError::read(path, e))?;
    }
    if meta.is_dir() || head.starts_with(b"PK\x03\x04") {
        match slack::looks_like(path) {
            Ok(()) => return Ok(Format::Slack),
            Err(why) => tried.push((Format::Slack.name(), why)),
        }
        return Err(ImportError::UnknownFormat {
            path: path.to_path_buf(),
            tried,
        });
    }
    tried.push((Format::Slack.name(), say("import-tried-not-a-folder", &[])));
    let text = decode_head(&head);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        let telegram = text.contains("\"messages\"")
            && (text.contains("\"date_unixtime\"")
                || text.contains("\"from_id\"")
                || text.contains("\"personal_information\"")
                || text.contains("\"text_entities\""));
        if telegram {
            return Ok(Format::Telegram);
        }
        tried.push((
            Format::Telegram.name(),
            say("import-tried-no-telegram-fields", &[]),
        ));
        if text.contains("\"guild\"") && text.contains("\"channel\"") {
            return Ok(Format::Discord);
        }
        tried.push((Format::Discord.name(), say("import-tried-no-guild", &[])));
        // JSON that is neither: say where it stops being JSON, if it does.
        if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(&text)
            && !e.is_eof()
        {
            return Err(json::located(path, &e, None));
        }
        return Err(ImportError::UnknownFormat {
            path: path.to_path_buf(),
            tried,
        });
    }
    for f in [Format::Telegram, Format::Discord] {
        tried.push((f.name(), say("import-tried-not-json", &[])));
    }
    let sample: Vec<String> = text.lines().take(400).map(str::to_string).collect();
    for (format, text_format) in [
        (Format::Whatsapp, TextFormat::WhatsApp),
        (Format::Qq, TextFormat::Qq),
        (Format::Wechat, TextFormat::WeChat),
    ] {
        match lines::looks_like(text_format, &sample) {
            Ok(()) => return Ok(format),
            Err(why) => tried.push((format.name(), why)),
        }
    }
    match sample.first().map(|l| csv::looks_like(l)) {
        Some(Ok(())) => return Ok(Format::WechatCsv),
        Some(Err(why)) => tried.push((Format::WechatCsv.name(), why)),
        None => tried.push((Format::WechatCsv.name(), say("import-tried-empty", &[]))),
    }
    match lines::looks_like(TextFormat::Transcript, &sample) {
        Ok(()) => Ok(Format::Transcript),
        Err(why) => {
            tried.push((Format::Transcript.name(), why));
            Err(ImportError::UnknownFormat {
                path: path.to_path_buf(),
                tried,
            })
        }
    }
}

/// Reads `path` as `format`, handing every message to `sink` in time order.
pub fn read(
    format: Format,
    path: &Path,
    opts: &ReadOptions,
    sink: &mut Sink<'_>,
) -> Result<ChatInfo, ImportError> {
    match format {
        Format::Telegram => telegram::read(path, opts, sink),
        Format::Discord => discord::read(path, opts, sink),
        Format::Slack => slack::read(path, opts, sink),
        Format::Whatsapp => lines::read(TextFormat::WhatsApp, path, opts, sink),
        Format::Qq => lines::read(TextFormat::Qq, path, opts, sink),
        Format::Wechat => lines::read(TextFormat::WeChat, path, opts, sink),
        Format::WechatCsv => csv::read(path, opts, sink),
        Format::Transcript => lines::read(TextFormat::Transcript, path, opts, sink),
    }
}

/// The start of a file as text: UTF-8 (a cut character at the end dropped) or UTF-16.
fn decode_head(head: &[u8]) -> String {
    if let Some(utf16) = utf16(head) {
        return utf16;
    }
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s.len(),
        Err(e) => e.valid_up_to(),
    };
    String::from_utf8_lossy(&head[..valid])
        .trim_start_matches('\u{feff}')
        .to_string()
}

/// Old QQ and Windows tools write UTF-16 with a byte-order mark.
fn utf16(bytes: &[u8]) -> Option<String> {
    let le = bytes.starts_with(&[0xFF, 0xFE]);
    let be = bytes.starts_with(&[0xFE, 0xFF]);
    if !le && !be {
        return None;
    }
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    Some(String::from_utf16_lossy(&units))
}

/// The lines of a text export, streamed (UTF-8; a UTF-16 file is decoded whole).
pub fn text_lines(
    path: &Path,
) -> Result<Box<dyn Iterator<Item = Result<String, ImportError>>>, ImportError> {
    let mut file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
    let mut bom = [0u8; 2];
    let n = file
        .read(&mut bom)
        .map_err(|e| ImportError::read(path, e))?;
    if n == 2 && (bom == [0xFF, 0xFE] || bom == [0xFE, 0xFF]) {
        let mut bytes = bom.to_vec();
        file.read_to_end(&mut bytes)
            .map_err(|e| ImportError::read(path, e))?;
        let text = utf16(&bytes).unwrap_or_default();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        return Ok(Box::new(lines.into_iter().map(Ok)));
    }
    let file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
    let shown = path.to_path_buf();
    let reader = BufReader::with_capacity(1 << 20, file);
    Ok(Box::new(reader.split(b'\n').map(move |line| {
        line.map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|e| ImportError::read(&shown, e))
    })))
}

/// "message <id>: `<text>` is not a time", for a JSON export's message, in the
/// moderator's language (it travels through serde as a custom error).
fn not_a_time(id: impl std::fmt::Display, text: &str) -> String {
    say(
        "import-message-not-a-time",
        &[("id", id.to_string().into()), ("text", text.into())],
    )
}

/// A time written without a zone (`2024-03-12 20:01:33`, `2024-03-12T20:01:33`), in the site's zone.
pub fn local_time(text: &str, opts: &ReadOptions) -> Option<jiff::Timestamp> {
    let text = text.trim().replace('/', "-");
    let dt: jiff::civil::DateTime = text.replacen(' ', "T", 1).parse().ok()?;
    dt.to_zoned(opts.tz.clone()).ok().map(|z| z.timestamp())
}

static QUOTE_BRACKET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^(?P<reply>.*?)\n?「(?P<quote>[^」]*)」\s*$").unwrap());
static QUOTE_REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^\[回复\s*(?P<quote>[^\]]*)\]\s*\n?(?P<reply>.*)$").unwrap());
static QUOTE_CITED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?s)^(?P<reply>.*?)\n引用[:：](?P<quote>.*)$").unwrap());
static QUOTE_DASHES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^「(?P<quote>[^」]*)」\s*\n\s*(?:- ){5,}-?\s*\n(?P<reply>.*)$").unwrap()
});

/// A quoted reply as WeChat and QQ text exports write it, split from the reply:
/// `reply\n「李思：quoted」`, `「李思：quoted」\n- - - - -\nreply` or `[回复 李思: quoted] reply`.
pub fn split_quote(text: &str) -> (Option<String>, String) {
    for re in [
        &*QUOTE_CITED,
        &*QUOTE_DASHES,
        &*QUOTE_REPLY,
        &*QUOTE_BRACKET,
    ] {
        if let Some(c) = re.captures(text) {
            let reply = c["reply"].trim().to_string();
            if !reply.is_empty() {
                return (Some(c["quote"].trim().to_string()), reply);
            }
        }
    }
    (None, text.to_string())
}

static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"^(?:"[^"]{1,40}"|“[^”]{1,40}”|[^\s"“]{1,20})\s?(?:撤回了一条消息|撤回了一條訊息|撤回一条消息)$"#,
        r#"|^你撤回了一条消息$"#,
        r#"|^(?:This message was deleted\.?|You deleted this message\.?|此消息已删除|此訊息已刪除)$"#,
        r#"|^"[^"]{1,40}"(?:邀请|邀請)"[^"]{1,200}"加入了群聊$"#,
        r#"|^"[^"]{1,40}"(?:通过扫描|通過掃描).{1,40}(?:加入群聊|加入了群聊)$"#,
        r#"|^[^\s，,。]{1,20}(?:加入本群|加入了本群)$"#,
        r#"|^Messages and calls are end-to-end encrypted"#,
    ))
    .unwrap()
});

/// Whether a text is one of the chat's own notices (joins, recalls, pins).
pub fn is_notice(text: &str) -> bool {
    let t = text.trim().trim_start_matches('\u{200e}');
    !t.contains('\n') && NOTICE.is_match(t)
}

/// A notice as a recall or a system message.
pub fn notice_kind(text: &str) -> Body {
    let t = text.trim();
    if t.contains("撤回") || t.contains("deleted") || t.contains("已删除") || t.contains("已刪除")
    {
        Body::Recalled
    } else {
        Body::System
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_split_from_replies() {
        assert_eq!(
            split_quote("好的\n「李思：先发群规」"),
            (Some("李思：先发群规".into()), "好的".into())
        );
        assert_eq!(
            split_quote("「李思：先发群规」\n- - - - - - - - - - - - - - -\n那第二天呢？"),
            (Some("李思：先发群规".into()), "那第二天呢？".into())
        );
        assert_eq!(
            split_quote("[回复 李思: 先发群规] 收到"),
            (Some("李思: 先发群规".into()), "收到".into())
        );
        assert_eq!(split_quote("no quote here"), (None, "no quote here".into()));
        assert_eq!(
            split_quote("见面会这个好\n引用:林雅婷:我們也遇過\n第二行"),
            (
                Some("林雅婷:我們也遇過\n第二行".into()),
                "见面会这个好".into()
            )
        );
    }

    #[test]
    fn notices_are_told_from_speech() {
        assert!(is_notice("\"赵小明\"撤回了一条消息"));
        assert!(is_notice("\"王芳\"邀请\"赵小明\"加入了群聊"));
        assert!(is_notice("This message was deleted"));
        assert!(matches!(
            notice_kind("\"赵小明\"撤回了一条消息"),
            Body::Recalled
        ));
        assert!(!is_notice("我们群里有人撤回了一条消息之后怎么看到？"));
        assert!(!is_notice("欢迎新人，记得看群公告"));
    }
}
