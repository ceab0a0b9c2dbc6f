//! The command line (DESIGN §9): parses arguments, runs a command, prints diagnostics
//! and a summary, and returns the exit code. Kept thin: the work is in `site`.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::Error;
use crate::build::{BuildOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};
use crate::messages::say;
use crate::scaffold::{self, NewKind};

mod help;
mod misuse;

#[derive(Debug, Parser)]
#[command(
    name = "cairn",
    version,
    about = "Build a searchable archive site from a community's Markdown write-ups"
)]
pub struct Cli {
    /// The site folder (the one with site.yaml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// Print errors only.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Print the time of each build stage.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// Colour in messages.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    pub color: Color,
    /// The language of cairn's messages: zh-CN, zh-TW or en (default: the site's
    /// `language`, else LC_ALL/LC_MESSAGES/LANG, else en).
    #[arg(long, global = true)]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new site: site.yaml, one example of each kind, .gitignore.
    Init {
        /// Where to make it (the current folder by default); must not hold a site already.
        dir: Option<PathBuf>,
        /// The CI file that publishes the site on every push: GitHub Pages, GitLab
        /// Pages, or none.
        #[arg(long, value_enum, default_value = "github")]
        ci: scaffold::Ci,
    },
    /// Add a content file with its front matter filled in.
    New {
        #[arg(value_enum)]
        kind: NewKind,
        /// The title (or, for a member, the handle).
        title: String,
    },
    /// Build the site into public/.
    Build {
        /// Output folder (default: public/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Override base_url from site.yaml, e.g. for a preview under a sub-path.
        #[arg(long)]
        base_url: Option<String>,
        /// Include items with `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// "Now" for stale notices and credit windows: YYYY-MM-DD or an RFC 3339 time.
        #[arg(long, value_parser = parse_now)]
        now: Option<Now>,
        /// Replace the output folder even if cairn did not create it.
        #[arg(long)]
        force: bool,
    },
    /// Build, serve on 127.0.0.1:1111, rebuild on change and reload open pages.
    Serve {
        /// Address to listen on (loopback by default).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include items with `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// A chat export → a draft write-up in content/ (docs/IMPORT.md).
    Import(ImportArgs),
    /// Every validation of build, with unknown mentions as errors, and the privacy
    /// scan; writes nothing.
    Check {
        /// Fail on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Include items with `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// "Now", as for build.
        #[arg(long, value_parser = parse_now)]
        now: Option<Now>,
    },
    /// Make the books defined in books/ into public/books/: EPUB and print edition
    /// (docs/BOOKS.md).
    Book {
        /// The book (its file in books/, without .yaml); every book when none.
        name: Option<String>,
        /// Also print each book to PDF with headless Chromium.
        #[arg(long)]
        pdf: bool,
        /// Output folder (default: public/books/ in the site folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// "Now", as for build: the book's date.
        #[arg(long, value_parser = parse_now)]
        now: Option<Now>,
    },
    /// The week's digest on standard output, to post in the chat (docs/WEEKLY.md).
    Digest(DigestArgs),
}

/// `cairn digest`'s options (DESIGN §12).
#[derive(Debug, clap::Args)]
pub struct DigestArgs {
    /// The ISO week, like 2026-W48 (default: the last complete week).
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "since")]
    pub week: Option<String>,
    /// Everything from this date to today instead of one week.
    #[arg(long, value_name = "DATE")]
    pub since: Option<jiff::civil::Date>,
    /// text (WeChat, QQ), markdown (Telegram, Discord), slack, or html (e-mail).
    #[arg(long, value_enum, default_value_t = crate::weekly::digest::Format::Text)]
    pub format: crate::weekly::digest::Format,
    /// "Now": YYYY-MM-DD, or an RFC 3339 time read in the site's time zone.
    #[arg(long)]
    pub now: Option<String>,
}

