//! What stages "cards" and "render" hand templates: the data templates see. These structs are the theme contract documented in
//! docs/THEMES.md: every template gets `site`, `t` (interface strings) and `page`,
//! plus the variables of its page type below. Only public data reaches them; private
//! member fields are dropped before a `PersonView` or `ProfileView` is built.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::TocEntry;

/// `site`: settings every page needs.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    /// Full base URL with trailing slash, for canonical links: `https://example.org/archive/`.
    pub base_url: String,
    /// Path prefix of every link: `/` or `/archive/`.
    pub base_path: String,
    pub language: String,
    /// Free pages with `menu: true`, by weight.
    pub menu: Vec<Link>,
    /// Main navigation: Q&A, solutions, talks, members, tags, archive.
    pub nav: Vec<Link>,
    pub search_enabled: bool,
    /// Stylesheet URL (with a content hash, so caches never serve an old one).
    pub stylesheet: String,
    pub generator: String,
    /// `extra:` of site.yaml, untouched.
    pub extra: Option<serde_json::Value>,
}

/// `page`: what is being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub title: String,
    /// Site-absolute path: `/archive/qa/x/`.
    pub url: String,
    /// Full URL for canonical and OpenGraph tags.
    pub permalink: String,
    pub description: String,
    /// `zh-CN`, `zh-TW`, `en`…: the item's own language or the site's.
    pub lang: String,
    /// Page type: home, list, qa, solution, talk, page, members, member, tags, tag, archive, credits, 404.
    pub kind: String,
    /// The Atom feed that belongs to this page (the site's, a kind's, a tag's or a member's).
    pub feed: String,
    /// schema.org JSON-LD for the page, escaped for a `<script>` element; may be empty.
    pub jsonld: String,
}

/// What the search page's script needs to find the index.
#[derive(Debug, Clone, Serialize)]
pub struct SearchInfo {
    pub shards: usize,
    /// Appended to every index URL, so a browser never mixes two builds' files.
    pub version: String,
    pub script: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
    /// True on the nav entry of the current section.
    pub current: bool,
}

/// A person as shown on a card or byline. Hidden members have no handle, name or URL:
/// `name` is the neutral label and `hidden` is true.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PersonView {
    pub handle: Option<String>,
    pub name: String,
    /// Profile URL; none for hidden members and guests.
    pub url: Option<String>,
    /// One or two characters for the generated avatar.
    pub initials: String,
    /// Hue 0–359 for the generated avatar, derived from the handle.
    pub hue: u32,
    pub avatar: Option<String>,
    pub role: Option<String>,
    /// Position (`title:` of the profile, or a guest's title).
    pub position: Option<String>,
    pub guest: bool,
    pub hidden: bool,
}

impl PersonView {
    /// Someone known only by name: a guest speaker, or the site itself as a feed author.
    pub fn named(name: &str, guest: bool) -> PersonView {
        PersonView {
            handle: None,
            name: name.to_string(),
            url: None,
            initials: String::new(),
            hue: 0,
            avatar: None,
            role: None,
            position: None,
            guest,
            hidden: false,
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TagView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
    /// The tag's other spellings (新人引導 beside 新人引导), shown on its page.
    pub aliases: Vec<String>,
}

/// An item in a list, a card, a search of the archive.
#[derive(Debug, Clone, Serialize)]
pub struct ItemSummary {
    /// qa, solution, talk, page
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    /// `2024-03-12`; empty for pages.
    pub date: String,
    pub year: i16,
    pub tags: Vec<TagView>,
    /// Plain text: the description, problem line or the start of the body.
    pub summary: String,
    /// Who the item is by: asker, authors or speaker.
    pub people: Vec<PersonView>,
    /// Q&A: `answered` or `open`.
    pub status: Option<String>,
    pub answer_count: usize,
    /// Solution flags.
    pub stale: bool,
    pub superseded: bool,
    pub lang: Option<String>,
}

/// One answer of a Q&A.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerView {
    pub anchor: String,
    pub author: PersonView,
    pub title: String,
    pub html: String,
    pub accepted: bool,
}

/// Where a Q&A happened.
#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub platform: Option<String>,
    pub group: Option<String>,
    pub when: Option<String>,
}

