//! Import, the last step: the summary printed after an import: what was read and
//! kept, the file written, what was left out, each redaction by line and kind, people
//! matched only by name, and the `accounts:` lines that would map the rest.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::tz::TimeZone;

use super::chat::Message;
use super::formats::Format;
use super::media::MediaPlan;
use super::noise::Dropped;
use super::people::{self, Roster};
use super::{ImportOptions, redact};
use crate::messages::{Arg, say};

pub struct Summary<'a> {
    pub opts: &'a ImportOptions,
    pub format: Format,
    pub chat: Option<&'a str>,
    pub kept: &'a [Message],
    pub tz: &'a TimeZone,
    pub written: Option<&'a Path>,
    pub what: &'a str,
    pub dropped: &'a BTreeMap<Dropped, usize>,
    pub redactions: &'a [(usize, redact::Kind)],
    pub roster: &'a Roster,
    pub media: &'a MediaPlan,
    pub notes: &'a [String],
}

/// What was left out, in the moderator's language: `3 stickers, 1 recalled message`.
pub fn said_dropped(dropped: &BTreeMap<Dropped, usize>) -> String {
    let said: Vec<String> = dropped
        .iter()
        .map(|(why, n)| {
            say(
                &format!("import-dropped-{}", why.code()),
                &[("count", (*n).into())],
            )
        })
        .collect();
    crate::messages::join(&said)
}

/// The summary, in the moderator's language (the draft itself follows the site's).
/// Its shape stays in every language: `→ <file>` for what was written, and a line
/// `@unmapped-N  <name>  →  accounts: {…}` for each person not mapped.
pub fn summary(s: &Summary) -> String {
    let mut out = String::new();
    let start = s.kept.first().map(|m| m.time.to_zoned(s.tz.clone()));
    let end = s.kept.last().map(|m| m.time.to_zoned(s.tz.clone()));
    let range = match (start, end) {
        (Some(a), Some(b)) => format!("{}–{}", a.strftime("%Y-%m-%d %H:%M"), b.strftime("%H:%M")),
        _ => String::new(),
    };
    let chat = s
        .chat
        .map(|c| say("import-chat", &[("chat", c.into())]))
        .unwrap_or_default();
    let read = [
        ("export", Arg::from(s.opts.export.display().to_string())),
        ("format", s.format.name().into()),
        ("chat", chat.into()),
        ("kept", s.kept.len().into()),
        ("range", range.into()),
    ];
    out.push_str(&say("import-read", &read));
    out.push('\n');
    let path = |p: &Path| [("path", Arg::from(p.display().to_string()))];
    let written = match s.written {
        Some(p) if s.opts.into.is_some() => say("import-appended", &path(p)),
        Some(p) => say("import-wrote", &path(p)),
        None => say("import-dry-run", &[]),
    };
    out.push_str(&format!("  {written}\n  {}\n", s.what));
    if !s.dropped.is_empty() {
        let what = said_dropped(s.dropped);
        out.push_str(&format!(
            "  {}\n",
            say("import-left-out", &[("what", what.into())])
        ));
    }
    if !s.redactions.is_empty() {
        let count = [("count", Arg::from(s.redactions.len()))];
        out.push_str(&format!("  {}\n", say("import-redacted", &count)));
        for (line, kind) in s.redactions {
            let what = say(&format!("import-redaction-{}", kind.code()), &[]);
            let args = [("line", Arg::from(line.to_string())), ("what", what.into())];
            out.push_str(&format!("    {}\n", say("import-redacted-line", &args)));
        }
    }
    if s.media.placeholders > 0 {
        let key = match s.opts.media {
            true => "import-placeholders-missing",
            false => "import-placeholders",
        };
        let count = [("count", Arg::from(s.media.placeholders))];
        out.push_str(&format!("  {}\n", say(key, &count)));
    }
    for note in s.notes {
        out.push_str(&format!(
            "  {}\n",
            say("import-note", &[("note", note.as_str().into())])
        ));
    }
    for (name, handle) in &s.roster.by_name {
        let args = [
            ("name", Arg::from(name.as_str())),
            ("handle", handle.as_str().into()),
        ];
        out.push_str(&format!("  {}\n", say("import-by-name", &args)));
    }
    if !s.roster.strangers.is_empty() {
        let count = [("count", Arg::from(s.roster.strangers.len()))];
        out.push_str(&format!("  {}\n", say("import-strangers", &count)));
        for stranger in &s.roster.strangers {
            out.push_str(&format!(
                "    @unmapped-{}  {}  →  {}\n",
                stranger.number,
                stranger.sender.name,
                people::suggested_accounts(s.format.platform(), &stranger.sender)
            ));
        }
        out.push_str(&format!("    {}\n", say("import-strangers-then", &[])));
    }
    if s.written.is_some() {
        out.push_str(&format!("{}\n", say("import-next", &[])));
    }
    out
}
