//! Import, the WhatsApp reader's own rules ("Export chat", `.txt`): the bracketed
//! iOS and dashed Android header lines, 12- and 24-hour clocks, the day/month order
//! told from the file, iOS notices marked with U+200E, and attachment lines.
//! `lines` does the reading.

use std::path::Path;
use std::sync::LazyLock;

use jiff::Timestamp;
use regex::Regex;

use super::lines::{Header, at, name_only};
use super::{DateOrder, ReadOptions};
use crate::diagnostics::Said;
use crate::import::ImportError;
use crate::import::chat::{Body, Media, MediaKind};
use crate::messages::say;

pub static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\[(?P<d1>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),\s(?P<t1>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:[\s\u{202f}]?(?P<p1>[AaPp]\.?\s?[Mm]\.?))?\]\s|(?P<d2>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),\s(?P<t2>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)(?:[\s\u{202f}]?(?P<p2>[AaPp]\.?\s?[Mm]\.?))?\s[-–]\s)(?P<rest>.*)$").unwrap()
});
/// A WhatsApp header line: its time, its sender (none for a notice) and its first text.
pub fn header(clean: &str, order: DateOrder, opts: &ReadOptions) -> Result<Option<Header>, Said> {
    let Some(c) = HEADER.captures(clean) else {
        return Ok(None);
    };
    let date = c.name("d1").or(c.name("d2")).unwrap().as_str();
    let time = c.name("t1").or(c.name("t2")).unwrap().as_str();
    let ampm = c.name("p1").or(c.name("p2")).map(|m| m.as_str());
    let at = whatsapp_time(date, time, ampm, order, opts)?;
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

/// `<attached: …>`, `image omitted` after U+200E: a file, not a notice.
fn is_attachment(text: &str) -> bool {
    let t = text.trim_start_matches('\u{200e}');
    t.starts_with("<attached:")
        || t.ends_with(" omitted")
        || t.ends_with("已忽略")
        || t.ends_with("(file attached)")
}

/// `name: text` after a WhatsApp header; system lines have no sender.
fn split_sender(rest: &str) -> Option<(&str, &str)> {
    let (who, text) = rest.split_once(": ")?;
    // "王芳 changed the subject to "a: b"" is a notice with a colon in it, not a sender.
    (who.chars().count() <= 40 && !who.contains('"') && !who.contains('“')).then_some((who, text))
}

fn whatsapp_time(
    date: &str,
    time: &str,
    ampm: Option<&str>,
    order: DateOrder,
    opts: &ReadOptions,
) -> Result<Timestamp, Said> {
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
        _ => return Err(Said::new("import-not-a-date", &[("text", date)])),
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
        Said::new(
            "import-not-a-real-time-read-as",
            &[
                ("text", &format!("{date}, {time}")),
                ("order", &order.describe()),
            ],
        )
    })
}

/// WhatsApp writes dates in the phone's order: the first date with a part over 12
/// tells day/month from month/day. Reads only until it finds one.
pub fn date_order(path: &Path) -> Result<DateOrder, ImportError> {
    for line in super::text_lines(path)? {
        let line = line?;
        let Some(c) = HEADER.captures(line.trim_start_matches(['\u{feff}', '\u{200e}'])) else {
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
    Err(ImportError::Usage(crate::messages::say_with_hint(
        "import-date-order",
        &[("path", path.display().to_string().into())],
        "import-date-order-hint",
    )))
}

/// A WhatsApp line that stands for a file or a sticker, if `t` is one.
pub fn classify(t: &str) -> Option<Body> {
    let media = |kind, name: Option<&str>| {
        Body::Media(Media {
            kind,
            name: name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
            path: None,
        })
    };
    if let Some(name) = t
        .strip_prefix("<attached: ")
        .and_then(|r| r.strip_suffix('>'))
    {
        let kind = if name.contains("PHOTO") || name.ends_with(".jpg") || name.ends_with(".png") {
            MediaKind::Photo
        } else if name.contains("AUDIO") || name.ends_with(".opus") {
            MediaKind::Voice
        } else if name.contains("VIDEO") || name.ends_with(".mp4") {
            MediaKind::Video
        } else {
            MediaKind::File
        };
        return Some(Body::Media(Media {
            kind,
            name: Some(name.to_string()),
            path: Some(name.to_string()),
        }));
    }
    if let Some(name) = t.strip_suffix(" (file attached)") {
        return Some(Body::Media(Media {
            kind: MediaKind::File,
            name: Some(name.to_string()),
            path: Some(name.to_string()),
        }));
    }
    match t {
        "sticker omitted" | "GIF omitted" | "贴纸已忽略" => return Some(Body::Sticker),
        "image omitted" | "图片已忽略" => return Some(media(MediaKind::Photo, None)),
        "audio omitted" | "音频已忽略" => return Some(media(MediaKind::Voice, None)),
        "video omitted" | "视频已忽略" => return Some(media(MediaKind::Video, None)),
        "<Media omitted>" | "<省略影音内容>" | "<媒体已忽略>" => {
            return Some(media(MediaKind::File, None));
        }
        _ => {}
    }
    if let Some(name) = t.strip_suffix(" document omitted") {
        return Some(media(
            MediaKind::File,
            Some(name.trim_start_matches('\u{200e}')),
        ));
    }
    None
}

/// The order of day and month in a WhatsApp export.
impl DateOrder {
    fn describe(self) -> String {
        match self {
            DateOrder::Dmy => say("import-day-month", &[]),
            DateOrder::Mdy => say("import-month-day", &[]),
        }
    }
}
