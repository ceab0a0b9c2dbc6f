//! Stage "render", and every later stage that shows a page's data (feeds, search):
//! builds the template views of `render::context` from the loaded site. This is where
//! privacy is enforced: a private field or a hidden member never enters a view, so no
//! template, however written, can print it.

use crate::content::{GuestSpeaker, Item, ItemMeta, Kind, Speaker};
use crate::credits;
use crate::markdown::Block;
use crate::render::context::*;

use crate::site::{Site, months_between};

/// How current a solution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    Current,
    /// Last verified `months` ago, more than `stale_after_months`.
    Stale {
        months: i32,
    },
    Superseded,
}

/// Characters of body text in a summary.
const SUMMARY_CHARS: usize = 140;

impl Site {
    /// The byline/card view of a member; hidden members become the neutral label.
    pub fn person(&self, handle: &str) -> PersonView {
        let Some(m) = self.member(handle) else {
            return self.anonymous(handle);
        };
        if m.meta.hidden {
            return self.anonymous(handle);
        }
        let name = if self.is_private(m, "name") {
            m.handle.clone()
        } else {
            m.name().to_string()
        };
        let public = |field: &str, value: &Option<String>| {
            value.clone().filter(|_| !self.is_private(m, field))
        };
        PersonView {
            handle: Some(m.handle.clone()),
            initials: initials(&name),
            hue: hue(&m.handle),
            name,
            url: Some(self.member_url(&m.handle)),
            avatar: public("avatar", &m.meta.avatar).map(|a| self.site_path(&a)),
            role: public("role", &m.meta.role).map(|r| self.key_label("role", &r)),
            position: public("title", &m.meta.title),
            guest: m.meta.role.as_deref() == Some("guest"),
            hidden: false,
        }
    }

    /// Who wrote an answer: its member, or the guest of a `## @? 名字` heading.
    pub fn answerer(&self, a: &crate::markdown::Answer) -> PersonView {
        match &a.guest {
            Some(name) => {
                let name = if name.is_empty() {
                    self.theme.string("guest")
                } else {
                    name.clone()
                };
                self.guest(&crate::content::GuestSpeaker {
                    name,
                    title: None,
                    url: None,
                })
            }
            None => self.person(&a.handle),
        }
    }

    /// "一位成员": no handle, no name, no link, and a colour that does not depend on who it is.
    fn anonymous(&self, _handle: &str) -> PersonView {
        let label = self.theme.string("hidden_member");
        PersonView {
            handle: None,
            initials: "?".into(),
            hue: 0,
            name: label,
            url: None,
            avatar: None,
            role: None,
            position: None,
            guest: false,
            hidden: true,
        }
    }

    pub(crate) fn guest(&self, g: &GuestSpeaker) -> PersonView {
        PersonView {
            handle: None,
            initials: initials(&g.name),
            hue: hue(&g.name),
            name: g.name.clone(),
            url: g
                .url
                .as_deref()
                .filter(|u| crate::check::resolve::is_publishable_url(u))
                .map(|u| self.site_path(u)),
            avatar: None,
            role: None,
            position: g.title.clone(),
            guest: true,
            hidden: false,
        }
    }

    pub fn tag_view(&self, name: &str) -> TagView {
        match self.tag_index(name) {
            Some(i) => {
                let t = &self.tags[i];
                TagView {
                    name: t.name.clone(),
                    slug: t.slug.clone(),
                    url: self.url(&format!("tags/{}/", t.slug)),
                    count: t.items.len(),
                    aliases: t.aliases.clone(),
                }
            }
            None => TagView {
                name: name.to_string(),
                slug: String::new(),
                url: self.url("tags/"),
                count: 0,
                aliases: Vec::new(),
            },
        }
    }

    pub fn kind_label(&self, kind: Kind) -> String {
        self.theme.string(&format!("kind_{}", kind_name(kind)))
    }

