//! Import, step 3: who is who. Each sender and each person mentioned is mapped to a
//! member handle through the members' private `accounts:` (by id, user name or display
//! name), or, as a reported fallback, by a display name equal to a member's `name`.
//! Anyone else becomes `@unmapped-N`, which `check` and `build` refuse until the
//! moderator maps them: a real name from a chat is never published by accident.

use std::collections::BTreeMap;
use std::path::Path;

use super::chat::{Platform, Sender};
use crate::content::{Loaded, Member};
use crate::diagnostics::Diagnostics;

/// How a person was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// An id, user name or display name under the member's `accounts:`.
    Account,
    /// The display name equals the member's `name`: likely, but worth a look.
    Name,
}

/// A person of the chat, as the draft names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    Member {
        handle: String,
        how: Match,
    },
    /// The n-th person no member's accounts name (`@unmapped-n`).
    Unmapped(usize),
}

impl Person {
    /// The handle the draft writes: `lisi` or `unmapped-1`.
    pub fn handle(&self) -> String {
        match self {
            Person::Member { handle, .. } => handle.clone(),
            Person::Unmapped(n) => format!("unmapped-{n}"),
        }
    }
}

/// The members' accounts, ready to match.
pub struct Directory {
    /// (platform, normalized id) → handle.
    accounts: BTreeMap<(String, String), String>,
    /// normalized display name → handle, from members' `name`.
    names: BTreeMap<String, String>,
    /// Every account value and member name, for mentions written as plain `@name`.
    pub known_names: Vec<(String, String)>,
    handles: Vec<String>,
    /// Every account value as written, to take out of message text.
    accounts_written: Vec<String>,
}

/// One person met in the chat who maps to no member, for the summary.
#[derive(Debug, Clone)]
pub struct Stranger {
    pub number: usize,
    pub sender: Sender,
}

impl Directory {
    /// Reads `content/members/*.md` of the site at `root`.
    pub fn load(root: &Path) -> Result<Directory, Diagnostics> {
        let mut members = Vec::new();
        let mut problems = Diagnostics::new();
        let dir = root.join("content/members");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
        {
            let rel = crate::content::relative(root, path);
            match crate::content::parse_file(&rel, || std::fs::read(path), true) {
                Ok(Loaded::Member(m)) => members.push(m),
                Ok(_) => {}
                Err(found) => problems.extend(found),
            }
        }
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Directory::new(members.iter().map(|m| m.as_ref())))
    }

    pub fn new<'a>(members: impl IntoIterator<Item = &'a Member>) -> Directory {
        let mut accounts = BTreeMap::new();
        let mut names = BTreeMap::new();
        let mut known_names = Vec::new();
        let mut handles = Vec::new();
        let mut accounts_written = Vec::new();
        for m in members {
            handles.push(m.handle.clone());
            for (platform, ids) in &m.meta.accounts {
                for id in ids {
                    let id = id.to_string();
                    accounts.insert((platform.clone(), normalize(&id)), m.handle.clone());
                    accounts_written.push(id.clone());
                    known_names.push((id, m.handle.clone()));
                }
            }
            if let Some(name) = &m.meta.name {
                names.insert(normalize(name), m.handle.clone());
                known_names.push((name.clone(), m.handle.clone()));
            }
        }
        // Longest first, so `@李思 Lisa` is matched before `@李思`.
        known_names.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        // A display name that is also someone's public name is no secret to take out.
        let public: Vec<String> = names.keys().cloned().collect();
        accounts_written.retain(|a| !public.contains(&normalize(a)));
        Directory {
            accounts,
            names,
            known_names,
            handles,
            accounts_written,
        }
    }

    /// Account values to take out of message text (`redact`).
    pub fn account_values(&self) -> Vec<String> {
        self.accounts_written.clone()
    }

    /// `--by`: a member's handle, or an error with the nearest one.
    pub fn check_handle(&self, handle: &str) -> Result<(), String> {
        if self.handles.iter().any(|h| h == handle) {
            return Ok(());
        }
        let near =
            crate::diagnostics::did_you_mean(handle, self.handles.iter().map(String::as_str));
        Err(match near {
            Some(n) => format!("--by: unknown member `{handle}`\n  = hint: did you mean `{n}`?"),
            None => format!(
                "--by: unknown member `{handle}`\n  = hint: --by takes the curator's handle, the name of a file in content/members/"
            ),
        })
    }

    /// The member a sender or mention is, if any: by id, then by shown name among
    /// accounts, then by a member's `name`.
    pub fn find(
        &self,
        platform: Platform,
        id: Option<&str>,
        name: &str,
    ) -> Option<(String, Match)> {
        let platforms: Vec<&str> = match platform {
            // A transcript has only names: they may be any platform's.
            Platform::Transcript => crate::content::PLATFORMS.to_vec(),
            p => vec![p.key()],
        };
        for p in &platforms {
            for value in id.into_iter().chain([name]) {
                if value.trim().is_empty() {
                    continue;
                }
                if let Some(handle) = self.accounts.get(&(p.to_string(), normalize(value))) {
                    return Some((handle.clone(), Match::Account));
                }
            }
        }
        self.names
            .get(&normalize(name))
            .map(|h| (h.clone(), Match::Name))
    }
}

