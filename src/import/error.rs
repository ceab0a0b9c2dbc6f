//! Import: every way an import can fail, as one enum. Each says what the moderator can
//! do about it; exit codes follow DESIGN §9 (a broken export or a bad option is a
//! usage or I/O error, 2; problems in the site's own files are content errors, 1).

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Position};

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
    #[error("{}", .0.to_string().trim_start_matches("error: ").trim_end())]
    Broken(Diagnostic),
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
    SiteFiles(Diagnostics),
}

impl ImportError {
    pub fn exit_code(&self) -> i32 {
        match self {
            ImportError::SiteFiles(_) => 1,
            _ => 2,
        }
    }

    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> ImportError {
        ImportError::Read {
            path: path.into(),
            source,
        }
    }

    /// A problem at `line`:`byte_column` (1-based, as parsers count) of `path`,
    /// whose text is `source_line`.
    pub fn broken(
        path: impl Into<PathBuf>,
        line: usize,
        byte_column: usize,
        source_line: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> ImportError {
        let source_line = source_line.trim_end_matches(['\r', '\n']);
        let mut cut = byte_column.saturating_sub(1).min(source_line.len());
        while !source_line.is_char_boundary(cut) {
            cut -= 1;
        }
        let column = source_line[..cut].chars().count() + 1;
        let path: PathBuf = path.into();
        ImportError::Broken(
            Diagnostic::error(&path, message)
                .on_line(Some(source_line), Position { line, column }, 1)
                .with_hint(hint),
        )
    }
}
