//! `cairn import` (DESIGN §11): a chat export → a draft write-up in `content/`. A room
//! of its own beside `serve`: it reads `config` and the members' `accounts` from
//! `content`, and nothing of the build. The steps, in order: read the export as a
//! stream of messages (`formats`), keep one session or thread (`select`), leave out
//! noise (`noise`), map people (`people`), take out secrets (`redact`), and write the
//! draft (`draft`, `markdown`) — never over an existing file.

pub mod chat;
pub mod draft;
mod error;
pub mod formats;
mod markdown;
pub mod noise;
pub mod people;
pub mod redact;
pub mod select;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use chat::{Body, Media, MediaKind, Message, Platform, Sender};
use draft::{DraftKind, Entry};
pub use error::ImportError;
use formats::{DateOrder, Format, ReadOptions};
use noise::{Dropped, NoiseFilter};
use people::{Directory, Person, Roster};
use redact::{Piece, Redactor};
use select::{Selection, Selector};

/// The command line's options for one import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub root: PathBuf,
    pub export: PathBuf,
    pub list: bool,
    pub session: Option<usize>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub thread: Option<String>,
    pub chat: Option<String>,
    pub channel: Option<String>,
    pub kind: DraftKind,
    pub into: Option<PathBuf>,
    pub by: Option<String>,
    pub title: Option<String>,
    pub media: bool,
    pub dry_run: bool,
    pub format: Option<Format>,
    pub date_order: Option<DateOrder>,
}

/// What an import did, for the command line to print.
#[derive(Debug)]
pub struct Report {
    /// `--list`'s table, or the draft itself with `--dry-run`.
    pub stdout: String,
    /// The summary: what was read, kept, left out, redacted and not mapped.
    pub summary: String,
    /// The file written or appended to.
    pub written: Option<PathBuf>,
    /// People no member's accounts name yet.
    pub unmapped: usize,
}