    /// The card of item `i`.
    pub fn item_summary(&self, i: usize) -> ItemSummary {
        let item = &self.content.items[i];
        let rendered = &self.rendered[i];
        let people = match &item.meta {
            ItemMeta::Qa(m) => m.asked_by.iter().map(|h| self.person(h)).collect(),
            ItemMeta::Solution(m) => m.authors.iter().map(|h| self.person(h)).collect(),
            ItemMeta::Talk(m) => m.speaker.iter().map(|s| self.speaker(s)).collect(),
            ItemMeta::Page(_) => Vec::new(),
        };
        let summary = item.description().map_or_else(
            || excerpt(rendered.lead_text(), SUMMARY_CHARS),
            str::to_string,
        );
        let freshness = self.freshness(item);
        ItemSummary {
            kind: kind_name(item.kind).into(),
            kind_label: self.kind_label(item.kind),
            title: item.title.clone(),
            url: self.url(&self.item_path(item.kind, &item.slug)),
            date: item.date.map(|d| d.to_string()).unwrap_or_default(),
            year: item.date.map_or(0, |d| d.year()),
            tags: item.tags().iter().map(|t| self.tag_view(t)).collect(),
            summary,
            people,
            status: match &item.meta {
                ItemMeta::Qa(_) => Some(
                    if rendered.answers().next().is_some() {
                        "answered"
                    } else {
                        "open"
                    }
                    .into(),
                ),
                _ => None,
            },
            answer_count: rendered.answers().count(),
            stale: matches!(freshness, Freshness::Stale { .. }),
            superseded: freshness == Freshness::Superseded,
            lang: item.lang().map(str::to_string),
        }
    }

    fn speaker(&self, s: &Speaker) -> PersonView {
        match s {
            Speaker::Member(h) => self.person(h),
            Speaker::Guest(g) => self.guest(g),
        }
    }

    /// Whether a solution still holds (DESIGN §2.3); other kinds are always current.
    fn freshness(&self, item: &Item) -> Freshness {
        let ItemMeta::Solution(m) = &item.meta else {
            return Freshness::Current;
        };
        if m.superseded_by.is_some() {
            return Freshness::Superseded;
        }
        let Some(checked) = m.verified_on.or(item.date) else {
            return Freshness::Current;
        };
        let months = months_between(checked, self.now);
        if months > self.config.solutions.stale_after_months as i32 {
            Freshness::Stale { months }
        } else {
            Freshness::Current
        }
    }

