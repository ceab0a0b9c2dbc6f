//! Import, the DiscordChatExporter reader: its JSON export of one channel (`guild`,
//! `channel`, `messages`), streamed. Replies come from `reference`, mentions from
//! `<@id>` in the content and the `mentions` list, files from `attachments`.

use std::borrow::Cow;
use std::fmt;
use std::ops::ControlFlow;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ReadOptions, Sink, json, not_a_time};
use crate::import::ImportError;
use crate::import::chat::{Body, ChatInfo, Media, MediaKind, Mention, Message, Sender};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DcMessage {
    id: String,
    #[serde(rename = "type", default)]
    kind: String,
    timestamp: String,
    timestamp_edited: Option<String>,
    #[serde(default)]
    content: String,
    author: DcUser,
    #[serde(default)]
    attachments: Vec<DcAttachment>,
    #[serde(default)]
    stickers: Vec<IgnoredAny>,
    #[serde(default)]
    mentions: Vec<DcUser>,
    reference: Option<DcReference>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DcUser {
    id: String,
    #[serde(default)]
    name: String,
    nickname: Option<String>,
}

impl DcUser {
    fn shown(&self) -> &str {
        self.nickname
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.name)
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DcAttachment {
    url: Option<String>,
    file_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DcReference {
    message_id: Option<String>,
}

#[derive(Deserialize)]
struct DcChannel {
    name: Option<String>,
}

pub fn read(path: &Path, opts: &ReadOptions, sink: &mut Sink<'_>) -> Result<ChatInfo, ImportError> {
    let mut info = ChatInfo::default();
    json::stream(
        path,
        Top {
            info: &mut info,
            sink,
        },
        "DiscordChatExporter",
    )?;
    if let (Some(wanted), Some(name)) = (&opts.channel, &info.name)
        && wanted.trim_start_matches('#') != name
    {
        return Err(ImportError::UnknownChat {
            what: "channel",
            flag: "--channel",
            wanted: wanted.clone(),
            known: vec![name.clone()],
        });
    }
    Ok(info)
}

struct Top<'a, 's> {
    info: &'a mut ChatInfo,
    sink: &'a mut Sink<'s>,
}

impl<'de> DeserializeSeed<'de> for Top<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a DiscordChatExporter JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "channel" => self.info.name = map.next_value::<DcChannel>()?.name,
                "messages" => map.next_value_seed(Messages(&mut *self.sink))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct Messages<'a, 's>(&'a mut Sink<'s>);

impl<'de> DeserializeSeed<'de> for Messages<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Messages<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(m) = seq.next_element::<DcMessage>()? {
            let message = convert(m).map_err(de::Error::custom)?;
            if let ControlFlow::Break(()) = (self.0)(message) {
                return Err(de::Error::custom(json::STOP));
            }
        }
        Ok(())
    }
}

fn convert(m: DcMessage) -> Result<Message, String> {
    let time: jiff::Timestamp = m
        .timestamp
        .parse()
        .map_err(|_| not_a_time(&m.id, &m.timestamp))?;
    let mut text = m.content;
    let mut mentions = Vec::new();
    for user in &m.mentions {
        let shown = format!("@{}", user.shown());
        let raw = [format!("<@{}>", user.id), format!("<@!{}>", user.id)];
        let mut found = false;
        for r in &raw {
            if text.contains(r.as_str()) {
                text = text.replace(r.as_str(), &shown);
                found = true;
            }
        }
        if found || text.contains(&shown) {
            mentions.push(Mention {
                text: shown,
                id: Some(user.id.clone()),
                name: user.shown().to_string(),
            });
        }
    }
    let body = match m.kind.as_str() {
        "Default" | "Reply" | "" => {
            if let Some(a) = m.attachments.first() {
                let name = a.file_name.clone();
                let kind = match name.as_deref().map(extension) {
                    Some("png" | "jpg" | "jpeg" | "gif" | "webp") => MediaKind::Photo,
                    Some("ogg" | "mp3" | "m4a") => MediaKind::Voice,
                    Some("mp4" | "mov" | "webm") => MediaKind::Video,
                    _ => MediaKind::File,
                };
                let path = a.url.clone().filter(|u| !u.contains("://"));
                Body::Media(Media { kind, name, path })
            } else if !m.stickers.is_empty() && text.trim().is_empty() {
                Body::Sticker
            } else {
                Body::Text
            }
        }
        _ => Body::System,
    };
    let sender = Sender {
        id: Some(m.author.id.clone()),
        name: m.author.shown().to_string(),
    };
    let mut message = Message::text(m.id, time, sender, text);
    message.body = body;
    message.reply_to = m.reference.and_then(|r| r.message_id);
    message.edited = m.timestamp_edited.is_some();
    message.mentions = mentions;
    Ok(message)
}

fn extension(name: &str) -> &str {
    name.rsplit_once('.').map_or("", |(_, e)| e)
}
