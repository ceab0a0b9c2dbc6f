//! Import, step 4: messages become draft entries. Each sender and mention is mapped to
//! a person (`people`), `@name` written in plain text is found among the chat's and
//! the members' names, secrets are taken out (`redact`), media become placeholders or
//! links (`media`), and a quoted reply keeps who and what it quoted.

use super::chat::{self, Body, Message, Platform, Sender};
use super::draft::Entry;
use super::media::MediaPlan;
use super::people::{self, Directory, Person, Roster};
use super::redact::{Piece, Redactor};

/// What turning messages into entries needs.
pub struct Context<'a> {
    pub platform: Platform,
    pub directory: &'a Directory,
    pub roster: Roster,
    pub redactor: Redactor,
    pub zh: bool,
    pub media: MediaPlan,
}

impl Context<'_> {
    pub fn entry(&mut self, m: &Message) -> Entry {
        let person = self.roster.person(self.directory, self.platform, &m.sender);

        let mut pieces = self.mentions(&m.text, &m.mentions);
        if let Body::Media(media) = &m.body {
            if !pieces
                .iter()
                .all(|p| matches!(p, Piece::Plain(t) if t.trim().is_empty()))
            {
                pieces.push(Piece::Plain("\n".into()));
            }
            pieces.push(self.media.piece(media, self.zh, &self.redactor));
        }
        let (pieces, _) = self.redactor.redact(pieces);
        let quote = m.quote.as_ref().map(|q| {
            let (who, said) = q
                .split_once(['：', ':'])
                .map_or((None, q.as_str()), |(w, s)| (Some(w.trim()), s.trim()));
            let who = who.and_then(|w| self.named(w));
            let said = self.mentions(said, &[]);
            let (said, _) = self.redactor.redact(said);
            (who, said)
        });
        Entry {
            id: m.id.clone(),
            time: m.time,
            person,
            pieces,
            reply_to: m.reply_to.clone(),
            quote,
        }
    }

    /// A person named in text (`@李思`, a quote's `李思：`), if they are someone we know.
    fn named(&mut self, name: &str) -> Option<Person> {
        if let Some((handle, how)) = self.directory.find(self.platform, None, name) {
            return Some(Person::Member { handle, how });
        }
        self.roster.by_shown_name(name)
    }

    /// The text with each mention as a person: those the export marked (with ids), and
    /// `@name` for a name of someone in the chat or in the members' accounts.
    fn mentions(&mut self, text: &str, marked: &[chat::Mention]) -> Vec<Piece> {
        let mut pieces = vec![Piece::Plain(text.to_string())];
        for mention in marked {
            let person = match &mention.id {
                Some(id) => Some(self.roster.person(
                    self.directory,
                    self.platform,
                    &Sender {
                        id: Some(id.clone()),
                        name: mention.name.clone(),
                    },
                )),
                None => self.named(&mention.name),
            };
            if let Some(person) = person {
                pieces = replace_in(pieces, &mention.text, &person.handle());
            }
        }
        let mut names: Vec<String> = self.roster.shown_names();
        names.extend(
            self.directory
                .known_names
                .iter()
                .map(|(n, _)| people::normalize(n)),
        );
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        let mut out = Vec::new();
        for piece in pieces {
            let Piece::Plain(text) = piece else {
                out.push(piece);
                continue;
            };
            out.extend(self.name_mentions(&text, &names));
        }
        out
    }

    fn name_mentions(&mut self, text: &str, names: &[String]) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut plain = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(['@', '＠']) {
            let sign_len = rest[at..].chars().next().map_or(1, char::len_utf8);
            plain.push_str(&rest[..at]);
            let after = &rest[at + sign_len..];
            let lower = after.to_lowercase();
            let hit = names.iter().find(|n| {
                lower.starts_with(n.as_str())
                    // The name must end there: `@李思Lisa` is not `@李思` when `李思 Lisa` is a name.
                    && after.get(n.len()..).is_some_and(|tail| !tail.starts_with(|c: char| c.is_ascii_alphanumeric()))
            });
            match hit
                .and_then(|n| after.get(..n.len()).map(str::to_string))
                .and_then(|shown| self.named(&shown).map(|p| (shown, p)))
            {
                Some((shown, person)) => {
                    if !plain.is_empty() {
                        out.push(Piece::Plain(std::mem::take(&mut plain)));
                    }
                    out.push(Piece::Mention(person.handle()));
                    rest = &after[shown.len()..];
                }
                None => {
                    plain.push_str(&rest[at..at + sign_len]);
                    rest = after;
                }
            }
        }
        plain.push_str(rest);
        if !plain.is_empty() {
            out.push(Piece::Plain(plain));
        }
        out
    }
}

