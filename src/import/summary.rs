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

pub fn describe_dropped(dropped: &BTreeMap<Dropped, usize>, zh: bool) -> String {
    dropped
        .iter()
        .map(|(why, n)| format!("{n} {}", why.describe(zh)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary, in English for now (the draft itself follows the site's language).
pub fn summary(s: &Summary) -> String {
    let mut out = String::new();
    let start = s.kept.first().map(|m| m.time.to_zoned(s.tz.clone()));
    let end = s.kept.last().map(|m| m.time.to_zoned(s.tz.clone()));
    let range = match (start, end) {
        (Some(a), Some(b)) => format!("{}–{}", a.strftime("%Y-%m-%d %H:%M"), b.strftime("%H:%M")),
        _ => String::new(),
    };
    out.push_str(&format!(
        "read {} ({}{}): {} messages kept, {range}\n",
        s.opts.export.display(),
        s.format.name(),
        s.chat.map(|c| format!(", “{c}”")).unwrap_or_default(),
        s.kept.len()
    ));
    match s.written {
        Some(path) if s.opts.into.is_some() => {
            out.push_str(&format!("  → appended to {}\n", path.display()))
        }
        Some(path) => out.push_str(&format!("  → {} (draft: true)\n", path.display())),
        None => out.push_str("  → nothing written (--dry-run)\n"),
    }
    out.push_str(&format!("  {}\n", s.what));
    if !s.dropped.is_empty() {
        out.push_str(&format!(
            "  left out: {}\n",
            describe_dropped(s.dropped, false)
        ));
    }
    if !s.redactions.is_empty() {
        out.push_str(&format!("  redacted {}:\n", s.redactions.len()));
        for (line, kind) in s.redactions {
            out.push_str(&format!("    line {line}: {}\n", kind.describe(false)));
        }
    }
    if s.media.placeholders > 0 {
        out.push_str(&format!(
            "  {} attachment(s) shown as placeholders{}\n",
            s.media.placeholders,
            if s.opts.media {
                " (not in the export)"
            } else {
                "; --media copies exported files into static/"
            }
        ));
    }
    for note in s.notes {
        out.push_str(&format!("  note: {note}\n"));
    }
    for (name, handle) in &s.roster.by_name {
        out.push_str(&format!(
            "  matched by display name only, check: {name} → @{handle}\n"
        ));
    }
    if !s.roster.strangers.is_empty() {
        out.push_str(&format!(
            "  {} not mapped to a member; `check` and `build` refuse the draft until they are. Add to their member file (or make one):\n",
            s.roster.strangers.len()
        ));
        for stranger in &s.roster.strangers {
            out.push_str(&format!(
                "    @unmapped-{}  {}  →  {}\n",
                stranger.number,
                stranger.sender.name,
                people::suggested_accounts(s.format.platform(), &stranger.sender)
            ));
        }
        out.push_str(
            "    then replace @unmapped-N in the draft with their handle (or import again)\n",
        );
    }
    if s.written.is_some() {
        out.push_str("next: edit the draft, run `cairn check --drafts`, then remove `draft: true` to publish\n");
    }
    out
}
