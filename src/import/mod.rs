//! `cairn import` (DESIGN §11): a chat export → a draft write-up in `content/`. A room
//! of its own beside `serve`: it reads `config` and the members' `accounts` from
//! `content`, and nothing of the build. The steps, in order: read the export as a
//! stream of messages (`formats`), keep one session or thread (`select`), leave out
//! noise (`noise`), map people (`people`), take out secrets (`redact`), and write the
//! draft (`draft`, `markdown`) — never over an existing file.

pub mod chat;
pub mod draft;
mod entries;
mod error;
pub mod formats;
mod markdown;
mod media;
pub mod noise;
pub mod people;
pub mod redact;
pub mod select;
mod summary;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostics;
use crate::messages::{say, say_with_hint};
use chat::Message;
use draft::{DraftKind, Entry};
use entries::Context;
pub use error::ImportError;
use formats::{DateOrder, Format, ReadOptions};
use media::MediaPlan;
use noise::{Dropped, NoiseFilter};
use people::{Directory, Person, Roster};
use redact::Redactor;
use select::{Selection, Selector};
use summary::Summary;

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
}

/// What the site says about imports: its settings and its members' accounts.
struct SiteSide {
    tz: TimeZone,
    gap_minutes: i64,
    zh: bool,
    noise: Vec<String>,
    directory: Directory,
}

impl SiteSide {
    fn load(opts: &ImportOptions) -> Result<SiteSide, ImportError> {
        let mut problems = Diagnostics::new();
        let config = match SiteConfig::load(&opts.root, &mut problems) {
            Some(c) if !problems.has_errors() => c,
            _ => return Err(ImportError::SiteFiles(problems)),
        };
        let directory = Directory::load(&opts.root).map_err(ImportError::SiteFiles)?;
        if let Some(by) = &opts.by {
            directory.check_handle(by).map_err(ImportError::Usage)?;
        }
        Ok(SiteSide {
            tz: config.time_zone().map_err(ImportError::Usage)?,
            gap_minutes: config.import.gap().map_err(ImportError::Usage)?,
            zh: config.language.starts_with("zh"),
            noise: config
                .import
                .noise
                .clone()
                .unwrap_or_else(|| noise::DEFAULT_NOISE.iter().map(|s| s.to_string()).collect()),
            directory,
        })
    }
}

/// Runs one import: the site's side, the export read and selected, noise left out,
/// the entries made, the draft written, the summary.
pub fn run(opts: &ImportOptions) -> Result<Report, ImportError> {
    // Telegram's export is a folder with result.json in it: either may be given.
    let opts = &ImportOptions {
        export: formats::resolve(&opts.export),
        ..opts.clone()
    };
    let site = SiteSide::load(opts)?;
    let format = match opts.format {
        Some(f) => f,
        None => formats::detect(&opts.export)?,
    };
    let selection = selection(opts, format, &site.tz)?;
    let read = ReadOptions {
        tz: site.tz.clone(),
        chat: opts.chat.clone(),
        channel: opts.channel.clone(),
        date_order: opts.date_order,
    };
    let mut selector = Selector::new(site.gap_minutes, selection.clone());
    let info = formats::read(format, &opts.export, &read, &mut |m| selector.push(m))?;
    if opts.list {
        return Ok(Report {
            stdout: select::table(&selector.sessions, &site.tz),
            summary: crate::messages::say(
                "import-sessions",
                &[
                    ("count", selector.sessions.len().into()),
                    ("export", opts.export.display().to_string().into()),
                    ("format", format.name().into()),
                    ("gap", site.gap_minutes.to_string().into()),
                ],
            ) + "\n",
            written: None,
        });
    }
    check_selection(&selection, &selector, opts, &site.tz)?;
    let taken = std::mem::take(&mut selector.taken);
    let media = MediaPlan::new(opts, &taken, &site.tz);
    let (kept, dropped) = keep(taken, opts.kind, &site.noise);
    if kept.is_empty() {
        return Err(ImportError::Empty(error::Nothing::Noise(
            summary::said_dropped(&dropped),
        )));
    }
    let mut context = Context {
        platform: format.platform(),
        directory: &site.directory,
        roster: Roster::default(),
        redactor: Redactor::new(&site.directory.account_values()),
        zh: site.zh,
        media,
    };
    // Everyone who spoke is known before any text is read, so `@name` finds them all.
    for m in &kept {
        context
            .roster
            .person(&site.directory, context.platform, &m.sender);
    }
    let entries: Vec<Entry> = kept.iter().map(|m| context.entry(m)).collect();
    let header = draft::Header {
        kind: opts.kind,
        zh: site.zh,
        title: opts.title.as_deref(),
        curator: opts.by.as_deref(),
        platform: context.platform,
        chat: info.name.as_deref(),
        tz: &site.tz,
    };
    // Refuse a clash in static/ before anything is written.
    context.media.check()?;
    let (written, stdout, redactions, what) = match &opts.into {
        Some(talk) => append_to_talk(opts, talk, &entries, site.zh)?,
        None => write_draft(opts, &entries, &header)?,
    };
    if !opts.dry_run {
        context.media.copy()?;
    }
    let summary = summary::summary(&Summary {
        opts,
        format,
        chat: info.name.as_deref(),
        kept: &kept,
        tz: &site.tz,
        written: written.as_deref(),
        what: &what,
        dropped: &dropped,
        redactions: &redactions,
        roster: &context.roster,
        media: &context.media,
        notes: &info.notes,
    });
    Ok(Report {
        stdout,
        summary,
        written,
    })
}

