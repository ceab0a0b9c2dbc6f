//! Import: every way an import can fail, as one enum. Each says what the moderator can
//! do about it; exit codes follow DESIGN §9 (a broken export or a bad option is a
//! usage or I/O error, 2; problems in the site's own files are content errors, 1).

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Position, Said};
use crate::messages::{Arg, say};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}\n{}\n{}",
        say("import-error-unknown-format", &[("path", path.display().to_string().into())]),
        tried.iter().map(|(f, why)| format!("  - {}", say("import-tried", &[("format", f.as_str().into()), ("why", why.as_str().into())]))).collect::<Vec<_>>().join("\n"),
        hint("import-error-unknown-format-hint", &[]))]
    UnknownFormat {
        path: PathBuf,
        tried: Vec<(String, String)>,
    },
    /// A located problem in the export itself (broken JSON, a bad CSV row).
    /// Printed as the report it is, with its own label and code (`error[import-…]`).
    #[error("{}", .0.to_string().trim_end())]
    Broken(Diagnostic),
    #[error("{}\n{table}{}",
        say("import-error-unknown-session", &[("wanted", wanted.to_string().into()), ("count", (*count).into())]),
        hint("import-error-unknown-session-hint", &[("export", export.as_str().into())]))]
    UnknownSession {
        wanted: usize,
        count: usize,
        table: String,
        export: String,
    },
    #[error("{}\n{table}{}",
        say("import-error-choose-session", &[("count", (*count).into())]),
        hint("import-error-choose-session-hint", &[]))]
    ChooseSession { count: usize, table: String },
    #[error("{}\n{}",
        say(&format!("import-error-unknown-{what}"), &[("wanted", wanted.as_str().into()), ("known", crate::messages::join(known).into())]),
        hint("import-error-unknown-chat-hint", &[("flag", (*flag).into())]))]
    UnknownChat {
        what: &'static str,
        flag: &'static str,
        wanted: String,
        known: Vec<String>,
    },
    #[error("{}\n{}",
        say(&format!("import-error-choose-{what}"), &[("count", known.len().into()), ("known", crate::messages::join(known).into())]),
        hint("import-error-choose-chat-hint", &[("flag", (*flag).into())]))]
    ChooseChat {
        what: &'static str,
        flag: &'static str,
        known: Vec<String>,
    },
    #[error("{}\n{}",
        say("import-error-unknown-thread", &[("id", .0.as_str().into())]),
        hint("import-error-unknown-thread-hint", &[]))]
    UnknownThread(String),
    #[error("{}", match .0 {
        Nothing::Noise(what) => say("import-error-empty-noise", &[("what", what.as_str().into())]),
        Nothing::InRange => say("import-error-empty-range", &[]),
        Nothing::InExport => say("import-error-empty", &[]),
    })]
    Empty(Nothing),
    #[error("{}\n{}",
        say("import-error-exists", &[("path", .0.display().to_string().into())]),
        hint("import-error-exists-hint", &[]))]
    Exists(PathBuf),
    #[error("{0}")]
    Usage(String),
    #[error("{}", .0.summary())]
    SiteFiles(Diagnostics),
}

/// Why there is nothing to import.
#[derive(Debug)]
pub enum Nothing {
    /// Every message of the selection was noise: what was left out, said.
    Noise(String),
    /// Nothing between `--from` and `--to`.
    InRange,
    /// Nothing in the export at all.
    InExport,
}

/// `  = hint: …`, in the moderator's language, as a located report's hint reads
/// (`messages::say_with_hint`, for a message whose list comes between).
fn hint(key: &str, args: &[(&str, Arg)]) -> String {
    format!("  = {}: {}", say("diag-label-hint", &[]), say(key, args))
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
    /// whose text is `source_line`, worded by the catalogues (`diag-import-…`, its key
    /// the report's code) so the moderator reads it in their language.
    pub fn broken(
        path: impl Into<PathBuf>,
        line: usize,
        byte_column: usize,
        source_line: &str,
        message: Said,
        hint: Said,
    ) -> ImportError {
        let source_line = source_line.trim_end_matches(['\r', '\n']);
        let mut cut = byte_column.saturating_sub(1).min(source_line.len());
        while !source_line.is_char_boundary(cut) {
            cut -= 1;
        }
        let column = source_line[..cut].chars().count() + 1;
        let path: PathBuf = path.into();
        ImportError::Broken(
            Diagnostic::error_of(&path, message)
                .on_line(Some(source_line), Position { line, column }, 1)
                .with_hint_of(hint),
        )
    }
}
