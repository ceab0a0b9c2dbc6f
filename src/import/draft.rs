//! Import, step 5: the draft write-up. For a Q&A: the asker's opening messages are the
//! question, each other person an answer section (`## @handle`, in order of first
//! reply) with their messages in time order, replies as short quotes, and the asker's
//! later messages as follow-ups in the section they answer. `talk` and `solution`
//! get the fields of their kind; `--into` appends a talk's Q&A part.

use std::collections::HashMap;

use clap::ValueEnum;
use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::chat::Platform;
use super::markdown::Writer;
use super::people::Person;
use super::redact::{Kind, Piece};

/// What the draft is (`--as`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DraftKind {
    Qa,
    Talk,
    Solution,
}

impl DraftKind {
    pub fn section(self) -> &'static str {
        match self {
            DraftKind::Qa => "qa",
            DraftKind::Talk => "talks",
            DraftKind::Solution => "solutions",
        }
    }
}

/// One message on its way into the draft: who, when, and its text as pieces.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub time: Timestamp,
    pub person: Person,
    pub pieces: Vec<Piece>,
    pub reply_to: Option<String>,
    /// What a quoted reply showed (WeChat, QQ): who was quoted and what they said.
    pub quote: Option<(Option<Person>, Vec<Piece>)>,
}

/// Everything the draft says besides the messages.
pub struct Header<'a> {
    pub kind: DraftKind,
    pub zh: bool,
    pub title: Option<&'a str>,
    pub curator: Option<&'a str>,
    pub platform: Platform,
    pub chat: Option<&'a str>,
    pub tz: &'a TimeZone,
}

/// A draft, ready to write.
pub struct Draft {
    pub text: String,
    pub title: String,
    /// `2024-03-12-<slug>`, the file stem.
    pub stem: String,
    pub redactions: Vec<(usize, Kind)>,
    /// The asker (qa), speaker (talk) or first writer (solution).
    pub lead: Option<String>,
    pub others: Vec<String>,
}

/// The sections of a conversation around one person (the asker, or a talk's speaker).
struct Layout {
    /// The lead's messages before anyone else spoke.
    opening: Vec<usize>,
    /// Each other person, in order of first message, with (entry, by the lead?).
    sections: Vec<(Person, Vec<(usize, bool)>)>,
}

fn layout(entries: &[Entry], lead: &Person) -> Layout {
    let opening_len = entries.iter().take_while(|e| e.person == *lead).count();
    let mut layout = Layout {
        opening: (0..opening_len).collect(),
        sections: Vec::new(),
    };
    let by_id: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let mut section_of: HashMap<String, usize> = HashMap::new();
    let mut last_other: Option<usize> = None;
    for (i, e) in entries.iter().enumerate().skip(opening_len) {
        if e.person != *lead {
            let s = *section_of.entry(e.person.handle()).or_insert_with(|| {
                layout.sections.push((e.person.clone(), Vec::new()));
                layout.sections.len() - 1
            });
            layout.sections[s].1.push((i, false));
            last_other = Some(s);
            continue;
        }
        // The lead again: a follow-up, placed with the person it answers.
        let replied = e
            .reply_to
            .as_deref()
            .and_then(|id| by_id.get(id))
            .map(|&t| entries[t].person.handle())
            .or_else(|| {
                e.quote
                    .as_ref()
                    .and_then(|(p, _)| p.as_ref())
                    .map(Person::handle)
            });
        let target = replied
            .and_then(|h| section_of.get(&h).copied())
            .or(last_other);
        match target {
            Some(s) => layout.sections[s].1.push((i, true)),
            None => layout.opening.push(i),
        }
    }
    layout
}

