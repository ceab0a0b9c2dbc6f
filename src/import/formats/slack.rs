//! Import, the Slack reader: a workspace export, as its folder or its `.zip`
//! (`users.json`, `channels.json`, then one JSON file per channel and day). One
//! channel is read, `--channel` choosing it; a day file is small, so each is read
//! whole, in date order, and its messages handed on in time order.

use std::collections::HashMap;
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{ReadOptions, Sink};
use crate::diagnostics::Said;
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Mention, Message, Sender};
use crate::messages::say;

#[derive(Deserialize)]
struct SlackUser {
    id: String,
    #[serde(default)]
    name: String,
    real_name: Option<String>,
    #[serde(default)]
    profile: SlackProfile,
}

#[derive(Deserialize, Default)]
struct SlackProfile {
    display_name: Option<String>,
    real_name: Option<String>,
}

impl SlackUser {
    fn shown(&self) -> String {
        [
            &self.profile.display_name,
            &self.profile.real_name,
            &self.real_name,
        ]
        .into_iter()
        .flatten()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_else(|| self.name.clone())
    }
}

#[derive(Deserialize)]
struct SlackChannel {
    name: String,
}

#[derive(Deserialize)]
struct SlackMessage {
    #[serde(rename = "type", default)]
    kind: String,
    subtype: Option<String>,
    user: Option<String>,
    #[serde(default)]
    text: String,
    ts: String,
    thread_ts: Option<String>,
    #[serde(default)]
    files: Vec<SlackFile>,
    edited: Option<serde_json::Value>,
    user_profile: Option<SlackProfile>,
    #[serde(default)]
    attachments: Vec<SlackAttachment>,
}

/// A shared message (`is_share`) carries its text here; a link preview does not count.
#[derive(Deserialize)]
struct SlackAttachment {
    #[serde(default)]
    is_share: bool,
    text: Option<String>,
}

#[derive(Deserialize)]
struct SlackFile {
    name: Option<String>,
    title: Option<String>,
    mimetype: Option<String>,
}

/// A Slack export: its files by name, from a folder or a zip.
enum Archive {
    Folder(PathBuf),
    Zip(Box<zip::ZipArchive<std::fs::File>>, PathBuf),
}

impl Archive {
    fn open(path: &Path) -> Result<Archive, ImportError> {
        if path.is_dir() {
            return Ok(Archive::Folder(path.to_path_buf()));
        }
        let file = std::fs::File::open(path).map_err(|e| ImportError::read(path, e))?;
        let zip = zip::ZipArchive::new(file).map_err(|e| {
            ImportError::Usage(say(
                "import-not-a-zip",
                &[
                    ("path", path.display().to_string().into()),
                    ("error", e.to_string().into()),
                ],
            ))
        })?;
        Ok(Archive::Zip(Box::new(zip), path.to_path_buf()))
    }

    /// Every file name, `/`-separated, relative to the export's top folder.
    fn names(&self) -> Vec<String> {
        match self {
            Archive::Folder(root) => walkdir::WalkDir::new(root)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| {
                    let rel = e.path().strip_prefix(root).ok()?;
                    Some(rel.to_string_lossy().replace('\\', "/"))
                })
                .collect(),
            Archive::Zip(zip, _) => zip
                .file_names()
                .filter_map(Result::ok)
                .map(|n| n.into_owned())
                .collect(),
        }
    }

    fn read(&mut self, name: &str) -> Result<Vec<u8>, ImportError> {
        match self {
            Archive::Folder(root) => {
                let path = root.join(name);
                std::fs::read(&path).map_err(|e| ImportError::read(path, e))
            }
            Archive::Zip(zip, path) => {
                let shown = path.join(name);
                let mut entry = zip
                    .by_name(name)
                    .map_err(|e| ImportError::read(&shown, std::io::Error::other(e.to_string())))?;
                let mut bytes = Vec::new();
                entry
                    .read_to_end(&mut bytes)
                    .map_err(|e| ImportError::read(&shown, e))?;
                Ok(bytes)
            }
        }
    }

    fn shown(&self, name: &str) -> PathBuf {
        match self {
            Archive::Folder(root) => root.join(name),
            Archive::Zip(_, path) => path.join(name),
        }
    }

    /// Parses one JSON file of the export, locating a syntax error in it.
    fn json<T: serde::de::DeserializeOwned>(&mut self, name: &str) -> Result<T, ImportError> {
        let bytes = self.read(name)?;
        serde_json::from_slice(&bytes).map_err(|e| {
            let line = String::from_utf8_lossy(&bytes)
                .lines()
                .nth(e.line().saturating_sub(1))
                .unwrap_or("")
                .to_string();
            let detail = super::json::strip_position(&e.to_string());
            ImportError::broken(
                self.shown(name),
                e.line().max(1),
                e.column().max(1),
                &line,
                Said::new("import-unreadable", &[("detail", &detail)]),
                Said::new("import-hint-damaged-slack", &[]),
            )
        })
    }
}