/// `cairn import`'s options (DESIGN §11).
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The export: Telegram result.json, DiscordChatExporter .json, a Slack export
    /// folder or .zip, WhatsApp/QQ/WeChat .txt, WeChat .csv, or a pasted transcript.
    pub export: PathBuf,
    /// List the chat's sessions (bursts of messages between quiet gaps) and stop.
    #[arg(long)]
    pub list: bool,
    /// Import session N (see --list).
    #[arg(long, value_name = "N")]
    pub session: Option<usize>,
    /// Import messages from this time on (`2024-03-12 20:00`, site time zone).
    #[arg(long, value_name = "TIME")]
    pub from: Option<String>,
    /// Import messages up to this time.
    #[arg(long, value_name = "TIME")]
    pub to: Option<String>,
    /// Import a message and every reply to it (Telegram, Discord, Slack).
    #[arg(long, value_name = "ID")]
    pub thread: Option<String>,
    /// The chat to take from a whole-account Telegram export.
    #[arg(long, value_name = "NAME")]
    pub chat: Option<String>,
    /// The channel to take from a Slack export.
    #[arg(long, value_name = "NAME")]
    pub channel: Option<String>,
    /// What to write.
    #[arg(long = "as", value_enum, default_value_t = crate::import::draft::DraftKind::Qa)]
    pub kind: crate::import::draft::DraftKind,
    /// Append the messages as the Q&A part of this talk instead of writing a new file.
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// The curator's handle (`curated_by`).
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// The draft's title (default: the question's first line).
    #[arg(long)]
    pub title: Option<String>,
    /// Copy attached files that the export includes into static/ and link them.
    #[arg(long)]
    pub media: bool,
    /// Print the draft instead of writing it.
    #[arg(long)]
    pub dry_run: bool,
    /// The export's format, when cairn should not tell it from the content.
    #[arg(long, value_enum)]
    pub format: Option<crate::import::formats::Format>,
    /// Day/month order of WhatsApp dates, when the file cannot tell.
    #[arg(long, value_enum)]
    pub date_order: Option<crate::import::formats::DateOrder>,
}

/// `cairn book`: loads the site as `build` does, then makes the books.
fn book(
    cli: &Cli,
    color: bool,
    name: Option<&str>,
    pdf: bool,
    out: &Option<PathBuf>,
    now: Option<Now>,
) -> Result<(), Error> {
    let options = BuildOptions {
        root: cli.root.clone(),
        ..with_now(now)?
    };
    let site = Site::load(&options).map_err(Error::Content)?;
    let out = match out {
        Some(out) => out.clone(),
        None => {
            crate::output::claim(&site.root.join("public"))?;
            site.root.join("public/books")
        }
    };
    let written = site.write_book_files(name, &out, pdf)?;
    print_diagnostics(&site.diagnostics, color, cli.quiet);
    if !cli.quiet {
        for file in written {
            println!(
                "{}",
                say("book-wrote", &[("path", file.display().to_string().into())])
            );
        }
    }
    Ok(())
}

/// `--now`: a date, or a moment whose date in the site's time zone is "now".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    Date(jiff::civil::Date),
    At(jiff::Timestamp),
}

/// `--now` of build, check, book and serve: a date, or an RFC 3339 time, read in the
/// site's time zone. The time is tried first: a date parser also reads the date part
/// of `2026-01-31T23:30:00-05:00`, a moment that is 1 February in UTC.
fn parse_now(s: &str) -> Result<Now, String> {
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Ok(Now::At(t));
    }
    s.parse::<jiff::civil::Date>()
        .map(Now::Date)
        .map_err(|_| say("cli-not-a-now", &[("value", s.into())]))
}

/// Build options with "now" from `--now`, else SOURCE_DATE_EPOCH (checked here, so a
/// bad value exits 2 before anything loads), else the clock, read in the site's zone.
fn with_now(now: Option<Now>) -> Result<BuildOptions, Error> {
    let (now, now_at) = match now {
        Some(Now::Date(date)) => (Some(date), None),
        Some(Now::At(at)) => (None, Some(at)),
        None => (None, crate::site::now_instant()?),
    };
    Ok(BuildOptions {
        now,
        now_at,
        ..Default::default()
    })
}

/// Runs the process's command line and returns its exit code.
pub fn main() -> i32 {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language is chosen before parsing, so `--help` and clap's own errors are
    // in it too.
    let lang = message_language(&args);
    crate::messages::set(lang);
    let matches = match help::localized(Cli::command(), lang).try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(e) => match misuse::said(&e, lang) {
            Some(text) => {
                eprint!("{text}");
                return e.exit_code();
            }
            None => e.exit(),
        },
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let color = use_color(cli.color);
    match run(&cli, color) {
        Ok(()) => 0,
        Err(e) => {
            if let Error::Content(d) | Error::Import(crate::import::ImportError::SiteFiles(d)) = &e
            {
                print_diagnostics(d, color, false);
            } else if let Error::Import(crate::import::ImportError::Broken(d)) = &e {
                // A broken export is a located report: its own label and code, no other.
                eprintln!("{}", colored(d, color));
            } else {
                let label = say("diag-label-error", &[]);
                eprintln!("{}: {e}", paint(&label, Severity::Error, color));
            }
            e.exit_code()
        }
    }
}