    /// The full view of item `i` for its page.
    pub fn item_view(&self, i: usize) -> ItemView {
        let item = &self.content.items[i];
        let rendered = &self.rendered[i];
        let mut view = ItemView {
            summary: self.item_summary(i),
            content_html: String::new(),
            show_toc: rendered.toc.len() >= 3,
            toc: crate::render::context::TocNode::tree(&rendered.toc),
            curated_by: None,
            question_html: String::new(),
            answers: Vec::new(),
            notes_html: String::new(),
            asked_by: None,
            source: None,
            problem: None,
            authors: Vec::new(),
            related: Vec::new(),
            verified_on: None,
            superseded_by: None,
            stale_months: None,
            speaker: None,
            host: None,
            duration: None,
            format: None,
            slides: None,
            video: None,
            audio: None,
            extra: None,
            picks: self.item_picks(i),
        };
        match &item.meta {
            ItemMeta::Qa(m) => {
                let accepted = m.accepted.as_ref().map(|a| a.to_vec()).unwrap_or_default();
                let mut seen_answer = false;
                for block in &rendered.blocks {
                    match block {
                        Block::Text { html } if !seen_answer => view.question_html.push_str(html),
                        Block::Text { html } => view.notes_html.push_str(html),
                        Block::Answer(a) => {
                            seen_answer = true;
                            view.answers.push(AnswerView {
                                anchor: a.anchor.clone(),
                                author: self.answerer(a),
                                title: a.title.clone(),
                                html: a.html.clone(),
                                accepted: accepted.contains(&a.handle),
                            });
                        }
                    }
                }
                view.asked_by = m.asked_by.as_deref().map(|h| self.person(h));
                view.curated_by = m.curated_by.as_deref().map(|h| self.person(h));
                view.source = m.source.as_ref().map(|s| SourceView {
                    platform: s.platform.as_deref().map(|p| self.key_label("platform", p)),
                    group: s.group.clone(),
                    when: s.when.clone(),
                });
                view.extra = m.extra.clone();
            }
            ItemMeta::Solution(m) => {
                view.content_html = rendered.html();
                view.problem = m.problem.clone();
                view.authors = m.authors.iter().map(|h| self.person(h)).collect();
                view.related = m
                    .related
                    .iter()
                    .filter_map(|r| self.lookup(r))
                    .map(|j| self.item_summary(j))
                    .collect();
                view.verified_on = m.verified_on.map(|d| d.to_string());
                view.superseded_by =
                    m.superseded_by
                        .as_deref()
                        .and_then(|r| self.lookup(r))
                        .map(|j| Link {
                            title: self.content.items[j].title.clone(),
                            url: self.summary_url(j),
                            current: false,
                        });
                if let Freshness::Stale { months } = self.freshness(item) {
                    view.stale_months = Some(months);
                }
                view.curated_by = m.curated_by.as_deref().map(|h| self.person(h));
                view.extra = m.extra.clone();
            }
            ItemMeta::Talk(m) => {
                view.content_html = rendered.html();
                view.speaker = m.speaker.as_ref().map(|s| self.speaker(s));
                view.host = m.host.as_deref().map(|h| self.person(h));
                view.duration = m.duration;
                view.format = m.format.as_deref().map(|f| self.key_label("format", f));
                let path = |p: &Option<String>| p.as_deref().map(|p| self.site_path(p));
                view.slides = path(&m.slides);
                view.video = path(&m.video);
                view.audio = path(&m.audio);
                view.curated_by = m.curated_by.as_deref().map(|h| self.person(h));
                view.extra = m.extra.clone();
            }
            ItemMeta::Page(m) => {
                view.content_html = rendered.html();
                view.extra = m.extra.clone();
            }
        }
        view
    }

    fn summary_url(&self, i: usize) -> String {
        let item = &self.content.items[i];
        self.url(&self.item_path(item.kind, &item.slug))
    }

    /// A member's public profile. Every optional field passes `is_private` first.
    pub fn profile(&self, index: usize, with_bio: bool) -> ProfileView {
        let m = &self.content.members[index];
        let public = |field: &str, value: &Option<String>| {
            value.clone().filter(|_| !self.is_private(m, field))
        };
        let public_list = |field: &str, value: &Vec<String>| {
            if self.is_private(m, field) {
                Vec::new()
            } else {
                value.clone()
            }
        };
        let points = self.ledger.points(&m.handle);
        let counts = self.ledger.counts(&m.handle);
        let badges = self.config.credits.badges(&self.config.language);
        ProfileView {
            person: self.person(&m.handle),
            joined: m
                .meta
                .joined
                .filter(|_| !self.is_private(m, "joined"))
                .map(|d| d.to_string()),
            company: public("company", &m.meta.company),
            industry: public("industry", &m.meta.industry),
            location: public("location", &m.meta.location),
            expertise: public_list("expertise", &m.meta.expertise)
                .iter()
                .map(|e| self.expertise_view(e))
                .collect(),
            seeking: public_list("seeking", &m.meta.seeking),
            hobbies: public_list("hobbies", &m.meta.hobbies),
            links: m
                .meta
                .links
                .iter()
                .filter(|(k, _)| !self.is_private(m, &format!("links.{k}")))
                .map(|(k, v)| ProfileLink {
                    name: k.clone(),
                    value: v.clone(),
                    // A path on this site (`/static/cv.pdf`) links too, under the base path.
                    url: link_url(k, v).or_else(|| {
                        (v.starts_with('/') && !v.starts_with("//")).then(|| self.site_path(v))
                    }),
                })
                .collect(),
            bio_html: if with_bio {
                self.bios[index].html()
            } else {
                String::new()
            },
            points,
            tier: credits::tier(&self.config.credits.tiers(&self.config.language), points)
                .map(|t| t.name.clone()),
            badges: credits::badges(&badges, &counts)
                .into_iter()
                .map(|b| BadgeView {
                    name: b.name.clone(),
                    icon: b.icon.clone(),
                })
                .collect(),
            counts: counts
                .into_iter()
                .map(|(kind, count)| CountView {
                    label: self.credit_label(&kind),
                    kind,
                    count,
                })
                .collect(),
        }
    }

