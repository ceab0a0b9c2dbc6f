//! Import, the readers of text exports, read line by line as a stream: WhatsApp
//! ("Export chat", both the bracketed iOS and the dashed Android form), QQ's message
//! manager, the WeChat desktop export tools' text form, and a pasted `name: text`
//! transcript. Each is a header pattern; lines up to the next header are its text.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use regex::Regex;

use super::{DateOrder, ReadOptions, Sink};
use crate::diagnostics::Said;
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Message, Sender};
use crate::messages::say;

/// The text formats, each with its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    WhatsApp,
    Qq,
    WeChat,
    Transcript,
}

static QQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}) (?P<time>\d{1,2}:\d{2}:\d{2}) (?P<who>.*?)(?:\((?P<num>\d{4,12})\)|<(?P<mail>[^<>\s]+)>)\s*$").unwrap()
});
static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<date>\d{4}-\d{1,2}-\d{1,2}) (?P<time>\d{1,2}:\d{2}:\d{2}) (?P<who>\S.*?)\s*$")
        .unwrap()
});
static PASTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(?P<when>[^\]]{4,25})\]\s*)?(?P<who>[^\s:：\[\]][^:：\[\]]{0,23}?)\s*[:：]\s?(?P<text>.*)$").unwrap()
});

/// Why `lines` are not in `format`, or `Ok` when enough of them are headers.
pub fn looks_like(format: TextFormat, lines: &[String]) -> Result<(), String> {
    let headers = lines.iter().filter(|l| header_matches(format, l)).count();
    let first = lines.iter().find(|l| !l.trim().is_empty());
    match format {
        TextFormat::Qq if lines.iter().any(|l| l.starts_with("消息记录")) || headers >= 2 => {
            Ok(())
        }
        TextFormat::WhatsApp | TextFormat::WeChat if headers >= 2 => Ok(()),
        // A transcript: most non-empty, unindented lines are `name: text`.
        TextFormat::Transcript => {
            let speech: Vec<&String> = lines
                .iter()
                .filter(|l| !l.trim().is_empty() && !l.starts_with([' ', '\t']))
                .collect();
            if !speech.is_empty() && headers * 2 >= speech.len() && headers >= 2 {
                Ok(())
            } else {
                Err(say(
                    "import-tried-transcript",
                    &[("headers", headers.into()), ("lines", speech.len().into())],
                ))
            }
        }
        _ => Err(match first {
            Some(line) => match examples(format) {
                (example, None) => say(
                    "import-tried-no-line-like",
                    &[("example", example.into()), ("first", cut(line).into())],
                ),
                (example, Some(other)) => say(
                    "import-tried-no-line-like-either",
                    &[
                        ("example", example.into()),
                        ("other", other.into()),
                        ("first", cut(line).into()),
                    ],
                ),
            },
            None => say("import-tried-empty", &[]),
        }),
    }
}

fn header_matches(format: TextFormat, line: &str) -> bool {
    let line = line.trim_start_matches(['\u{feff}', '\u{200e}']);
    match format {
        TextFormat::WhatsApp => super::whatsapp::HEADER.is_match(line),
        TextFormat::Qq => QQ.is_match(line),
        TextFormat::WeChat => WECHAT.is_match(line) && !QQ.is_match(line),
        TextFormat::Transcript => PASTE.is_match(line),
    }
}

/// The header lines `format` starts messages with: one, or WhatsApp's two.
fn examples(format: TextFormat) -> (&'static str, Option<&'static str>) {
    match format {
        TextFormat::WhatsApp => (
            "`[12/03/2024, 20:01:33] name: text`",
            Some("`12/03/2024, 20:01 - name: text`"),
        ),
        TextFormat::Qq => ("`2024-03-12 20:01:33 name(10001)`", None),
        TextFormat::WeChat => ("`2024-03-12 20:01:33 name`", None),
        TextFormat::Transcript => ("`name: text`", None),
    }
}