/// Leaves out noise, and for a Q&A or a solution what came before the question;
/// counts each reason.
fn keep(
    taken: Vec<Message>,
    kind: DraftKind,
    noise_list: &[String],
) -> (Vec<Message>, BTreeMap<Dropped, usize>) {
    let mut noise = NoiseFilter::new(noise_list);
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
    let first = match kind {
        DraftKind::Qa | DraftKind::Solution => {
            kept.iter().position(noise::is_question).unwrap_or(0)
        }
        DraftKind::Talk => 0,
    };
    if first > 0 {
        *dropped.entry(Dropped::BeforeQuestion).or_default() += first;
    }
    (kept.into_iter().skip(first).collect(), dropped)
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
    let key = match opts.kind {
        DraftKind::Qa => "import-what-qa",
        DraftKind::Talk => "import-what-talk",
        DraftKind::Solution => "import-what-solution",
    };
    let others: Vec<String> = d.others.iter().map(|h| format!("@{h}")).collect();
    let what = crate::messages::say(
        key,
        &[
            ("lead", d.lead.clone().unwrap_or_default().into()),
            ("others", crate::messages::join(&others).into()),
        ],
    );
    if opts.dry_run {
        return Ok((None, d.text, d.redactions, what));
    }
    let path = opts.root.join(&rel);
    create_new(&path, d.text.as_bytes())?;
    Ok((Some(rel), String::new(), d.redactions, what))
}

/// `--into content/talks/x.md`: the messages become the talk's Q&A part, appended.
/// What the moderator wrote stays byte for byte; a talk with a Q&A part already is
/// refused rather than given a second one.
fn append_to_talk(
    opts: &ImportOptions,
    talk: &Path,
    entries: &[Entry],
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
        .map_err(|d| ImportError::SiteFiles(d.into_iter().collect()))?;
    let crate::content::Loaded::Item(item) = loaded else {
        return Err(ImportError::Usage(say(
            "import-into-not-a-talk",
            &[("path", rel.display().to_string().into())],
        )));
    };
    let crate::content::ItemMeta::Talk(meta) = &item.meta else {
        return Err(ImportError::Usage(say(
            "import-into-other-kind",
            &[
                ("path", rel.display().to_string().into()),
                ("kind", item.kind.section().into()),
            ],
        )));
    };
    let Some(crate::content::Speaker::Member(speaker)) = &meta.speaker else {
        return Err(ImportError::Usage(say(
            "import-into-speaker-not-member",
            &[("path", rel.display().to_string().into())],
        )));
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if text.lines().any(|l| l.trim_end() == "## Q&A") {
        return Err(ImportError::Usage(say_with_hint(
            "import-into-has-qa",
            &[("path", rel.display().to_string().into())],
            "import-into-has-qa-hint",
        )));
    }
    let speaker_person = Person::Member {
        handle: speaker.clone(),
        how: people::Match::Account,
    };
    let separator = if text.ends_with('\n') { "" } else { "\n" };
    let first_line = text.lines().count() + 1 + separator.len();
    let (part, redactions) = draft::talk_questions(entries, &speaker_person, zh, first_line);
    let what = crate::messages::say("import-what-talk-qa", &[("lead", speaker.as_str().into())]);
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
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    // The build's own exclusive create, which makes missing folders on the way.
    let mut file = crate::output::create_fresh(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => ImportError::Exists(path.to_path_buf()),
        _ => ImportError::read(path, e),
    })?;
    use std::io::Write as _;
    file.write_all(bytes)
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
        return Err(ImportError::Usage(say("import-one-selection", &[])));
    }
    if let Some(n) = opts.session {
        if n == 0 {
            return Err(ImportError::Usage(say("import-session-zero", &[])));
        }
        return Ok(Selection::Session(n));
    }
    if let Some(id) = &opts.thread {
        if !format.has_reply_ids() {
            return Err(ImportError::Usage(say_with_hint(
                "import-no-threads",
                &[("format", format.name().into())],
                "import-no-threads-hint",
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
    let bad = || ImportError::Usage(say("import-bad-time", &[("value", text.into())]));
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
            Selection::Range { .. } => error::Nothing::InRange,
            _ => error::Nothing::InExport,
        })),
        _ => Ok(()),
    }
}