/// Builds the draft of `entries` (time order, noise already out).
pub fn draft(entries: &[Entry], header: &Header) -> Draft {
    let lead = match header.kind {
        DraftKind::Talk => most_frequent(entries),
        _ => entries.first().map(|e| e.person.clone()),
    }
    .unwrap_or(Person::Unmapped(0));
    let layout = layout(entries, &lead);
    // A talk's title comes from what its speaker said first, wherever that was.
    let first_words: Vec<usize> = match header.kind {
        DraftKind::Talk => entries
            .iter()
            .position(|e| e.person == lead)
            .into_iter()
            .collect(),
        _ => layout.opening.clone(),
    };
    let title = header
        .title
        .map(str::to_string)
        .unwrap_or_else(|| title_from(entries, &first_words, header.zh));
    let start = entries
        .first()
        .map_or(Timestamp::UNIX_EPOCH, |e| e.time)
        .to_zoned(header.tz.clone());
    let end = entries
        .last()
        .map_or(Timestamp::UNIX_EPOCH, |e| e.time)
        .to_zoned(header.tz.clone());
    let date = start.date();
    let stem = format!("{date}-{}", slug_of(&title));
    let others: Vec<String> = layout.sections.iter().map(|(p, _)| p.handle()).collect();
    let mut w = Writer::new(header.zh);
    w.raw(&front_matter(header, &title, &lead, &others, &start, &end));
    match header.kind {
        DraftKind::Qa => {
            write_opening(&mut w, entries, &layout.opening);
            write_sections(&mut w, entries, &layout, &lead, "##", header.zh, true);
        }
        DraftKind::Talk => {
            write_opening(&mut w, entries, &layout.opening);
            if !layout.sections.is_empty() {
                w.raw("\n## Q&A\n");
                write_sections(&mut w, entries, &layout, &lead, "###", header.zh, false);
            }
        }
        DraftKind::Solution => write_discussion(&mut w, entries, &layout, header.zh),
    }
    Draft {
        text: w.out,
        title,
        stem,
        redactions: w.redactions,
        lead: Some(lead.handle()),
        others,
    }
}

/// The Q&A part of a talk (`--into`), with `speaker`'s messages as answers.
pub fn talk_questions(
    entries: &[Entry],
    speaker: &Person,
    zh: bool,
    first_line: usize,
) -> (String, Vec<(usize, Kind)>) {
    let mut layout = layout(entries, speaker);
    // The speaker's opening words before the first question belong to no one: keep them first.
    let mut w = Writer::new(zh);
    w.raw(&"\n".repeat(first_line.saturating_sub(1)));
    let skip = w.out.len();
    w.raw("\n## Q&A\n");
    write_opening(&mut w, entries, &std::mem::take(&mut layout.opening));
    write_sections(&mut w, entries, &layout, speaker, "###", zh, false);
    (w.out[skip..].to_string(), w.redactions)
}

fn most_frequent(entries: &[Entry]) -> Option<Person> {
    let mut counts: Vec<(Person, usize)> = Vec::new();
    for e in entries {
        match counts.iter_mut().find(|(p, _)| *p == e.person) {
            Some((_, n)) => *n += 1,
            None => counts.push((e.person.clone(), 1)),
        }
    }
    // The first of the most frequent: `max_by_key` would take the last.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == most).map(|(p, _)| p)
}

