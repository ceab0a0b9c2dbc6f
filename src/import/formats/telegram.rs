//! Import, the Telegram Desktop reader: "Export chat history" as JSON (`result.json`),
//! of one chat or of a whole account (`chats.list`, chosen with `--chat`). Messages are
//! streamed (`json::stream`); text entities become plain text and mentions.

use std::borrow::Cow;
use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ReadOptions, Sink, json, local_time, not_a_time};
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Mention, Message, Sender};
use crate::messages::say;

#[derive(Deserialize)]
struct TgMessage {
    id: i64,
    #[serde(rename = "type")]
    kind: String,
    date: String,
    date_unixtime: Option<String>,
    from: Option<String>,
    from_id: Option<String>,
    actor: Option<String>,
    actor_id: Option<String>,
    #[serde(default)]
    text: TgText,
    text_entities: Option<Vec<TgPart>>,
    reply_to_message_id: Option<i64>,
    edited: Option<String>,
    forwarded_from: Option<String>,
    photo: Option<String>,
    file: Option<String>,
    file_name: Option<String>,
    media_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TgText {
    Plain(String),
    Parts(Vec<TgPiece>),
}

impl Default for TgText {
    fn default() -> Self {
        TgText::Plain(String::new())
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TgPiece {
    Plain(String),
    Part(TgPart),
}

#[derive(Deserialize, Clone)]
struct TgPart {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    text: String,
    href: Option<String>,
    user_id: Option<serde_json::Value>,
}

/// Reads `path`, handing each message of the chosen chat to `sink`.
pub fn read(path: &Path, opts: &ReadOptions, sink: &mut Sink<'_>) -> Result<ChatInfo, ImportError> {
    let mut state = State {
        opts,
        sink,
        chats: Vec::new(),
        chosen: None,
        account: false,
    };
    json::stream(path, Top(&mut state), "Telegram")?;
    if state.account {
        return match (&opts.chat, state.chosen) {
            (None, _) => Err(ImportError::ChooseChat {
                what: "chat",
                flag: "--chat",
                known: state.chats,
            }),
            (Some(wanted), None) => Err(ImportError::UnknownChat {
                what: "chat",
                flag: "--chat",
                wanted: wanted.clone(),
                known: state.chats,
            }),
            (Some(_), Some(name)) => Ok(ChatInfo::named(Some(name))),
        };
    }
    let name = state.chats.pop();
    if let (Some(wanted), Some(name)) = (&opts.chat, &name)
        && !same_name(wanted, name)
    {
        return Err(ImportError::UnknownChat {
            what: "chat",
            flag: "--chat",
            wanted: wanted.clone(),
            known: vec![name.clone()],
        });
    }
    Ok(ChatInfo::named(name))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

struct State<'a, 's> {
    opts: &'a ReadOptions,
    sink: &'a mut Sink<'s>,
    /// Every chat's name, in order (one for a single-chat export).
    chats: Vec<String>,
    chosen: Option<String>,
    /// A whole-account export (`chats.list`), where `--chat` picks one.
    account: bool,
}

impl State<'_, '_> {
    fn wants(&self, name: &str) -> bool {
        if !self.account {
            return true;
        }
        self.chosen.is_none()
            && self
                .opts
                .chat
                .as_deref()
                .is_some_and(|w| same_name(w, name))
    }
}

/// The top-level object: a chat (`name`, `messages`) or an account (`chats`).
struct Top<'a, 'b, 's>(&'a mut State<'b, 's>);

impl<'de> DeserializeSeed<'de> for Top<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(ChatVisitor(self.0))
    }
}

/// One chat object: its name comes before its messages in every export seen.
struct ChatVisitor<'a, 'b, 's>(&'a mut State<'b, 's>);

impl<'de> Visitor<'de> for ChatVisitor<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Telegram chat export object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        let mut name = String::new();
        let mut saw_messages = false;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "name" => name = map.next_value::<Option<String>>()?.unwrap_or_default(),
                "chats" => {
                    state.account = true;
                    map.next_value_seed(ChatList(&mut *state))?;
                }
                "messages" => {
                    saw_messages = true;
                    state.chats.push(name.clone());
                    if state.wants(&name) {
                        if state.account {
                            state.chosen = Some(name.clone());
                        }
                        map.next_value_seed(Messages(&mut *state))?;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !saw_messages && !state.account {
            return Err(de::Error::custom(say("import-not-telegram", &[])));
        }
        Ok(())
    }
}

/// `chats: { about, list: [...] }` of an account export.
struct ChatList<'a, 'b, 's>(&'a mut State<'b, 's>);

