//! Import, the WeChat CSV reader: the table the desktop export tools write (MemoTrace /
//! 留痕 and WeChatMsg: `StrTime`, `NickName`/`Sender`, `StrContent`, `Type`), or any CSV
//! with a time, a sender and a content column, under English or Chinese headings.
//! Rows are read one at a time.

use std::ops::ControlFlow;
use std::path::Path;

use super::{ReadOptions, Sink, local_time};
use crate::diagnostics::Said;
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Message, Sender};
use crate::messages::say;

const TIME: &[&str] = &[
    "strtime",
    "time",
    "时间",
    "時間",
    "date",
    "datetime",
    "createtime",
];
/// The name the group shows (`Remark`, as the text export writes it) before the
/// person's own nickname; `Sender` holds a wxid in MemoTrace's table.
const SENDER: &[&str] = &[
    "remark",
    "nickname",
    "发送人",
    "發送人",
    "发送者",
    "昵称",
    "name",
    "from",
    "sender",
    "talker",
];
const CONTENT: &[&str] = &[
    "strcontent",
    "content",
    "内容",
    "內容",
    "message",
    "text",
    "消息",
    "msg",
];

/// The columns a CSV export must have, found by heading.
struct Columns {
    time: usize,
    /// Name columns, most telling first.
    sender: Vec<usize>,
    wxid: Option<usize>,
    content: usize,
    kind: Option<usize>,
}

fn find(headers: &csv::StringRecord, names: &[&str]) -> Option<usize> {
    names.iter().find_map(|name| {
        headers
            .iter()
            .position(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase() == *name)
    })
}

fn columns(headers: &csv::StringRecord) -> Result<Columns, String> {
    let missing = |what: String, names: &[&str]| {
        say(
            "import-tried-no-column",
            &[("what", what.into()), ("names", names.join(", ").into())],
        )
    };
    Ok(Columns {
        time: find(headers, TIME).ok_or_else(|| missing(say("import-column-time", &[]), TIME))?,
        sender: {
            let found: Vec<usize> = SENDER.iter().filter_map(|n| find(headers, &[n])).collect();
            if found.is_empty() {
                return Err(missing(say("import-column-sender", &[]), SENDER));
            }
            found
        },
        wxid: find(headers, &["sender", "wxid", "talker"]),
        content: find(headers, CONTENT)
            .ok_or_else(|| missing(say("import-column-content", &[]), CONTENT))?,
        kind: find(headers, &["type", "类型", "msgtype"]),
    })
}

/// Whether the first line is a heading row with the three columns.
pub fn looks_like(first_line: &str) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(first_line.as_bytes());
    let headers = reader
        .records()
        .next()
        .and_then(Result::ok)
        .ok_or_else(|| say("import-tried-no-heading-row", &[]))?;
    if headers.len() < 3 {
        return Err(say("import-tried-few-columns", &[]));
    }
    columns(&headers).map(|_| ())
}

pub fn read(path: &Path, opts: &ReadOptions, sink: &mut Sink<'_>) -> Result<ChatInfo, ImportError> {
    let file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
    let cols = columns(&headers)
        .map_err(|why| ImportError::Usage(format!("{}: {why}", path.display())))?;
    let mut record = csv::StringRecord::new();
    let mut ordinal = 0usize;
    let mut unreadable = 0usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(path, &e)),
        }
        ordinal += 1;
        let line = record.position().map_or(ordinal + 1, |p| p.line() as usize);
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let raw_time = field(cols.time);
        let time = match raw_time.parse::<i64>() {
            // CreateTime: seconds since 1970.
            Ok(secs) if secs > 100_000_000 => jiff::Timestamp::from_second(secs).ok(),
            _ => local_time(raw_time, opts),
        }
        .ok_or_else(|| {
            ImportError::broken(
                path,
                line,
                1,
                &record.iter().collect::<Vec<_>>().join(","),
                Said::new("import-not-a-time", &[("text", raw_time)]),
                Said::new("import-hint-time-csv", &[]),
            )
        })?;
        // A row's name may be empty in one column and set in another.
        let name = cols
            .sender
            .iter()
            .map(|&i| field(i))
            .find(|n| !n.is_empty())
            .unwrap_or("");
        let sender = Sender {
            id: cols
                .wxid
                .map(field)
                .filter(|id| id.starts_with("wxid_"))
                .map(str::to_string),
            name: name.to_string(),
        };
        let text = field(cols.content).to_string();
        let (quote, text) = super::split_quote(&text);
        // Media rows carry XML (an image's keys) in the content column, not words.
        let (body, text) = match cols.kind.map(field) {
            Some("3") => (media(MediaKind::Photo, None), String::new()),
            Some("34") => (media(MediaKind::Voice, None), String::new()),
            Some("43") => (media(MediaKind::Video, None), String::new()),
            Some("47") => (Body::Sticker, String::new()),
            Some("49") if text.starts_with("[文件]") => (
                media(
                    MediaKind::File,
                    Some(text.trim_start_matches("[文件]").trim().to_string()),
                ),
                String::new(),
            ),
            Some("49") if text.trim().is_empty() || text.starts_with('<') => {
                // Quote replies and files keep their words in a column the CSV leaves out.
                unreadable += 1;
                (Body::Text, String::new())
            }
            Some("10000") | Some("10002") => (super::notice_kind(&text), text),
            _ if super::is_notice(&text) => (super::notice_kind(&text), text),
            _ => (Body::Text, text),
        };
        let mut message = Message::text(ordinal.to_string(), time, sender, text);
        message.body = body;
        message.quote = quote;
        if let ControlFlow::Break(()) = sink(message) {
            break;
        }
    }
    let mut info = ChatInfo::default();
    if unreadable > 0 {
        info.notes.push(format!(
            "{unreadable} rows (quote replies and files, WeChat type 49) have no text in the CSV: the text export (.txt) of the same tool keeps them"
        ));
    }
    Ok(info)
}

fn media(kind: MediaKind, name: Option<String>) -> Body {
    Body::Media(Media {
        kind,
        name,
        path: None,
    })
}

fn csv_error(path: &Path, e: &csv::Error) -> ImportError {
    let line = e.position().map_or(1, |p| p.line() as usize);
    let text = super::json::read_line(path, line).unwrap_or_default();
    ImportError::broken(
        path,
        line,
        1,
        &text,
        Said::new("import-unreadable", &[("detail", &e.to_string())]),
        Said::new("import-hint-damaged-csv", &[]),
    )
}
