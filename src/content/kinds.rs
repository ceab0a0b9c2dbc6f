//! Typed front matter for each content kind (DESIGN §2). Each struct lists exactly the
//! keys a moderator may write; `FIELDS` feeds the unknown-key check and its hints.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Deserialize;

use super::Document;
use crate::diagnostics::{Diagnostic, did_you_mean};

/// Free-form data a moderator keeps under `extra:`; passed to templates untouched.
pub type Extra = Option<serde_json::Value>;

/// A field that takes one value or a list (`accepted: lisi` or `accepted: [lisi, wangfang]`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }

    pub fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// `content/members/<handle>.md`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberMeta {
    pub name: Option<String>,
    pub role: Option<String>,
    pub joined: Option<Date>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
    #[serde(default)]
    pub expertise: Vec<String>,
    #[serde(default)]
    pub seeking: Vec<String>,
    #[serde(default)]
    pub hobbies: Vec<String>,
    #[serde(default)]
    pub links: BTreeMap<String, String>,
    pub avatar: Option<String>,
    #[serde(default)]
    pub private: Vec<String>,
    #[serde(default)]
    pub hidden: bool,
    pub lang: Option<String>,
    /// Chat accounts per platform, for `cairn import` (DESIGN §11). Always private:
    /// no view reads them, and the privacy scan looks for every one.
    #[serde(default)]
    pub accounts: BTreeMap<String, Vec<AccountId>>,
    pub extra: Extra,
}

/// One id of a member on a chat platform: a number (`123456`), a user name
/// (`"@zhang_wei"`) or the display name the chat shows (`张伟-产品`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum AccountId {
    Number(i64),
    Text(String),
}

impl std::fmt::Display for AccountId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccountId::Number(n) => write!(f, "{n}"),
            AccountId::Text(s) => f.write_str(s),
        }
    }
}

/// The platforms `accounts:` may name; `cairn import` reads an export of each.
pub const PLATFORMS: &[&str] = &["telegram", "discord", "slack", "whatsapp", "qq", "wechat"];

impl MemberMeta {
    /// Fields that `private:` (and site-wide `members.private_fields`) may name, besides
    /// `links.<name>`.
    pub const PRIVATE_FIELDS: &[&str] = &[
        "name",
        "role",
        "joined",
        "title",
        "company",
        "industry",
        "location",
        "expertise",
        "seeking",
        "hobbies",
        "links",
        "avatar",
    ];

    /// Whether `entry` names something that can be made private.
    pub fn is_private_field(entry: &str) -> bool {
        Self::PRIVATE_FIELDS.contains(&entry)
            || entry.strip_prefix("links.").is_some_and(|k| !k.is_empty())
    }

    /// A `private:` entry that names no field would silently publish what it meant to
    /// hide: the error for `entry` under `key` of `doc` (a profile or site.yaml).
    pub fn unknown_private_field(doc: &Document, key: &str, entry: &str) -> Diagnostic {
        let found = doc.field_error_said(key, entry, "unknown-private-field", &[("field", entry)]);
        match did_you_mean(entry, Self::PRIVATE_FIELDS.iter().copied()) {
            Some(near) => found.with_hint_said("unknown-private-field-near", &[("near", near)]),
            None => found.with_hint_said(
                "unknown-private-field-known",
                &[("fields", &Self::PRIVATE_FIELDS.join(", "))],
            ),
        }
    }

    pub const FIELDS: &[&str] = &[
        "name",
        "role",
        "joined",
        "title",
        "company",
        "industry",
        "location",
        "expertise",
        "seeking",
        "hobbies",
        "links",
        "avatar",
        "private",
        "hidden",
        "lang",
        "accounts",
        "extra",
    ];
}

/// Where a Q&A happened: `source: { platform: wechat, group: 运营交流1群, when: "…" }`.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChatSource {
    pub platform: Option<String>,
    pub group: Option<String>,
    pub when: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum QaStatus {
    Answered,
    Open,
}

/// `content/qa/*.md`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QaMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub asked_by: Option<String>,
    pub accepted: Option<OneOrMany>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub curated_by: Option<String>,
    pub source: Option<ChatSource>,
    pub status: Option<QaStatus>,
    #[serde(default)]
    pub draft: bool,
    pub lang: Option<String>,
    /// This page's quotes in CJK text, over `markdown.quotes`.
    pub quotes: Option<Quotes>,
    pub extra: Extra,
}

impl QaMeta {
    pub const FIELDS: &[&str] = &[
        "title",
        "description",
        "date",
        "asked_by",
        "accepted",
        "tags",
        "curated_by",
        "source",
        "status",
        "draft",
        "lang",
        "quotes",
        "extra",
    ];
}

/// `content/solutions/*.md`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SolutionMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Date>,
    #[serde(default)]
    pub authors: Vec<String>,
    pub problem: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub related: Vec<String>,
    pub verified_on: Option<Date>,
    pub superseded_by: Option<String>,
    pub curated_by: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub lang: Option<String>,
    /// This page's quotes in CJK text, over `markdown.quotes`.
    pub quotes: Option<Quotes>,
    pub extra: Extra,
}

impl SolutionMeta {
    pub const FIELDS: &[&str] = &[
        "title",
        "description",
        "date",
        "authors",
        "problem",
        "tags",
        "related",
        "verified_on",
        "superseded_by",
        "curated_by",
        "draft",
        "lang",
        "quotes",
        "extra",
    ];
}