/// Runs one import.
pub fn run(opts: &ImportOptions) -> Result<Report, ImportError> {
    let mut problems = Diagnostics::new();
    let config = SiteConfig::load(&opts.root, &mut problems);
    let config = match config {
        Some(c) if !problems.has_errors() => c,
        _ => return Err(ImportError::Site(problems)),
    };
    let tz = config.time_zone().map_err(ImportError::Usage)?;
    let gap = config.import.gap().map_err(ImportError::Usage)?;
    let zh = config.language.starts_with("zh");
    let directory = Directory::load(&opts.root).map_err(ImportError::Site)?;
    if let Some(by) = &opts.by {
        directory.check_handle(by).map_err(ImportError::Usage)?;
    }
    let format = match opts.format {
        Some(f) => f,
        None => formats::detect(&opts.export)?,
    };
    let selection = selection(opts, format, &tz)?;
    let read = ReadOptions {
        tz: tz.clone(),
        chat: opts.chat.clone(),
        channel: opts.channel.clone(),
        date_order: opts.date_order,
    };
    let mut selector = Selector::new(gap, selection.clone());
    let info = formats::read(format, &opts.export, &read, &mut |m| selector.push(m))?;
    if opts.list {
        return Ok(Report {
            stdout: select::table(&selector.sessions, &tz),
            summary: format!(
                "{} sessions in {} ({}, gap {gap} min)",
                selector.sessions.len(),
                opts.export.display(),
                format.name()
            ),
            written: None,
            unmapped: 0,
        });
    }
    check_selection(&selection, &selector, opts, &tz)?;
    let taken = std::mem::take(&mut selector.taken);
    let noise_list = config
        .import
        .noise
        .clone()
        .unwrap_or_else(|| noise::DEFAULT_NOISE.iter().map(|s| s.to_string()).collect());
    let mut context = Context {
        platform: format.platform(),
        directory: &directory,
        roster: Roster::default(),
        redactor: Redactor::new(&directory.account_values()),
        zh,
        media: MediaPlan::new(opts, &taken, &tz),
    };
    let mut noise = NoiseFilter::new(&noise_list);
    let mut dropped: BTreeMap<Dropped, usize> = BTreeMap::new();
    let kept: Vec<Message> = taken
        .into_iter()
        .filter(|m| match noise.dropped(m) {
            Some(why) => {
                *dropped.entry(why).or_default() += 1;
                false
            }
            None => true,
        })
        .collect();
    // A Q&A (or a solution's problem) starts at its question: a host's opening words are not it.
    let kept = match opts.kind {
        DraftKind::Qa | DraftKind::Solution => match kept.iter().position(noise::is_question) {
            Some(first) if first > 0 => {
                *dropped.entry(Dropped::BeforeQuestion).or_default() += first;
                kept.into_iter().skip(first).collect()
            }
            _ => kept,
        },
        _ => kept,
    };
    if kept.is_empty() {
        return Err(ImportError::Empty(format!(
            "in this selection: every message was noise ({})",
            describe_dropped(&dropped, zh)
        )));
    }
    for m in &kept {
        context
            .roster
            .person(&directory, context.platform, &m.sender);
    }
    let entries: Vec<Entry> = kept.iter().map(|m| context.entry(m)).collect();
    let header = draft::Header {
        kind: opts.kind,
        zh,
        title: opts.title.as_deref(),
        curator: opts.by.as_deref(),
        platform: context.platform,
        chat: info.name.as_deref(),
        tz: &tz,
    };
    let (written, stdout, redactions, what) = match &opts.into {
        Some(talk) => append_to_talk(opts, talk, &entries, &context, zh)?,
        None => write_draft(opts, &entries, &header)?,
    };
    if !opts.dry_run {
        context.media.copy()?;
    }
    let summary = summary(&Summary {
        opts,
        format,
        chat: info.name.as_deref(),
        kept: &kept,
        tz: &tz,
        written: written.as_deref(),
        what: &what,
        dropped: &dropped,
        redactions: &redactions,
        roster: &context.roster,
        media: &context.media,
        notes: &info.notes,
        zh,
    });
    Ok(Report {
        stdout,
        summary,
        written,
        unmapped: context.roster.strangers.len(),
    })
}

type Written = (Option<PathBuf>, String, Vec<(usize, redact::Kind)>, String);