/// Case, a leading `@`, spaces and the dashes of phone numbers do not tell people apart.
pub fn normalize(value: &str) -> String {
    let v = value.trim().trim_start_matches('@');
    let phone_like = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && v.chars().any(|c| c.is_ascii_digit());
    if phone_like {
        return v.chars().filter(|c| c.is_ascii_digit()).collect();
    }
    v.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everyone met in one import, numbered as they first appear.
#[derive(Default)]
pub struct Roster {
    /// sender key → person.
    people: BTreeMap<String, Person>,
    pub strangers: Vec<Stranger>,
    /// Matches by display name only: `(name, handle)`, to report.
    pub by_name: Vec<(String, String)>,
}

impl Roster {
    /// The person behind `sender`, mapping them on first sight.
    pub fn person(&mut self, dir: &Directory, platform: Platform, sender: &Sender) -> Person {
        let key = format!(
            "{}\u{0}{}",
            sender.id.as_deref().unwrap_or(""),
            normalize(&sender.name)
        );
        if let Some(p) = self.people.get(&key) {
            return p.clone();
        }
        // The same person met before under their id alone (a mention with an id).
        if let Some(id) = &sender.id
            && let Some(p) = self
                .people
                .iter()
                .find(|(k, _)| k.split('\u{0}').next() == Some(id))
                .map(|(_, p)| p.clone())
        {
            self.people.insert(key, p.clone());
            return p;
        }
        let person = match dir.find(platform, sender.id.as_deref(), &sender.name) {
            Some((handle, how)) => {
                if how == Match::Name {
                    self.by_name.push((sender.name.clone(), handle.clone()));
                }
                Person::Member { handle, how }
            }
            None => {
                let number = self.strangers.len() + 1;
                self.strangers.push(Stranger {
                    number,
                    sender: sender.clone(),
                });
                Person::Unmapped(number)
            }
        };
        self.people.insert(key, person.clone());
        person
    }

    /// The person a name belongs to among those met so far (for `@name` in plain text).
    pub fn by_shown_name(&self, name: &str) -> Option<Person> {
        let wanted = normalize(name);
        self.people
            .iter()
            .find(|(k, _)| k.split('\u{0}').nth(1) == Some(wanted.as_str()))
            .map(|(_, p)| p.clone())
    }

    /// Names of people met so far, longest first (to find `@name` mentions).
    pub fn shown_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .people
            .keys()
            .filter_map(|k| k.split('\u{0}').nth(1).map(str::to_string))
            .filter(|n| !n.is_empty())
            .collect();
        names.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        names.dedup();
        names
    }
}