/// A heading in the table of contents, with the deeper headings that follow it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocNode {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocNode>,
}

impl TocNode {
    /// Nests `entries`: a heading deeper than the first level goes under the heading
    /// before it (one level of nesting: deeper ones join it there).
    pub fn tree(entries: &[TocEntry]) -> Vec<TocNode> {
        let top = entries.iter().map(|e| e.level).min().unwrap_or(2);
        let mut nodes: Vec<TocNode> = Vec::new();
        for e in entries {
            let node = TocNode {
                level: e.level,
                id: e.id.clone(),
                title: e.title.clone(),
                children: Vec::new(),
            };
            match nodes.last_mut() {
                Some(parent) if e.level > top => parent.children.push(node),
                _ => nodes.push(node),
            }
        }
        nodes
    }
}

/// `item` on qa.html, solution.html, talk.html and page.html. Fields that do not apply
/// to a kind are empty.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    #[serde(flatten)]
    pub summary: ItemSummary,
    /// The whole body (solutions, talks, pages); for Q&A see question_html/answers.
    pub content_html: String,
    /// The table of contents, sub-headings under their heading: an ordered list numbers
    /// the answers (or sections) 1, 2, 3 and nothing else.
    pub toc: Vec<TocNode>,
    /// True when the page is long enough for a table of contents.
    pub show_toc: bool,
    pub curated_by: Option<PersonView>,
    // Q&A
    pub question_html: String,
    pub answers: Vec<AnswerView>,
    /// Sections after the answers that are not answers (`## 小结`).
    pub notes_html: String,
    pub asked_by: Option<PersonView>,
    pub source: Option<SourceView>,
    // Solution
    pub problem: Option<String>,
    pub authors: Vec<PersonView>,
    pub related: Vec<ItemSummary>,
    pub verified_on: Option<String>,
    pub superseded_by: Option<Link>,
    /// Months since last verified, when stale.
    pub stale_months: Option<i32>,
    // Talk
    pub speaker: Option<PersonView>,
    pub host: Option<PersonView>,
    pub duration: Option<u32>,
    pub format: Option<String>,
    pub slides: Option<String>,
    pub video: Option<String>,
    pub audio: Option<String>,
    pub extra: Option<serde_json::Value>,
    /// The weeks that picked this item as their best (credits.yaml `picks:`).
    pub picks: Vec<ItemPick>,
}

/// A weekly pick, as the picked item shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ItemPick {
    /// The week's name: `2026 年第 48 周`.
    pub week: String,
    /// The week's page.
    pub url: String,
    pub person: PersonView,
    pub note: Option<String>,
}