fn write_draft(
    opts: &ImportOptions,
    entries: &[Entry],
    header: &draft::Header,
) -> Result<Written, ImportError> {
    let d = draft::draft(entries, header);
    let rel = PathBuf::from("content")
        .join(opts.kind.section())
        .join(format!("{}.md", d.stem));
    let what = format!(
        "{} @{}; {} {}",
        match opts.kind {
            DraftKind::Qa => "asked by",
            DraftKind::Talk => "speaker",
            DraftKind::Solution => "started by",
        },
        d.lead.clone().unwrap_or_default(),
        match opts.kind {
            DraftKind::Talk => "questions from",
            _ => "answers by",
        },
        d.others
            .iter()
            .map(|h| format!("@{h}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if opts.dry_run {
        return Ok((None, d.text, d.redactions, what));
    }
    let path = opts.root.join(&rel);
    create_new(&path, &d.text)?;
    Ok((Some(rel), String::new(), d.redactions, what))
}

/// `--into content/talks/x.md`: the messages become the talk's Q&A part, appended.
/// What the moderator wrote stays byte for byte; a talk with a Q&A part already is
/// refused rather than given a second one.
fn append_to_talk(
    opts: &ImportOptions,
    talk: &Path,
    entries: &[Entry],
    context: &Context,
    zh: bool,
) -> Result<Written, ImportError> {
    let path = if talk.is_absolute() {
        talk.to_path_buf()
    } else {
        opts.root.join(talk)
    };
    let rel = crate::content::relative(&opts.root, &path);
    let bytes = std::fs::read(&path).map_err(|e| ImportError::read(&path, e))?;
    let loaded = crate::content::parse_file(&rel, || Ok(bytes.clone()), true)
        .map_err(|d| ImportError::Site(d.into_iter().collect()))?;
    let crate::content::Loaded::Item(item) = loaded else {
        return Err(ImportError::Usage(format!(
            "{}: --into takes a talk under content/talks/",
            rel.display()
        )));
    };
    let crate::content::ItemMeta::Talk(meta) = &item.meta else {
        return Err(ImportError::Usage(format!(
            "{}: --into takes a talk under content/talks/, not a {}",
            rel.display(),
            item.kind.section()
        )));
    };
    let Some(crate::content::Speaker::Member(speaker)) = &meta.speaker else {
        return Err(ImportError::Usage(format!(
            "{}: the talk's `speaker` is not a member, so cairn cannot tell the answers from the questions",
            rel.display()
        )));
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if text.lines().any(|l| l.trim_end() == "## Q&A") {
        return Err(ImportError::Usage(format!(
            "{} has a `## Q&A` part already; cairn import adds one only to a talk without it\n  = hint: import into a new draft instead (`--as talk`), or remove the part first",
            rel.display()
        )));
    }
    let speaker_person = Person::Member {
        handle: speaker.clone(),
        how: people::Match::Account,
    };
    let _ = context;
    let separator = if text.ends_with('\n') { "" } else { "\n" };
    let first_line = text.lines().count() + 1 + separator.len();
    let (part, redactions) = draft::talk_questions(entries, &speaker_person, zh, first_line);
    let what = format!("Q&A of the talk by @{speaker}");
    if opts.dry_run {
        return Ok((None, part, redactions, what));
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(|e| ImportError::read(&path, e))?;
    use std::io::Write as _;
    file.write_all(format!("{separator}{part}").as_bytes())
        .map_err(|e| ImportError::read(&path, e))?;
    Ok((Some(rel), String::new(), redactions, what))
}

/// Writes a new file; an existing one is an error, never touched.
fn create_new(path: &Path, text: &str) -> Result<(), ImportError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ImportError::read(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => ImportError::Exists(path.to_path_buf()),
            _ => ImportError::read(path, e),
        })?;
    use std::io::Write as _;
    file.write_all(text.as_bytes())
        .map_err(|e| ImportError::read(path, e))
}

fn selection(
    opts: &ImportOptions,
    format: Format,
    tz: &TimeZone,
) -> Result<Selection, ImportError> {
    let chosen = [
        opts.session.is_some(),
        opts.from.is_some() || opts.to.is_some(),
        opts.thread.is_some(),
    ];
    if chosen.iter().filter(|c| **c).count() > 1 {
        return Err(ImportError::Usage(
            "choose one of --session, --from/--to and --thread".into(),
        ));
    }
    if let Some(n) = opts.session {
        if n == 0 {
            return Err(ImportError::Usage(
                "sessions are numbered from 1 (see --list)".into(),
            ));
        }
        return Ok(Selection::Session(n));
    }
    if let Some(id) = &opts.thread {
        if !format.has_reply_ids() {
            return Err(ImportError::Usage(format!(
                "a {} has no message ids for replies to point at, so --thread cannot follow them\n  = hint: take the thread's session with --session N, or its time with --from/--to",
                format.name()
            )));
        }
        return Ok(Selection::Thread(id.clone()));
    }
    if opts.from.is_some() || opts.to.is_some() {
        let from = opts
            .from
            .as_deref()
            .map(|t| parse_when(t, tz, false))
            .transpose()?;
        let to = opts
            .to
            .as_deref()
            .map(|t| parse_when(t, tz, true))
            .transpose()?;
        return Ok(Selection::Range { from, to });
    }
    Ok(Selection::Only)
}

/// `2024-03-12 20:00`, `2024-03-12T20:00:00`, or a day (`--to` a day means its end).
fn parse_when(text: &str, tz: &TimeZone, end_of_day: bool) -> Result<Timestamp, ImportError> {
    let bad = || {
        ImportError::Usage(format!(
            "`{text}` is not a time: write `2024-03-12 20:00` or `2024-03-12` (in the site's time zone)"
        ))
    };
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(date) = text.parse::<jiff::civil::Date>() {
        let time = if end_of_day {
            jiff::civil::Time::MAX
        } else {
            jiff::civil::Time::MIN
        };
        return date
            .to_datetime(time)
            .to_zoned(tz.clone())
            .map(|z| z.timestamp())
            .map_err(|_| bad());
    }
    let dt: jiff::civil::DateTime = text
        .trim()
        .replacen(' ', "T", 1)
        .parse()
        .map_err(|_| bad())?;
    dt.to_zoned(tz.clone())
        .map(|z| z.timestamp())
        .map_err(|_| bad())
}

fn check_selection(
    selection: &Selection,
    selector: &Selector,
    opts: &ImportOptions,
    tz: &TimeZone,
) -> Result<(), ImportError> {
    match selection {
        Selection::Session(n) if *n > selector.sessions.len() => Err(ImportError::UnknownSession {
            wanted: *n,
            count: selector.sessions.len(),
            table: select::short_table(&selector.sessions, tz),
            export: opts.export.display().to_string(),
        }),
        Selection::Only if selector.sessions.len() > 1 => Err(ImportError::ChooseSession {
            count: selector.sessions.len(),
            table: select::short_table(&selector.sessions, tz),
        }),
        Selection::Thread(id) if !selector.thread_found => {
            Err(ImportError::UnknownThread(id.clone()))
        }
        _ if selector.taken.is_empty() => Err(ImportError::Empty(match selection {
            Selection::Range { .. } => "between --from and --to".into(),
            _ => "in the export".into(),
        })),
        _ => Ok(()),
    }
}

/// What turning messages into entries needs.
struct Context<'a> {
    platform: Platform,
    directory: &'a Directory,
    roster: Roster,
    redactor: Redactor,
    zh: bool,
    media: MediaPlan,
}

impl Context<'_> {
    fn entry(&mut self, m: &Message) -> Entry {
        let person = self.roster.person(self.directory, self.platform, &m.sender);

        let mut pieces = self.mentions(&m.text, &m.mentions);
        if let Body::Media(media) = &m.body {
            if !pieces
                .iter()
                .all(|p| matches!(p, Piece::Plain(t) if t.trim().is_empty()))
            {
                pieces.push(Piece::Plain("\n".into()));
            }
            pieces.push(self.media.piece(media, self.zh, &self.redactor));
        }
        let (pieces, _) = self.redactor.redact(pieces);
        let quote = m.quote.as_ref().map(|q| {
            let (who, said) = q
                .split_once(['：', ':'])
                .map_or((None, q.as_str()), |(w, s)| (Some(w.trim()), s.trim()));
            let who = who.and_then(|w| self.named(w));
            let said = self.mentions(said, &[]);
            let (said, _) = self.redactor.redact(said);
            (who, said)
        });
        Entry {
            id: m.id.clone(),
            time: m.time,
            person,
            pieces,
            reply_to: m.reply_to.clone(),
            quote,
        }
    }

    /// A person named in text (`@李思`, a quote's `李思：`), if they are someone we know.
    fn named(&mut self, name: &str) -> Option<Person> {
        if let Some((handle, how)) = self.directory.find(self.platform, None, name) {
            return Some(Person::Member { handle, how });
        }
        self.roster.by_shown_name(name)
    }

    /// The text with each mention as a person: those the export marked (with ids), and
    /// `@name` for a name of someone in the chat or in the members' accounts.
    fn mentions(&mut self, text: &str, marked: &[chat::Mention]) -> Vec<Piece> {
        let mut pieces = vec![Piece::Plain(text.to_string())];
        for mention in marked {
            let person = match &mention.id {
                Some(id) => Some(self.roster.person(
                    self.directory,
                    self.platform,
                    &Sender {
                        id: Some(id.clone()),
                        name: mention.name.clone(),
                    },
                )),
                None => self.named(&mention.name),
            };
            if let Some(person) = person {
                pieces = replace_in(pieces, &mention.text, &person.handle());
            }
        }
        let mut names: Vec<String> = self.roster.shown_names();
        names.extend(
            self.directory
                .known_names
                .iter()
                .map(|(n, _)| people::normalize(n)),
        );
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        let mut out = Vec::new();
        for piece in pieces {
            let Piece::Plain(text) = piece else {
                out.push(piece);
                continue;
            };
            out.extend(self.name_mentions(&text, &names));
        }
        out
    }

    fn name_mentions(&mut self, text: &str, names: &[String]) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut plain = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['@', '＠']) {
            let sign_len = rest[at..].chars().next().map_or(1, char::len_utf8);
            plain.push_str(&rest[..at]);
            let after = &rest[at + sign_len..];
            let lower = after.to_lowercase();
            let hit = names.iter().find(|n| {
                lower.starts_with(n.as_str())
                    // The name must end there: `@李思Lisa` is not `@李思` when `李思 Lisa` is a name.
                    && after.get(n.len()..).is_some_and(|tail| !tail.starts_with(|c: char| c.is_ascii_alphanumeric()))
            });
            match hit
                .and_then(|n| after.get(..n.len()).map(str::to_string))
                .and_then(|shown| self.named(&shown).map(|p| (shown, p)))
            {
                Some((shown, person)) => {
                    if !plain.is_empty() {
                        out.push(Piece::Plain(std::mem::take(&mut plain)));
                    }
                    out.push(Piece::Mention(person.handle()));
                    rest = &after[shown.len()..];
                }
                None => {
                    plain.push_str(&rest[at..at + sign_len]);
                    rest = after;
                }
            }
        }
        plain.push_str(rest);
        if !plain.is_empty() {
            out.push(Piece::Plain(plain));
        }
        out
    }
}

