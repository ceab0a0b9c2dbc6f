//! cairn: a static-site generator for community knowledge archives.
//!
//! One room (module) per concern, in layers; a room uses only the rooms below it, so
//! the modules form no cycle (docs/ARCHITECTURE.md has the picture, `tests/it/layers.rs`
//! holds the code to it). Bottom up: `diagnostics`; `content`; `config`, `scaffold`;
//! `markdown`; `credits`, `render`, `search`; `site`, the loaded site; `privacy`;
//! `output`; `check`, `incremental`, `deploy`; `pages`; `publish`; `build`, the list of stages
//! that `Site::build` runs; `serve`; `cli`. This root holds the module list and `Error`,
//! which every room may name.

pub mod book;
pub mod build;
mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod credits;
pub mod deploy;
pub mod diagnostics;
pub mod import;
mod incremental;
pub mod markdown;
pub mod messages;
pub mod output;
mod pages;
pub mod privacy;
mod publish;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod weekly;

use std::path::{Path, PathBuf};

use diagnostics::Diagnostics;

/// Everything that can stop a command, by exit code: content errors are the
/// moderator's to fix (1); usage and I/O errors are about the command or machine (2).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", .0.summary())]
    Content(Diagnostics),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", messages::say("output-not-ours", &[
        ("path", .0.display().to_string().into()),
        ("marker", output::MARKER.into()),
    ]))]
    NotOurs(PathBuf),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Import(#[from] import::ImportError),
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Content(_) => 1,
            Error::Io { .. } | Error::NotOurs(_) | Error::Usage(_) => 2,
            Error::Import(e) => e.exit_code(),
        }
    }
}

impl FromIterator<diagnostics::Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = diagnostics::Diagnostic>>(iter: I) -> Self {
        let mut d = Diagnostics::new();
        d.extend(iter);
        d
    }
}
