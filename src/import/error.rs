//! Import: every way an import can fail, as one enum. Each says what the moderator can
//! do about it; exit codes follow DESIGN §9 (a broken export or a bad option is a
//! usage or I/O error, 2; problems in the site's own files are content errors, 1).

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is no chat export cairn knows; tried:\n{tried}\n  = hint: pass --format to name it, or see docs/IMPORT.md for how to export each app", tried = tried.iter().map(|(f, why)| format!("  - {f}: {why}")).collect::<Vec<_>>().join("\n"))]
    UnknownFormat {
        path: PathBuf,
        tried: Vec<(&'static str, String)>,
    },
    /// A located problem in the export itself (broken JSON, a bad CSV row).
    #[error("{message}\n  --> {path}:{line}:{column}\n{excerpt}  = hint: {hint}")]
    Broken {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
        /// The line, numbered, with a caret under the column.
        excerpt: String,
        hint: String,
    },
    #[error(
        "the chat has no session {wanted}; it has {count}:\n{table}  = hint: `cairn import {export} --list` shows them; take one with --session N"
    )]
    UnknownSession {
        wanted: usize,
        count: usize,
        table: String,
        export: String,
    },
    #[error(
        "the export has {count} sessions; choose one:\n{table}  = hint: take one with --session N, or a time range with --from/--to"
    )]
    ChooseSession { count: usize, table: String },
    #[error("{what} `{wanted}` is not in this export; it has: {}\n  = hint: pass {flag} with one of these names", known.join(", "))]
    UnknownChat {
        what: &'static str,
        flag: &'static str,
        wanted: String,
        known: Vec<String>,
    },
    #[error("the export holds {} {what}s: {}\n  = hint: choose one with {flag} NAME", known.len(), known.join(", "))]
    ChooseChat {
        what: &'static str,
        flag: &'static str,
        known: Vec<String>,
    },
    #[error(
        "no message with id `{0}` in the export\n  = hint: `--thread` takes the id of the thread's first message, as the export writes it"
    )]
    UnknownThread(String),
    #[error("no messages to import {0}")]
    Empty(String),
    #[error(
        "{0} already exists; cairn import never overwrites a file\n  = hint: delete it if it is an earlier draft, or choose another name with --title"
    )]
    Exists(PathBuf),
    #[error("{0}")]
    Usage(String),
    #[error("{}", .0.summary())]
    Site(Diagnostics),
}

impl ImportError {
    pub fn exit_code(&self) -> i32 {
        match self {
            ImportError::Site(_) => 1,
            _ => 2,
        }
    }

    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> ImportError {
        ImportError::Read {
            path: path.into(),
            source,
        }
    }

    /// A problem at `line`:`column` (1-based) of `path`, whose text is `source_line`.
    pub fn broken(
        path: impl Into<PathBuf>,
        line: usize,
        column: usize,
        source_line: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> ImportError {
        // A minified export is one long line: show a window around the column.
        let chars: Vec<char> = source_line.trim_end_matches(['\r', '\n']).chars().collect();
        let start = column.saturating_sub(40);
        let end = (start + 80).min(chars.len());
        let shown: String = chars[start.min(end)..end].iter().collect();
        let gutter = line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret_at = column.saturating_sub(1).saturating_sub(start);
        let excerpt = format!(
            "{pad} |\n{gutter} | {}{shown}\n{pad} | {}{}^\n",
            if start > 0 { "…" } else { "" },
            if start > 0 { " " } else { "" },
            " ".repeat(caret_at)
        );
        ImportError::Broken {
            path: path.into(),
            line,
            column,
            message: message.into(),
            excerpt,
            hint: hint.into(),
        }
    }
}