/// Replaces each `needle` in the plain pieces with a mention of `handle`.
fn replace_in(pieces: Vec<Piece>, needle: &str, handle: &str) -> Vec<Piece> {
    if needle.is_empty() {
        return pieces;
    }
    let mut out = Vec::new();
    for piece in pieces {
        let Piece::Plain(text) = piece else {
            out.push(piece);
            continue;
        };
        let mut rest = text.as_str();
        while let Some(i) = rest.find(needle) {
            if i > 0 {
                out.push(Piece::Plain(rest[..i].to_string()));
            }
            out.push(Piece::Mention(handle.to_string()));
            rest = &rest[i + needle.len()..];
        }
        if !rest.is_empty() {
            out.push(Piece::Plain(rest.to_string()));
        }
    }
    out
}

/// Attached files: placeholders, or with `--media` copies under `static/import/<time>/`.
struct MediaPlan {
    enabled: bool,
    source_dir: PathBuf,
    target_rel: String,
    target_dir: PathBuf,
    /// (from, to) of each file to copy.
    copies: Vec<(PathBuf, PathBuf)>,
    /// Attachments the export did not include (only placeholders possible).
    pub missing: usize,
    pub placeholders: usize,
}

impl MediaPlan {
    fn new(opts: &ImportOptions, taken: &[Message], tz: &TimeZone) -> MediaPlan {
        let start = taken
            .first()
            .map_or(Timestamp::UNIX_EPOCH, |m| m.time)
            .to_zoned(tz.clone());
        let folder = start.strftime("%Y-%m-%d-%H%M").to_string();
        let source_dir = if opts.export.is_dir() {
            opts.export.clone()
        } else {
            opts.export
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        };
        MediaPlan {
            enabled: opts.media,
            source_dir,
            target_rel: format!("static/import/{folder}"),
            target_dir: opts.root.join("static/import").join(&folder),
            copies: Vec::new(),
            missing: 0,
            placeholders: 0,
        }
    }

