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
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Message, Sender};

/// The text formats, each with its header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    WhatsApp,
    Qq,
    WeChat,
    Transcript,
}

static WHATSAPP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(?P<d1>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),\s(?P<t1>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:[\s\u{202f}]?(?P<p1>[AaPp]\.?\s?[Mm]\.?))?\]\s|(?P<d2>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),\s(?P<t2>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:[\s\u{202f}]?(?P<p2>[AaPp]\.?\s?[Mm]\.?))?\s[-–]\s)(?P<rest>.*)$").unwrap()
});
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
                Err(format!(
                    "{headers} of {} lines read as `name: text`",
                    speech.len()
                ))
            }
        }
        _ => Err(match first {
            Some(line) => format!(
                "no line like {} (the first is `{}`)",
                example(format),
                cut(line)
            ),
            None => "the file is empty".into(),
        }),
    }
}

fn header_matches(format: TextFormat, line: &str) -> bool {
    let line = line.trim_start_matches(['\u{feff}', '\u{200e}']);
    match format {
        TextFormat::WhatsApp => WHATSAPP.is_match(line),
        TextFormat::Qq => QQ.is_match(line),
        TextFormat::WeChat => WECHAT.is_match(line) && !QQ.is_match(line),
        TextFormat::Transcript => PASTE.is_match(line),
    }
}