/// The `accounts:` line that would map a stranger, for the summary.
pub fn suggested_accounts(platform: Platform, sender: &Sender) -> String {
    let key = match platform {
        Platform::Transcript => "wechat",
        p => p.key(),
    };
    let value = sender.id.as_deref().unwrap_or(&sender.name);
    let quoted =
        if value.bytes().all(|b| b.is_ascii_digit()) && !value.starts_with('0') && value.len() < 16
        {
            value.to_string()
        } else {
            serde_json::to_string(value).unwrap_or_default()
        };
    format!("accounts: {{ {key}: [{quoted}] }}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(handle: &str, yaml: &str) -> Member {
        let text = format!("---\n{yaml}\n---\n");
        let rel = std::path::PathBuf::from(format!("content/members/{handle}.md"));
        match crate::content::parse_file(&rel, || Ok(text.into_bytes()), true) {
            Ok(Loaded::Member(m)) => (*m).clone(),
            _ => panic!("not a member"),
        }
    }

    fn directory() -> Directory {
        let members = [
            member(
                "lisi",
                "name: 李思\naccounts: { telegram: [5010002, \"@lisi_ops\"], wechat: [李思 Lisa], whatsapp: [\"+86 138 0000 0002\"] }",
            ),
            member("wangfang", "name: 王芳"),
        ];
        Directory::new(members.iter())
    }

    #[test]
    fn senders_map_by_id_user_name_display_name_and_phone() {
        let d = directory();
        assert_eq!(
            d.find(Platform::Telegram, Some("5010002"), "whoever"),
            Some(("lisi".into(), Match::Account))
        );
        assert_eq!(
            d.find(Platform::Telegram, None, "@LiSi_Ops"),
            Some(("lisi".into(), Match::Account))
        );
        assert_eq!(
            d.find(Platform::WeChat, None, "李思  Lisa"),
            Some(("lisi".into(), Match::Account))
        );
        assert_eq!(
            d.find(Platform::WhatsApp, None, "+86 13800000002"),
            Some(("lisi".into(), Match::Account))
        );
        // An id is per platform: a Discord id that equals a Telegram id is someone else.
        assert_eq!(d.find(Platform::Discord, Some("5010002"), "x"), None);
    }

    #[test]
    fn a_members_name_is_a_reported_fallback() {
        let d = directory();
        assert_eq!(
            d.find(Platform::Qq, Some("2850010005"), "王芳"),
            Some(("wangfang".into(), Match::Name))
        );
        let mut roster = Roster::default();
        let p = roster.person(
            &d,
            Platform::Qq,
            &Sender {
                id: Some("2850010005".into()),
                name: "王芳".into(),
            },
        );
        assert_eq!(p.handle(), "wangfang");
        assert_eq!(
            roster.by_name,
            [("王芳".to_string(), "wangfang".to_string())]
        );
    }

    #[test]
    fn strangers_are_numbered_once_each() {
        let d = directory();
        let mut roster = Roster::default();
        let zhao = Sender {
            id: Some("5019999".into()),
            name: "赵小明".into(),
        };
        let other = Sender {
            id: Some("5018888".into()),
            name: "路人".into(),
        };
        assert_eq!(
            roster.person(&d, Platform::Telegram, &zhao),
            Person::Unmapped(1)
        );
        assert_eq!(
            roster.person(&d, Platform::Telegram, &other),
            Person::Unmapped(2)
        );
        assert_eq!(
            roster.person(&d, Platform::Telegram, &zhao),
            Person::Unmapped(1)
        );
        assert_eq!(roster.strangers.len(), 2);
        assert_eq!(
            suggested_accounts(Platform::Telegram, &zhao),
            "accounts: { telegram: [5019999] }"
        );
        assert_eq!(
            suggested_accounts(
                Platform::WhatsApp,
                &Sender {
                    id: None,
                    name: "+86 186 0000 9999".into()
                }
            ),
            "accounts: { whatsapp: [\"+86 186 0000 9999\"] }"
        );
    }
}