    fn piece(&mut self, media: &Media, zh: bool, redactor: &Redactor) -> Piece {
        let label = |zh: bool| match (media.kind, zh) {
            (MediaKind::Photo, true) => "图片",
            (MediaKind::File, true) => "文件",
            (MediaKind::Voice, true) => "语音",
            (MediaKind::Video, true) => "视频",
            (MediaKind::Photo, false) => "photo",
            (MediaKind::File, false) => "file",
            (MediaKind::Voice, false) => "voice message",
            (MediaKind::Video, false) => "video",
        };
        let source = media
            .path
            .as_ref()
            .map(|p| self.source_dir.join(p))
            .filter(|p| p.is_file());
        if self.enabled
            && let Some(source) = source
        {
            let name = safe_file_name(
                source
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("file"),
            );
            let url = format!("/{}/{name}", self.target_rel);
            self.copies.push((source, self.target_dir.join(&name)));
            let alt = label(zh);
            return Piece::Markdown(match media.kind {
                MediaKind::Photo => format!("![{alt}]({url})"),
                _ => format!("[{alt}：{name}]({url})"),
            });
        }
        if self.enabled {
            self.missing += 1;
        }
        self.placeholders += 1;
        // A file's name can say more than it should (a CV with a name in it): redacted too.
        let shown = match &media.name {
            Some(name) if media.kind == MediaKind::File => {
                let (pieces, _) = redactor.redact(vec![Piece::Plain(name.clone())]);
                let name: String = pieces
                    .iter()
                    .map(|p| match p {
                        Piece::Plain(t) => t.clone(),
                        _ => "…".into(),
                    })
                    .collect();
                format!("[{}{}{name}]", label(zh), if zh { "：" } else { ": " })
            }
            _ => format!("[{}]", label(zh)),
        };
        Piece::Plain(shown)
    }