fn cut(line: &str) -> String {
    let cut: String = line.chars().take(40).collect();
    if cut.len() < line.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// A message being gathered: its header, then its lines.
struct Pending {
    time: Timestamp,
    sender: Option<Sender>,
    lines: Vec<String>,
}

pub fn read(
    format: TextFormat,
    path: &Path,
    opts: &ReadOptions,
    sink: &mut Sink<'_>,
) -> Result<ChatInfo, ImportError> {
    let order = match format {
        TextFormat::WhatsApp => Some(match opts.date_order {
            Some(order) => order,
            None => super::whatsapp::date_order(path)?,
        }),
        _ => None,
    };
    let speakers = match format {
        TextFormat::Transcript => timed_speakers(path)?,
        _ => HashSet::new(),
    };
    let mut info = ChatInfo::default();
    let mut pending: Option<Pending> = None;
    let mut count = 0usize;
    let mut last_time: Option<Timestamp> = None;
    for (n, line) in super::text_lines(path)?.enumerate() {
        let line = line?;
        let line = line.trim_end_matches('\r').trim_start_matches('\u{feff}');
        if format == TextFormat::Qq
            && pending.is_none()
            && info.name.is_none()
            && let Some(name) = line
                .strip_prefix("消息对象:")
                .or(line.strip_prefix("消息对象："))
        {
            info.name = Some(name.trim().to_string());
            continue;
        }
        let header =
            parse_header(format, line, order, opts, last_time, &speakers).map_err(|message| {
                ImportError::broken(
                    path,
                    n + 1,
                    1,
                    line,
                    message,
                    Said::new("import-hint-time-lines", &[]),
                )
            })?;
        match header {
            Some((time, sender, first)) => {
                if let Some(done) = pending.take() {
                    count += 1;
                    if let ControlFlow::Break(()) = sink(finish(format, done, count)) {
                        return Ok(info);
                    }
                }
                last_time = Some(time);
                pending = Some(Pending {
                    time,
                    sender,
                    lines: first.into_iter().collect(),
                });
            }
            // Text before the first header is the export's own preamble.
            None => {
                if let Some(p) = &mut pending {
                    p.lines
                        .push(line.trim_start_matches('\u{200e}').to_string());
                }
            }
        }
    }
    if let Some(done) = pending.take() {
        count += 1;
        let _ = sink(finish(format, done, count));
    }
    Ok(info)
}

pub(super) type Header = (Timestamp, Option<Sender>, Option<String>);

fn parse_header(
    format: TextFormat,
    line: &str,
    order: Option<DateOrder>,
    opts: &ReadOptions,
    last: Option<Timestamp>,
    speakers: &HashSet<String>,
) -> Result<Option<Header>, Said> {
    let clean = line.trim_start_matches('\u{200e}');
    match format {
        TextFormat::WhatsApp => {
            super::whatsapp::header(clean, order.unwrap_or(DateOrder::Dmy), opts)
        }
        TextFormat::Qq => {
            let Some(c) = QQ.captures(clean) else {
                return Ok(None);
            };
            let at = civil(&c["date"], &c["time"], opts)?;
            let id = c
                .name("num")
                .or(c.name("mail"))
                .map(|m| m.as_str().to_string());
            let who = c["who"].trim();
            // Group exports put a title before the name: 【管理员】张伟.
            let who = who.rsplit_once('】').map_or(who, |(_, n)| n).trim();
            Ok(Some((
                at,
                Some(Sender {
                    id,
                    name: who.to_string(),
                }),
                None,
            )))
        }
        TextFormat::WeChat => {
            if QQ.is_match(clean) {
                return Ok(None);
            }
            let Some(c) = WECHAT.captures(clean) else {
                return Ok(None);
            };
            let at = civil(&c["date"], &c["time"], opts)?;
            // Notices are header lines with the notice where the name goes.
            if super::is_notice(&c["who"]) {
                return Ok(Some((at, None, Some(c["who"].to_string()))));
            }
            Ok(Some((at, Some(name_only(&c["who"])), None)))
        }
        TextFormat::Transcript => {
            if line.starts_with([' ', '\t']) {
                return Ok(None);
            }
            let Some(c) = PASTE.captures(clean) else {
                return Ok(None);
            };
            let who = c["who"].trim();
            if who
                .chars()
                .any(|ch| "，。！？,.!?;；（）()《》\"“”".contains(ch))
                || who.starts_with("http")
            {
                return Ok(None);
            }
            let at = match c.name("when") {
                Some(when) => transcript_time(when.as_str(), opts, last)?,
                // `现在的做法：…` inside a message is no speaker: a line without a time
                // starts a message only for a name that has a timed line somewhere.
                None if !speakers.is_empty() && !speakers.contains(&people_key(who)) => {
                    return Ok(None);
                }
                None => last.unwrap_or_else(|| midnight_today(opts)),
            };
            Ok(Some((
                at,
                Some(name_only(who)),
                Some(c["text"].to_string()),
            )))
        }
    }
}

pub(super) fn name_only(name: &str) -> Sender {
    Sender {
        id: None,
        name: name.trim().to_string(),
    }
}

fn civil(date: &str, time: &str, opts: &ReadOptions) -> Result<Timestamp, Said> {
    let text = format!("{date} {time}");
    let parts: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(-1))
        .collect();
    let [y, mo, d, h, mi, rest @ ..] = parts.as_slice() else {
        return Err(Said::new("import-not-a-time", &[("text", &text)]));
    };
    let s = rest.first().copied().unwrap_or(0);
    at(*y, *mo, *d, *h, *mi, s, opts)
        .ok_or_else(|| Said::new("import-not-a-real-time", &[("text", &text)]))
}