/// Replaces each `needle` in the plain pieces with a mention of `handle`.
fn replace_in(pieces: Vec<Piece>, needle: &str, handle: &str) -> Vec<Piece> {
    if needle.is_empty() {
        return pieces;
    }
    let mut out = Vec::new();
    for piece in pieces {
        let Piece::Plain(text) = piece else {
            out.push(piece);
            continue;
        };
        let mut rest = text.as_str();
        while let Some(i) = rest.find(needle) {
            if i > 0 {
                out.push(Piece::Plain(rest[..i].to_string()));
            }
            out.push(Piece::Mention(handle.to_string()));
            rest = &rest[i + needle.len()..];
        }
        if !rest.is_empty() {
            out.push(Piece::Plain(rest.to_string()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Loaded;

    fn directory() -> Directory {
        let text = "---\nname: 李思\naccounts: { telegram: [5010002, \"@lisi_ops\"], wechat: [李思 Lisa] }\n---\n";
        let rel = std::path::Path::new("content/members/lisi.md");
        let Ok(Loaded::Member(m)) =
            crate::content::parse_file(rel, || Ok(text.as_bytes().to_vec()), true)
        else {
            panic!("a member");
        };
        Directory::new([m.as_ref()])
    }

    fn context(directory: &Directory, platform: Platform) -> Context<'_> {
        Context {
            platform,
            directory,
            roster: Roster::default(),
            redactor: Redactor::new(&directory.account_values()),
            zh: true,
            media: MediaPlan::placeholders(),
        }
    }

    fn sender(id: Option<&str>, name: &str) -> Sender {
        Sender {
            id: id.map(str::to_string),
            name: name.into(),
        }
    }

    #[test]
    fn marked_mentions_map_by_user_name_and_by_id() {
        let d = directory();
        let mut c = context(&d, Platform::Telegram);
        let marked = [
            chat::Mention {
                text: "@lisi_ops".into(),
                id: None,
                name: "@lisi_ops".into(),
            },
            chat::Mention {
                text: "赵小明".into(),
                id: Some("5019999".into()),
                name: "赵小明".into(),
            },
        ];
        let pieces = c.mentions("谢谢 @lisi_ops，也问问 赵小明", &marked);
        assert_eq!(
            pieces,
            [
                Piece::Plain("谢谢 ".into()),
                Piece::Mention("lisi".into()),
                Piece::Plain("，也问问 ".into()),
                Piece::Mention("unmapped-1".into()),
            ]
        );
        assert_eq!(
            c.roster.strangers.len(),
            1,
            "the mentioned stranger is listed to map"
        );
    }

    #[test]
    fn plain_at_names_map_to_people_of_the_chat_and_members() {
        let d = directory();
        let mut c = context(&d, Platform::WeChat);
        c.roster
            .person(&d, Platform::WeChat, &sender(None, "小明同学"));
        let pieces = c.mentions("@李思 Lisa 和 @小明同学 说得对，@nobody 不是人", &[]);
        assert_eq!(
            pieces,
            [
                Piece::Mention("lisi".into()),
                Piece::Plain(" 和 ".into()),
                Piece::Mention("unmapped-1".into()),
                Piece::Plain(" 说得对，@nobody 不是人".into()),
            ]
        );
    }

    #[test]
    fn an_entry_is_redacted_and_keeps_its_quote() {
        let d = directory();
        let mut c = context(&d, Platform::WeChat);
        let mut m = Message::text(
            "1".into(),
            jiff::Timestamp::UNIX_EPOCH,
            sender(None, "李思 Lisa"),
            "电话 13812345678".into(),
        );
        m.quote = Some("李思 Lisa:先发群规".into());
        let e = c.entry(&m);
        assert_eq!(e.person.handle(), "lisi");
        assert_eq!(
            e.pieces,
            [
                Piece::Plain("电话 ".into()),
                Piece::Redacted(crate::import::redact::Kind::Phone)
            ]
        );
        let (who, said) = e.quote.unwrap();
        assert_eq!(who.map(|p| p.handle()).as_deref(), Some("lisi"));
        assert_eq!(said, [Piece::Plain("先发群规".into())]);
    }
}
