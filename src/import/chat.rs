//! Import, step 1 of 4: the one shape every chat format is read into. A format reader
//! (`formats::*`) turns an export into a stream of `Message`s; selection, people,
//! noise and the draft only ever see this shape.

use jiff::Timestamp;

/// The platform an export came from; names the `accounts:` list its ids live in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Telegram,
    Discord,
    Slack,
    WhatsApp,
    Qq,
    WeChat,
    /// A pasted `name: text` transcript: names only, matched against every platform.
    Transcript,
}

impl Platform {
    /// The key under a member's `accounts:` (and `source.platform` in a draft).
    pub fn key(self) -> &'static str {
        match self {
            Platform::Telegram => "telegram",
            Platform::Discord => "discord",
            Platform::Slack => "slack",
            Platform::WhatsApp => "whatsapp",
            Platform::Qq => "qq",
            Platform::WeChat => "wechat",
            Platform::Transcript => "chat",
        }
    }
}

/// Who sent a message, as the export names them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sender {
    /// The platform's stable id (`5010001`, `U05LISI002`, a QQ number), when it has one.
    pub id: Option<String>,
    /// The name the chat shows.
    pub name: String,
}

impl Sender {
    /// One key per person within an export: the id, or the name when there is none.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.name)
    }
}

/// What a message is, beyond its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text,
    /// A photo, file, voice note or video: shown as a placeholder unless `--media`.
    Media(Media),
    Sticker,
    /// Joins, pins, title changes: the chat's own notices.
    System,
    /// "…撤回了一条消息", "This message was deleted".
    Recalled,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub kind: MediaKind,
    /// The file's name, when the export gives it.
    pub name: Option<String>,
    /// Where the file lies, relative to the export (for `--media`), when it was exported.
    pub path: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Photo,
    File,
    Voice,
    Video,
}

/// A person named inside a message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The exact text in `Message::text` that names them (`@lisi_ops`, `@李思`).
    pub text: String,
    /// The platform id, when the export gives one (Telegram `mention_name`, Discord, Slack).
    pub id: Option<String>,
    /// The name or user name to match when there is no id.
    pub name: String,
}

/// One message of a chat, in the export's order (which is time order).
#[derive(Debug, Clone)]
pub struct Message {
    /// The export's id (Telegram and Discord ids, Slack `ts`), or its ordinal.
    pub id: String,
    pub time: Timestamp,
    pub sender: Sender,
    /// Plain text: platform markup undone, mentions as `Mention::text`.
    pub text: String,
    pub body: Body,
    /// The id of the message this one answers.
    pub reply_to: Option<String>,
    /// What a quoted reply showed of the message it answers, when the export only
    /// gives the quote (WeChat and QQ text exports), not an id.
    pub quote: Option<String>,
    pub edited: bool,
    /// Forwarded from elsewhere: duplicates of one forward are dropped.
    pub forwarded: bool,
    pub mentions: Vec<Mention>,
}

impl Message {
    /// A message with text and nothing else; readers fill in the rest.
    pub fn text(id: String, time: Timestamp, sender: Sender, text: String) -> Message {
        Message {
            id,
            time,
            sender,
            text,
            body: Body::Text,
            reply_to: None,
            quote: None,
            edited: false,
            forwarded: false,
            mentions: Vec::new(),
        }
    }

    /// The first line of the text, for `--list` and titles.
    pub fn first_line(&self) -> &str {
        self.text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// What a reader learnt about the chat besides its messages.
#[derive(Debug, Clone, Default)]
pub struct ChatInfo {
    /// The chat's or channel's name.
    pub name: Option<String>,
    /// What the reader could not read, for the summary.
    pub notes: Vec<String>,
}

impl ChatInfo {
    pub fn named(name: Option<String>) -> ChatInfo {
        ChatInfo {
            name,
            notes: Vec::new(),
        }
    }
}