/// Whether `path` is a Slack export (folder or zip) by the files it holds.
pub fn looks_like(path: &Path) -> Result<(), String> {
    let archive = Archive::open(path).map_err(|e| e.to_string())?;
    let names = archive.names();
    let top = prefix(&names);
    for needed in ["users.json", "channels.json"] {
        if !names.iter().any(|n| n == &format!("{top}{needed}")) {
            return Err(say(
                "import-tried-slack-missing",
                &[("file", needed.into())],
            ));
        }
    }
    Ok(())
}

/// A zip may hold the export inside one top folder: `export/users.json`.
fn prefix(names: &[String]) -> String {
    names
        .iter()
        .find(|n| n.ends_with("users.json"))
        .map(|n| n.trim_end_matches("users.json").to_string())
        .unwrap_or_default()
}

pub fn read(path: &Path, opts: &ReadOptions, sink: &mut Sink<'_>) -> Result<ChatInfo, ImportError> {
    let mut archive = Archive::open(path)?;
    let names = archive.names();
    let top = prefix(&names);
    let users: Vec<SlackUser> = archive.json(&format!("{top}users.json"))?;
    let users: HashMap<String, String> = users
        .into_iter()
        .map(|u| (u.id.clone(), u.shown()))
        .collect();
    let channels: Vec<SlackChannel> = archive.json(&format!("{top}channels.json"))?;
    let known: Vec<String> = channels.into_iter().map(|c| c.name).collect();
    let channel = match (&opts.channel, known.as_slice()) {
        (Some(wanted), _) => {
            let wanted = wanted.trim_start_matches('#');
            known
                .iter()
                .find(|c| c.as_str() == wanted)
                .cloned()
                .ok_or_else(|| ImportError::UnknownChat {
                    what: "channel",
                    flag: "--channel",
                    wanted: wanted.to_string(),
                    known: known.clone(),
                })?
        }
        (None, [one]) => one.clone(),
        (None, _) => {
            return Err(ImportError::ChooseChat {
                what: "channel",
                flag: "--channel",
                known,
            });
        }
    };
    let folder = format!("{top}{channel}/");
    let mut days: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.starts_with(&folder) && n.ends_with(".json") && !n[folder.len()..].contains('/')
        })
        .collect();
    days.sort();
    for day in days {
        let mut messages: Vec<SlackMessage> = archive.json(day)?;
        messages.sort_by(|a, b| ts_order(&a.ts).total_cmp(&ts_order(&b.ts)));
        for m in messages {
            let Some(message) = convert(m, &users) else {
                continue;
            };
            if let ControlFlow::Break(()) = sink(message) {
                return Ok(ChatInfo::named(Some(channel)));
            }
        }
    }
    Ok(ChatInfo::named(Some(channel)))
}

fn ts_order(ts: &str) -> f64 {
    ts.parse().unwrap_or(0.0)
}