/// A profile's public fields. Private fields are `None`/empty here, never filled.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileView {
    pub person: PersonView,
    pub joined: Option<String>,
    pub company: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
    pub expertise: Vec<TagView>,
    pub seeking: Vec<String>,
    pub hobbies: Vec<String>,
    /// Public links: `name` is the key (github, website…), `url` a usable URL or empty.
    pub links: Vec<ProfileLink>,
    pub bio_html: String,
    pub points: i64,
    pub tier: Option<String>,
    pub badges: Vec<BadgeView>,
    /// Contribution counts by kind, e.g. answer → 12.
    pub counts: Vec<CountView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProfileLink {
    pub name: String,
    pub value: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BadgeView {
    pub name: String,
    pub icon: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CountView {
    pub kind: String,
    pub label: String,
    pub count: usize,
}

/// One line of a contribution history.
#[derive(Debug, Clone, Serialize)]
pub struct ContributionView {
    pub kind: String,
    pub label: String,
    pub date: String,
    pub points: i64,
    /// The item (or answer anchor) credited; none for manual credits.
    pub title: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// A member and their points on a leaderboard or in "who to ask".
#[derive(Debug, Clone, Serialize)]
pub struct RankedPerson {
    pub person: PersonView,
    pub points: i64,
    pub tier: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paginator {
    pub current: usize,
    pub total_pages: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were skipped before this one (show "…").
    pub gap_before: bool,
}

/// One line of the archive: a title with its date and kind. Lighter than a card, as the
/// archive lists every write-up (and is not rendered again when only a body changed).
#[derive(Debug, Clone, Serialize)]
pub struct ArchiveEntry {
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    /// `YYYY-MM-DD`
    pub date: String,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    pub qa: usize,
    pub solutions: usize,
    pub talks: usize,
    pub members: usize,
}

/// `credits` of the credits page, and all of `credits.json`: everything both show.
#[derive(Debug, Clone, Serialize)]
pub struct CreditsView {
    /// "Now" of the build: the end of every window.
    pub as_of: String,
    /// Points per contribution kind in force.
    pub points: BTreeMap<String, i64>,
    pub tiers: Vec<crate::config::Tier>,
    pub badges: Vec<crate::config::Badge>,
    pub leaderboards: Leaderboards,
    /// Every credited member, most points first.
    pub members: Vec<MemberCredits>,
    /// Guest speakers, who are thanked by name but earn no points.
    pub guests: Vec<GuestCredit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Leaderboards {
    pub all_time: Vec<RankedPerson>,
    /// From 90 days before `as_of` to `as_of`, inclusive.
    pub last_90_days: Vec<RankedPerson>,
    /// Calendar years, newest first.
    pub years: Vec<YearBoard>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearBoard {
    pub year: i16,
    pub ranking: Vec<RankedPerson>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MemberCredits {
    pub person: PersonView,
    pub points: i64,
    pub tier: Option<String>,
    /// Count and points per kind, e.g. answer → (12, 36).
    pub by_kind: Vec<KindCredit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindCredit {
    pub kind: String,
    pub label: String,
    pub count: usize,
    pub points: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct GuestCredit {
    pub name: String,
    pub title: Option<String>,
    pub talks: Vec<Link>,
}

/// `week` on weekly.html, and what `cairn digest` posts (DESIGN §12): a week (or the
/// days since a date) with its new write-ups, best answers, board and new members.
/// Built from the same person and item views as every page, so nothing private enters.
#[derive(Debug, Clone, Serialize)]
pub struct WeekView {
    /// `2026-W48`; empty for days that are not one week (`cairn digest --since`).
    pub label: String,
    pub year: i16,
    pub number: i8,
    /// The week's name in the site's language: `2026 年第 48 周`.
    pub title: String,
    /// `YYYY-MM-DD`, Monday and Sunday of a week.
    pub from: String,
    pub to: String,
    /// The week's page (site-absolute); the weeks list for other days.
    pub url: String,
    /// Whether the week's Sunday has passed ("now" of the build).
    pub complete: bool,
    /// At most `WEEK_LIST` of each kind, newest first; `more` counts what every list
    /// (write-ups, accepted answers, new members) left out.
    pub qa: Vec<ItemSummary>,
    pub solutions: Vec<ItemSummary>,
    pub talks: Vec<ItemSummary>,
    pub more: usize,
    pub best: Vec<BestAnswer>,
    pub board: Vec<RankedPerson>,
    pub joined: Vec<PersonView>,
    /// Counts of the whole week, for the weeks list.
    pub counts: WeekCounts,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct WeekCounts {
    pub qa: usize,
    pub solutions: usize,
    pub talks: usize,
    pub best: usize,
    pub joined: usize,
    /// Members who earned points in the week.
    pub credited: usize,
}

/// One of a week's best: an accepted answer of the week's Q&As, or a pick from
/// credits.yaml.
#[derive(Debug, Clone, Serialize)]
pub struct BestAnswer {
    /// `accepted` or `pick`.
    pub kind: String,
    pub label: String,
    pub person: PersonView,
    pub title: String,
    /// The item, or the answer within it (site-absolute).
    pub url: String,
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8, id: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.into(),
            title: id.into(),
        }
    }

    #[test]
    fn sub_headings_go_under_the_heading_before_them() {
        let tree = TocNode::tree(&[
            entry(3, "lead"),
            entry(2, "lisi"),
            entry(3, "step-1"),
            entry(4, "detail"),
            entry(2, "wangfang"),
        ]);
        let shape: Vec<(&str, Vec<&str>)> = tree
            .iter()
            .map(|n| {
                (
                    n.id.as_str(),
                    n.children.iter().map(|c| c.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("lead", vec![]),
                ("lisi", vec!["step-1", "detail"]),
                ("wangfang", vec![])
            ]
        );
        assert!(TocNode::tree(&[]).is_empty());
    }
}