pub(super) fn at(
    y: i64,
    mo: i64,
    d: i64,
    h: i64,
    mi: i64,
    s: i64,
    opts: &ReadOptions,
) -> Option<Timestamp> {
    let date = Date::new(y.try_into().ok()?, mo.try_into().ok()?, d.try_into().ok()?).ok()?;
    let time = Time::new(
        h.try_into().ok()?,
        mi.try_into().ok()?,
        s.try_into().ok()?,
        0,
    )
    .ok()?;
    DateTime::from_parts(date, time)
        .to_zoned(opts.tz.clone())
        .ok()
        .map(|z| z.timestamp())
}

/// The names on a transcript's lines that carry a time (a first, cheap pass).
fn timed_speakers(path: &Path) -> Result<HashSet<String>, ImportError> {
    let mut names = HashSet::new();
    for line in super::text_lines(path)? {
        let line = line?;
        if let Some(c) = PASTE.captures(line.trim_start_matches('\u{feff}'))
            && c.name("when").is_some()
        {
            names.insert(people_key(c["who"].trim()));
        }
    }
    Ok(names)
}

fn people_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// `[2024-03-12 20:01]`, `[2024/3/12 20:01:33]` or `[20:01]` (the day of the line before).
fn transcript_time(
    when: &str,
    opts: &ReadOptions,
    last: Option<Timestamp>,
) -> Result<Timestamp, Said> {
    let nums: Vec<i64> = when
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(-1))
        .collect();
    let day = last
        .unwrap_or_else(|| midnight_today(opts))
        .to_zoned(opts.tz.clone())
        .date();
    let found = match nums.as_slice() {
        [y, mo, d, h, mi] => at(*y, *mo, *d, *h, *mi, 0, opts),
        [y, mo, d, h, mi, s] => at(*y, *mo, *d, *h, *mi, *s, opts),
        [h, mi] => at(
            day.year().into(),
            day.month().into(),
            day.day().into(),
            *h,
            *mi,
            0,
            opts,
        ),
        [h, mi, s] => at(
            day.year().into(),
            day.month().into(),
            day.day().into(),
            *h,
            *mi,
            *s,
            opts,
        ),
        _ => None,
    };
    found.ok_or_else(|| Said::new("import-transcript-time", &[("text", when)]))
}

fn midnight_today(opts: &ReadOptions) -> Timestamp {
    let today = Timestamp::now().to_zoned(opts.tz.clone()).date();
    today
        .to_zoned(opts.tz.clone())
        .map_or(Timestamp::UNIX_EPOCH, |z| z.timestamp())
}

fn finish(format: TextFormat, p: Pending, ordinal: usize) -> Message {
    let mut lines = p.lines;
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // WhatsApp wraps mentions in isolates (U+2068 `@李思` U+2069), WeChat ends them with U+2005.
    let mut text = lines
        .join("\n")
        .replace(['\u{2068}', '\u{2069}', '\u{200e}'], "")
        .replace('\u{2005}', " ");
    let mut edited = false;
    for mark in [
        "<This message was edited>",
        "<已编辑此消息>",
        "<已編輯此訊息>",
    ] {
        if let Some(t) = text.trim_end().strip_suffix(mark) {
            text = t.trim_end().to_string();
            edited = true;
        }
    }
    let (quote, mut text) = super::split_quote(&text);
    let system = p.sender.is_none()
        || p.sender
            .as_ref()
            .is_some_and(|s| matches!(s.name.as_str(), "系统消息" | "系統訊息" | "System"));
    let body = if system {
        super::notice_kind(&text)
    } else {
        classify(format, &text)
    };
    // `[图片]`, `image omitted`: the text was only the placeholder for the file.
    if matches!(body, Body::Media(_) | Body::Sticker) {
        text.clear();
    }
    let sender = p.sender.unwrap_or(Sender {
        id: None,
        name: String::new(),
    });
    let mut m = Message::text(ordinal.to_string(), p.time, sender, text);
    m.body = if matches!(body, Body::Text) && super::is_notice(&m.text) {
        super::notice_kind(&m.text)
    } else {
        body
    };
    m.quote = quote;
    m.edited = edited;
    m
}

/// What the text of a message says it is: `[图片]`, `image omitted`, a recall notice.
fn classify(format: TextFormat, text: &str) -> Body {
    let t = text.trim();
    let media = |kind, name: Option<&str>| {
        Body::Media(Media {
            kind,
            name: name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            path: None,
        })
    };
    if format == TextFormat::WhatsApp
        && let Some(body) = super::whatsapp::classify(t)
    {
        return body;
    }
    match t {
        "[图片]" | "[圖片]" | "[Photo]" => media(MediaKind::Photo, None),
        "[语音]" | "[語音]" => media(MediaKind::Voice, None),
        "[视频]" | "[視頻]" | "[影片]" => media(MediaKind::Video, None),
        "[表情]" | "[动画表情]" | "[動畫表情]" | "[Sticker]" => Body::Sticker,
        _ => {
            for prefix in ["[文件]", "[檔案]", "[File]"] {
                if let Some(name) = t.strip_prefix(prefix) {
                    return media(MediaKind::File, Some(name));
                }
            }
            Body::Text
        }
    }
}