fn convert(m: SlackMessage, users: &HashMap<String, String>) -> Option<Message> {
    if m.kind != "message" {
        return None;
    }
    let (secs, micros) = m.ts.split_once('.').unwrap_or((&m.ts, "0"));
    let secs: i64 = secs.parse().ok()?;
    let nanos: i32 = format!("{micros:0<9}")[..9].parse().unwrap_or(0);
    let time = jiff::Timestamp::new(secs, nanos).ok()?;
    let user = m.user.clone().unwrap_or_default();
    let name = users
        .get(&user)
        .cloned()
        .or_else(|| {
            m.user_profile
                .as_ref()
                .and_then(|p| p.display_name.clone().or(p.real_name.clone()))
        })
        .unwrap_or_else(|| user.clone());
    let shared = m
        .attachments
        .iter()
        .find(|a| a.is_share)
        .and_then(|a| a.text.clone());
    let forwarded = shared.is_some() && m.text.trim().is_empty();
    let raw = match &shared {
        Some(text) if forwarded => text.as_str(),
        _ => m.text.as_str(),
    };
    let (text, mentions) = unmark(raw, users);
    let body = match m.subtype.as_deref() {
        None | Some("thread_broadcast") | Some("file_share") | Some("me_message") => {
            match m.files.first() {
                Some(f) => {
                    let kind = match f.mimetype.as_deref().unwrap_or("") {
                        t if t.starts_with("image/") => MediaKind::Photo,
                        t if t.starts_with("audio/") => MediaKind::Voice,
                        t if t.starts_with("video/") => MediaKind::Video,
                        _ => MediaKind::File,
                    };
                    Body::Media(Media {
                        kind,
                        name: f.name.clone().or(f.title.clone()),
                        path: None,
                    })
                }
                None => Body::Text,
            }
        }
        Some("tombstone") => Body::Recalled,
        Some(_) => Body::System,
    };
    let sender = Sender {
        id: m.user.clone(),
        name,
    };
    let mut message = Message::text(m.ts.clone(), time, sender, text);
    message.body = body;
    message.reply_to = m.thread_ts.filter(|t| *t != m.ts);
    message.edited = m.edited.is_some();
    message.forwarded = forwarded;
    message.mentions = mentions;
    Some(message)
}

/// Slack's mrkdwn escapes undone: `<@U1>` → `@name`, `<url|label>` → `label (url)`,
/// `<#C1|general>` → `#general`, `&lt;` → `<`.
fn unmark(text: &str, users: &HashMap<String, String>) -> (String, Vec<Mention>) {
    let mut out = String::new();
    let mut mentions = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let inner = &rest[open + 1..open + close];
        let (target, label) = inner.split_once('|').unwrap_or((inner, ""));
        if let Some(id) = target.strip_prefix('@') {
            let name = users.get(id).cloned().unwrap_or_else(|| {
                if label.is_empty() {
                    id.to_string()
                } else {
                    label.to_string()
                }
            });
            let shown = format!("@{name}");
            out.push_str(&shown);
            mentions.push(Mention {
                text: shown,
                id: Some(id.to_string()),
                name,
            });
        } else if let Some(channel) = target.strip_prefix('#') {
            out.push('#');
            out.push_str(if label.is_empty() { channel } else { label });
        } else if let Some(special) = target.strip_prefix('!') {
            out.push('@');
            out.push_str(if label.is_empty() { special } else { label });
        } else if label.is_empty() || label == target {
            out.push_str(target);
        } else {
            out.push_str(&format!("{label} ({target})"));
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    (out, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mrkdwn_is_undone() {
        let users: HashMap<String, String> = [("U1".to_string(), "lisi".to_string())].into();
        let (text, mentions) = unmark(
            "hi <@U1>, see <https://a.example/x|the guide> &amp; <#C9|general> &lt;b&gt;",
            &users,
        );
        assert_eq!(
            text,
            "hi @lisi, see the guide (https://a.example/x) & #general <b>"
        );
        assert_eq!(mentions[0].id.as_deref(), Some("U1"));
        assert_eq!(mentions[0].text, "@lisi");
    }
}