    /// A value that is a key of the configuration or the content (a role, a chat
    /// platform) in the site's language: the theme's `<group>_<key>` string, or the
    /// value as written when it is free text.
    pub fn key_label(&self, group: &str, key: &str) -> String {
        match self.theme.strings.get(&format!("{group}_{key}")) {
            Some(label) => label.clone(),
            None => key.to_string(),
        }
    }

    pub fn credit_label(&self, kind: &str) -> String {
        let key = format!("credit_{kind}");
        match self.theme.strings.get(&key) {
            Some(label) => label.clone(),
            None => kind.to_string(),
        }
    }

    pub fn expertise_view(&self, name: &str) -> TagView {
        let slug = self.expertise_slug(name);
        TagView {
            name: self.expertise_name(name).to_string(),
            url: self.url(&format!("members/expertise/{slug}/")),
            slug,
            count: 0,
            aliases: self.expertise_aliases(name).to_vec(),
        }
    }
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Qa => "qa",
        Kind::Solution => "solution",
        Kind::Talk => "talk",
        Kind::Page => "page",
    }
}

/// A usable URL for a profile link: http(s) values as they are, well-known services by
/// account name; anything else is shown as text.
fn link_url(name: &str, value: &str) -> Option<String> {
    if crate::check::resolve::is_publishable_url(value) && !value.starts_with('/') {
        return Some(value.to_string());
    }
    let account = value.trim_start_matches('@');
    let ok = !account.is_empty()
        && account
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    match name {
        "github" if ok => Some(format!("https://github.com/{account}")),
        "twitter" | "x" if ok => Some(format!("https://x.com/{account}")),
        "weibo" if ok => Some(format!("https://weibo.com/{account}")),
        _ => None,
    }
}

/// One CJK character or up to two Latin initials.
fn initials(name: &str) -> String {
    let name = name.trim();
    let first = name.chars().next().unwrap_or('?');
    if !first.is_ascii() {
        return first.to_string();
    }
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect::<String>()
        .to_uppercase()
}

/// A stable colour per person (FNV-1a of the handle).
fn hue(key: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % 360
}

/// The first `max` characters of `text`, cut at a word or sentence where possible.
pub fn excerpt(text: &str, max: usize) -> String {
    // Only as much of the text as the excerpt needs: a summary is made for every list a
    // page appears in, and flattening whole bodies each time showed in profiles.
    let mut flat = String::new();
    let mut count = 0;
    for word in text.split_whitespace() {
        if !flat.is_empty() {
            flat.push(' ');
            count += 1;
        }
        flat.push_str(word);
        count += word.chars().count();
        if count > max {
            break;
        }
    }
    if count <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max).collect();
    let at = cut
        .rfind([' ', '。', ',', ',', '.'])
        .filter(|&i| i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_fit_the_script() {
        assert_eq!(initials("张伟"), "张");
        assert_eq!(initials("Alice Chen"), "AC");
        assert_eq!(initials("bob"), "B");
    }

    #[test]
    fn excerpts_are_bounded() {
        let text = "一".repeat(300);
        assert_eq!(excerpt(&text, 140).chars().count(), 141);
        assert_eq!(excerpt("short  text\n", 140), "short text");
    }

    #[test]
    fn only_safe_links_become_hrefs() {
        assert_eq!(
            link_url("github", "zhangwei").as_deref(),
            Some("https://github.com/zhangwei")
        );
        assert_eq!(
            link_url("website", "https://a.example/").as_deref(),
            Some("https://a.example/")
        );
        assert_eq!(link_url("website", "javascript:alert(1)"), None);
        assert_eq!(link_url("wechat", "zw-2023"), None);
    }
}