fn front_matter(
    header: &Header,
    title: &str,
    lead: &Person,
    others: &[String],
    start: &jiff::Zoned,
    end: &jiff::Zoned,
) -> String {
    let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let when = if start.date() == end.date() {
        format!(
            "{}–{}",
            start.strftime("%Y-%m-%d %H:%M"),
            end.strftime("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.strftime("%Y-%m-%d %H:%M"),
            end.strftime("%Y-%m-%d %H:%M")
        )
    };
    let mut fm = format!("---\ntitle: {}\ndate: {}\n", quoted(title), start.date());
    match header.kind {
        DraftKind::Qa => {
            fm.push_str(&format!("asked_by: {}\n", lead.handle()));
            let accepted_hint = if header.zh {
                "采纳的回答写在这里，例如"
            } else {
                "the accepted answer, e.g."
            };
            if let Some(first) = others.first() {
                fm.push_str(&format!(
                    "# accepted: {first}   # {accepted_hint} `accepted: {first}`\n"
                ));
            }
            fm.push_str("tags: []\n");
        }
        DraftKind::Talk => {
            let minutes = (end.timestamp().as_second() - start.timestamp().as_second()) / 60;
            fm.push_str(&format!(
                "speaker: {}\nduration: {}\ntags: []\n",
                lead.handle(),
                minutes.max(1)
            ));
        }
        DraftKind::Solution => {
            let mut authors = vec![lead.handle()];
            authors.extend(others.iter().cloned());
            fm.push_str(&format!(
                "authors: [{}]\nproblem: {}\ntags: []\n",
                authors.join(", "),
                quoted(title)
            ));
        }
    }
    if let Some(curator) = header.curator {
        fm.push_str(&format!("curated_by: {curator}\n"));
    }
    if header.kind == DraftKind::Qa {
        let mut source = format!("platform: {}", header.platform.key());
        if let Some(chat) = header.chat {
            source.push_str(&format!(", group: {}", quoted(chat)));
        }
        source.push_str(&format!(", when: {}", quoted(&when)));
        fm.push_str(&format!("source: {{ {source} }}\n"));
        fm.push_str(&format!(
            "status: {}\n",
            if others.is_empty() {
                "open"
            } else {
                "answered"
            }
        ));
    }
    fm.push_str("draft: true\n---\n");
    fm
}

fn write_opening(w: &mut Writer, entries: &[Entry], opening: &[usize]) {
    for &i in opening {
        w.raw("\n");
        w.message(&entries[i].pieces, None, "");
    }
}

#[allow(clippy::too_many_arguments)]
fn write_sections(
    w: &mut Writer,
    entries: &[Entry],
    layout: &Layout,
    lead: &Person,
    level: &str,
    zh: bool,
    qa: bool,
) {
    let by_id: HashMap<&str, usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    for (person, placed) in &layout.sections {
        w.raw(&format!("\n{level} @{}\n", person.handle()));
        let mut previous: Option<usize> = None;
        for &(i, by_lead) in placed {
            let e = &entries[i];
            w.raw("\n");
            // A reply to something other than what was just said keeps a short quote of it.
            let replied = e.reply_to.as_deref().and_then(|id| by_id.get(id)).copied();
            match (replied, &e.quote) {
                (Some(t), _) if Some(t) != previous => {
                    let mut quote = vec![
                        Piece::Mention(entries[t].person.handle()),
                        Piece::Plain("：".into()),
                    ];
                    quote.extend(excerpt(&entries[t].pieces));
                    w.message(&quote, Some("↪"), "> ");
                    w.raw("\n");
                }
                (None, Some((who, said))) => {
                    let mut quote = Vec::new();
                    if let Some(who) = who {
                        quote.push(Piece::Mention(who.handle()));
                        quote.push(Piece::Plain("：".into()));
                    }
                    quote.extend(excerpt(said));
                    w.message(&quote, Some("↪"), "> ");
                    w.raw("\n");
                }
                _ => {}
            }
            if by_lead {
                let label = match (qa, zh) {
                    (true, true) => format!("**追问 · @{}：**", lead.handle()),
                    (true, false) => format!("**Follow-up · @{}:**", lead.handle()),
                    (false, true) => format!("**@{} 答：**", lead.handle()),
                    (false, false) => format!("**@{} answers:**", lead.handle()),
                };
                w.message(&e.pieces, Some(&label), "");
            } else {
                w.message(&e.pieces, None, "");
            }
            previous = Some(i);
        }
    }
}

fn write_discussion(w: &mut Writer, entries: &[Entry], layout: &Layout, zh: bool) {
    w.raw(if zh {
        "\n## 问题\n"
    } else {
        "\n## Problem\n"
    });
    write_opening(w, entries, &layout.opening);
    w.raw(if zh {
        "\n## 讨论\n"
    } else {
        "\n## Discussion\n"
    });
    let mut rest: Vec<usize> = layout
        .sections
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(i, _)| *i))
        .collect();
    rest.sort_unstable();
    for i in rest {
        w.raw("\n");
        let lead = format!(
            "@{}{}",
            entries[i].person.handle(),
            if zh { "：" } else { ":" }
        );
        w.message(&entries[i].pieces, Some(&lead), "");
    }
}

/// The first 40 characters of what a message said, on one line.
fn excerpt(pieces: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut left = 40usize;
    for p in pieces {
        if left == 0 {
            break;
        }
        match p {
            Piece::Plain(t) => {
                let one_line = t.replace(['\n', '\r'], " ");
                let taken: String = one_line.chars().take(left).collect();
                left -= taken.chars().count();
                out.push(Piece::Plain(taken));
                if left == 0 {
                    out.push(Piece::Plain("…".into()));
                }
            }
            Piece::Markdown(_) => {}
            other => {
                out.push(other.clone());
                left = left.saturating_sub(4);
            }
        }
    }
    out
}

/// The question's first line, cut to 60 characters; the moderator edits it.
fn title_from(entries: &[Entry], opening: &[usize], zh: bool) -> String {
    let text: String = opening
        .iter()
        .flat_map(|&i| entries[i].pieces.iter())
        .filter_map(|p| match p {
            Piece::Plain(t) => Some(t.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let cut: String = line.chars().take(60).collect();
    match cut {
        c if c.is_empty() => (if zh {
            "未命名的问答"
        } else {
            "Untitled Q&A"
        })
        .to_string(),
        c if c.chars().count() < line.chars().count() => format!("{c}…"),
        c => c,
    }
}

/// A file name from a title: pinyin for Chinese, at most 60 characters, cut at a `-`.
pub fn slug_of(title: &str) -> String {
    let slug = slug::slugify(title);
    let mut cut = String::new();
    for word in slug.split('-') {
        if !cut.is_empty() && cut.len() + 1 + word.len() > 60 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        "chat".into()
    } else {
        cut.chars().take(60).collect()
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