    /// Copies the attached files; a file already there with other content is never replaced.
    fn copy(&self) -> Result<(), ImportError> {
        for (from, to) in &self.copies {
            let bytes = std::fs::read(from).map_err(|e| ImportError::read(from, e))?;
            if let Ok(existing) = std::fs::read(to) {
                if existing == bytes {
                    continue;
                }
                return Err(ImportError::Exists(to.clone()));
            }
            create_new_bytes(to, &bytes)?;
        }
        Ok(())
    }
}

fn create_new_bytes(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| ImportError::read(parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| ImportError::read(path, e))?;
    use std::io::Write as _;
    file.write_all(bytes)
        .map_err(|e| ImportError::read(path, e))
}

/// Letters, digits, `.`, `-` and `_` only: a URL needs no escaping then.
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    cleaned.trim_matches('-').to_string()
}

struct Summary<'a> {
    opts: &'a ImportOptions,
    format: Format,
    chat: Option<&'a str>,
    kept: &'a [Message],
    tz: &'a TimeZone,
    written: Option<&'a Path>,
    what: &'a str,
    dropped: &'a BTreeMap<Dropped, usize>,
    redactions: &'a [(usize, redact::Kind)],
    roster: &'a Roster,
    media: &'a MediaPlan,
    notes: &'a [String],
    zh: bool,
}

fn describe_dropped(dropped: &BTreeMap<Dropped, usize>, zh: bool) -> String {
    dropped
        .iter()
        .map(|(why, n)| format!("{n} {}", why.describe(zh)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary(s: &Summary) -> String {
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
    let _ = s.zh;
    if s.written.is_some() {
        out.push_str("next: edit the draft, run `cairn check --drafts`, then remove `draft: true` to publish\n");
    }
    out
}