fn example(format: TextFormat) -> &'static str {
    match format {
        TextFormat::WhatsApp => {
            "`[12/03/2024, 20:01:33] name: text` or `12/03/2024, 20:01 - name: text`"
        }
        TextFormat::Qq => "`2024-03-12 20:01:33 name(10001)`",
        TextFormat::WeChat => "`2024-03-12 20:01:33 name`",
        TextFormat::Transcript => "`name: text`",
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
            None => whatsapp_order(path)?,
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
        let header = parse_header(format, line, order, opts, last_time, &speakers).map_err(|message| {
            ImportError::broken(
                path,
                n + 1,
                1,
                line,
                message,
                "fix the time in the export, or pass --date-order if the day and month are swapped",
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

type Header = (Timestamp, Option<Sender>, Option<String>);

fn parse_header(
    format: TextFormat,
    line: &str,
    order: Option<DateOrder>,
    opts: &ReadOptions,
    last: Option<Timestamp>,
    speakers: &HashSet<String>,
) -> Result<Option<Header>, String> {
    let clean = line.trim_start_matches('\u{200e}');
    match format {
        TextFormat::WhatsApp => {
            let Some(c) = WHATSAPP.captures(clean) else {
                return Ok(None);
            };
            let date = c.name("d1").or(c.name("d2")).unwrap().as_str();
            let time = c.name("t1").or(c.name("t2")).unwrap().as_str();
            let ampm = c.name("p1").or(c.name("p2")).map(|m| m.as_str());
            let at = whatsapp_time(date, time, ampm, order.unwrap_or(DateOrder::Dmy), opts)?;
            let rest = c["rest"].trim_start_matches('\u{200e}');
            Ok(Some(match split_sender(rest) {
                // iOS writes notices as the group's own message, marked with U+200E;
                // attachments carry the same mark but name a file.
                Some((_, text)) if text.starts_with('\u{200e}') && !is_attachment(text) => (
                    at,
                    None,
                    Some(text.trim_start_matches('\u{200e}').to_string()),
                ),
                Some((who, text)) => (at, Some(name_only(who)), Some(text.to_string())),
                None => (at, None, Some(rest.to_string())),
            }))
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

/// `<attached: …>`, `image omitted` after U+200E: a file, not a notice.
fn is_attachment(text: &str) -> bool {
    let t = text.trim_start_matches('\u{200e}');
    t.starts_with("<attached:")
        || t.ends_with(" omitted")
        || t.ends_with("已忽略")
        || t.ends_with("(file attached)")
}

fn name_only(name: &str) -> Sender {
    Sender {
        id: None,
        name: name.trim().to_string(),
    }
}

/// `name: text` after a WhatsApp header; system lines have no sender.
fn split_sender(rest: &str) -> Option<(&str, &str)> {
    let (who, text) = rest.split_once(": ")?;
    // "王芳 changed the subject to "a: b"" is a notice with a colon in it, not a sender.
    (who.chars().count() <= 40 && !who.contains('"') && !who.contains('“')).then_some((who, text))
}

fn civil(date: &str, time: &str, opts: &ReadOptions) -> Result<Timestamp, String> {
    let text = format!("{date} {time}");
    let parts: Vec<i64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(-1))
        .collect();
    let [y, mo, d, h, mi, rest @ ..] = parts.as_slice() else {
        return Err(format!("`{text}` is not a time"));
    };
    let s = rest.first().copied().unwrap_or(0);
    at(*y, *mo, *d, *h, *mi, s, opts).ok_or_else(|| format!("`{text}` is not a real time"))
}

fn at(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64, opts: &ReadOptions) -> Option<Timestamp> {
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

fn whatsapp_time(
    date: &str,
    time: &str,
    ampm: Option<&str>,
    order: DateOrder,
    opts: &ReadOptions,
) -> Result<Timestamp, String> {
    let d: Vec<i64> = date
        .split(['/', '.', '-'])
        .map(|p| p.parse().unwrap_or(-1))
        .collect();
    let t: Vec<i64> = time
        .split([':', '.'])
        .map(|p| p.parse().unwrap_or(-1))
        .collect();
    let (y, mo, day) = match (d.as_slice(), order) {
        ([y, m, d], _) if *y > 31 => (*y, *m, *d),
        ([a, b, y], DateOrder::Dmy) => (*y, *b, *a),
        ([a, b, y], DateOrder::Mdy) => (*y, *a, *b),
        _ => return Err(format!("`{date}` is not a date")),
    };
    let y = if y < 100 { 2000 + y } else { y };
    let mut h = t[0];
    if let Some(p) = ampm {
        let pm = p.to_ascii_lowercase().starts_with('p');
        h = match (h, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    }
    at(y, mo, day, h, t[1], t.get(2).copied().unwrap_or(0), opts).ok_or_else(|| {
        format!(
            "`{date}, {time}` is not a real time (read as {})",
            order.describe()
        )
    })
}

/// WhatsApp writes dates in the phone's order: the first date with a part over 12
/// tells day/month from month/day. Reads only until it finds one.
fn whatsapp_order(path: &Path) -> Result<DateOrder, ImportError> {
    for line in super::text_lines(path)? {
        let line = line?;
        let Some(c) = WHATSAPP.captures(line.trim_start_matches(['\u{feff}', '\u{200e}'])) else {
            continue;
        };
        let date = c.name("d1").or(c.name("d2")).unwrap().as_str();
        let parts: Vec<i64> = date
            .split(['/', '.', '-'])
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        if let [a, b, _] = parts.as_slice() {
            if *a > 31 {
                return Ok(DateOrder::Dmy);
            }
            if *a > 12 {
                return Ok(DateOrder::Dmy);
            }
            if *b > 12 {
                return Ok(DateOrder::Mdy);
            }
        }
    }
    Err(ImportError::Usage(format!(
        "{}: every date could be day/month or month/day\n  = hint: pass --date-order dmy (12/03 is 12 March) or --date-order mdy (12/03 is 3 December)",
        path.display()
    )))
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
) -> Result<Timestamp, String> {
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
    found
        .ok_or_else(|| format!("`[{when}]` is not a time: write `[2024-03-12 20:01]` or `[20:01]`"))
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
    if format == TextFormat::WhatsApp {
        if let Some(name) = t
            .strip_prefix("<attached: ")
            .and_then(|r| r.strip_suffix('>'))
        {
            let kind = if name.contains("PHOTO") || name.ends_with(".jpg") || name.ends_with(".png")
            {
                MediaKind::Photo
            } else if name.contains("AUDIO") || name.ends_with(".opus") {
                MediaKind::Voice
            } else if name.contains("VIDEO") || name.ends_with(".mp4") {
                MediaKind::Video
            } else {
                MediaKind::File
            };
            return Body::Media(Media {
                kind,
                name: Some(name.to_string()),
                path: Some(name.to_string()),
            });
        }
        if let Some(name) = t.strip_suffix(" (file attached)") {
            return Body::Media(Media {
                kind: MediaKind::File,
                name: Some(name.to_string()),
                path: Some(name.to_string()),
            });
        }
        match t {
            "sticker omitted" | "GIF omitted" | "贴纸已忽略" => return Body::Sticker,
            "image omitted" | "图片已忽略" => return media(MediaKind::Photo, None),
            "audio omitted" | "音频已忽略" => return media(MediaKind::Voice, None),
            "video omitted" | "视频已忽略" => return media(MediaKind::Video, None),
            "<Media omitted>" | "<省略影音内容>" | "<媒体已忽略>" => {
                return media(MediaKind::File, None);
            }
            _ => {}
        }
        if let Some(name) = t.strip_suffix(" document omitted") {
            return media(MediaKind::File, Some(name.trim_start_matches('\u{200e}')));
        }
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

/// The order of day and month in a WhatsApp export.
impl DateOrder {
    fn describe(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day/month",
            DateOrder::Mdy => "month/day",
        }
    }
}