/// The language of the messages: `--lang`, the site's `language` (of `--root`, or
/// the current folder; none for `init`, which makes the site), the locale, English.
fn message_language(args: &[std::ffi::OsString]) -> crate::messages::Lang {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let option = |name: &str| {
        let eq = format!("{name}=");
        args.iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix(&eq) {
                Some(value) => Some(value.to_string()),
                None if a == name => args.get(i + 1).cloned(),
                None => None,
            })
    };
    let flag = option("--lang");
    let init = args
        .iter()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .is_some_and(|a| a == "init");
    let site = if flag.is_some() || init {
        None
    } else {
        let root = option("--root").unwrap_or_else(|| ".".into());
        crate::config::SiteConfig::load(std::path::Path::new(&root), &mut Diagnostics::new())
            .map(|c| c.language)
    };
    let env = |name: &str| std::env::var(name).ok();
    crate::messages::choose(flag.as_deref(), site.as_deref(), &env)
}

pub fn run(cli: &Cli, color: bool) -> Result<(), Error> {
    match &cli.command {
        Command::Init { dir, ci } => {
            let dir = dir.clone().unwrap_or_else(|| cli.root.clone());
            let written = scaffold::init(&dir, *ci)?;
            if !cli.quiet {
                let dir = dir.display().to_string();
                let args = [("dir", dir.into()), ("files", written.len().into())];
                println!("{}", say("init-done", &args));
            }
            Ok(())
        }
        Command::New { kind, title } => {
            // The placeholders follow the site's language; a site.yaml that does not
            // load yet (a new site being set up) gets English ones.
            let config = crate::config::SiteConfig::load(&cli.root, &mut Default::default());
            let language = config.as_ref().map_or("en", |c| c.language.as_str());
            // Dated in the site's zone, as build reads "now".
            let zone = config.as_ref().and_then(|c| c.time_zone().ok());
            let today = crate::site::today_in(zone.unwrap_or_else(jiff::tz::TimeZone::system))?;
            let path = scaffold::new_file(&cli.root, *kind, title, today, language)?;
            if !cli.quiet {
                println!(
                    "{}",
                    say("new-done", &[("path", path.display().to_string().into())])
                );
            }
            Ok(())
        }
        Command::Build {
            out,
            base_url,
            drafts,
            now,
            force,
        } => {
            let started = Instant::now();
            let options = BuildOptions {
                root: cli.root.clone(),
                out: out.clone(),
                base_url: base_url.clone(),
                drafts: *drafts,
                force: *force,
                strict: false,
                progress: !cli.quiet
                    && std::io::stderr().is_terminal()
                    && std::env::var_os("CI").is_none(),
                ..with_now(*now)?
            };
            let report = Site::build(&options)?;
            print_diagnostics(&report.warnings, color, cli.quiet);
            if cli.verbose {
                for (stage, took) in &report.timings.0 {
                    eprintln!("  {stage:<10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
                }
            }
            if !cli.quiet {
                let args = [
                    ("pages", report.pages.into()),
                    ("files", report.files.into()),
                    ("size", human_bytes(report.bytes).into()),
                    (
                        "seconds",
                        format!("{:.2}", started.elapsed().as_secs_f64()).into(),
                    ),
                    ("out", report.out.display().to_string().into()),
                ];
                println!("{}", say("built", &args));
            }
            Ok(())
        }
        Command::Serve { bind, port, drafts } => crate::serve::serve(&crate::serve::ServeOptions {
            root: cli.root.clone(),
            bind: *bind,
            port: *port,
            drafts: *drafts,
            quiet: cli.quiet,
            verbose: cli.verbose,
        }),
        Command::Import(args) => {
            let report = crate::import::run(&crate::import::ImportOptions {
                root: cli.root.clone(),
                export: args.export.clone(),
                list: args.list,
                session: args.session,
                from: args.from.clone(),
                to: args.to.clone(),
                thread: args.thread.clone(),
                chat: args.chat.clone(),
                channel: args.channel.clone(),
                kind: args.kind,
                into: args.into.clone(),
                by: args.by.clone(),
                title: args.title.clone(),
                media: args.media,
                dry_run: args.dry_run,
                format: args.format,
                date_order: args.date_order,
            })?;
            print!("{}", report.stdout);
            if !cli.quiet {
                eprint!("{}", report.summary);
            }
            Ok(())
        }
        Command::Digest(args) => {
            print!("{}", digest(cli, args)?);
            Ok(())
        }
        Command::Book {
            name,
            pdf,
            out,
            now,
        } => book(cli, color, name.as_deref(), *pdf, out, *now),
        Command::Check {
            deny_warnings,
            drafts,
            now,
        } => {
            let options = BuildOptions {
                root: cli.root.clone(),
                drafts: *drafts,
                ..with_now(*now)?
            };
            let found = Site::check(&options)?;
            print_diagnostics(&found, color, cli.quiet);
            if found.is_empty() && !cli.quiet {
                println!("{}", say("no-problems", &[]));
            }
            if found.has_errors() || (*deny_warnings && !found.is_empty()) {
                // Already printed; exit 1 without printing them again.
                return Err(Error::Content(Diagnostics::new()));
            }
            Ok(())
        }
    }
}

/// `cairn digest`: the week's view, as the week's page has it, in the chat's format;
/// scanned for every private value before a byte is printed.
fn digest(cli: &Cli, args: &DigestArgs) -> Result<String, Error> {
    use crate::weekly::{Week, Words, digest::digest};
    let now = args.now.as_deref().map(parse_now).transpose();
    let options = BuildOptions {
        root: cli.root.clone(),
        ..with_now(now.map_err(Error::Usage)?)?
    };
    // "Today" is the site's, as for build: Monday 00:30 in Shanghai is a new week
    // while UTC is still Sunday.
    let site = Site::load(&options).map_err(Error::Content)?;
    if !site.config.base_url.contains("://") && !cli.quiet {
        eprintln!(
            "{}: {}",
            say("diag-label-warning", &[]),
            say(
                "digest-no-scheme",
                &[("base", site.config.base_url.as_str().into())]
            )
        );
    }
    let (span, week) = match (&args.week, args.since) {
        (Some(text), _) => {
            let week = Week::parse(text).map_err(|e| {
                Error::Usage(say("digest-bad-week", &[("error", e.to_string().into())]))
            })?;
            (site.week(week), Some(week))
        }
        (None, Some(since)) => (site.span(since, site.now), None),
        (None, None) => {
            let week = Week::of(site.now).previous();
            (site.week(week), Some(week))
        }
    };
    let view = site.week_view(&span, week);
    let words = Words::of(&site.config.language);
    let absolute = |url: &str| site.absolute(url);
    let text = digest(&view, &site.config.title, words, args.format, &absolute);
    let secrets = site.secrets().scannable;
    let leaks = crate::privacy::Scanner::new(&secrets)
        .scan(text.as_bytes(), std::path::Path::new("(digest)"));
    if !leaks.is_empty() {
        return Err(Error::Content(leaks.into_iter().collect()));
    }
    Ok(text)
}

fn print_diagnostics(d: &Diagnostics, color: bool, quiet: bool) {
    for diagnostic in d.iter() {
        if quiet && !diagnostic.is_error() {
            continue;
        }
        eprintln!("{}", colored(diagnostic, color));
    }
    if !d.is_empty() && (!quiet || d.has_errors()) {
        eprintln!("{}", d.summary());
    }
}

fn colored(d: &Diagnostic, color: bool) -> String {
    let text = d.to_string();
    // The label as the report prints it: in the moderator's language for a problem
    // the catalogues word, English for one they do not word yet.
    let (key, english) = if d.is_error() {
        ("diag-label-error", "error")
    } else {
        ("diag-label-warning", "warning")
    };
    let said = say(key, &[]);
    let label = if text.starts_with(&said) {
        said.as_str()
    } else {
        english
    };
    match text.strip_prefix(label) {
        Some(rest) if color => format!("{}{rest}", paint(label, d.severity, true)),
        _ => text,
    }
}

fn paint(text: &str, severity: Severity, color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let code = match severity {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Colour on a terminal unless NO_COLOR is set (https://no-color.org), or as told.
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal(),
    }
}

fn human_bytes(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1 << 20)),
        b if b >= 1 << 10 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::{Now, parse_now};
    use jiff::civil::date;

    /// jiff's date parser also reads a time with a numeric offset, keeping its local
    /// date: the time must be tried first, or the UTC date is lost.
    #[test]
    fn now_is_a_date_or_a_moment() {
        assert_eq!(parse_now("2026-11-01"), Ok(Now::Date(date(2026, 11, 1))));
        let at = |s: &str| match parse_now(s) {
            Ok(Now::At(t)) => t.to_zoned(jiff::tz::TimeZone::UTC).date(),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(at("2026-10-31T23:30:00-05:00"), date(2026, 11, 1));
        assert_eq!(at("2026-11-01T01:00:00+08:00"), date(2026, 10, 31));
        assert_eq!(at("2026-11-01T00:00:00Z"), date(2026, 11, 1));
        let bad = parse_now("next week").unwrap_err();
        assert!(bad.contains("`next week` is not a date"), "{bad}");
    }
}