impl<'de> DeserializeSeed<'de> for ChatList<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ChatList<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the account's chats")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "list" {
                map.next_value_seed(EachChat(&mut *self.0))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct EachChat<'a, 'b, 's>(&'a mut State<'b, 's>);

impl<'de> DeserializeSeed<'de> for EachChat<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EachChat<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of chats")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Top(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

struct Messages<'a, 'b, 's>(&'a mut State<'b, 's>);

impl<'de> DeserializeSeed<'de> for Messages<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(m) = seq.next_element::<TgMessage>()? {
            let message = convert(m, self.0.opts).map_err(de::Error::custom)?;
            if let ControlFlow::Break(()) = (self.0.sink)(message) {
                return Err(de::Error::custom(json::STOP));
            }
        }
        Ok(())
    }
}

fn convert(m: TgMessage, opts: &ReadOptions) -> Result<Message, String> {
    let time = match m.date_unixtime.as_deref().map(str::parse::<i64>) {
        Some(Ok(secs)) => jiff::Timestamp::from_second(secs).map_err(|e| e.to_string())?,
        _ => local_time(&m.date, opts).ok_or_else(|| not_a_time(m.id, &m.date))?,
    };
    let service = m.kind == "service";
    let sender = Sender {
        id: m
            .from_id
            .as_deref()
            .or(m.actor_id.as_deref())
            .map(numeric_id),
        name: m.from.or(m.actor).unwrap_or_default(),
    };
    let parts: Vec<TgPart> = match (m.text_entities, m.text) {
        (Some(entities), _) => entities,
        (None, TgText::Plain(s)) => vec![TgPart {
            kind: "plain".into(),
            text: s,
            href: None,
            user_id: None,
        }],
        (None, TgText::Parts(pieces)) => pieces
            .into_iter()
            .map(|p| match p {
                TgPiece::Plain(s) => TgPart {
                    kind: "plain".into(),
                    text: s,
                    href: None,
                    user_id: None,
                },
                TgPiece::Part(p) => p,
            })
            .collect(),
    };
    let mut text = String::new();
    let mut mentions = Vec::new();
    for part in parts {
        match part.kind.as_str() {
            "mention" => mentions.push(Mention {
                text: part.text.clone(),
                id: None,
                name: part.text.clone(),
            }),
            "mention_name" => mentions.push(Mention {
                text: part.text.clone(),
                id: part.user_id.as_ref().map(|v| match v {
                    serde_json::Value::String(s) => numeric_id(s),
                    other => other.to_string(),
                }),
                name: part.text.clone(),
            }),
            _ => {}
        }
        text.push_str(&part.text);
        // A link under other words keeps its address: the draft shows both.
        if part.kind == "text_link"
            && let Some(href) = part.href
            && href != part.text
        {
            text.push_str(&format!(" ({href})"));
        }
    }
    let body = if service {
        Body::System
    } else {
        match m.media_type.as_deref() {
            Some("sticker") | Some("animation") => Body::Sticker,
            Some("voice_message") | Some("audio_file") => {
                media(MediaKind::Voice, m.file_name, m.file)
            }
            Some("video_file") | Some("video_message") => {
                media(MediaKind::Video, m.file_name, m.file)
            }
            _ if m.photo.is_some() => media(MediaKind::Photo, None, m.photo),
            _ if m.file.is_some() => media(MediaKind::File, m.file_name, m.file),
            _ => Body::Text,
        }
    };
    let mut message = Message::text(m.id.to_string(), time, sender, text);
    message.body = body;
    message.reply_to = m.reply_to_message_id.map(|id| id.to_string());
    message.edited = m.edited.is_some();
    message.forwarded = m.forwarded_from.is_some();
    message.mentions = mentions;
    Ok(message)
}

fn media(kind: MediaKind, name: Option<String>, path: Option<String>) -> Body {
    // "(File not included. Change data exporting settings to download.)" is no path.
    let path = path.filter(|p| !p.starts_with('('));
    let name = name.or_else(|| {
        path.as_deref()
            .map(|p| p.rsplit('/').next().unwrap_or(p).to_string())
    });
    Body::Media(Media { kind, name, path })
}

/// `user5010001` → `5010001`: members list the number, as Telegram shows it.
fn numeric_id(id: &str) -> String {
    for prefix in ["user", "channel", "chat"] {
        if let Some(rest) = id.strip_prefix(prefix)
            && !rest.is_empty()
            && rest.bytes().all(|b| b.is_ascii_digit())
        {
            return rest.to_string();
        }
    }
    id.to_string()
}