/// A talk's speaker: a member handle, or a guest written inline.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Speaker {
    Member(String),
    Guest(GuestSpeaker),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuestSpeaker {
    pub name: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// `content/talks/*.md`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TalkMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Date>,
    pub speaker: Option<Speaker>,
    pub host: Option<String>,
    pub duration: Option<u32>,
    pub format: Option<String>,
    pub slides: Option<String>,
    pub video: Option<String>,
    pub audio: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub curated_by: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub lang: Option<String>,
    /// This page's quotes in CJK text, over `markdown.quotes`.
    pub quotes: Option<Quotes>,
    pub extra: Extra,
}

impl TalkMeta {
    pub const FIELDS: &[&str] = &[
        "title",
        "description",
        "date",
        "speaker",
        "host",
        "duration",
        "format",
        "slides",
        "video",
        "audio",
        "tags",
        "curated_by",
        "draft",
        "lang",
        "quotes",
        "extra",
    ];
}

/// `content/pages/*.md` and `content/_index.md`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub menu: bool,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    pub lang: Option<String>,
    /// This page's quotes in CJK text, over `markdown.quotes`.
    pub quotes: Option<Quotes>,
    pub extra: Extra,
}

impl PageMeta {
    pub const FIELDS: &[&str] = &[
        "title",
        "description",
        "menu",
        "weight",
        "draft",
        "lang",
        "quotes",
        "extra",
    ];
}

/// One entry of `content/credits.yaml`: credit for work that is not a write-up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualCredit {
    pub member: String,
    pub kind: String,
    pub date: Date,
    #[serde(default)]
    pub note: String,
    pub points: Option<i64>,
}

/// How quotes in Chinese (CJK) text are shown, `markdown.quotes` in site.yaml or
/// `quotes:` in a page's front matter; English text keeps English rules.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Quotes {
    /// “ ” and ‘ ’.
    #[default]
    Curly,
    /// 「 」 and 『 』.
    Corner,
}

/// One weekly pick of `content/credits.yaml` (`picks:`): the best of a week, chosen by a
/// moderator, worth `points.pick` (DESIGN §12). `week` stays text here (`2026-W48`) so a
/// malformed one is reported where it stands, with the others (`weekly::check_picks`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pick {
    pub week: String,
    pub member: String,
    /// The item picked, as `@/` links name it: `qa/2026-11-24-slug`.
    pub item: String,
    #[serde(default)]
    pub note: String,
}

impl Pick {
    /// The Monday the picked week starts on, or why `week` names no week.
    pub fn monday(&self) -> Result<Date, String> {
        iso_week_monday(&self.week).map_err(|said| said.in_english())
    }
}

/// The Monday of an ISO week written `2026-W48` (or `2026-w48`), or why it is not one:
/// a malformed text, or a week 53 in a year of 52 weeks, as the catalogues word it.
pub fn iso_week_monday(week: &str) -> Result<Date, crate::diagnostics::Said> {
    use crate::diagnostics::Said;
    let shape = week.len() == 8
        && week.is_char_boundary(5)
        && week[..4].bytes().all(|b| b.is_ascii_digit())
        && (&week[4..6] == "-W" || &week[4..6] == "-w")
        && week[6..].bytes().all(|b| b.is_ascii_digit());
    if !shape {
        return Err(Said::new("not-an-iso-week", &[("week", week)]));
    }
    let (year, number): (i16, i8) = (
        week[..4]
            .parse()
            .map_err(|_| Said::new("not-an-iso-week", &[("week", week)]))?,
        week[6..]
            .parse()
            .map_err(|_| Said::new("not-an-iso-week", &[("week", week)]))?,
    );
    jiff::civil::ISOWeekDate::new(year, number, jiff::civil::Weekday::Monday)
        .map(|d| d.date())
        .map_err(|_| {
            let weeks = jiff::civil::ISOWeekDate::new(year, 1, jiff::civil::Weekday::Monday)
                .map_or(52, |d| d.weeks_in_year());
            Said::new(
                "no-such-week",
                &[
                    ("year", &year.to_string()),
                    ("weeks", &weeks.to_string()),
                    ("week", week),
                ],
            )
        })
}

/// `content/credits.yaml` as a mapping: manual credits and weekly picks. A bare list is
/// still read as the manual credits alone (the first form cairn knew).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditsFile {
    #[serde(default)]
    pub credits: Vec<ManualCredit>,
    #[serde(default)]
    pub picks: Vec<Pick>,
}

/// The typed front matter of an item, by kind.
#[derive(Debug, Clone)]
pub enum ItemMeta {
    Qa(QaMeta),
    Solution(SolutionMeta),
    Talk(TalkMeta),
    Page(PageMeta),
}

/// The four kinds of item with their own folder and URL prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Qa,
    Solution,
    Talk,
    Page,
}

impl Kind {
    /// The folder under `content/` and the URL prefix of the kind's list.
    pub fn section(self) -> &'static str {
        match self {
            Kind::Qa => "qa",
            Kind::Solution => "solutions",
            Kind::Talk => "talks",
            Kind::Page => "pages",
        }
    }

    pub fn from_section(section: &str) -> Option<Kind> {
        [Kind::Qa, Kind::Solution, Kind::Talk, Kind::Page]
            .into_iter()
            .find(|k| k.section() == section)
    }

    /// The kinds that are dated write-ups with lists, tags and feeds.
    pub const WRITE_UPS: [Kind; 3] = [Kind::Qa, Kind::Solution, Kind::Talk];

    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Qa => QaMeta::FIELDS,
            Kind::Solution => SolutionMeta::FIELDS,
            Kind::Talk => TalkMeta::FIELDS,
            Kind::Page => PageMeta::FIELDS,
        }
    }
}
