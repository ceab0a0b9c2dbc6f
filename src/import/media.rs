//! Import, step 4c: attached files. Without `--media` each is a placeholder (`[图片]`,
//! `[文件：name]`); with it, the files the export includes are copied under
//! `static/import/<date-time>/` and linked, never over a different file already there.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::chat::{Media, MediaKind, Message};
use super::redact::{Piece, Redactor};
use super::{ImportError, ImportOptions, create_new};

/// Attached files: placeholders, or with `--media` copies under `static/import/<time>/`.
pub struct MediaPlan {
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
    /// Placeholders only, copying nothing (for tests of what uses a plan).
    #[cfg(test)]
    pub fn placeholders() -> MediaPlan {
        MediaPlan {
            enabled: false,
            source_dir: PathBuf::new(),
            target_rel: String::new(),
            target_dir: PathBuf::new(),
            copies: Vec::new(),
            missing: 0,
            placeholders: 0,
        }
    }

    pub fn new(opts: &ImportOptions, taken: &[Message], tz: &TimeZone) -> MediaPlan {
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

    pub fn piece(&mut self, media: &Media, zh: bool, redactor: &Redactor) -> Piece {
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

    /// Refuses a copy that would meet a different file already in `static/`.
    pub fn check(&self) -> Result<(), ImportError> {
        for (from, to) in &self.copies {
            if let Ok(existing) = std::fs::read(to)
                && std::fs::read(from).map_err(|e| ImportError::read(from, e))? != existing
            {
                return Err(ImportError::Exists(to.clone()));
            }
        }
        Ok(())
    }

    /// Copies the attached files; a file already there with other content is never replaced.
    pub fn copy(&self) -> Result<(), ImportError> {
        for (from, to) in &self.copies {
            let bytes = std::fs::read(from).map_err(|e| ImportError::read(from, e))?;
            if let Ok(existing) = std::fs::read(to) {
                if existing == bytes {
                    continue;
                }
                return Err(ImportError::Exists(to.clone()));
            }
            create_new(to, &bytes)?;
        }
        Ok(())
    }
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
